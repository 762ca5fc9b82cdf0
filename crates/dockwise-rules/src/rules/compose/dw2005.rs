//! DW2005: a service has no healthcheck.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2005",
    name: "compose-no-healthcheck",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("Service has no healthcheck"),
    tags: &[Tag::Reliability, Tag::Operability],
    docs: docs! {
        what: "Flags a service with no `healthcheck:`. It cannot know whether the image defines a HEALTHCHECK \
            itself, so this is information: check the image, or declare one here.",
        why: "A running process is not a working service: a web app can hang with its port open. With a healthcheck \
            Docker marks the container `unhealthy`, `depends_on: condition: service_healthy` waits until the service \
            really answers, and `docker ps` and monitoring can show the state. Docker and Compose do not restart an \
            unhealthy container (restart policies act only when the process exits); Swarm replaces unhealthy tasks.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    healthcheck:\n      test: [\"CMD\", \"wget\", \"-qO-\", \"http://127.0.0.1:8080/health\"]\n      interval: 30s\n      timeout: 3s\n      retries: 3\n",
        fix: "Add a `healthcheck` whose `test` exercises the app cheaply (an HTTP health endpoint, `pg_isready`, \
            `redis-cli ping`), with an `interval`, a `timeout` and `retries`. If the image already has a \
            HEALTHCHECK, silence this with `# dockwise ignore=DW2005`.",
    },
    quiz: quiz! {
        question: "What does a Compose healthcheck give you that a running process does not?",
        choices: &[
            Choice {
                text: "A health status that dependants can wait for",
                correct: true,
                feedback: "With `condition: service_healthy` Compose starts a dependant only once the check passes, \
                    and `docker ps` and monitoring see the status too.",
            },
            Choice {
                text: "A restart whenever the check fails",
                correct: false,
                feedback: "Docker and Compose only report `unhealthy`: restart policies act when the process exits. \
                    Swarm services are the exception, where unhealthy tasks are replaced.",
            },
            Choice {
                text: "Traffic kept away from the container while it is unhealthy",
                correct: false,
                feedback: "That is what a Kubernetes readiness probe does. Plain Docker and Compose change no \
                    routing when a check fails; the status is information.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Compose file reference: services.healthcheck"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#healthcheck"),
        },
        &sources::COMPOSE_STARTUP_ORDER,
        &sources::DOCKER_START_CONTAINERS_AUTOMATICALLY,
    ],
    concern: Some(&sources::HEALTH),
    fixes: Fixes::Unsafe,
    scope: Scope::Service,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    let skeleton = New::Map(vec![
        (
            "test".into(),
            New::scalar("[\"CMD-SHELL\", \"exit 0\"]  # placeholder: a command that checks the app"),
        ),
        ("interval".into(), New::scalar("30s")),
        ("timeout".into(), New::scalar("5s")),
        ("retries".into(), New::scalar("3")),
    ]);
    for s in &c.services {
        if s.get("healthcheck").is_none() {
            let fix = || {
                fixes::unsafe_(
                    "add a healthcheck skeleton (a placeholder test)",
                    ed.set(s.node, &["healthcheck"], &skeleton),
                )
            };
            out.push(
                Diagnostic::new(
                    s.key.span,
                    format!(
                        "service `{}` has no healthcheck: unless its image has a HEALTHCHECK, Docker cannot tell whether it answers",
                        s.name
                    ),
                )
                .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "services:\n  api:\n    image: a:1\n"), ["api"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  api:\n    image: a:1\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n",
        );
    }

    #[test]
    fn edge() {
        // disabling it explicitly is a decision, not an omission
        silent(&RULE, "services:\n  api:\n    healthcheck:\n      disable: true\n");
        silent(&RULE, "services:\n  # dockwise ignore=DW2005\n  api:\n    image: a:1\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  api:\n    image: a:1\n"),
            "services:\n  api:\n    image: a:1\n    healthcheck:\n      test: [\"CMD-SHELL\", \"exit 0\"]  # placeholder: a command that checks the app\n      interval: 30s\n      timeout: 5s\n      retries: 3\n"
        );
        fix_converges(
            &RULE,
            "services:\n    api:\n        image: a:1\n    db:\n        image: b:1\n",
        );
        assert!(run(&RULE, "services:\n  api: {image: a:1}\n")[0].fix.is_none());
    }
}
