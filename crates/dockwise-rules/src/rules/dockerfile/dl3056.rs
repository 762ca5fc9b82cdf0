//! DL3056: A schema label of type semver is not a semantic version

use super::helpers::labels::{check_type, is_semver};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::options::LabelType;
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3056",
    name: "label-semver",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A schema label of type semver is not a semantic version"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With a `label-schema` in the config, flags labels of type `semver` whose value is not a semantic \
            version. Does nothing without a schema.",
        why: "Deployment tools compare version labels to order releases; values that are not semantic versions (`v2`, \
            `1.2`) compare wrongly or not at all.",
        bad: "# config: {label-schema: {org.opencontainers.image.version: semver}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.version=1.2\n",
        good: "# config: {label-schema: {org.opencontainers.image.version: semver}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.version=1.2.0\n",
        fix: "Use MAJOR.MINOR.PATCH, optionally with `-prerelease` and `+build`: `1.2.0-rc.1`.",
    },
    quiz: quiz! {
        question: "Which is a valid semantic version?",
        choices: &[
            Choice {
                text: "`2.1.0-rc.1`",
                correct: true,
                feedback: "MAJOR.MINOR.PATCH with a pre-release part.",
            },
            Choice {
                text: "`2.1`",
                correct: false,
                feedback: "Semver needs three numbers.",
            },
            Choice {
                text: "`v2.1.0`",
                correct: false,
                feedback: "The `v` prefix is not part of a semantic version.",
            },
            Choice {
                text: "`2024.05.01-rc.1`",
                correct: false,
                feedback: "Numbers may not have leading zeros, so `05` is invalid (`2024.5.1` would pass).",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_LABEL,
        &Source {
            title: text!("Semantic Versioning 2.0.0"),
            url: text!("https://semver.org/spec/v2.0.0.html"),
        },
        &sources::HADOLINT_LABELS,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    check_type(cx, out, LabelType::Semver, is_semver, "a semantic version");
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
            schema("org.opencontainers.image.version", LabelType::Semver),
        )
    }

    #[test]
    fn bad() {
        assert_eq!(spans("FROM a:1\nLABEL org.opencontainers.image.version=1.2\n"), ["1.2"]);
    }

    #[test]
    fn good() {
        assert!(spans("FROM a:1\nLABEL org.opencontainers.image.version=1.2.0\n").is_empty());
    }

    #[test]
    fn edge() {
        // other labels and a missing schema are not this rule's business
        assert!(spans("FROM a:1\nLABEL other=1.2\n").is_empty());
        assert!(spans_with(
            &RULE,
            "FROM a:1\nLABEL org.opencontainers.image.version=1.2\n",
            LintOptions::default()
        )
        .is_empty());
    }
}
