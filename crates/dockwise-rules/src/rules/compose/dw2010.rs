//! DW2010: a service shares a host namespace.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2010",
    name: "compose-host-namespace",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("Service shares the host's network, PID, IPC, UTS or user namespace"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `network_mode: host`, `pid: host`, `ipc: host`, `uts: host` and `userns_mode: host`.",
        why: "Namespaces are what make a container a container. With the host's network it can reach every service \
            bound to the host's localhost and sniff the host's interfaces; with the host's PID namespace it sees \
            every process on the host (and, as root, can signal them); with the host's IPC namespace it can read the \
            shared memory of host processes.",
        bad: "services:\n  app:\n    image: myapp:1.4.2\n    network_mode: host\n",
        good: "services:\n  app:\n    image: myapp:1.4.2\n    ports:\n      - \"127.0.0.1:8080:8080\"\n",
        fix: "Publish the ports the service needs instead of sharing the host network; drop `pid`/`ipc` host sharing \
            unless the container is a node-level monitoring agent, and then document why with an ignore comment.",
    },
    quiz: quiz! {
        question: "What can a container with `network_mode: host` reach that a normal one cannot?",
        choices: &[
            Choice {
                text: "Services the host binds to 127.0.0.1",
                correct: true,
                feedback: "The container shares the host's network stack, so its localhost is the host's localhost, \
                    local admin ports included.",
            },
            Choice {
                text: "Nothing new: only the way ports are published changes",
                correct: false,
                feedback: "The whole network stack is shared: the host's interfaces, its localhost and every port it \
                    listens on.",
            },
            Choice {
                text: "Other services' private networks, by service name",
                correct: false,
                feedback: "A host-mode container is attached to none of the project's networks, so Docker's DNS does \
                    not resolve service names for it; it sees the host's interfaces instead.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0008", "CL-0010"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Compose file reference: services.network_mode"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#network_mode"),
        },
        &Source {
            title: text!(
                "CIS Docker Benchmark: Ensure that the host's network namespace is not shared (and the \
                process, IPC, UTS and user namespaces)"
            ),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
    ],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for (key, what) in [
            ("network_mode", "network"),
            ("pid", "process"),
            ("ipc", "IPC"),
            ("uts", "hostname (UTS)"),
            ("userns_mode", "user"),
        ] {
            if let Some(v) = s.get(key).filter(|_| s.text(key).as_deref() == Some("host")) {
                out.report(
                    v.span,
                    format!(
                        "service `{}` shares the host's {what} namespace (`{key}: host`)",
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
            spans(&RULE, "services:\n  a:\n    network_mode: host\n    pid: \"host\"\n"),
            ["host", "\"host\""]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    network_mode: bridge\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    network_mode: \"service:vpn\"\n");
    }
}
