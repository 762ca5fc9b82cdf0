//! DW3012: dangerous capabilities added.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        what: "Flags `capabilities.add` entries that weaken the container's isolation most: `ALL`, `SYS_ADMIN`, \
            `NET_ADMIN`, `NET_RAW`, `SYS_MODULE`, `SYS_PTRACE`, `SYS_RAWIO`, `SYS_BOOT`, `SYS_TIME`, \
            `DAC_READ_SEARCH`, `IPC_LOCK`, `BPF`, `PERFMON` and a few more.",
        why: "Each of these widens what a compromised app can do: `SYS_ADMIN` allows mounts and is needed by many \
            known escapes, `SYS_MODULE` loads kernel code and `SYS_RAWIO` reaches raw devices (either can take over \
            the node), `SYS_PTRACE` lets it trace processes it can see, `NET_ADMIN` and `NET_RAW` let it reconfigure \
            or spoof the network. The baseline Pod Security Standard allows none of them.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: app\n    image: myapp:1.4.2\n    securityContext:\n      capabilities:\n        add: [SYS_ADMIN]\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: app\n    image: myapp:1.4.2\n    securityContext:\n      capabilities:\n        drop: [ALL]\n",
        fix: "Remove the capability and find another way: a volume instead of a mount made inside the container, a \
            node-level agent or an operator run by the platform team. If it is truly needed, isolate the workload on \
            dedicated nodes and document the exception with an ignore annotation.",
    },
    quiz: quiz! {
        question: "Why is `NET_RAW` considered dangerous in a cluster?",
        choices: &[
            Choice {
                text: "It lets a pod forge network packets",
                correct: true,
                feedback: "Raw sockets let a process craft arbitrary packets, which enables spoofing and some \
                    attacks on neighbouring pods; few apps need it.",
            },
            Choice {
                text: "It lets the pod bind ports below 1024",
                correct: false,
                feedback: "That is NET_BIND_SERVICE.",
            },
            Choice {
                text: "It gives the process root on the node",
                correct: false,
                feedback: "On its own it grants no root; its risk is on the network, not in the node's kernel.",
            },
            Choice {
                text: "It lets the pod read other pods' Secrets",
                correct: false,
                feedback: "Secrets are guarded by the API server and the kubelet, not by capabilities; NET_RAW is \
                    about crafting packets.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["dangerousCapabilities"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Baseline (Capabilities)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"),
        },
        &sources::CIS_CAPABILITIES,
    ],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        for (cap, span) in strings(c.node.path(&["securityContext", "capabilities", "add"])) {
            let n = normalise_capability(cap);
            if n == "NET_RAW" || DANGEROUS.contains(&n.as_str()) {
                out.report(
                    span,
                    format!(
                        "{} of {} adds {n}, a capability that weakens the container's isolation",
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
        // locked memory the node can neither reclaim nor swap
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {capabilities: {add: [IPC_LOCK]}}\n");
    }
}
