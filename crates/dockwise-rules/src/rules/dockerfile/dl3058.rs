//! DL3058: A schema label of type email is not an e-mail address

use super::helpers::labels::{check_type, is_email};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::options::LabelType;
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3058",
    name: "label-email",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A schema label of type email is not an e-mail address"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With a `label-schema` in the config, flags labels of type `email` whose value is not an e-mail \
            address. Does nothing without a schema.",
        why: "Contact labels are how people reach an image's owners in an incident; a value that is not an address (a \
            team name, a chat handle) cannot be used. OCI's `authors` annotation is free-form, so a schema that \
            types it as email is what makes it usable.",
        bad: "# config: {label-schema: {org.opencontainers.image.authors: email}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.authors=platform-team\n",
        good: "# config: {label-schema: {org.opencontainers.image.authors: email}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.authors=platform-team@example.com\n",
        fix: "Write a full address: `team@example.com` (`Name <team@example.com>` also works).",
    },
    quiz: quiz! {
        question: "Which is a valid value for a label of type email?",
        choices: &[
            Choice {
                text: "`platform@example.com`",
                correct: true,
                feedback: "A full address (`Platform Team <platform@example.com>` works too).",
            },
            Choice {
                text: "`@platform-team`",
                correct: false,
                feedback: "A chat handle is not an address.",
            },
            Choice {
                text: "`Platform Team (Slack #platform)`",
                correct: false,
                feedback: "A team name and a channel, but no address to write to.",
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
    check_type(cx, out, LabelType::Email, is_email, "an e-mail address");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::options::{LabelType, LintOptions};
    use crate::testing::{schema, spans_with};

    fn spans(src: &str) -> Vec<&str> {
        spans_with(&RULE, src, schema("org.opencontainers.image.authors", LabelType::Email))
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans("FROM a:1\nLABEL org.opencontainers.image.authors=platform-team\n"),
            ["platform-team"]
        );
    }

    #[test]
    fn good() {
        assert!(spans("FROM a:1\nLABEL org.opencontainers.image.authors=platform-team@example.com\n").is_empty());
    }

    #[test]
    fn edge() {
        // other labels and a missing schema are not this rule's business
        assert!(spans("FROM a:1\nLABEL other=platform-team\n").is_empty());
        assert!(spans_with(
            &RULE,
            "FROM a:1\nLABEL org.opencontainers.image.authors=platform-team\n",
            LintOptions::default()
        )
        .is_empty());
    }
}
