//! SC2181: testing `$?` in RUN instead of the command itself.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2181",
    name: "check-status-directly",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("`[ $? -eq 0 ]` in RUN: test the command directly"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a `[`, `test` or `[[` that compares `$?` with a value.",
        why: "`$?` is the status of whatever ran last, so a command added in between (an `echo` for debugging) \
            silently changes what is tested. Under `set -e`, which most Dockerfile RUNs use, the failing command \
            has already stopped the RUN before the test is reached. `if cmd; then` says what is meant and cannot \
            drift.",
        bad: "FROM alpine:3.20\n\
            RUN wget -q -O /tmp/app.tgz https://example.com/app.tgz; \\\n    \
            if [ $? -ne 0 ]; then echo 'download failed' >&2; exit 1; fi\n",
        good: "FROM alpine:3.20\n\
            RUN if ! wget -q -O /tmp/app.tgz https://example.com/app.tgz; then \\\n    \
            echo 'download failed' >&2; exit 1; fi\n",
        fix: "Put the command in the condition: `if ! cmd; then ...; fi` or `cmd || { echo failed >&2; exit 1; }`.",
    },
    quiz: quiz! {
        question: "`RUN make; echo built; [ $? -eq 0 ] || exit 1` and make fails. What does the test see?",
        choices: &[
            Choice {
                text: "echo's status, 0: the failure of make is no longer in `$?`",
                correct: true,
                feedback: "`$?` holds the last command's status; testing `make` itself (`make || exit 1`) avoids \
                    the drift.",
            },
            Choice {
                text: "make's status, since `$?` keeps the first failure",
                correct: false,
                feedback: "`$?` is overwritten by every command, successful ones included.",
            },
            Choice {
                text: "Nothing: `$?` is empty in a Dockerfile RUN",
                correct: false,
                feedback: "RUN's shell sets `$?` like any other shell.",
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
            title: text!("ShellCheck wiki: SC2181"),
            url: text!("https://www.shellcheck.net/wiki/SC2181"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const COMPARISONS: &[&str] = &["-eq", "-ne", "-gt", "-lt", "-ge", "-le", "=", "==", "!="];

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in &run.script.commands {
            if !matches!(c.name(), Some("[" | "test" | "[[")) {
                continue;
            }
            let args = c.args();
            let status = args.iter().position(|w| w.value == "$?" || w.value == "${?}");
            let compared = status.is_some_and(|i| {
                args.get(i + 1).is_some_and(|w| COMPARISONS.contains(&&*w.value))
                    || i > 0 && COMPARISONS.contains(&&*args[i - 1].value)
            });
            if compared {
                out.push(Diagnostic::new(
                    c.program_span(),
                    "this tests `$?`: put the command itself in the condition (`if cmd; then`, `cmd || exit 1`)",
                ));
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
        assert_eq!(
            spans(&RULE, "FROM a:1\nRUN make; [ $? -eq 0 ] || exit 1\n"),
            ["[ $? -eq 0 ]"]
        );
        fires(&RULE, "FROM a:1\nRUN make; if test \"$?\" != 0; then exit 1; fi\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN make || exit 1; echo $?; [ -f x ]\n");
    }
}
