//! DL3050: a label outside the schema (with `strict-labels`).

use super::helpers::labels::label_pairs;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3050",
    name: "label-not-in-schema",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("A label that the schema does not define (strict labels)"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With `strict-labels: true` and a `label-schema` in the config, flags every LABEL key the schema does \
            not list.",
        why: "A strict schema keeps labels consistent across teams: no near-duplicates like `version` and \
            `app.version`, no private keys nobody reads.",
        bad: "# config: {label-schema: {org.opencontainers.image.version: semver}, strict-labels: true}\n\
            FROM alpine:3.20\nLABEL version=1.2.0\n",
        good: "# config: {label-schema: {org.opencontainers.image.version: semver}, strict-labels: true}\n\
            FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.2.0\n",
        fix: "Use the schema's key, or add the new key to the schema if it is really needed.",
    },
    quiz: quiz! {
        question: "What does `strict-labels` add to a label schema?",
        choices: &[
            Choice {
                text: "Labels not in the schema become findings",
                correct: true,
                feedback: "Only the agreed keys are allowed.",
            },
            Choice {
                text: "It makes every schema label mandatory",
                correct: false,
                feedback: "Schema labels are required even without strict mode (DL3049).",
            },
            Choice {
                text: "It validates label values against their types",
                correct: false,
                feedback: "Types are checked whenever the schema names them, strict or not.",
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
    let o = cx.options;
    if !o.strict_labels || o.label_schema.is_empty() {
        return;
    }
    for (_, kv) in label_pairs(cx) {
        if !o.label_schema.iter().any(|(name, _)| name == &kv.key.value) {
            out.report(kv.key.span, format!("`{}` is not in the label schema", kv.key.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::engine::lint;
    use crate::options::{LabelType, LintOptions};

    fn spans(src: &str, strict: bool) -> Vec<String> {
        let o = LintOptions {
            only: Some(vec![RULE.id.into()]),
            label_schema: vec![("a".into(), LabelType::Text)],
            strict_labels: strict,
            ..Default::default()
        };
        lint(src, &o)
            .findings
            .iter()
            .map(|f| f.span.text(src).to_string())
            .collect()
    }

    #[test]
    fn bad() {
        assert_eq!(spans("FROM x:1\nLABEL a=1 other=2\n", true), ["other"]);
    }

    #[test]
    fn good() {
        assert!(spans("FROM x:1\nLABEL a=1\n", true).is_empty());
    }

    #[test]
    fn edge() {
        assert!(spans("FROM x:1\nLABEL other=2\n", false).is_empty());
    }
}
