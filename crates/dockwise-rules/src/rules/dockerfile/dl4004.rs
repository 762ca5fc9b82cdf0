//! DL4004: more than one ENTRYPOINT in a stage.

use super::helpers::later_duplicates;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL4004",
    name: "single-entrypoint",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("More than one ENTRYPOINT in a stage"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags every ENTRYPOINT after the first in the same stage (BuildKit's MultipleInstructionsDisallowed, DW1039, flags the earlier ones).",
        why: "Only the last ENTRYPOINT takes effect. An earlier one, often a wrapper script that sets things up, is \
            discarded (recent BuildKit warns with MultipleInstructionsDisallowed, but the build goes on), and the \
            container starts without it.",
        bad: "FROM alpine:3.20\nENTRYPOINT [\"/docker-entrypoint.sh\"]\nENTRYPOINT [\"/usr/bin/app\"]\n",
        good: "FROM alpine:3.20\nENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD [\"/usr/bin/app\"]\n",
        fix: "Keep one ENTRYPOINT. For a wrapper plus a program, make the wrapper the ENTRYPOINT, the program the \
            CMD, and end the wrapper with `exec \"$@\"`.",
    },
    quiz: quiz! {
        question: "How do you run a setup script before the app without two ENTRYPOINTs?",
        choices: &[
            Choice {
                text: "Make the script the ENTRYPOINT and the app the CMD",
                correct: true,
                feedback: "The script gets the CMD as its arguments and ends with `exec \"$@\"`, which hands PID 1 \
                    over to the app.",
            },
            Choice {
                text: "Keep both ENTRYPOINTs: Docker runs them in order",
                correct: false,
                feedback: "Only the last ENTRYPOINT is kept.",
            },
            Choice {
                text: "Call the script from a RUN step just before CMD",
                correct: false,
                feedback: "RUN executes at build time, so the script would not run when the container starts.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::BUILD_CHECK_MULTIPLE_INSTRUCTIONS,
        &Source {
            title: text!("Docker docs: Dockerfile reference (ENTRYPOINT)"),
            url: text!("https://docs.docker.com/reference/dockerfile/#entrypoint"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    later_duplicates(
        cx,
        Kind::Entrypoint,
        out,
        "another ENTRYPOINT in this stage: only the last one takes effect",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM a:1\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n"),
            ["ENTRYPOINT"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nENTRYPOINT [\"a\"]\nCMD [\"b\"]\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1 AS x\nENTRYPOINT [\"a\"]\nFROM x\nENTRYPOINT [\"b\"]\n");
    }

    #[test]
    fn snippets_without_from() {
        // the instructions before the first FROM count as a stage of their own
        assert_eq!(spans(&RULE, "ENTRYPOINT a\nENTRYPOINT b\n"), ["ENTRYPOINT"]);
        silent(&RULE, "ENTRYPOINT /bin/true\n");
        silent(&RULE, "ENTRYPOINT [\"a\"]\nFROM a:1\nENTRYPOINT [\"b\"]\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nENTRYPOINT [\"a\"]\nCMD [\"x\"]\nENTRYPOINT [\"b\"]\n"),
            "FROM a:1\nCMD [\"x\"]\nENTRYPOINT [\"b\"]\n"
        );
    }
}
