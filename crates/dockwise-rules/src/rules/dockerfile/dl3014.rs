//! DL3014: `apt-get install` without `-y`.

use super::helpers::fixes::add_flag;
use super::helpers::{package_command, package_subcommand};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3014",
    name: "apt-get-yes",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`apt-get install` without `-y` can stop at a prompt"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `apt-get install` without a non-interactive answer: `-y`, `--yes`, `--assume-yes`, or the quiet \
            level 2 (`-qq`, `-q=2`) which implies it.",
        why: "A build has no one to answer apt's \"Do you want to continue? [Y/n]\". Without `-y` apt-get aborts as \
            soon as it would install anything beyond the named packages, so the build fails, often only later when a \
            dependency changes.",
        bad: "FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends curl\n",
        good: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
        fix: "Add `-y` to every `apt-get install` (and set `DEBIAN_FRONTEND=noninteractive` for the RUN if packages \
            ask configuration questions). Do not rely on `-qq` for this: apt-get's manual warns against `-qq` \
            without a no-action option.",
    },
    quiz: quiz! {
        question: "What does `-y` do for `apt-get install` in a Dockerfile?",
        choices: &[
            Choice {
                text: "Answers yes to apt-get's confirmation prompt",
                correct: true,
                feedback: "With no terminal to answer \"Do you want to continue?\", apt-get would otherwise abort.",
            },
            Choice {
                text: "Installs the newest version of every package",
                correct: false,
                feedback: "Versions are not affected; -y only answers the prompt.",
            },
            Choice {
                text: "Answers the packages' configuration questions too",
                correct: false,
                feedback: "-y answers apt-get's own prompt only. Configuration questions come from debconf: set \
                    `DEBIAN_FRONTEND=noninteractive` for them.",
            },
            Choice {
                text: "Skips recommended packages",
                correct: false,
                feedback: "That is `--no-install-recommends` (DL3015).",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Building best practices (apt-get: install -y)"),
            url: text!("https://docs.docker.com/build/building/best-practices/#apt-get"),
        },
        &Source {
            title: text!("hadolint wiki: DL3014 (use the -y switch)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3014"),
        },
        &Source {
            title: text!("Debian manual: apt-get(8) (-y, --assume-yes)"),
            url: text!("https://manpages.debian.org/bookworm/apt/apt-get.8.en.html"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if !matches!(cmd.name(), Some("apt-get")) {
            continue;
        }
        if !matches!(package_command(cmd), Some((_, ref s)) if s == "install") {
            continue;
        }
        let yes = cmd.has_flag(&["-y", "--yes", "--assume-yes", "-q=2", "--quiet=2"])
            || cmd.count_short_flag('q') >= 2
            || cmd.args().iter().filter(|w| w.value == "--quiet").count() >= 2;
        if !yes {
            let word = package_subcommand(cmd).map(|(_, w)| w);
            out.push(
                Diagnostic::new(
                    cmd.program_span(),
                    "`apt-get install` without `-y` stops at the confirmation prompt: add `-y`",
                )
                .with_fix(|| add_flag(cx, i, word, "-y")),
            );
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
            spans(&RULE, "FROM d:1\nRUN apt-get update && apt-get install curl wget\n"),
            ["apt-get install curl wget"]
        );
        fires(&RULE, "FROM d:1\nRUN apt-get -q install curl\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM d:1\nRUN apt-get install -y curl\n");
        silent(&RULE, "FROM d:1\nRUN apt-get install --assume-yes curl\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM d:1\nRUN apt-get -qq install curl\n");
        silent(&RULE, "FROM d:1\nRUN apt-get -q -q install curl\n");
        silent(&RULE, "FROM d:1\nRUN apt-get install -qy curl\n");
        // only install needs it
        silent(&RULE, "FROM d:1\nRUN apt-get update\n");
        fires(&RULE, "FROM d:1\nRUN sudo apt-get install curl\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM d:1\nRUN apt-get update && apt-get install curl wget\n"),
            "FROM d:1\nRUN apt-get update && apt-get install -y curl wget\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM d:1\nRUN sudo apt-get -q install curl\n"),
            "FROM d:1\nRUN sudo apt-get -q install -y curl\n"
        );
    }
}
