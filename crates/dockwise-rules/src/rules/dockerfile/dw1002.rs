//! DW1002: an image that serves traffic but declares no HEALTHCHECK.

use super::helpers::command_text;
use super::helpers::fixes::{healthcheck_placeholder, Keywords};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1002",
    name: "missing-healthcheck",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("A serving image declares no HEALTHCHECK"),
    tags: &[Tag::Reliability, Tag::Operability],
    docs: docs! {
        what: "Flags a final stage that serves (it EXPOSEs a port, or its CMD/ENTRYPOINT starts a known server such \
            as nginx, gunicorn or uvicorn) but has no HEALTHCHECK, neither its own nor inherited. `HEALTHCHECK NONE` \
            counts as a deliberate choice.",
        why: "A process can be running and still be useless: deadlocked, out of connections, stuck on a dependency. \
            Without a health check Docker only knows that the process is running. With one, the container gets a \
            health status: `docker ps` shows `unhealthy`, Compose can hold back the services that depend on it \
            (`condition: service_healthy`), and Swarm replaces unhealthy tasks. Plain Docker and Compose do not \
            restart an unhealthy container: restart policies act only when the process exits. (Kubernetes ignores \
            HEALTHCHECK and uses its own liveness and readiness probes.)",
        bad: "FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n",
        good: "FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n\
            HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1/ || exit 1\n",
        fix: "Add `HEALTHCHECK CMD <a cheap check that fails when the app cannot serve>`, for example an HTTP request \
            to a health endpoint, with `--interval`, `--timeout` and `--retries` suited to the app. Make sure the \
            tool it calls (curl, wget) exists in the image. If the platform probes instead (Kubernetes), say so with \
            `HEALTHCHECK NONE`.",
    },
    quiz: quiz! {
        question: "A web container's process is alive but every request hangs. Its image has a HEALTHCHECK and it \
            runs with `docker run --restart=always`. What does Docker do?",
        choices: &[
            Choice {
                text: "Marks it unhealthy and leaves it running",
                correct: true,
                feedback: "The status turns `unhealthy` (`docker ps`, `docker inspect`, a `health_status` event). \
                    Docker itself does not restart it: Swarm, Compose's `depends_on` or your monitoring can act on \
                    the status.",
            },
            Choice {
                text: "Restarts it once the check fails three times",
                correct: false,
                feedback: "Restart policies react only to the process exiting. A failing check marks the container \
                    unhealthy; replacing it is up to Swarm, an orchestrator or your own tooling.",
            },
            Choice {
                text: "Stops sending it traffic until it recovers",
                correct: false,
                feedback: "Plain Docker has no load balancer to take it out of: the health status is only recorded \
                    and reported.",
            },
            Choice {
                text: "Nothing: only Kubernetes runs health checks",
                correct: false,
                feedback: "Kubernetes is the one that ignores HEALTHCHECK (it uses probes); Docker runs the check \
                    and records the result.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_HEALTHCHECK,
        &sources::DOCKER_START_CONTAINERS_AUTOMATICALLY,
        &sources::CIS_HEALTHCHECK,
    ],
    concern: Some(&sources::HEALTH),
    fixes: Fixes::Unsafe,
    scope: Scope::File,
};

/// Programs whose presence in CMD/ENTRYPOINT means the container serves.
const SERVERS: &[&str] = &[
    "nginx",
    "httpd",
    "httpd-foreground",
    "apache2",
    "apache2-foreground",
    "caddy",
    "traefik",
    "haproxy",
    "envoy",
    "gunicorn",
    "uvicorn",
    "hypercorn",
    "daphne",
    "waitress-serve",
    "puma",
    "unicorn",
    "php-fpm",
    "runserver",
    "http.server",
    "serve",
    "redis-server",
    "postgres",
    "mysqld",
    "mongod",
    "catalina.sh",
];

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let Some(stage) = cx.final_stage() else { return };
    if cx.last_in_lineage(stage, Kind::Healthcheck).is_some() {
        return;
    }
    let exposes = cx.last_in_lineage(stage, Kind::Expose).is_some();
    let starts_server = [Kind::Cmd, Kind::Entrypoint].iter().any(|k| {
        cx.last_in_lineage(stage, *k).is_some_and(|(_, ins)| {
            command_text(ins)
                .split(|c: char| c.is_whitespace() || c == '/')
                .any(|w| SERVERS.contains(&w))
        })
    });
    if !(exposes || starts_server) {
        return;
    }
    let span = cx
        .base_image(stage)
        .map(|i| i.span)
        .unwrap_or(cx.from_of(stage).keyword_span);
    let why = if exposes { "exposes a port" } else { "starts a server" };
    out.push(
        Diagnostic::new(
            span,
            format!("the final stage {why} but has no HEALTHCHECK: add one so a hung process is noticed"),
        )
        .with_fix(|| healthcheck_placeholder(cx, stage, &Keywords::default())),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n"),
            ["python:3.12-slim"]
        );
        fires(&RULE, "FROM alpine:3.20\nEXPOSE 8080\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM alpine:3.20\nEXPOSE 8080\nHEALTHCHECK CMD wget -qO- http://localhost:8080/health || exit 1\n",
        );
        // a batch job that serves nothing needs no health check
        silent(&RULE, "FROM alpine:3.20\nCMD [\"/bin/backup.sh\"]\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM alpine:3.20\nEXPOSE 80\nHEALTHCHECK NONE\n");
        // inherited from the stage the final one builds on
        silent(
            &RULE,
            "FROM nginx:1.27 AS web\nHEALTHCHECK CMD curl -f http://localhost/\nFROM web\nEXPOSE 80\n",
        );
        // a worker process is not a server
        silent(
            &RULE,
            "FROM mcr.microsoft.com/dotnet/runtime:8.0\nENTRYPOINT [\"dotnet\", \"Worker.dll\"]\n",
        );
        // EXPOSE in an unrelated builder stage does not count
        silent(
            &RULE,
            "FROM golang:1.22 AS build\nEXPOSE 8080\nFROM alpine:3.20\nCMD [\"/app\"]\n",
        );
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let src = "FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"gunicorn\", \"app:app\"]\n";
        assert_eq!(
            fix_converges(&RULE, src),
            "FROM python:3.12-slim\nEXPOSE 8000\n# TODO: a command that fails when the app cannot serve\n\
             HEALTHCHECK CMD [\"/bin/app\", \"healthcheck\"]\nCMD [\"gunicorn\", \"app:app\"]\n"
        );
        assert_eq!(
            run(&RULE, src)[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        // the placeholder itself is what the other rules ask for: exec form
        let fixed = fixed(&RULE, src);
        assert!(crate::lint(&fixed, &Default::default())
            .findings
            .iter()
            .all(|f| !matches!(f.rule.id, "DL3025" | "DL3012" | "DW1000")));
        fix_converges(&RULE, "FROM alpine:3.20\nEXPOSE 8080");
    }
}
