//! DW1018: the app logs to a file instead of stdout/stderr.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::model::startup_script;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1018",
    name: "log-to-file",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("The container logs to a file instead of stdout/stderr"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags CMD and ENTRYPOINT that send output to a log file (`>> /var/log/app.log`, `2> error.log`) or \
            start the app with a log-file option (`--log-file`, `--logfile`, `--error-logfile`, \
            `--access-logfile`...), and ENV settings such as `LOG_FILE=/var/log/app.log`. Writing to `/dev/stdout`, \
            `/dev/stderr` or `-` is fine.",
        why: "Docker keeps what a container writes to stdout and stderr (`docker logs`), and logging drivers and \
            platforms (Kubernetes, ECS, Cloud Run) collect the same two streams and ship them on. Logs written to a \
            file inside the container are invisible there, are lost when the container is removed, and slowly fill \
            its writable layer.",
        bad: "FROM python:3.12-slim\nCMD [\"gunicorn\", \"--access-logfile\", \"/var/log/access.log\", \"app:app\"]\n",
        good: "FROM python:3.12-slim\nCMD [\"gunicorn\", \"--access-logfile\", \"-\", \"app:app\"]\n",
        fix: "Log to stdout/stderr: drop the redirection or file option (many tools take `-` for stdout). For \
            software that insists on a file, link it to the streams: `RUN ln -sf /dev/stdout /var/log/app/access.log`.",
    },
    quiz: quiz! {
        question: "Nginx writes its access log to `/var/log/nginx/access.log`. How do the official nginx images get \
            those lines into `docker logs`?",
        choices: &[
            Choice {
                text: "Its log files are links to stdout and stderr",
                correct: true,
                feedback: "The image links access.log to /dev/stdout and error.log to /dev/stderr, so nginx writes \
                    to the streams Docker collects. The same trick works for any program that insists on a file.",
            },
            Choice {
                text: "Docker follows every file under /var/log",
                correct: false,
                feedback: "Docker reads only the main process's stdout and stderr; files are never collected.",
            },
            Choice {
                text: "The json-file driver copies /var/log to the host",
                correct: false,
                feedback: "The json-file driver stores the stdout and stderr streams; it knows nothing about files \
                    in the container.",
            },
            Choice {
                text: "Only with /var/log/nginx mounted as a volume",
                correct: false,
                feedback: "A volume keeps the files, but `docker logs` still shows only the streams.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: View container logs"),
        url: text!("https://docs.docker.com/engine/logging/"),
    }],
    concern: Some(&sources::LOGGING),
    fixes: Fixes::No,
    scope: Scope::Place,
};

const LOG_OPTIONS: &[&str] = &[
    "--log-file",
    "--logfile",
    "--log-path",
    "--logpath",
    "--error-logfile",
    "--access-logfile",
    "--error-log",
    "--access-log",
    "--log",
];

fn is_stream(v: &str) -> bool {
    matches!(
        v,
        "-" | "/dev/stdout"
            | "/dev/stderr"
            | "/proc/self/fd/1"
            | "/proc/self/fd/2"
            | "/dev/fd/1"
            | "/dev/fd/2"
            | "stdout"
            | "stderr"
    ) || v.starts_with('$')
}

fn is_log_path(v: &str) -> bool {
    !is_stream(v) && v != "/dev/null" && (v.ends_with(".log") || v.starts_with("/var/log/"))
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        match ins.kind {
            Kind::Cmd | Kind::Entrypoint => {
                let Some(script) = startup_script(ins) else { continue };
                for c in &script.commands {
                    for r in &c.redirects {
                        if let Some(t) = r
                            .target
                            .as_ref()
                            .filter(|t| r.op.contains('>') && is_log_path(&t.value))
                        {
                            out.report(
                                t.span,
                                format!(
                                    "output goes to `{}` instead of stdout/stderr, where the platform collects logs",
                                    t.value
                                ),
                            );
                        }
                    }
                    let args = c.args();
                    for (k, w) in args.iter().enumerate() {
                        let (opt, value, span) = match w.value.split_once('=') {
                            Some((o, v)) if LOG_OPTIONS.contains(&o) => (o, v, w.span),
                            _ if LOG_OPTIONS.contains(&&*w.value) => match args.get(k + 1) {
                                Some(v) => (&*w.value, &*v.value, v.span),
                                None => continue,
                            },
                            _ => continue,
                        };
                        if !is_stream(value) && value != "/dev/null" {
                            out.report(
                                span,
                                format!("`{opt}` writes logs to `{value}`: log to stdout/stderr (often `{opt} -`)"),
                            );
                        }
                    }
                }
            }
            Kind::Env => {
                for kv in ins.key_values() {
                    let name = kv.key.value.to_ascii_uppercase();
                    let Some(v) = &kv.value else { continue };
                    if (name.ends_with("LOG_FILE") || name.ends_with("LOGFILE") || name.ends_with("LOG_PATH"))
                        && is_log_path(&v.value)
                    {
                        out.report(
                            v.span,
                            format!("`{}` points logs at a file: log to stdout/stderr", kv.key.value),
                        );
                    }
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
        assert_eq!(
            spans(&RULE, "FROM a:1\nCMD app >> /var/log/app.log 2>&1\n"),
            ["/var/log/app.log"]
        );
        assert_eq!(
            spans(&RULE, "FROM a:1\nCMD [\"app\", \"--log-file=/srv/app.log\"]\n"),
            ["\"--log-file=/srv/app.log\""]
        );
        fires(&RULE, "FROM a:1\nENV APP_LOG_FILE=/var/log/app/app.log\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nCMD [\"gunicorn\", \"--error-logfile\", \"-\", \"app:app\"]\n",
        );
        silent(
            &RULE,
            "FROM a:1\nRUN ln -sf /dev/stdout /var/log/nginx/access.log\nCMD [\"nginx\"]\n",
        );
    }

    #[test]
    fn edge() {
        // build-time logs are not the app's logs
        silent(&RULE, "FROM a:1\nRUN make > build.log\nCMD app > /dev/null\n");
        silent(&RULE, "FROM a:1\nCMD app --log-file \"$LOG_TARGET\"\n");
    }
}
