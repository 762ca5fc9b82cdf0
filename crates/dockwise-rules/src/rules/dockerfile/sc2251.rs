//! SC2251: a `!` outside a condition in RUN does not fail the build.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::Sep;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2251",
    name: "bang-skips-errexit",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`! cmd` in RUN never fails the build, even with `set -e`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a `!` that negates a command outside an `if`, `while` or `until` condition and outside an \
            `&&`/`||` list, when more commands follow it.",
        why: "Authors write `! grep -q bad /etc/conf` to assert that something is absent. But `set -e` ignores \
            the status of any pipeline that starts with `!`, so when the text is there the RUN carries on as if \
            nothing happened. Only the last command of a RUN decides its status, so there the `!` does work.",
        bad: "FROM debian:12-slim\n\
            RUN set -eu; \\\n    \
            sed -i 's/^#PermitRoot.*/PermitRootLogin no/' /etc/ssh/sshd_config; \\\n    \
            ! grep -q '^PermitRootLogin yes' /etc/ssh/sshd_config; \\\n    \
            echo ok\n",
        good: "FROM debian:12-slim\n\
            RUN set -eu; \\\n    \
            sed -i 's/^#PermitRoot.*/PermitRootLogin no/' /etc/ssh/sshd_config; \\\n    \
            if grep -q '^PermitRootLogin yes' /etc/ssh/sshd_config; then exit 1; fi; \\\n    \
            echo ok\n",
        fix: "Make the check fail on purpose: `if grep -q x f; then exit 1; fi` or `grep -q x f && exit 1`, or \
            move the negated command to the end of the RUN.",
    },
    quiz: quiz! {
        question: "`RUN set -e; ! grep -q DEBUG /app/conf; echo ok`. The file contains DEBUG. What happens?",
        choices: &[
            Choice {
                text: "The build goes on: `set -e` ignores a command negated with `!`",
                correct: true,
                feedback: "A `!` pipeline never triggers errexit; write `grep -q DEBUG /app/conf && exit 1` to \
                    fail on purpose.",
            },
            Choice {
                text: "The RUN fails, because the negated grep returns 1 under `set -e`",
                correct: false,
                feedback: "The status is 1, but errexit does not apply to `!` pipelines.",
            },
            Choice {
                text: "The shell rejects `!` at the start of a command",
                correct: false,
                feedback: "`!` is part of POSIX sh; it negates the status without triggering errexit.",
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
            title: text!("ShellCheck wiki: SC2251"),
            url: text!("https://www.shellcheck.net/wiki/SC2251"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        let cmds = &run.script.commands;
        if run.script.bangs.iter().all(|b| b.condition) {
            return;
        }
        // commands by position (a substitution's commands come before the
        // command holding them, so the list itself is not in order)
        let mut by_start: Vec<(u32, usize)> = cmds.iter().enumerate().map(|(i, c)| (c.span.start, i)).collect();
        by_start.sort_unstable();
        for bang in run.script.bangs.iter().filter(|b| !b.condition) {
            // the negated pipeline: the first command after the `!` at its depth
            let from = by_start.partition_point(|&(start, _)| start < bang.span.end);
            let Some(at) = by_start[from..]
                .iter()
                .map(|&(_, i)| i)
                .find(|&i| cmds[i].depth == bang.depth)
            else {
                continue;
            };
            let pipeline = cmds[at].pipeline;
            let last = cmds[at..]
                .iter()
                .take_while(|c| c.pipeline == pipeline || c.depth > bang.depth)
                .filter(|c| c.depth == bang.depth)
                .last()
                .unwrap_or(&cmds[at]);
            let listed = matches!(last.sep, Sep::AndIf | Sep::OrIf)
                || cmds[..at]
                    .iter()
                    .rev()
                    .find(|c| c.depth == bang.depth)
                    .is_some_and(|p| matches!(p.sep, Sep::AndIf | Sep::OrIf));
            let after = by_start.partition_point(|&(start, _)| start < last.span.end);
            let followed = by_start[after..].iter().any(|&(_, i)| cmds[i].depth <= bang.depth);
            if !listed && followed {
                out.push(Diagnostic::new(
                    bang.span.cover(cmds[at].program_span()),
                    "`set -e` ignores a command negated with `!`: fail on purpose (`cmd && exit 1`)",
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
            spans(&RULE, "FROM a:1\nRUN set -e; ! grep -q x /f; echo ok\n"),
            ["! grep -q x /f"]
        );
        // inside the body of an if, with commands after the fi
        fires(&RULE, "FROM a:1\nRUN if [ -f x ]; then ! grep -q y x; fi; echo ok\n");
    }

    #[test]
    fn good() {
        // the last command decides the RUN's status
        silent(&RULE, "FROM a:1\nRUN set -e; echo ok; ! grep -q x /f\n");
        // conditions and lists
        silent(&RULE, "FROM a:1\nRUN if ! grep -q x /f; then exit 1; fi; echo ok\n");
        silent(
            &RULE,
            "FROM a:1\nRUN while ! nc -z db 5432; do sleep 1; done; echo ok\n",
        );
        silent(&RULE, "FROM a:1\nRUN ! grep -q x /f || exit 1; echo ok\n");
        silent(&RULE, "FROM a:1\nRUN test -f y && ! grep -q x /f; echo ok\n");
    }
}
