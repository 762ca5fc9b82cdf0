//! DL3052: A schema label of type url is not a URL

use super::helpers::labels::{check_type, is_url};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::options::LabelType;
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3052",
    name: "label-url",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A schema label of type url is not a URL"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With a `label-schema` in the config, flags labels of type `url` whose value is not a URL. Does nothing \
            without a schema.",
        why: "Tools that read labels may show url labels as links; a value without a scheme is not a URL, sends \
            people nowhere, and usually means a copy-paste slip.",
        bad: "# config: {label-schema: {org.opencontainers.image.source: url}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.source=github.com/example/app\n",
        good: "# config: {label-schema: {org.opencontainers.image.source: url}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.source=https://github.com/example/app\n",
        fix: "Write the full URL with its scheme: `https://...`.",
    },
    quiz: quiz! {
        question: "Is `github.com/org/app` a valid value for a label of type url?",
        choices: &[
            Choice {
                text: "No: a URL starts with a scheme",
                correct: true,
                feedback: "`https://github.com/org/app` is a URL; the bare host and path is not.",
            },
            Choice {
                text: "Yes: browsers accept it without a scheme",
                correct: false,
                feedback: "Browsers guess; tools that read labels do not.",
            },
            Choice {
                text: "Yes: `https://` is implied for labels",
                correct: false,
                feedback: "Nothing adds a scheme; a tool that turns the value into a link gets a relative path.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_LABEL,
        &sources::HADOLINT_LABELS,
        &sources::OCI_ANNOTATIONS,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    check_type(cx, out, LabelType::Url, is_url, "a URL");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::options::{LabelType, LintOptions};
    use crate::testing::{schema, spans_with};

    fn spans(src: &str) -> Vec<&str> {
        spans_with(&RULE, src, schema("org.opencontainers.image.source", LabelType::Url))
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans("FROM a:1\nLABEL org.opencontainers.image.source=github.com/example/app\n"),
            ["github.com/example/app"]
        );
    }

    #[test]
    fn good() {
        assert!(spans("FROM a:1\nLABEL org.opencontainers.image.source=https://github.com/example/app\n").is_empty());
    }

    #[test]
    fn edge() {
        // other labels and a missing schema are not this rule's business
        assert!(spans("FROM a:1\nLABEL other=github.com/example/app\n").is_empty());
        assert!(spans_with(
            &RULE,
            "FROM a:1\nLABEL org.opencontainers.image.source=github.com/example/app\n",
            LintOptions::default()
        )
        .is_empty());
    }
}
