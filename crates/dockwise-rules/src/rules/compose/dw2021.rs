//! DW2021: two services publish the same host port.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "DW2021",
    name: "compose-duplicate-host-port",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("The same host port is published twice"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a published host port (same host address and protocol) that an earlier entry already publishes. \
            TCP and UDP on the same number do not clash.",
        why: "Only one socket can listen on a host address, port and protocol. The second container fails with \
            \"port is already allocated\", often at deploy time on a server rather than on a laptop where one of the \
            two was not running.",
        bad: "services:\n  web:\n    image: myweb:3.1\n    ports:\n      - \"127.0.0.1:8080:80\"\n  admin:\n    image: myadmin:1.0\n    ports:\n      - \"127.0.0.1:8080:8000\"\n",
        good: "services:\n  web:\n    image: myweb:3.1\n    ports:\n      - \"127.0.0.1:8080:80\"\n  admin:\n    image: myadmin:1.0\n    ports:\n      - \"127.0.0.1:8081:8000\"\n",
        fix: "Pick a different host port for one of them, or put both behind a reverse proxy that routes by host name \
            or path.",
    },
    quiz: quiz! {
        question: "Two services publish `127.0.0.1:8080:80` and `127.0.0.1:8080:8000`. What happens?",
        choices: &[
            Choice {
                text: "The second cannot start: the host port is taken",
                correct: true,
                feedback: "The container ports differ, but both ask for port 8080 on the host's 127.0.0.1, and only \
                    one of them can have it.",
            },
            Choice {
                text: "Docker balances requests between the two",
                correct: false,
                feedback: "Plain Docker does no load balancing on published ports; Swarm's routing mesh does, and \
                    only for replicas of one service.",
            },
            Choice {
                text: "It works, because the container ports differ",
                correct: false,
                feedback: "The clash is on the host side: host address, port and protocol must be unique, whatever \
                    the container listens on.",
            },
            Choice {
                text: "Compose picks the next free host port for the second",
                correct: false,
                feedback: "Compose picks a free port only when the host port is left out (`\"80\"`); a written one \
                    is used as is, or fails.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["no-duplicate-exported-ports"],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::COMPOSE_PORTS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// `8000-8002` → 8000..=8002; `8080` → 8080..=8080.
fn range(p: &str) -> Option<(u32, u32)> {
    let (a, b) = p.split_once('-').unwrap_or((p, p));
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    // (protocol, host port) -> (host address, service) of each publication
    let mut seen: HashMap<(String, u32), Vec<(String, &str)>> = HashMap::new();
    for s in &c.services {
        for p in s.ports() {
            let Some((lo, hi)) = p.published.as_deref().and_then(range) else {
                continue;
            };
            let ip = p.host_ip.clone().unwrap_or_default();
            let ports = lo..=hi.min(lo.saturating_add(65535));
            let clash = ports.clone().find_map(|n| {
                seen.get(&(p.protocol.clone(), n))?
                    .iter()
                    .find(|(i, _)| *i == ip || i.is_empty() || ip.is_empty())
                    .map(|(_, first)| *first)
            });
            if let Some(first) = clash {
                out.report(
                    p.published_span,
                    format!(
                        "host port {} is already published by service `{first}`",
                        p.published.as_deref().unwrap_or("")
                    ),
                );
            } else {
                for n in ports {
                    seen.entry((p.protocol.clone(), n))
                        .or_default()
                        .push((ip.clone(), s.name));
                }
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
                "services:\n  a:\n    ports: [\"80:80\"]\n  b:\n    ports: [\"80:8080\"]\n"
            ),
            ["80"]
        );
        fires(
            &RULE,
            "services:\n  a:\n    ports: [\"8000-8005:8000-8005\"]\n  b:\n    ports: [\"8003:80\"]\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    ports: [\"80:80\"]\n  b:\n    ports: [\"81:80\"]\n",
        );
    }

    #[test]
    fn edge() {
        // different host addresses may share a port, and so may TCP and UDP
        silent(
            &RULE,
            "services:\n  a:\n    ports: [\"127.0.0.1:80:80\"]\n  b:\n    ports: [\"10.0.0.5:80:80\"]\n",
        );
        silent(&RULE, "services:\n  a:\n    ports: [\"53:53/tcp\", \"53:53/udp\"]\n");
    }
}
