//! DW3012: dangerous capabilities added.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::rules::shared::{normalise_capability, DANGEROUS};
use crate::sources;
use dockwise_syntax::kubernetes::{strings, Manifests};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3012",
    name: "k8s-dangerous-capabilities",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Dangerous capability added (`SYS_ADMIN`, `NET_ADMIN`, `NET_RAW`, `ALL`...)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `capabilities.add` entries that reach outside the container: `ALL`, `SYS_ADMIN`, `NET_ADMIN`, \
            `NET_RAW`, `SYS_MODULE`, `SYS_PTRACE`, `SYS_RAWIO`, `SYS_BOOT`, `SYS_TIME`, `DAC_READ_SEARCH`, `BPF`, \
            `PERFMON` and a few more.",
        why: "Each of these undoes part of the isolation: `SYS_ADMIN` allows mounts and most known escapes, \
            `SYS_MODULE` loads kernel code, `SYS_PTRACE` reads other processes, `NET_ADMIN` and `NET_RAW` let a pod \
            rewire or spoof the network. They turn a compromised app into a compromised node.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: vpn\n\
            spec:\n  containers:\n  - name: vpn\n    image: myvpn:3.1\n    securityContext:\n      capabilities:\n        add: [NET_ADMIN]\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [NET_BIND_SERVICE]\n",
        fix: "Remove the capability and find another way (a sidecar run by the platform team, a node-level agent, an \
            operator). If it is truly needed, isolate the workload on dedicated nodes and document the exception with \
            an ignore annotation.",
    },
    quiz: quiz! {
        question: "Why is `NET_RAW` considered dangerous in a cluster?",
        choices: &[
            Choice {
                text: "Raw sockets let a pod craft packets, enabling spoofing and attacks on neighbours",
                correct: true,
                feedback: "Right, and few applications need it (ping is the usual reason).",
            },
            Choice {
                text: "It lets the pod bind port 80",
                correct: false,
                feedback: "That is NET_BIND_SERVICE, a harmless one.",
            },
            Choice {
                text: "It gives the pod root",
                correct: false,
                feedback: "Not by itself; its risk is on the network.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::CIS_CAPABILITIES, &sources::PSS_BASELINE_RESTRICTED],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::No,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        for (cap, span) in strings(c.node.path(&["securityContext", "capabilities", "add"])) {
            let n = normalise_capability(cap);
            if n == "NET_RAW" || DANGEROUS.contains(&n.as_str()) {
                out.report(
                    span,
                    format!(
                        "{} of {} adds {n}, a capability that reaches outside the container",
                        c.label(),
                        o.label()
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
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {capabilities: {add: [SYS_ADMIN, CHOWN, NET_RAW]}}\n"), ["SYS_ADMIN", "NET_RAW"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {capabilities: {add: [CAP_SYS_PTRACE]}}\n");
    }
}
