//! DW1035: `STOPSIGNAL SIGKILL`, which no process can handle.

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1035",
    name: "stopsignal-kill",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("STOPSIGNAL is SIGKILL: the process can never shut down cleanly"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `STOPSIGNAL SIGKILL` (also written `KILL` or `9`, in any case) in the final image's stages and \
            in ONBUILD.",
        why: "`docker stop` (and Compose, and Swarm) first sends the image's stop signal and waits for the process to \
            exit, then kills it. SIGKILL cannot be caught: with it as the stop signal the process dies at once, \
            without finishing requests in flight, flushing buffers, committing or rolling back transactions, or \
            removing lock and PID files. Data is lost or corrupted on every deploy and scale-down.",
        bad: "FROM python:3.12-slim\nCOPY worker.py /app/\nSTOPSIGNAL SIGKILL\nCMD [\"python\", \"/app/worker.py\"]\n",
        good: "FROM python:3.12-slim\nCOPY worker.py /app/\nSTOPSIGNAL SIGTERM\nCMD [\"python\", \"/app/worker.py\"]\n",
        fix: "Use a signal the app handles: SIGTERM, what `docker stop` sends when nothing is set, or the one the \
            program documents for a graceful stop (SIGQUIT for nginx and php-fpm, SIGINT for some CLIs). If the app \
            ignores SIGTERM, make it handle it (or run it under an init such as `tini`) rather than skipping the \
            grace period. The fix writes SIGTERM rather than deleting the line: without a STOPSIGNAL the image \
            would inherit whatever its base image declares.",
    },
    quiz: quiz! {
        question: "A worker hangs on `docker stop` for 10 seconds, so someone adds `STOPSIGNAL SIGKILL`. What is the \
            cost?",
        choices: &[
            Choice {
                text: "The worker dies mid-task on every stop, with no cleanup",
                correct: true,
                feedback: "SIGKILL cannot be caught or delayed; the hang is better fixed by handling SIGTERM (or \
                    running under an init that forwards it).",
            },
            Choice {
                text: "None: Docker still sends SIGTERM first and waits for the grace period",
                correct: false,
                feedback: "STOPSIGNAL replaces the first signal; the grace period only matters when that signal can \
                    be handled.",
            },
            Choice {
                text: "The container can no longer be stopped, since SIGKILL is reserved for the kernel",
                correct: false,
                feedback: "Docker can send SIGKILL; the container stops at once, which is the problem.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Dockerfile reference (STOPSIGNAL)"),
            url: text!("https://docs.docker.com/reference/dockerfile/#stopsignal"),
        },
        &Source {
            title: text!("Docker docs: docker container stop (the stop signal, then SIGKILL after a grace period)"),
            url: text!("https://docs.docker.com/reference/cli/docker/container/stop/"),
        },
    ],
    concern: Some(&sources::GRACEFUL_SHUTDOWN),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

/// `SIGKILL`, `KILL` or `9`, in any case.
fn is_kill(signal: &str) -> bool {
    let s = signal.trim().to_ascii_uppercase();
    matches!(s.as_str(), "SIGKILL" | "KILL" | "9")
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // the stages whose settings the final image carries: the last and those it is built on
    let kept: Vec<usize> = cx
        .final_stage()
        .map(|s| cx.lineage(s).iter().map(|s| s.index).collect())
        .unwrap_or_default();
    for (i, ins) in cx.instructions().iter().enumerate() {
        let onbuild = ins.kind == Kind::Onbuild;
        let ins = ins.effective();
        if ins.kind != Kind::Stopsignal {
            continue;
        }
        if !onbuild && !cx.stage_of[i].is_some_and(|s| kept.contains(&s)) {
            continue;
        }
        let Some(word) = ins.text() else { continue };
        if !is_kill(&word.value) {
            continue;
        }
        let span = word.span;
        out.push(
            Diagnostic::new(
                span,
                format!(
                    "`STOPSIGNAL {}` kills the process outright: it can never shut down cleanly on `docker stop`",
                    word.value
                ),
            )
            .with_fix(|| Fix::unsafe_("stop with SIGTERM", vec![Edit::replace(span, "SIGTERM")])),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nSTOPSIGNAL SIGKILL\n"), ["SIGKILL"]);
        assert_eq!(spans(&RULE, "FROM a:1\nstopsignal kill\n"), ["kill"]);
        assert_eq!(spans(&RULE, "FROM a:1\nSTOPSIGNAL 9\n"), ["9"]);
        fires(&RULE, "FROM a:1\nONBUILD STOPSIGNAL SIGKILL\n");
        // a stage the final image is built on
        fires(
            &RULE,
            "FROM a:1 AS base\nSTOPSIGNAL SIGKILL\nFROM base\nCMD [\"app\"]\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nSTOPSIGNAL SIGTERM\nSTOPSIGNAL SIGQUIT\nSTOPSIGNAL 15\n",
        );
        silent(&RULE, "FROM a:1\nSTOPSIGNAL SIGKILLX\nSTOPSIGNAL 19\n");
        silent(&RULE, "ARG SIG=SIGKILL\nFROM a:1\nSTOPSIGNAL $SIG\n");
    }

    #[test]
    fn edge() {
        // a build stage the final image is not built on: its settings are not kept
        silent(
            &RULE,
            "FROM a:1 AS build\nSTOPSIGNAL SIGKILL\nFROM b:1\nCOPY --from=build /x /x\n",
        );
        // comments are not instructions
        silent(&RULE, "FROM a:1\n# STOPSIGNAL SIGKILL\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nSTOPSIGNAL SIGKILL  \nCMD [\"app\"]\n"),
            "FROM a:1\nSTOPSIGNAL SIGTERM  \nCMD [\"app\"]\n"
        );
        assert_eq!(
            fixed(&RULE, "FROM a:1\nSTOPSIGNAL 9\n"),
            "FROM a:1\nSTOPSIGNAL SIGTERM\n"
        );
    }
}
