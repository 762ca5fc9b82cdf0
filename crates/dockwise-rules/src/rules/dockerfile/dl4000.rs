//! DL4000: the deprecated MAINTAINER instruction.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL4000",
    name: "maintainer-deprecated",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("MAINTAINER is deprecated: use a LABEL"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags the MAINTAINER instruction.",
        why: "MAINTAINER has been deprecated since Docker 1.13. It writes a field tools no longer read, while labels \
            are the standard, queryable place for image metadata (`docker inspect`, registries and scanners read the \
            OCI `org.opencontainers.image.*` labels).",
        bad: "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
        good: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
        fix: "Replace it with `LABEL org.opencontainers.image.authors=\"Name <email>\"` (or `LABEL maintainer=...`).",
    },
    quiz: quiz! {
        question: "What replaces MAINTAINER?",
        choices: &[
            Choice {
                text: "A LABEL such as `org.opencontainers.image.authors`",
                correct: true,
                feedback: "Right: labels are the standard metadata mechanism that tools read.",
            },
            Choice {
                text: "An ENV variable named MAINTAINER",
                correct: false,
                feedback: "ENV leaks into the container's environment; metadata belongs in labels.",
            },
            Choice {
                text: "Nothing: authorship cannot be recorded in an image",
                correct: false,
                feedback: "It can, with labels.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(check),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx
        .instructions()
        .iter()
        .map(|i| i.effective())
        .filter(|i| i.kind == Kind::Maintainer)
    {
        out.report(
            ins.keyword_span,
            "MAINTAINER is deprecated: use `LABEL org.opencontainers.image.authors=...`",
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
}
