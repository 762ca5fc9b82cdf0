//! DL3025: shell-form CMD or ENTRYPOINT.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::{Args, Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3025",
    name: "exec-form",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Shell-form CMD/ENTRYPOINT/HEALTHCHECK: use the JSON (exec) form"),
    tags: &[Tag::Reliability, Tag::Operability],
    docs: docs! {
        what: "Flags CMD, ENTRYPOINT and `HEALTHCHECK CMD` written as a plain command line (shell form) instead of a \
            JSON array (exec form).",
        why: "The shell form runs `/bin/sh -c \"your command\"`, so PID 1 is the shell, not your app. When the \
            container is stopped, SIGTERM goes to the shell, which does not pass it on: the app never gets a chance \
            to finish requests and close connections, and is killed hard after the grace period (10 s in Docker, 30 s \
            in Kubernetes). A shell-form ENTRYPOINT also ignores CMD and `docker run` arguments. A shell-form health \
            check needs `/bin/sh` in the image, which minimal and distroless images do not have.",
        bad: "FROM python:3.12-slim\nCMD gunicorn --bind 0.0.0.0:8000 app:app\n",
        good: "FROM python:3.12-slim\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n",
        fix: "Write the command as a JSON array of strings: `CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \
            \"app:app\"]`. If you need shell features (variables, `&&`), put them in an entrypoint script that ends \
            with `exec \"$@\"`, so the app replaces the shell as PID 1.",
    },
    quiz: quiz! {
        question: "`CMD node server.js` (shell form). What happens on `docker stop`?",
        choices: &[
            Choice {
                text: "SIGTERM goes to `/bin/sh`, Node never sees it, and it is killed after the timeout",
                correct: true,
                feedback: "Right: with shell form, PID 1 is the shell and it does not forward signals, so there is no \
                    graceful shutdown.",
            },
            Choice {
                text: "Node receives SIGTERM and shuts down gracefully",
                correct: false,
                feedback: "Only in exec form (`CMD [\"node\", \"server.js\"]`), where Node itself is PID 1.",
            },
            Choice {
                text: "The container cannot be stopped",
                correct: false,
                feedback: "It is stopped, just not gracefully: SIGKILL arrives after the grace period.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(check),
    standard: &[&sources::DOCKER_EXEC_FORM],
    concern: Some(&sources::EXEC_FORM),
    fixes: Fixes::No,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        match (&ins.kind, &ins.args) {
            (Kind::Cmd | Kind::Entrypoint, Args::Shell(w)) => out.report(
                w.span,
                format!(
                    "shell-form {} runs under `/bin/sh -c`, which does not pass SIGTERM on: use the JSON form",
                    ins.kind.keyword()
                ),
            ),
            (Kind::Healthcheck, Args::Healthcheck { cmd: Some(cmd), .. }) => {
                if let Args::Shell(w) = cmd.as_ref() {
                    out.report(
                        w.span,
                        "shell-form health check needs `/bin/sh` in the image: use the JSON form",
                    );
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nCMD node server.js\n"), ["node server.js"]);
        assert_eq!(
            spans(&RULE, "FROM a:1\nENTRYPOINT /docker-entrypoint.sh\n"),
            ["/docker-entrypoint.sh"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nCMD [\"node\", \"server.js\"]\n");
        silent(
            &RULE,
            "FROM a:1\nENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD [\"serve\"]\n",
        );
    }

    #[test]
    fn edge() {
        // broken JSON is shell form, exactly as Docker treats it
        fires(&RULE, "FROM a:1\nCMD ['node', 'server.js']\n");
        fires(&RULE, "FROM a:1\nONBUILD CMD make run\n");
        // RUN is not covered; a shell-form HEALTHCHECK CMD is
        silent(&RULE, "FROM a:1\nRUN echo hi\nHEALTHCHECK NONE\n");
        assert_eq!(
            spans(
                &RULE,
                "FROM a:1\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\n"
            ),
            ["curl -f http://localhost/"]
        );
    }
}
