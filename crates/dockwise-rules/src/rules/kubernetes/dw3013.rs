//! DW3013: the pod shares a host namespace.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3013",
    name: "k8s-host-namespace",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Pod shares the node's network, PID or IPC namespace"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `hostNetwork: true`, `hostPID: true` and `hostIPC: true` in a pod spec.",
        why: "With the node's network a pod uses the node's interfaces and localhost: it can reach services bound to \
            the node's loopback and see the node's traffic, and NetworkPolicies may not apply to it (Kubernetes \
            leaves their effect on hostNetwork pods undefined, up to the network plugin). With the node's PID \
            namespace it sees every process on the node and, with enough privilege, can signal or inspect them; with \
            the node's IPC namespace it can use the shared memory of node processes. The baseline Pod Security \
            Standard forbids all three.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n\
            spec:\n  hostNetwork: true\n  containers:\n  - name: debug\n    image: mydebug:1.0\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n\
            spec:\n  containers:\n  - name: debug\n    image: mydebug:1.0\n",
        fix: "Remove the setting; expose the pod through a Service instead of the host network. Node agents that need \
            it belong in a privileged namespace with a documented exception.",
    },
    quiz: quiz! {
        question: "Which isolation does `hostNetwork: true` remove?",
        choices: &[
            Choice {
                text: "The pod's own network namespace",
                correct: true,
                feedback: "The pod uses the node's interfaces, ports and localhost directly, and how NetworkPolicies \
                    treat it is left to the network plugin.",
            },
            Choice {
                text: "Its process isolation from the node",
                correct: false,
                feedback: "That is `hostPID`; `hostNetwork` shares only the network namespace.",
            },
            Choice {
                text: "Its filesystem isolation from the node",
                correct: false,
                feedback: "The node's files need a hostPath volume; `hostNetwork` shares only the network namespace.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[
        "host-network",
        "host-pid",
        "host-ipc",
        "hostIPCSet",
        "hostPIDSet",
        "hostNetworkSet",
        "CKV_K8S_17",
        "CKV_K8S_18",
        "CKV_K8S_19",
    ],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Baseline (Host Namespaces)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"),
        },
        &Source {
            title: text!("Kubernetes docs: Network Policies"),
            url: text!("https://kubernetes.io/docs/concepts/services-networking/network-policies/"),
        },
        &Source {
            title: text!(
                "CIS Docker Benchmark: Ensure that the host's network namespace is not shared (and the \
                process and IPC namespaces)"
            ),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
    ],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, p) in m.workloads() {
        for (key, what) in [
            ("hostNetwork", "network"),
            ("hostPID", "process (PID)"),
            ("hostIPC", "IPC"),
        ] {
            if let Some(v) = p.get(key).filter(|v| v.as_bool() == Some(true)) {
                let fix = || {
                    fixes::unsafe_(
                        &format!("set `{key}: false`"),
                        ed.set(p.spec, &[key], &New::scalar("false")),
                    )
                };
                out.push(
                    Diagnostic::new(
                        v.span,
                        format!("{} shares the node's {what} namespace (`{key}: true`)", o.label()),
                    )
                    .with_fix(fix),
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
                "apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n  hostIPC: true\n  containers: []\n"
            ),
            ["true", "true"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: false\n  containers: []\n",
        );
    }

    #[test]
    fn edge() {
        fires(&RULE, "apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers: []\n");
        // ignore annotation (kube-linter's name)
        silent(&RULE, "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    ignore-check.kube-linter.io/host-network: node agent\nspec:\n  hostNetwork: true\n  containers: []\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true\n  hostPID: true  # debugging\n  containers:\n  - name: a\n"
            ),
            "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: false\n  hostPID: false  # debugging\n  containers:\n  - name: a\n"
        );
        fix_converges(&RULE, "apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      hostIPC: true\n      containers:\n      - name: a\n        image: x:1\n");
        assert!(run(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec: {hostNetwork: true, containers: []}\n"
        )[0]
        .fix
        .is_none());
    }
}
