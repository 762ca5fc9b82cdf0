//! DW2011: a dangerous capability is added.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::rules::shared::{normalise_capability, DANGEROUS};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2011",
    name: "compose-dangerous-capability",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("Dangerous capability added (`SYS_ADMIN`, `NET_ADMIN`, `ALL`...)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `cap_add` entries that hand out host-level power: `ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`, \
            `SYS_PTRACE`, `SYS_BOOT`, `SYS_TIME`, `NET_ADMIN`, `DAC_READ_SEARCH`, `BPF`, `PERFMON`, `MAC_ADMIN`, \
            `SYSLOG` (with or without the `CAP_` prefix).",
        why: "Capabilities split root's powers into pieces; these pieces are the ones that reach outside the \
            container. `SYS_ADMIN` alone allows mounts and most known container escapes, `SYS_MODULE` loads kernel \
            code, `SYS_PTRACE` reads other processes' memory, `NET_ADMIN` rewires the network.",
        bad: "services:\n  vpn:\n    image: myvpn:3.1\n    cap_add:\n      - SYS_ADMIN\n",
        good: "services:\n  web:\n    image: myweb:3.1\n    cap_drop: [ALL]\n    cap_add:\n      - NET_BIND_SERVICE\n",
        fix: "Find the one operation the app needs and grant the narrowest capability for it (often \
            `NET_BIND_SERVICE`, `CHOWN` or `SETUID`), or change the app so it needs none. Tools that truly need \
            `NET_ADMIN` (VPNs) deserve their own, reviewed host.",
    },
    quiz: quiz! {
        question: "Which capability is often called \"the new root\" because it enables most container escapes?",
        choices: &[
            Choice {
                text: "`SYS_ADMIN`",
                correct: true,
                feedback: "Right: it covers mounting filesystems and many other administrative operations.",
            },
            Choice {
                text: "`NET_BIND_SERVICE`",
                correct: false,
                feedback: "That only allows binding ports below 1024, a harmless and common grant.",
            },
            Choice {
                text: "`CHOWN`",
                correct: false,
                feedback: "It changes file owners inside the container's filesystem; it does not reach the host.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::CIS_CAPABILITIES, &sources::PSS_BASELINE_RESTRICTED],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::No,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for (cap, node) in s.strings("cap_add") {
            let n = normalise_capability(&cap);
            if DANGEROUS.contains(&n.as_str()) {
                out.report(
                    node.span,
                    format!(
                        "service `{}` adds {n}, a capability that reaches outside the container",
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
                "services:\n  a:\n    cap_add: [CAP_SYS_ADMIN, NET_BIND_SERVICE, ALL]\n"
            ),
            ["CAP_SYS_ADMIN", "ALL"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    cap_add:\n      - NET_BIND_SERVICE\n");
    }

    #[test]
    fn edge() {
        // dropping is fine
        silent(&RULE, "services:\n  a:\n    cap_drop: [SYS_ADMIN]\n");
        fires(&RULE, "services:\n  a:\n    cap_add: [net_admin]\n");
    }
}
