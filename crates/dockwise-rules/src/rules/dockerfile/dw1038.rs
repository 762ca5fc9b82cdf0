//! DW1038: shell-form CMD or ENTRYPOINT where no SHELL was chosen (BuildKit's
//! JSONArgsRecommended).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Args, Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1038",
    name: "json-args-recommended",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Shell-form CMD or ENTRYPOINT without a chosen SHELL"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags CMD and ENTRYPOINT in shell form unless a SHELL instruction came before them in the stage or \
            in the stages it is built on (BuildKit's JSONArgsRecommended). DL3025 (hadolint) flags shell form \
            whatever the SHELL.",
        why: "In shell form the program runs as a child of `/bin/sh -c`, and the shell does not pass signals such \
            as SIGTERM on, so `docker stop` waits and then kills the program. A SHELL instruction says the shell \
            was chosen on purpose, and BuildKit then stays quiet.",
        bad: "FROM alpine:3.20\nENTRYPOINT my-program start\n",
        good: "FROM alpine:3.20\nENTRYPOINT [\"my-program\", \"start\"]\n",
        fix: "Write the command as a JSON array; when it needs the shell, put it in a script run in exec form, or \
            choose the shell with SHELL.",
    },
    quiz: quiz! {
        question: "`FROM alpine`, `CMD my-server`. Which process gets the SIGTERM of `docker stop`?",
        choices: &[
            Choice {
                text: "`/bin/sh`, which does not pass it on to my-server",
                correct: true,
                feedback: "Shell form runs `/bin/sh -c my-server`: the shell is PID 1 and gets the signal.",
            },
            Choice {
                text: "my-server, directly",
                correct: false,
                feedback: "Only the exec form (`CMD [\"my-server\"]`) makes my-server the main process.",
            },
            Choice {
                text: "Both, as a process group",
                correct: false,
                feedback: "Docker signals the container's main process only, and that is the shell.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["JSONArgsRecommended"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: JSONArgsRecommended"),
        url: text!("https://docs.docker.com/reference/build-checks/json-args-recommended/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for stage in &cx.stages {
        let mut shell = cx.lineage(stage)[1..]
            .iter()
            .any(|s| cx.body(s).any(|(_, i)| i.kind == Kind::Shell));
        for (_, ins) in cx.body(stage) {
            match (ins.kind, &ins.args) {
                (Kind::Shell, _) => shell = true,
                (Kind::Cmd | Kind::Entrypoint, Args::Shell(w)) if !shell => out.report(
                    w.span,
                    format!(
                        "shell-form {} runs under `/bin/sh -c`, which does not pass signals on: use the JSON form",
                        ins.kind.keyword()
                    ),
                ),
                _ => {}
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
        assert_eq!(
            spans(&RULE, "FROM a:1\nCMD mycommand\nENTRYPOINT run it\n"),
            ["mycommand", "run it"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nCMD [\"mycommand\"]\n");
        silent(&RULE, "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nCMD mycommand\n");
    }

    #[test]
    fn edge() {
        // a parent stage's SHELL counts; a SHELL after the CMD does not
        silent(
            &RULE,
            "FROM a:1 AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nENTRYPOINT x\n",
        );
        assert_eq!(spans(&RULE, "FROM a:1\nCMD x\nSHELL [\"/bin/bash\", \"-c\"]\n"), ["x"]);
    }
}
