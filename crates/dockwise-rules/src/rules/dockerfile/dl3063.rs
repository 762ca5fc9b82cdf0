//! DL3063: a stage named `scratch` or `context`.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3063",
    name: "reserved-stage-name",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A stage is named `scratch` or `context`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `FROM ... AS scratch` and `FROM ... AS context` (BuildKit's ReservedStageName).",
        why: "`scratch` is the built-in empty image and `context` refers to the build context; BuildKit reserves both \
            names. A stage with either name is confusing at best and cannot be referred to as intended.",
        bad: "FROM alpine:3.20 AS scratch\nRUN echo hi\n",
        good: "FROM alpine:3.20 AS base\nRUN echo hi\n",
        fix: "Rename the stage.",
    },
    quiz: quiz! {
        question: "What does `FROM scratch` mean?",
        choices: &[
            Choice {
                text: "Start from an empty image with no files at all",
                correct: true,
                feedback: "Right: `scratch` is reserved for that, so it cannot be a stage name.",
            },
            Choice {
                text: "Start from the stage named scratch",
                correct: false,
                feedback: "No: scratch is always the empty image.",
            },
            Choice {
                text: "Start from the build context",
                correct: false,
                feedback: "That is what the reserved name `context` refers to in some places.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for stage in &cx.stages {
        if let Some(alias) = cx.from_of(stage).from_args().and_then(|f| f.alias.as_ref()) {
            let n = alias.value.to_ascii_lowercase();
            if n == "scratch" || n == "context" {
                out.report(alias.span, format!("`{n}` is a reserved name: pick another stage name"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1 AS context\n"), ["context"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM scratch\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM a:1 AS Scratch\n");
    }
}
