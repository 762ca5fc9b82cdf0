//! DL3063: a stage named `scratch` or `context`.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "`scratch` means the empty image and `context` is the name BuildKit uses for the build context; both are \
            reserved. BuildKit only warns (ReservedStageName), but such a stage is confusing at best: with a stage \
            named `scratch`, a later `FROM scratch` can build on that stage instead of the empty image.",
        bad: "FROM alpine:3.20 AS scratch\nRUN echo hi\n",
        good: "FROM alpine:3.20 AS base\nRUN echo hi\n",
        fix: "Rename the stage.",
    },
    quiz: quiz! {
        question: "What does `FROM scratch` mean?",
        choices: &[
            Choice {
                text: "Start from an empty image",
                correct: true,
                feedback: "`scratch` is a reserved word for the empty image. Naming a stage `scratch` only draws a \
                    warning, and a later `FROM scratch` can then pick up that stage instead.",
            },
            Choice {
                text: "Start from the stage named scratch",
                correct: false,
                feedback: "Only if a stage was wrongly named scratch, which is exactly what this rule prevents.",
            },
            Choice {
                text: "Start from the files of the build context",
                correct: false,
                feedback: "The build context is read by COPY and ADD; `FROM scratch` starts with no files at all.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["ReservedStageName"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: ReservedStageName"),
        url: text!("https://docs.docker.com/reference/build-checks/reserved-stage-name/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
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
