//! DL3034: zypper without a non-interactive switch.

use super::helpers::missing_yes;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3034",
    name: "zypper-non-interactive",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("zypper without `-n`/`--non-interactive`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `zypper install`, `remove`, `patch`, `source-install` (and their short forms) without `-n`, \
            `--non-interactive`, `-y` or `--no-confirm`.",
        why: "zypper prompts before changing packages; in a build the prompt cannot be answered and the command \
            aborts.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean\n",
        fix: "Add the global `-n` (`zypper -n install ...`) or the command's `-y`.",
    },
    quiz: quiz! {
        question: "How do you make `zypper install curl` non-interactive?",
        choices: &[
            Choice {
                text: "`zypper -n install curl`",
                correct: true,
                feedback: "`-n` is a global option, so it goes before the command (`install -y` after it also works).",
            },
            Choice {
                text: "`zypper install --non-interactive curl`",
                correct: false,
                feedback: "After the command zypper reads install's own options and stops with \"The flag \
                    --non-interactive is not known\"; the global option goes before `install` (or use install's \
                    `-y`).",
            },
            Choice {
                text: "`zypper --quiet install curl`",
                correct: false,
                feedback: "`--quiet` only shortens the output; the prompt still waits for an answer.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_APT_YES,
        &Source {
            title: text!("hadolint wiki: DL3034 (non-interactive switch missing)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3034"),
        },
        &sources::ZYPPER_MANUAL,
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    missing_yes(
        cx,
        out,
        &["zypper"],
        &["install", "in", "remove", "rm", "source-install", "si", "patch"],
        &["-n", "--non-interactive", "-y", "--no-confirm"],
        "zypper stops at its prompt in a build: add `-n` (`--non-interactive`)",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM s:1\nRUN zypper in curl\n"), ["zypper in curl"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM s:1\nRUN zypper -n in curl\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM s:1\nRUN zypper rm -y curl && zypper refresh\n");
    }

    #[test]
    fn fix() {
        // `-n` is a global option: it goes before the command
        assert_eq!(
            fix_converges(&RULE, "FROM s:1\nRUN zypper in curl && zypper rm vim\n"),
            "FROM s:1\nRUN zypper -n in curl && zypper -n rm vim\n"
        );
    }
}
