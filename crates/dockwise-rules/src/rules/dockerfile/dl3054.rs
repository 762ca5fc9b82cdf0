//! DL3054: A schema label of type spdx is not an SPDX license id

use super::helpers::labels::{check_type, is_spdx};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::options::LabelType;
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3054",
    name: "label-spdx",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A schema label of type spdx is not an SPDX license id"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With a `label-schema` in the config, flags labels of type `spdx` whose value is not an SPDX license \
            identifier. Does nothing without a schema.",
        why: "The OCI `licenses` annotation is an SPDX license expression. License scanners match the value against \
            SPDX identifiers; free text such as `Apache License` is not recognised and the image shows up as \
            unlicensed.",
        bad: "# config: {label-schema: {org.opencontainers.image.licenses: spdx}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.licenses=Apache-License\n",
        good: "# config: {label-schema: {org.opencontainers.image.licenses: spdx}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.licenses=Apache-2.0\n",
        fix: "Use the SPDX id (`Apache-2.0`, `MIT`, `GPL-3.0-only`); combine with `OR`/`AND` when needed.",
    },
    quiz: quiz! {
        question: "What is the SPDX identifier of the Apache license, version 2?",
        choices: &[
            Choice {
                text: "`Apache-2.0`",
                correct: true,
                feedback: "SPDX identifiers are short, exact ids like this one.",
            },
            Choice {
                text: "`Apache2`",
                correct: false,
                feedback: "Not the SPDX spelling.",
            },
            Choice {
                text: "`ASL 2.0`",
                correct: false,
                feedback: "That is an old Fedora short name, not SPDX.",
            },
            Choice {
                text: "`Apache License 2.0`",
                correct: false,
                feedback: "That is the licence's full name; the SPDX id is `Apache-2.0`.",
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
    check_type(cx, out, LabelType::Spdx, is_spdx, "an SPDX license identifier");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::options::{LabelType, LintOptions};
    use crate::testing::{schema, spans_with};

    fn spans(src: &str) -> Vec<&str> {
        spans_with(&RULE, src, schema("org.opencontainers.image.licenses", LabelType::Spdx))
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans("FROM a:1\nLABEL org.opencontainers.image.licenses=Apache-License\n"),
            ["Apache-License"]
        );
    }

    #[test]
    fn good() {
        assert!(spans("FROM a:1\nLABEL org.opencontainers.image.licenses=Apache-2.0\n").is_empty());
    }

    #[test]
    fn edge() {
        // other labels and a missing schema are not this rule's business
        assert!(spans("FROM a:1\nLABEL other=Apache-License\n").is_empty());
        assert!(spans_with(
            &RULE,
            "FROM a:1\nLABEL org.opencontainers.image.licenses=Apache-License\n",
            LintOptions::default()
        )
        .is_empty());
    }
}
