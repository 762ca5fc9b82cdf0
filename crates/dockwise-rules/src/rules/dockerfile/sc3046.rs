//! SC3046: `source` in a RUN run by /bin/sh: use `.`.

use super::helpers::shell::for_each_sh_run;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC3046",
    name: "sh-source",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`source` in a RUN run by /bin/sh: use `.`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags the `source` command in a RUN whose shell is POSIX sh.",
        why: "`source` is bash's name for the `.` command. dash (Debian's and Ubuntu's /bin/sh) has only `.`, so `source /opt/venv/bin/activate` fails with `source: not found` and the next commands run without the environment it should have set.",
        bad: "FROM debian:12-slim\nRUN python3 -m venv /opt/venv && source /opt/venv/bin/activate && pip install flask\n",
        good: "FROM debian:12-slim\nRUN python3 -m venv /opt/venv && . /opt/venv/bin/activate && pip install flask\n",
        fix: "Write `. file` instead of `source file`; for a virtualenv, `ENV PATH=/opt/venv/bin:$PATH` is simpler still.",
    },
    quiz: quiz! {
        question: "Which command reads a file into the current shell in every POSIX /bin/sh?",
        choices: &[
            Choice {
                text: "`. /path/file`",
                correct: true,
                feedback: "`.` is the POSIX name; `source` is a bash (and zsh) synonym.",
            },
            Choice {
                text: "`source /path/file`",
                correct: false,
                feedback: "dash, Debian's /bin/sh, has no `source`.",
            },
            Choice {
                text: "`exec /path/file`",
                correct: false,
                feedback: "exec replaces the shell with the file as a program instead of reading it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_SHELL,
        &sources::POSIX_SHELL,
        &Source {
            title: text!("ShellCheck wiki: SC3046"),
            url: text!("https://www.shellcheck.net/wiki/SC3046"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

const MESSAGE: &str = "`source` is not POSIX sh: use `.`";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_sh_run(cx, |run| {
        for c in run.script.commands.iter().filter(|c| c.name() == Some("source")) {
            let Some(w) = c.name_word() else { continue };
            let span = w.span;
            out.push(Diagnostic::new(span, MESSAGE).with_fix(|| {
                (w.raw == "source")
                    .then(|| Fix::safe("use .", vec![Edit::replace(span, ".")]))
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
        fires(&RULE, "FROM a:1\nRUN source /etc/profile && env\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN . /etc/profile && env\n");
        silent(
            &RULE,
            "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN source /etc/profile\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN source /etc/profile && env\n"),
            "FROM a:1\nRUN . /etc/profile && env\n"
        );
    }
}
