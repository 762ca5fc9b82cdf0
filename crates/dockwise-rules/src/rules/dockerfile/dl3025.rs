//! DL3025: shell-form CMD or ENTRYPOINT.

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::{Args, Kind, Model, OffsetMap, Word};
use dockwise_syntax::shell::Script;
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
            JSON array (exec form). BuildKit's JSONArgsRecommended, which accepts shell form after a SHELL \
            instruction, is DW1038.",
        why: "The shell form runs `/bin/sh -c \"your command\"`, so PID 1 is usually the shell (dash, the /bin/sh of \
            Debian and Ubuntu images, keeps running with your app as its child), not your app. When the container is \
            stopped, SIGTERM goes to the shell, which does not pass it on: the app gets no chance to finish requests \
            and close connections, and is killed after the grace period (10 s in Docker, 30 s in Kubernetes). A \
            shell-form ENTRYPOINT also ignores CMD and `docker run` arguments. A shell-form health check needs \
            `/bin/sh` in the image, which minimal and distroless images do not have.",
        bad: "FROM python:3.12-slim\nCMD gunicorn --bind 0.0.0.0:8000 app:app\n",
        good: "FROM python:3.12-slim\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n",
        fix: "Write the command as a JSON array of strings: `CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \
            \"app:app\"]`. If you need shell features (variables, `&&`), put them in an entrypoint script that ends \
            with `exec \"$@\"`, so the app replaces the shell as PID 1.",
    },
    quiz: quiz! {
        question: "`CMD node server.js` (shell form) in a Debian-based image. What happens on `docker stop`?",
        choices: &[
            Choice {
                text: "Node never sees SIGTERM and is killed after the timeout",
                correct: true,
                feedback: "dash stays PID 1 with Node as its child and does not forward the signal, so Docker sends \
                    SIGKILL after 10 s.",
            },
            Choice {
                text: "The shell forwards SIGTERM to Node, then exits",
                correct: false,
                feedback: "dash does not forward signals to its child; as PID 1 it just ignores SIGTERM until SIGKILL \
                    arrives.",
            },
            Choice {
                text: "Node receives SIGTERM and shuts down gracefully",
                correct: false,
                feedback: "Only in exec form does Node receive the signal, and even then it stops gracefully only if \
                    it handles SIGTERM or runs under an init (`docker run --init`, tini), because PID 1 gets no \
                    default signal handling.",
            },
            Choice {
                text: "Docker sends SIGKILL straight away to shell-form containers",
                correct: false,
                feedback: "Docker always sends the stop signal (SIGTERM by default) first, and SIGKILL only after the \
                    grace period.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Build checks: JSONArgsRecommended"),
            url: text!("https://docs.docker.com/reference/build-checks/json-args-recommended/"),
        },
        &sources::DOCKER_EXEC_FORM,
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, ins) in cx.instructions().iter().enumerate() {
        let ins = ins.effective();
        let posix = cx.posix.get(i).copied().unwrap_or(false);
        match (&ins.kind, &ins.args) {
            (Kind::Cmd | Kind::Entrypoint, Args::Shell(w)) => out.push(
                Diagnostic::new(
                    w.span,
                    format!(
                        "shell-form {} runs under `/bin/sh -c`, which does not pass SIGTERM on: use the JSON form",
                        ins.kind.keyword()
                    ),
                )
                .with_fix(|| to_exec_form(w, posix)),
            ),
            (Kind::Healthcheck, Args::Healthcheck { cmd: Some(cmd), .. }) => {
                if let Args::Shell(w) = cmd.as_ref() {
                    out.push(
                        Diagnostic::new(
                            w.span,
                            "shell-form health check needs `/bin/sh` in the image: use the JSON form",
                        )
                        .with_fix(|| to_exec_form(w, posix)),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Shell builtins: no program of that name to run without a shell.
const BUILTINS: &[&str] = &[
    "cd", "export", "source", ".", ":", "set", "unset", "eval", "exit", "alias", "ulimit", "umask", "trap", "read",
    "shift", "wait", "return", "readonly", "local", "type", "hash", "times", "command", "builtin",
];

/// The exec form of a shell-form command that is one simple command and
/// uses nothing of the shell (no variables, globs, operators, redirections,
/// escapes): the JSON array of its words, a leading `exec` dropped (exec
/// form is what `exec` asked for). None otherwise: `["/bin/sh", "-c", ...]`
/// would still be a shell. Unsafe all the same: the program becomes PID 1
/// and gets the signals, and an ENTRYPOINT in exec form takes CMD as its
/// arguments.
fn to_exec_form(w: &Word, posix: bool) -> Option<Fix> {
    let text: &str = &w.raw;
    let mut quote = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '$' | '`' | '\\') => return None,
            (Some(_), c) if !c.is_control() => {}
            (None, c) if c.is_alphanumeric() || " \t-_./:=,+@%".contains(c) => {}
            _ => return None,
        }
    }
    let script = Script::parse(text, &OffsetMap::contiguous(0), 0);
    let [cmd] = script.commands.as_slice() else { return None };
    let starts_at_text = cmd.span.start as usize == text.len() - text.trim_start().len();
    if !posix || quote.is_some() || !starts_at_text || !cmd.assignments.is_empty() || !cmd.redirects.is_empty() {
        return None;
    }
    let words = match cmd.words.split_first() {
        Some((first, rest)) if first.value == "exec" => rest,
        _ => &cmd.words[..],
    };
    if words.first().is_none_or(|first| BUILTINS.contains(&&*first.value)) {
        return None;
    }
    let mut json = String::from("[");
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            json.push_str(", ");
        }
        json.push('"');
        for c in word.value.chars() {
            if c == '"' || c == '\\' {
                json.push('\\');
            }
            json.push(c);
        }
        json.push('"');
    }
    json.push(']');
    Fix::unsafe_("use the exec form", vec![Edit::replace(w.span, json)])
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

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let src = "FROM a:1\nCMD gunicorn --bind 0.0.0.0:8000 app:app\n";
        assert_eq!(
            fix_converges(&RULE, src),
            "FROM a:1\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n"
        );
        assert_eq!(
            run(&RULE, src)[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM a:1\nENTRYPOINT exec /app --name 'my app' \"a'b\" \\\n  --x=1\n"
            ),
            "FROM a:1\nENTRYPOINT [\"/app\", \"--name\", \"my app\", \"a'b\", \"--x=1\"]\n"
        );
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM a:1\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\n"
            ),
            "FROM a:1\nHEALTHCHECK --interval=5s CMD [\"curl\", \"-f\", \"http://localhost/\"]\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nONBUILD CMD make run\n"),
            "FROM a:1\nONBUILD CMD [\"make\", \"run\"]\n"
        );
        // what needs a shell keeps it: variables, operators, globs, builtins
        for src in [
            "FROM a:1\nCMD node $APP\n",
            "FROM a:1\nCMD \"$HOME/run\"\n",
            "FROM a:1\nCMD a && b\n",
            "FROM a:1\nCMD app > /log\n",
            "FROM a:1\nCMD ls *.txt\n",
            "FROM a:1\nCMD cd /x\n",
            "FROM a:1\nCMD X=1 app\n",
            "FROM a:1\nCMD app # run it\n",
            "FROM a:1\nCMD ['node', 'server.js']\n",
            "FROM a:1\nSHELL [\"pwsh\", \"-c\"]\nCMD Write-Host hi\n",
        ] {
            assert!(run(&RULE, src)[0].fix.is_none(), "{src}");
        }
    }
}
