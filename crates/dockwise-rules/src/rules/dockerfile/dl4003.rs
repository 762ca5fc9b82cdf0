//! DL4003: more than one CMD in a stage.

use super::helpers::later_duplicates;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL4003",
    name: "single-cmd",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("More than one CMD in a stage"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags every CMD after the first in the same stage (BuildKit's MultipleInstructionsDisallowed, DW1039, flags the earlier ones).",
        why: "A container has one default command: only the last CMD counts and the others are dead text. People \
            sometimes write several CMDs hoping they all run; they do not. To run several processes, use a process \
            supervisor or, better, one container per process.",
        bad: "FROM python:3.12-slim\nCMD [\"python\", \"migrate.py\"]\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
        fix: "Keep the one CMD you mean. Run one-off steps (migrations) as a separate job or an init container, not \
            as an extra CMD.",
    },
    quiz: quiz! {
        question: "A Dockerfile ends with `CMD [\"migrate\"]` then `CMD [\"serve\"]`. What runs when the container \
            starts?",
        choices: &[
            Choice {
                text: "Only `serve`",
                correct: true,
                feedback: "The last CMD replaces the earlier one; `migrate` never runs.",
            },
            Choice {
                text: "`migrate`, then `serve`",
                correct: false,
                feedback: "CMD is a default command, not a script of steps; only one is kept.",
            },
            Choice {
                text: "Both, in parallel",
                correct: false,
                feedback: "A container starts one main process.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::BUILD_CHECK_MULTIPLE_INSTRUCTIONS, &sources::DOCKER_REF_CMD],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    later_duplicates(
        cx,
        Kind::Cmd,
        out,
        "another CMD in this stage: only the last one takes effect",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM a:1\nCMD [\"a\"]\nCMD b\nCMD [\"c\"]\n"),
            ["CMD", "CMD"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nCMD [\"a\"]\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1 AS build\nCMD [\"a\"]\nFROM b:1\nCMD [\"b\"]\n");
    }

    #[test]
    fn snippets_without_from() {
        // the instructions before the first FROM count as a stage of their own
        assert_eq!(spans(&RULE, "CMD [\"a\"]\nCMD [\"b\"]\n"), ["CMD"]);
        silent(&RULE, "CMD /bin/true\n");
        silent(&RULE, "CMD [\"a\"]\nFROM a:1\nCMD [\"b\"]\n");
    }

    #[test]
    fn fix() {
        // only the last CMD counts: removing the ones before it changes nothing
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nCMD [\"a\"]\nRUN x\nCMD [\"b\"]\nCMD [\"c\"]\n"),
            "FROM a:1\nRUN x\nCMD [\"c\"]\n"
        );
        // the pragmas of the removed CMD go with it
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM a:1\n# hadolint ignore=DL3025\nCMD a\n# the server\nCMD [\"b\"]"
            ),
            "FROM a:1\n# the server\nCMD [\"b\"]"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\n# start it\nCMD a\nCMD [\"b\"]\n"),
            "FROM a:1\n# start it\nCMD [\"b\"]\n"
        );
    }
}
