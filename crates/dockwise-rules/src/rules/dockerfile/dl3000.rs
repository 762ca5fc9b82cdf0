//! DL3000: WORKDIR must be an absolute path.

use super::helpers::is_absolute;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3000",
    name: "workdir-absolute",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("WORKDIR is a relative path"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a WORKDIR whose path is relative. Absolute paths, variables (`$APP_HOME`) and Windows drive \
            paths (`C:\\app`) pass. Also covers BuildKit's WorkdirRelativePath check.",
        why: "A relative WORKDIR is resolved against the previous WORKDIR, which may come from the base image. If the \
            base image changes its working directory, your files silently move, and readers cannot tell where \
            anything ends up without looking up the base image.",
        bad: "FROM node:20-slim\nWORKDIR app\n",
        good: "FROM node:20-slim\nWORKDIR /app\n",
        fix: "Write the full path: `WORKDIR /app`.",
    },
    quiz: quiz! {
        question: "The base image's WORKDIR is `/usr/src`. Where does `WORKDIR app` put you?",
        choices: &[
            Choice {
                text: "`/usr/src/app`, and somewhere else if the base image changes",
                correct: true,
                feedback: "Right: a relative WORKDIR builds on whatever the current one is, which you do not control.",
            },
            Choice {
                text: "`/app`",
                correct: false,
                feedback: "Only an absolute path is independent of the base image.",
            },
            Choice {
                text: "The build fails",
                correct: false,
                feedback: "It builds; the problem is that the result depends on the base image.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_EXEC_FORM],
    concern: Some(&sources::EXEC_FORM),
    fixes: Fixes::No,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx
        .instructions()
        .iter()
        .map(|i| i.effective())
        .filter(|i| i.kind == Kind::Workdir)
    {
        if let Some(w) = ins.text() {
            if !is_absolute(&w.raw) {
                out.report(
                    w.span,
                    format!(
                        "`WORKDIR {}` is relative to the previous WORKDIR: use an absolute path",
                        w.value
                    ),
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
        assert_eq!(spans(&RULE, "FROM a:1\nWORKDIR app/src\n"), ["app/src"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nWORKDIR /app\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM a:1\nWORKDIR $HOME\nWORKDIR \"/quoted\"\nWORKDIR C:\\\\app\n",
        );
        fires(&RULE, "FROM a:1\nWORKDIR ./app\n");
    }
}
