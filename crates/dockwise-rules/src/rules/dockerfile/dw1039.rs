//! DW1039: a CMD, ENTRYPOINT or HEALTHCHECK that a later one of the same
//! stage replaces (BuildKit's MultipleInstructionsDisallowed).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1039",
    name: "replaced-instruction",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A CMD, ENTRYPOINT or HEALTHCHECK is replaced later in the stage"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags each CMD, ENTRYPOINT and HEALTHCHECK that another of the same kind follows in the same stage: \
            the one that is ignored, where BuildKit reports MultipleInstructionsDisallowed. DL4003, DL4004 and \
            DL3012 (hadolint) flag the later ones instead.",
        why: "An image has one CMD, one ENTRYPOINT and one health check: only the last of each in the stage is \
            kept, so the earlier ones do nothing while looking as if they mattered.",
        bad: "FROM alpine:3.20\nENTRYPOINT [\"echo\", \"Hello, Norway!\"]\nENTRYPOINT [\"echo\", \"Hello, Sweden!\"]\n",
        good: "FROM alpine:3.20\nENTRYPOINT [\"echo\", \"Hello, Sweden!\"]\n",
        fix: "Delete the instructions that are replaced, or merge what they did into the last one.",
    },
    quiz: quiz! {
        question: "A stage has `CMD [\"a\"]`, then `HEALTHCHECK CMD [\"check\"]`, then `CMD [\"b\"]`. What runs when \
            the container starts?",
        choices: &[
            Choice {
                text: "`b`: the last CMD replaces the first",
                correct: true,
                feedback: "Only the last CMD of the stage is kept; the HEALTHCHECK's CMD is a separate thing.",
            },
            Choice {
                text: "`a`, then `b`",
                correct: false,
                feedback: "An image has one CMD; the earlier one is simply overwritten.",
            },
            Choice {
                text: "`check`, the last CMD keyword in the file",
                correct: false,
                feedback: "The CMD inside HEALTHCHECK is the health check's command, not the container's.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["MultipleInstructionsDisallowed"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: MultipleInstructionsDisallowed"),
        url: text!("https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for stage in &cx.stages {
        for kind in [Kind::Cmd, Kind::Entrypoint, Kind::Healthcheck] {
            let all: Vec<_> = cx.body(stage).filter(|(_, i)| i.kind == kind).collect();
            for (_, ins) in all.iter().rev().skip(1) {
                out.report(
                    ins.keyword_span,
                    format!(
                        "a later {} in this stage replaces this one: only the last one is used",
                        kind.keyword()
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
        assert_eq!(
            spans(
                &RULE,
                "FROM a:1\nCMD [\"a\"]\nHEALTHCHECK NONE\nCMD [\"b\"]\nCMD [\"c\"]\n"
            ),
            ["CMD", "CMD"]
        );
        let src = "FROM a:1\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n";
        assert_eq!(run(&RULE, src)[0].span.start, 9);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nHEALTHCHECK CMD [\"x\"]\nCMD [\"a\"]\nENTRYPOINT [\"b\"]\n",
        );
    }

    #[test]
    fn edge() {
        // one of each per stage
        silent(&RULE, "FROM a:1 AS a\nCMD [\"a\"]\nFROM a\nCMD [\"b\"]\n");
        silent(&RULE, "FROM a:1\nCMD [\"a\"]\nONBUILD CMD [\"b\"]\n");
    }
}
