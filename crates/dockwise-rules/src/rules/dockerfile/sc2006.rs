//! SC2006: backticks in RUN; use `$(...)`.

use super::helpers::shell::{for_each_run, part_span};
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::{parts, ExpansionKind};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2006",
    name: "backticks",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("Backticks in RUN: use `$(...)` for command substitution"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a command substitution written with backticks in a RUN.",
        why: "Backticks do not nest without escaping, treat backslashes inside them in a way few people remember, \
            and are easy to confuse with single quotes in a long RUN. `$(...)` nests plainly and reads the same \
            inside and outside double quotes; POSIX describes both, and every shell a Dockerfile uses has it.",
        bad: "FROM debian:12-slim\n\
            RUN echo \"built on `uname -m`\" > /etc/build-arch\n",
        good: "FROM debian:12-slim\n\
            RUN echo \"built on $(uname -m)\" > /etc/build-arch\n",
        fix: "Write `$(command)` instead of `` `command` ``. The fix does it where the substitution holds no \
            backslash (whose meaning would change).",
    },
    quiz: quiz! {
        question: "Why prefer `$(cmd)` to `` `cmd` `` in a RUN?",
        choices: &[
            Choice {
                text: "It nests without escapes and handles backslashes inside plainly",
                correct: true,
                feedback: "`$(a $(b))` just works; with backticks the inner pair needs backslashes.",
            },
            Choice {
                text: "Backticks run the command in the build host's shell",
                correct: false,
                feedback: "Both forms run inside the build container's shell.",
            },
            Choice {
                text: "Backticks are not part of POSIX sh, so /bin/sh rejects them",
                correct: false,
                feedback: "POSIX sh has both forms; `$(...)` is simply easier to get right.",
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
            title: text!("ShellCheck wiki: SC2006"),
            url: text!("https://www.shellcheck.net/wiki/SC2006"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in &run.script.commands {
            for w in c.assignments.iter().chain(&c.words) {
                if !w.raw.contains('`') {
                    continue;
                }
                for e in parts(w.raw)
                    .expansions
                    .iter()
                    .filter(|e| e.kind == ExpansionKind::Backtick)
                {
                    let closed = e.text.len() >= 2 && e.text.ends_with('`');
                    let inner = &e.text[1..e.text.len() - usize::from(closed)];
                    let part = part_span(w, e.offset, e.text.len());
                    let span = part.unwrap_or(w.span);
                    let fixable = part.is_some() && closed && !inner.contains(['\\', '`', '$']);
                    out.push(Diagnostic::new(span, "use `$(...)` instead of backticks").with_fix(|| {
                        if !fixable {
                            return None;
                        }
                        Fix::safe("use $(...)", vec![Edit::replace(span, format!("$({inner})"))])
                    }));
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
        assert_eq!(spans(&RULE, "FROM a:1\nRUN echo \"on `uname -m`\"\n"), ["`uname -m`"]);
        fires(&RULE, "FROM a:1\nRUN v=`cat /v`\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN echo \"on $(uname -m)\" '`quoted`' \\`x\\`\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN echo \"on `uname -m`\" && v=`id -u`\n"),
            "FROM a:1\nRUN echo \"on $(uname -m)\" && v=$(id -u)\n"
        );
        // a backslash inside would change meaning: no fix
        assert!(run(&RULE, "FROM a:1\nRUN echo `echo \\\\n`\n")[0].fix.is_none());
    }
}
