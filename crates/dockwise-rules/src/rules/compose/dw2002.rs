//! DW2002: a service runs privileged.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2002",
    name: "compose-privileged",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("Service runs with `privileged: true`"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a service with `privileged: true`.",
        why: "A privileged container gets every capability and access to all the host's devices, and Docker lifts \
            its default seccomp and AppArmor confinement. A process that breaks out of the app (or simply mounts a \
            host disk) can reach the host's files and kernel: root in such a container is root on the machine.",
        bad: "services:\n  app:\n    image: myapp:1.4.2\n    privileged: true\n",
        good: "services:\n  app:\n    image: myapp:1.4.2\n    cap_drop: [ALL]\n",
        fix: "Remove `privileged`. Give the app only what it needs: one device with `devices:`, one capability with \
            `cap_add` (it takes effect for a process running as root, or a binary that carries it as a file \
            capability). Binding a port below 1024 needs nothing extra: since Docker 20.10 any user may do that \
            inside the container's own network namespace.",
    },
    quiz: quiz! {
        question: "A service runs as a non-root user and must listen on port 80 inside its container (Docker 20.10 \
            or later, default bridge network). What does it need?",
        choices: &[
            Choice {
                text: "Nothing beyond the defaults",
                correct: true,
                feedback: "Docker sets `net.ipv4.ip_unprivileged_port_start=0` in each container's own network \
                    namespace, so any user may bind low ports there. (With `network_mode: host` the host's setting \
                    applies instead.)",
            },
            Choice {
                text: "`cap_add: [NET_BIND_SERVICE]`",
                correct: false,
                feedback: "NET_BIND_SERVICE is already in Docker's default set, and an added capability does not \
                    reach a non-root process unless its binary carries that file capability.",
            },
            Choice {
                text: "`privileged: true`",
                correct: false,
                feedback: "That hands out every capability and every host device to solve a problem that, on Docker \
                    20.10 and later, does not exist.",
            },
            Choice {
                text: "`network_mode: host`",
                correct: false,
                feedback: "The host's network stack keeps the host's low-port rule, so a non-root process still \
                    cannot bind 80, and the service loses its network isolation as well.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0002"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: docker container run: Full container capabilities (--privileged)"),
            url: text!("https://docs.docker.com/reference/cli/docker/container/run/#privileged"),
        },
        &sources::CIS_PRIVILEGED_CONTAINERS,
        &Source {
            title: text!("Moby pull request 41030: unprivileged low ports and ping by default (Docker 20.10)"),
            url: text!("https://github.com/moby/moby/pull/41030"),
        },
    ],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        if let Some(v) = s.is_true("privileged") {
            let fix = || {
                fixes::unsafe_(
                    "set `privileged: false`",
                    ed.set(s.node, &["privileged"], &New::scalar("false")),
                )
            };
            out.push(
                Diagnostic::new(
                    v.span,
                    format!(
                        "service `{}` runs privileged: it gets every capability and the host's devices",
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
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    image: x:1\n    privileged: true\n"),
            ["true"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    image: x:1\n    privileged: false\n");
    }

    #[test]
    fn edge() {
        // a quoted "true" is still true for Compose
        fires(&RULE, "services:\n  a:\n    privileged: \"true\"\n");
        // merged in from an anchor
        fires(
            &RULE,
            "x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: x:1\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  a:\n    image: x:1\n    privileged: true  # for the GPU\n"
            ),
            "services:\n  a:\n    image: x:1\n    privileged: false  # for the GPU\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    privileged: \"true\"\n  b:\n    privileged: yes\n",
        );
        // a flow mapping, or a value merged in from an anchor: no fix
        assert!(run(&RULE, "services:\n  a: {privileged: true}\n")[0].fix.is_none());
        assert!(run(
            &RULE,
            "x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: x:1\n"
        )[0]
        .fix
        .is_none());
    }
}
