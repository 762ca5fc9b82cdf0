//! DL3053: A schema label of type rfc3339 is not an RFC 3339 date-time

use super::helpers::labels::{check_type, is_rfc3339};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::options::LabelType;
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3053",
    name: "label-rfc3339",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A schema label of type rfc3339 is not an RFC 3339 date-time"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With a `label-schema` in the config, flags labels of type `rfc3339` whose value is not an RFC 3339 \
            date-time. Does nothing without a schema.",
        why: "The OCI `created` annotation is an RFC 3339 date-time. Tools compare and sort such labels; a value that \
            is not a full timestamp (date, time and zone) cannot be parsed.",
        bad: "# config: {label-schema: {org.opencontainers.image.created: rfc3339}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.created=2024-05-01\n",
        good: "# config: {label-schema: {org.opencontainers.image.created: rfc3339}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.created=2024-05-01T12:00:00Z\n",
        fix: "Use a full timestamp with zone: `2024-05-01T12:00:00Z` (for example `date -u +%Y-%m-%dT%H:%M:%SZ` in \
            CI).",
    },
    quiz: quiz! {
        question: "Which value is a valid RFC 3339 date-time?",
        choices: &[
            Choice {
                text: "`2024-05-01T12:00:00Z`",
                correct: true,
                feedback: "Date, time and zone.",
            },
            Choice {
                text: "`2024-05-01`",
                correct: false,
                feedback: "A date alone lacks the time and zone.",
            },
            Choice {
                text: "`Wed, 01 May 2024 12:00:00 GMT`",
                correct: false,
                feedback: "That is the HTTP (RFC 1123) date format, not RFC 3339.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_LABEL,
        &sources::OCI_ANNOTATIONS,
        &sources::HADOLINT_LABELS,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    check_type(cx, out, LabelType::Rfc3339, is_rfc3339, "an RFC 3339 date-time");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::options::{LabelType, LintOptions};
    use crate::testing::{schema, spans_with};

    fn spans(src: &str) -> Vec<&str> {
        spans_with(
            &RULE,
            src,
            schema("org.opencontainers.image.created", LabelType::Rfc3339),
        )
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans("FROM a:1\nLABEL org.opencontainers.image.created=2024-05-01\n"),
            ["2024-05-01"]
        );
    }

    #[test]
    fn good() {
        assert!(spans("FROM a:1\nLABEL org.opencontainers.image.created=2024-05-01T12:00:00Z\n").is_empty());
    }

    #[test]
    fn edge() {
        // other labels and a missing schema are not this rule's business
        assert!(spans("FROM a:1\nLABEL other=2024-05-01\n").is_empty());
        assert!(spans_with(
            &RULE,
            "FROM a:1\nLABEL org.opencontainers.image.created=2024-05-01\n",
            LintOptions::default()
        )
        .is_empty());
    }
}
