//! DW1006: a stage name with upper-case letters (BuildKit's StageNameCasing).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1006",
    name: "stage-name-casing",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("Stage name is not lower case"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `FROM ... AS Name` where the stage name has upper-case letters (BuildKit's StageNameCasing).",
        why: "BuildKit lowercases stage names, so `AS Build` and `--from=build` refer to the same stage. Writing them \
            in different cases makes the file look inconsistent and hides clashes between names that only differ in \
            case.",
        bad: "FROM golang:1.22 AS Build\n",
        good: "FROM golang:1.22 AS build\n",
        fix: "Write stage names in lower case.",
    },
    quiz: quiz! {
        question: "`FROM x AS Build` and later `COPY --from=build`: does it work?",
        choices: &[
            Choice {
                text: "Yes: stage names are compared in lower case",
                correct: true,
                feedback: "Right; lower case everywhere avoids the confusion.",
            },
            Choice {
                text: "No: names are case-sensitive",
                correct: false,
                feedback: "BuildKit lowercases them.",
            },
            Choice {
                text: "Only with --link",
                correct: false,
                feedback: "Unrelated flag.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(check),
    standard: &[&sources::BUILD_CHECKS],
    concern: None,
    fixes: Fixes::No,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for stage in &cx.stages {
        if let Some(alias) = cx.from_of(stage).from_args().and_then(|f| f.alias.as_ref()) {
            if alias.value.chars().any(|c| c.is_uppercase()) {
                out.report(
                    alias.span,
                    format!(
                        "stage name `{}` should be lower case: `{}`",
                        alias.value,
                        alias.value.to_lowercase()
                    ),
                );
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
        assert_eq!(spans(&RULE, "FROM a:1 AS Builder\n"), ["Builder"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1 AS builder\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\n");
    }
}
