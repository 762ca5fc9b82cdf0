//! DL3055: A schema label of type hash is not a git commit hash

use super::helpers::labels::{check_type, is_hex_hash};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::options::LabelType;
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3055",
    name: "label-git-hash",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A schema label of type hash is not a git commit hash"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With a `label-schema` in the config, flags labels of type `hash` whose value is not a git commit hash. \
            Does nothing without a schema.",
        why: "A revision label ties an image to the exact commit it was built from. A branch name or a typo there \
            breaks that traceability, the point of tagging images with the git SHA.",
        bad: "# config: {label-schema: {org.opencontainers.image.revision: hash}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.revision=main\n",
        good: "# config: {label-schema: {org.opencontainers.image.revision: hash}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.revision=3f9c2ab1e4d7c8b05a6f2e91d0c4b7a8e5f6d301\n",
        fix: "Set it from CI: `--label org.opencontainers.image.revision=$(git rev-parse HEAD)`.",
    },
    quiz: quiz! {
        question: "Why record the commit SHA in a revision label rather than a branch name?",
        choices: &[
            Choice {
                text: "A SHA names one commit; a branch moves",
                correct: true,
                feedback: "The label then ties the image to the exact source it was built from.",
            },
            Choice {
                text: "Registries reject labels that name a branch",
                correct: false,
                feedback: "Registries store any label value; the problem is that a branch name changes meaning with \
                    every push.",
            },
            Choice {
                text: "A release tag such as `v1.2.0` is exact too",
                correct: false,
                feedback: "Git tags can be deleted and re-pointed; only the commit SHA always names the same commit.",
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
    check_type(cx, out, LabelType::Hash, is_hex_hash, "a git commit hash");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::options::{LabelType, LintOptions};
    use crate::testing::{schema, spans_with};

    fn spans(src: &str) -> Vec<&str> {
        spans_with(&RULE, src, schema("org.opencontainers.image.revision", LabelType::Hash))
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans("FROM a:1\nLABEL org.opencontainers.image.revision=main\n"),
            ["main"]
        );
    }

    #[test]
    fn good() {
        assert!(
            spans("FROM a:1\nLABEL org.opencontainers.image.revision=3f9c2ab1e4d7c8b05a6f2e91d0c4b7a8e5f6d301\n")
                .is_empty()
        );
    }

    #[test]
    fn edge() {
        // other labels and a missing schema are not this rule's business
        assert!(spans("FROM a:1\nLABEL other=main\n").is_empty());
        assert!(spans_with(
            &RULE,
            "FROM a:1\nLABEL org.opencontainers.image.revision=main\n",
            LintOptions::default()
        )
        .is_empty());
    }
}
