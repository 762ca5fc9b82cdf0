//! DL4000: the deprecated MAINTAINER instruction.

use super::helpers::fixes::{quote_literal, Keywords};
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::{FileKind, Span};

pub static RULE: Rule = Rule {
    id: "DL4000",
    name: "maintainer-deprecated",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("MAINTAINER is deprecated: use a LABEL"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags the MAINTAINER instruction.",
        why: "MAINTAINER only sets the image's Author field, and the Dockerfile reference marks it deprecated; \
            BuildKit warns about it (MaintainerDeprecated). A LABEL holds the same information in the standard OCI \
            key `org.opencontainers.image.authors` and shows up in `docker inspect` with the other labels.",
        bad: "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
        good: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
        fix: "Replace it with `LABEL org.opencontainers.image.authors=\"Name <email>\"` (or `LABEL maintainer=...`).",
    },
    quiz: quiz! {
        question: "What replaces MAINTAINER?",
        choices: &[
            Choice {
                text: "A LABEL (`org.opencontainers.image.authors`)",
                correct: true,
                feedback: "Labels are the standard, queryable place for image metadata.",
            },
            Choice {
                text: "An ENV variable named MAINTAINER",
                correct: false,
                feedback: "ENV leaks into the container's environment; metadata belongs in labels.",
            },
            Choice {
                text: "A `# maintainer:` comment at the top of the file",
                correct: false,
                feedback: "Comments never reach the image; a label is stored in it and readable with `docker \
                    inspect`.",
            },
            Choice {
                text: "Nothing: authorship cannot be stored in an image",
                correct: false,
                feedback: "It can, with labels.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["MaintainerDeprecated"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Build checks: MaintainerDeprecated"),
            url: text!("https://docs.docker.com/reference/build-checks/maintainer-deprecated/"),
        },
        &Source {
            title: text!("Docker docs: Dockerfile reference (MAINTAINER (deprecated))"),
            url: text!("https://docs.docker.com/reference/dockerfile/#maintainer-deprecated"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let keywords = Keywords::default();
    for ins in cx
        .instructions()
        .iter()
        .map(|i| i.effective())
        .filter(|i| i.kind == Kind::Maintainer)
    {
        // MAINTAINER takes its text as written: the label's value is that
        // text, quoted so that nothing in it is expanded
        let fix = || {
            ins.text().and_then(|w| {
                let label = format!(
                    "{} org.opencontainers.image.authors={}",
                    keywords.get(cx, "LABEL"),
                    quote_literal(w.raw.trim(), cx.df.escape)
                );
                let span = Span::new(ins.keyword_span.start, w.span.end);
                Fix::safe(
                    "use LABEL org.opencontainers.image.authors",
                    vec![Edit::replace(span, label)],
                )
            })
        };
        out.push(
            Diagnostic::new(
                ins.keyword_span,
                "MAINTAINER is deprecated: use `LABEL org.opencontainers.image.authors=...`",
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nMAINTAINER me\n"), ["MAINTAINER"]);
        assert_eq!(spans(&RULE, "FROM a:1\nmaintainer me\n"), ["maintainer"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nLABEL maintainer=me\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\n# MAINTAINER me\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nMAINTAINER Jane Doe <jane@example.com>\n"),
            "FROM a:1\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n"
        );
        // MAINTAINER expands nothing: the label must not either
        assert_eq!(
            fix_converges(&RULE, "from a:1\nmaintainer \"Jo\" $USER \\o/\n"),
            "from a:1\nlabel org.opencontainers.image.authors=\"\\\"Jo\\\" \\$USER \\\\o/\"\n"
        );
        assert_eq!(
            fix_converges(&RULE, "# escape=`\nFROM a:1\nMAINTAINER \"Jo\" C:\\x\n"),
            "# escape=`\nFROM a:1\nLABEL org.opencontainers.image.authors=\"`\"Jo`\" C:\\x\"\n"
        );
    }
}
