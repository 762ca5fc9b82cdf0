//! DL3000: WORKDIR must be an absolute path.

use super::helpers::is_absolute;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
            paths (`C:\\app`) pass. BuildKit's WorkdirRelativePath, which flags only a stage's first relative WORKDIR, is DW1036.",
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
                text: "In `/usr/src/app`",
                correct: true,
                feedback: "A relative WORKDIR is joined to the current one, here the base image's, which its \
                    publisher can change in any release.",
            },
            Choice {
                text: "In `/app`",
                correct: false,
                feedback: "Only a path that starts with `/` is taken from the root; a relative one builds on the \
                    current working directory.",
            },
            Choice {
                text: "Nowhere: BuildKit rejects relative WORKDIR paths",
                correct: false,
                feedback: "BuildKit only warns (WorkdirRelativePath); the build goes on in `/usr/src/app`.",
            },
            Choice {
                text: "In `app` inside the build context",
                correct: false,
                feedback: "WORKDIR is a path inside the image; the build context is only read by COPY and ADD.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Build checks: WorkdirRelativePath"),
            url: text!("https://docs.docker.com/reference/build-checks/workdir-relative-path/"),
        },
        &sources::DOCKER_BEST_PRACTICES_WORKDIR,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
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
