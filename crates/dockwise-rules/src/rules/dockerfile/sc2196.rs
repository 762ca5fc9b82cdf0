//! SC2196: `egrep` or `fgrep` in RUN: use `grep -E` or `grep -F`.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2196",
    name: "egrep-fgrep",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`egrep` or `fgrep` in RUN: use `grep -E` or `grep -F`"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags the `egrep` and `fgrep` commands.",
        why: "egrep and fgrep were never part of POSIX and are being retired: GNU grep 3.8 and later print an obsolescence warning each time they run (unless a distribution patches it out), and distributions may drop them. `grep -E` and `grep -F` do the same everywhere.",
        bad: "FROM alpine:3.20\nRUN egrep -o '^[0-9]+\\\\.[0-9]+' /etc/alpine-release > /etc/alpine-minor\n",
        good: "FROM alpine:3.20\nRUN grep -Eo '^[0-9]+\\\\.[0-9]+' /etc/alpine-release > /etc/alpine-minor\n",
        fix: "Replace `egrep` with `grep -E` and `fgrep` with `grep -F`. The fix does it; it is safe.",
    },
    quiz: quiz! {
        question: "What should replace `egrep 'a|b' file`?",
        choices: &[
            Choice {
                text: "`grep -E 'a|b' file`",
                correct: true,
                feedback: "`-E` selects extended regular expressions, what egrep did.",
            },
            Choice {
                text: "`grep 'a|b' file`",
                correct: false,
                feedback: "Basic regular expressions read `|` literally (GNU grep accepts `\\\\|`).",
            },
            Choice {
                text: "`grep -F 'a|b' file`",
                correct: false,
                feedback: "`-F` matches fixed strings, fgrep's job, so `|` is literal.",
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
            title: text!("ShellCheck wiki: SC2196"),
            url: text!("https://www.shellcheck.net/wiki/SC2196"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

const MESSAGE: &str = "egrep and fgrep are obsolete: use `grep -E` or `grep -F`";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in &run.script.commands {
            let Some(w) = c.name_word() else { continue };
            let flag = match &*w.value {
                "egrep" => "-E",
                "fgrep" => "-F",
                _ => continue,
            };
            let span = w.span;
            let direct = w.raw == w.value;
            out.push(Diagnostic::new(span, MESSAGE).with_fix(|| {
                direct
                    .then(|| {
                        Fix::safe(
                            format!("use grep {flag}"),
                            vec![Edit::replace(span, format!("grep {flag}"))],
                        )
                    })
                    .flatten()
            }));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        fires(&RULE, "FROM a:1\nRUN egrep -o x /f\n");
        fires(&RULE, "FROM a:1\nRUN ls | fgrep .so\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN grep -E x /f; echo egrep\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN egrep -o x /f | fgrep y\n"),
            "FROM a:1\nRUN grep -E -o x /f | grep -F y\n"
        );
    }
}
