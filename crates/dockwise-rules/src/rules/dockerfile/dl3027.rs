//! DL3027: `apt` in a script (it is meant for people, not scripts).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3027",
    name: "no-apt",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`apt` in RUN: use `apt-get` or `apt-cache`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags the `apt` command in RUN.",
        why: "`apt` is the interactive front end for people: its output and behaviour may change between releases and \
            it warns that it has no stable command-line interface. `apt-get` and `apt-cache` are the stable tools for \
            scripts and builds.",
        bad: "FROM ubuntu:24.04\nRUN apt update && apt install -y curl\n",
        good: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\n",
        fix: "Replace `apt` with `apt-get` (install, update, remove) or `apt-cache` (search, show).",
    },
    quiz: quiz! {
        question: "Why prefer `apt-get` over `apt` in a Dockerfile?",
        choices: &[
            Choice {
                text: "`apt-get` has a stable interface for scripts; `apt` is for interactive use",
                correct: true,
                feedback: "Right: apt itself warns that its CLI is not stable.",
            },
            Choice {
                text: "`apt` is not installed in Debian images",
                correct: false,
                feedback: "It usually is; it is just the wrong tool for scripts.",
            },
            Choice {
                text: "`apt-get` downloads faster",
                correct: false,
                feedback: "Both use the same machinery.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(check),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (_, cmd) in cx.commands(true) {
        if cmd.name() == Some("apt") {
            if let Some(w) = cmd.name_word() {
                out.report(
                    w.span,
                    "`apt` is for interactive use: use `apt-get` (or `apt-cache`) in builds",
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
        assert_eq!(spans(&RULE, "FROM u:1\nRUN apt install -y x\n"), ["apt"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM u:1\nRUN apt-get install -y x && apt-cache policy x\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM u:1\nRUN echo apt\n");
    }
}
