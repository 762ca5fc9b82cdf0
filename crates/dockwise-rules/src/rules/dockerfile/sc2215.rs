//! SC2215: A flag is run as a command in RUN: a line break or `&&` is misplaced.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2215",
    name: "flag-as-command",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A flag is run as a command in RUN: a line break or `&&` is misplaced"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a command whose name starts with `-`.",
        why: "A command called `--no-cache` or `-y` almost always means the line above ended too early: a `&&` or `;` before a continued option list, or a missing backslash. The shell then runs the option as a program, which fails, and under `||` or in the middle of a RUN without `set -e` that failure may pass unseen.",
        bad: "FROM alpine:3.20\nRUN apk add curl; \\\n    --no-cache git\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache curl git\n",
        fix: "Join the options to their command: remove the stray `;` or `&&`, or add the missing `\\` at the end of the line above.",
    },
    quiz: quiz! {
        question: "`RUN apt-get install -y curl && \\` then `  --no-install-recommends git` on the next line. What runs second?",
        choices: &[
            Choice {
                text: "A command named `--no-install-recommends`, which fails",
                correct: true,
                feedback: "The `&&` ended the apt-get command; the option became a program name.",
            },
            Choice {
                text: "`apt-get install --no-install-recommends git`",
                correct: false,
                feedback: "Nothing carries `apt-get install` over to the next command.",
            },
            Choice {
                text: "Nothing: the shell skips words starting with `-`",
                correct: false,
                feedback: "The shell runs the first word of each command, whatever it looks like.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_RUN,
        &sources::POSIX_SHELL,
        &Source {
            title: text!("ShellCheck wiki: SC2215"),
            url: text!("https://www.shellcheck.net/wiki/SC2215"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const MESSAGE: &str = "this flag is run as a command: the line before probably ends too early";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in &run.script.commands {
            if let Some(w) = c
                .name_word()
                .filter(|w| w.value.starts_with('-') && w.value.len() > 1 && !w.quoted)
            {
                out.push(Diagnostic::new(w.span, MESSAGE));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        fires(&RULE, "FROM a:1\nRUN apk add curl; --no-cache git\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN apk add --no-cache curl; - ; echo -x\n");
    }
}
