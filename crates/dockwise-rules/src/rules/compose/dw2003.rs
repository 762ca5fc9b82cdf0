//! DW2003: the Docker socket is mounted into a service.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::is_runtime_socket;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2003",
    name: "compose-docker-socket",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("The Docker socket is mounted into a container"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a volume whose source is the container runtime's socket (`/var/run/docker.sock`, \
            `/run/containerd/containerd.sock`, Podman's socket).",
        why: "Whoever can talk to the Docker socket can start a privileged container that mounts the host's root \
            filesystem: with a rootful daemon the socket is as good as root on the host. Mounting it read-only does \
            not help, since `:ro` only stops writes to the socket file, not API requests sent through it.",
        bad: "services:\n  ci:\n    image: myci:2.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
        good: "services:\n  ci:\n    image: myci:2.1\n    volumes:\n      - ./workspace:/workspace:ro\n",
        fix: "Avoid it. If a tool really needs the API, put a filtering proxy in front of it (one that allows only \
            the calls it needs), or use rootless Docker so the socket is not root-equivalent.",
    },
    quiz: quiz! {
        question: "Why is mounting `/var/run/docker.sock:ro` still dangerous?",
        choices: &[
            Choice {
                text: "`:ro` covers the socket file, not the API calls sent through it",
                correct: true,
                feedback: "The daemon does not know how its socket was mounted: `docker run --privileged -v /:/host \
                    ...` works through a read-only bind mount just as well, and that is a full host takeover.",
            },
            Choice {
                text: "It is not: a read-only socket only answers reads such as `docker ps`",
                correct: false,
                feedback: "Read-only applies to writing the file itself. Every API call, creating containers \
                    included, is a request sent over the socket, which `:ro` does not filter.",
            },
            Choice {
                text: "Only because other containers' logs become readable",
                correct: false,
                feedback: "Reading logs is the least of it: any client of the socket can create containers, \
                    including privileged ones that mount the host's root filesystem.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0001"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Docker Engine security: Docker daemon attack surface"),
            url: text!("https://docs.docker.com/engine/security/#docker-daemon-attack-surface"),
        },
        &sources::CIS_DOCKER_SOCKET,
    ],
    concern: Some(&sources::RUNTIME_SOCKET),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for m in s.volumes() {
            if m.source.as_deref().is_some_and(is_runtime_socket) {
                out.report(
                    m.source_span,
                    format!(
                        "service `{}` mounts the container runtime socket: that is root access to the host",
                        s.name
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
        assert_eq!(
            spans(
                &RULE,
                "services:\n  a:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n"
            ),
            ["/var/run/docker.sock"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    volumes:\n      - data:/var/lib/data\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "services:\n  a:\n    volumes:\n      - type: bind\n        source: /run/containerd/containerd.sock\n        target: /c.sock\n");
        // the target alone does not make it the host's socket
        silent(
            &RULE,
            "services:\n  a:\n    volumes:\n      - sock:/var/run/docker.sock\n",
        );
    }
}
