//! DW1036: a stage's first WORKDIR is relative (BuildKit's WorkdirRelativePath).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1036",
    name: "first-workdir-relative",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("The first WORKDIR of a stage is a relative path"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a relative WORKDIR when no WORKDIR came before it in the stage or in the stages it is built on \
            (BuildKit's WorkdirRelativePath). Later relative WORKDIRs are not flagged: they follow from the first \
            one, and fixing that one fixes them. DL3000 (hadolint) flags every relative WORKDIR.",
        why: "A relative WORKDIR is joined to the working directory the stage already has. Before any WORKDIR of \
            your own, that is whatever the base image chose, so the files land somewhere that can move when the \
            base image is updated.",
        bad: "FROM nginx:1.27\nWORKDIR usr/share/nginx/html\nCOPY public .\n",
        good: "FROM nginx:1.27\nWORKDIR /usr/share/nginx/html\nCOPY public .\n",
        fix: "Start the stage's first WORKDIR with `/`; later ones may then be relative to it.",
    },
    quiz: quiz! {
        question: "The base image's working directory is `/opt/app`; your stage says `WORKDIR build`. Where do the \
            next instructions run?",
        choices: &[
            Choice {
                text: "In `/opt/app/build`",
                correct: true,
                feedback: "A relative path is joined to the current working directory, which the base image set.",
            },
            Choice {
                text: "In `/build`",
                correct: false,
                feedback: "Only when the base image's working directory is `/`, which nothing guarantees.",
            },
            Choice {
                text: "The build fails: WORKDIR needs an absolute path",
                correct: false,
                feedback: "Relative paths are accepted; BuildKit only warns (WorkdirRelativePath).",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["WorkdirRelativePath"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: WorkdirRelativePath"),
        url: text!("https://docs.docker.com/reference/build-checks/workdir-relative-path/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Absolute on Linux (`/x`), or a Windows path (`C:\x`, `\x`) that a Windows
/// build takes as absolute; a path built from a variable is not judged.
fn judged_relative(path: &str) -> bool {
    let b = path.as_bytes();
    let windows = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    !(path.starts_with(['/', '\\', '$']) || windows || path.is_empty())
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for stage in &cx.stages {
        // a WORKDIR in a stage this one is built on sets the directory first
        let inherited = cx.lineage(stage)[1..]
            .iter()
            .any(|s| cx.body(s).any(|(_, i)| i.kind == Kind::Workdir));
        if inherited {
            continue;
        }
        let Some((_, first)) = cx.body(stage).find(|(_, i)| i.kind == Kind::Workdir) else {
            continue;
        };
        if let Some(w) = first.text() {
            if judged_relative(&w.value) {
                out.report(
                    w.span,
                    format!(
                        "relative WORKDIR `{}` before any absolute one: it depends on the base image's working directory",
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
        assert_eq!(spans(&RULE, "FROM a:1\nWORKDIR app/\nWORKDIR sub\n"), ["app/"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nWORKDIR /app\nWORKDIR sub\n");
    }

    #[test]
    fn edge() {
        // the parent stage set it
        silent(&RULE, "FROM a:1 AS a\nWORKDIR /app\nFROM a AS b\nWORKDIR subdir/\n");
        silent(&RULE, "FROM a:1\nWORKDIR $HOME/app\n");
        silent(&RULE, "FROM a:1\nWORKDIR C:\\app\n");
        // each stage on an image starts afresh
        assert_eq!(spans(&RULE, "FROM a:1\nWORKDIR /x\nFROM b:1\nWORKDIR y\n"), ["y"]);
    }
}
