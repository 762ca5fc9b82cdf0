//! SC2155: `export NAME=$(cmd)` hides the command's failure.

use super::helpers::shell::{for_each_run, DECLARATIONS};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::{parts, ExpansionKind};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2155",
    name: "declare-and-assign",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`export NAME=$(cmd)` in RUN: the command's failure is lost"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `export`, `local`, `readonly`, `declare` or `typeset` with an argument `NAME=...` whose value \
            holds a command substitution.",
        why: "The exit status of `export GNUPGHOME=\"$(mktemp -d)\"` is export's own, which succeeds. If `mktemp` \
            fails, `set -e` does not stop the RUN and the next commands work with an empty variable (`rm -rf \
            \"$GNUPGHOME\"/` then runs on `/`). A plain assignment `NAME=\"$(cmd)\"` keeps the command's status.",
        bad: "FROM debian:12-slim\n\
            RUN set -eu; export GNUPGHOME=\"$(mktemp -d)\"; gpg --batch --list-keys\n",
        good: "FROM debian:12-slim\n\
            RUN set -eu; GNUPGHOME=\"$(mktemp -d)\"; export GNUPGHOME; gpg --batch --list-keys\n",
        fix: "Assign first, then declare: `NAME=\"$(cmd)\"; export NAME` (or `local NAME; NAME=\"$(cmd)\"`).",
    },
    quiz: quiz! {
        question: "In `RUN set -e; export DIR=\"$(mktemp -d)\"; cd \"$DIR\"`, `mktemp` fails. What happens?",
        choices: &[
            Choice {
                text: "The RUN goes on: export succeeded, so `set -e` sees no failure and DIR is empty",
                correct: true,
                feedback: "The status of the line is export's; assign first (`DIR=\"$(mktemp -d)\"`) so the \
                    failure stops the RUN.",
            },
            Choice {
                text: "The RUN stops at once, because `set -e` sees mktemp's failure",
                correct: false,
                feedback: "`set -e` looks at the status of the export command, which is 0.",
            },
            Choice {
                text: "export refuses an empty value and fails the RUN",
                correct: false,
                feedback: "Exporting an empty value is allowed and succeeds.",
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
            title: text!("ShellCheck wiki: SC2155"),
            url: text!("https://www.shellcheck.net/wiki/SC2155"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in &run.script.commands {
            let Some(name) = c.name().filter(|n| DECLARATIONS.contains(n)) else {
                continue;
            };
            for w in c.args() {
                let Some(eq) = w.raw.find('=') else { continue };
                let substitutes = parts(&w.raw[eq + 1..])
                    .expansions
                    .iter()
                    .any(|e| matches!(e.kind, ExpansionKind::Command | ExpansionKind::Backtick));
                if substitutes && !w.raw[..eq].contains(['$', '"', '\'']) {
                    out.push(Diagnostic::new(
                        w.span,
                        format!(
                            "`{name}` always succeeds, so a failure of the substitution is lost: assign `{}` first, then `{name}` it",
                            &w.raw[..eq]
                        ),
                    ));
                }
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
            spans(&RULE, "FROM a:1\nRUN export D=\"$(mktemp -d)\"\n"),
            ["D=\"$(mktemp -d)\""]
        );
        fires(&RULE, "FROM a:1\nRUN readonly V=`cat /v`\n");
        fires(&RULE, "FROM a:1\nRUN f() { local x=$(id -u); }\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN D=\"$(mktemp -d)\"; export D\n");
        silent(&RULE, "FROM a:1\nRUN export PATH=\"$PATH:/x\" N=$((1 + 2))\n");
        silent(&RULE, "FROM a:1\nRUN echo x=$(ls)\n");
    }
}
