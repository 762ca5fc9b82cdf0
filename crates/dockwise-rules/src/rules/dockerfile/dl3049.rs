//! DL3049: a stage lacks a label the schema requires.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3049",
    name: "label-missing",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("A label required by the schema is missing"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With a `label-schema` in the config, flags every stage that lacks one of its labels (set in the stage \
            or in a stage it is built on). Stages used only as `COPY --from` sources are skipped. Does nothing \
            without a schema.",
        why: "Organisations use labels to find an image's source, owner, version and licence during incidents and \
            audits. A schema turns that convention into a check, so no image ships without them.",
        bad: "# config: {label-schema: {org.opencontainers.image.source: url}}\nFROM alpine:3.20\n",
        good: "# config: {label-schema: {org.opencontainers.image.source: url}}\nFROM alpine:3.20\n\
            LABEL org.opencontainers.image.source=https://github.com/example/app\n",
        fix: "Add the label, ideally from CI (`docker build --label ...`) for values like the revision and creation \
            time.",
    },
    quiz: quiz! {
        question: "Why pass `org.opencontainers.image.revision` from CI rather than write it in the Dockerfile?",
        choices: &[
            Choice {
                text: "Its value changes with every commit, so a fixed one goes stale",
                correct: true,
                feedback: "A hard-coded value is wrong after the next commit; CI knows the commit it builds \
                    (`--label` or a build argument).",
            },
            Choice {
                text: "LABEL cannot hold a 40-character value",
                correct: false,
                feedback: "A label value can be any string.",
            },
            Choice {
                text: "Labels written in a Dockerfile are dropped at push",
                correct: false,
                feedback: "Labels are part of the image config and are pushed with it.",
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
    scope: Scope::File,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let schema = &cx.options.label_schema;
    if schema.is_empty() {
        return;
    }
    for stage in &cx.stages {
        let is_last = cx.stages.len() == stage.index + 1;
        let name = stage.name.as_deref();
        let built_on = cx.stages.iter().any(|s| s.parent == Some(stage.index));
        let copied_from = cx.instructions().iter().any(|i| {
            i.kind == Kind::Copy
                && i.flag("from")
                    .and_then(|f| f.value.as_deref())
                    .is_some_and(|v| Some(v.to_ascii_lowercase().as_str()) == name || v == stage.index.to_string())
        });
        if !is_last && !built_on && copied_from {
            continue;
        }
        let has = |label: &str| {
            cx.lineage(stage).into_iter().any(|s| {
                cx.body(s)
                    .any(|(_, i)| i.kind == Kind::Label && i.key_values().iter().any(|kv| kv.key.value == label))
            })
        };
        for (label, _) in schema.iter().filter(|(l, _)| !has(l)) {
            out.report(
                cx.from_of(stage).keyword_span,
                format!("this stage has no `{label}` label, which the label schema requires"),
            );
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
            label_schema: vec![("a".into(), LabelType::Text), ("b".into(), LabelType::Text)],
            ..Default::default()
        };
        lint(src, &o).findings.len()
    }

    #[test]
    fn bad() {
        assert_eq!(count("FROM x:1\nLABEL a=1\n"), 1);
    }

    #[test]
    fn good() {
        assert_eq!(count("FROM x:1\nLABEL a=1 b=2\n"), 0);
    }

    #[test]
    fn edge() {
        // a copy-only builder stage is skipped; labels are inherited
        assert_eq!(
            count("FROM x:1 AS build\nFROM y:1\nCOPY --from=build /a /a\nLABEL a=1 b=2\n"),
            0
        );
        assert_eq!(count("FROM x:1 AS base\nLABEL a=1\nFROM base\nLABEL b=2\n"), 1);
    }
}
