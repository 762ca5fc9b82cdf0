//! DL3051: a schema label with an empty value.

use super::helpers::labels::label_pairs;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3051",
    name: "label-empty",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A schema label is empty"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With a `label-schema` in the config, flags schema labels set to an empty value.",
        why: "An empty label satisfies a presence check while telling nobody anything; it usually means a build \
            argument that CI forgot to pass.",
        bad: "# config: {label-schema: {org.opencontainers.image.revision: hash}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.revision=\"\"\n",
        good: "# config: {label-schema: {org.opencontainers.image.revision: hash}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.revision=3f9c2ab1e4d7c8b05a6f2e91d0c4b7a8e5f6d301\n",
        fix: "Give the label a value; if it comes from a build argument, make CI pass it (and fail the build when it \
            is missing).",
    },
    quiz: quiz! {
        question: "`LABEL revision=$GIT_SHA` with `ARG GIT_SHA` but no `--build-arg`: what is the label?",
        choices: &[
            Choice {
                text: "Empty",
                correct: true,
                feedback: "An ARG without a value and not passed at build time expands to nothing.",
            },
            Choice {
                text: "`$GIT_SHA` literally",
                correct: false,
                feedback: "LABEL expands variables.",
            },
            Choice {
                text: "The build fails",
                correct: false,
                feedback: "An unset ARG does not fail the build.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_LABEL, &sources::HADOLINT_LABELS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let schema = &cx.options.label_schema;
    for (_, kv) in label_pairs(cx) {
        let empty = kv.value.as_ref().is_none_or(|v| v.value.trim().is_empty());
        if empty && schema.iter().any(|(name, _)| name == &kv.key.value) {
            out.report(kv.raw.span, format!("label `{}` is empty", kv.key.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::engine::lint;
    use crate::options::{LabelType, LintOptions};

    fn count(src: &str) -> usize {
        let o = LintOptions {
            only: Some(vec![RULE.id.into()]),
            label_schema: vec![("a".into(), LabelType::Text)],
            ..Default::default()
        };
        lint(src, &o).findings.len()
    }

    #[test]
    fn bad() {
        assert_eq!(count("FROM x:1\nLABEL a=\"\"\n"), 1);
    }

    #[test]
    fn good() {
        assert_eq!(count("FROM x:1\nLABEL a=1\n"), 0);
    }

    #[test]
    fn edge() {
        assert_eq!(count("FROM x:1\nLABEL other=\"\"\n"), 0);
    }
}
