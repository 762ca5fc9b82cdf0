//! DW3042: a pod sets a sysctl outside the safe set.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

/// The sysctls the baseline Pod Security Standard allows: namespaced and
/// isolated from other pods on the node.
const SAFE: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];

pub static RULE: Rule = Rule {
    id: "DW3042",
    name: "k8s-unsafe-sysctl",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Pod sets a sysctl outside the safe set"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags each `securityContext.sysctls` entry of a pod whose name is not in the set the baseline Pod \
            Security Standard allows (`kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, \
            `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`, and the \
            newer `net.ipv4.ip_local_reserved_ports` and TCP keepalive and `tcp_fin_timeout` ones). kube-linter's \
            list (`kernel.msg*`, `kernel.sem`, `kernel.shm*`, `fs.mqueue.*`, `net.*`) is a subset of what this flags.",
        why: "A sysctl outside the safe set can affect the node or other pods on it, or weaken a kernel protection. \
            The kubelet refuses such pods unless the node was started with the sysctl allowed, and the baseline Pod \
            Security Standard forbids them.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: queue\nspec:\n  securityContext:\n    sysctls:\n    - name: kernel.msgmax\n      value: \"65536\"\n  containers:\n  - name: queue\n    image: myqueue:2.0\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: queue\nspec:\n  securityContext:\n    sysctls:\n    - name: net.ipv4.ip_local_port_range\n      value: \"32768 60999\"\n  containers:\n  - name: queue\n    image: myqueue:2.0\n",
        fix: "Remove the sysctl, or set it on dedicated nodes that allow it (the kubelet's `--allowed-unsafe-sysctls`) \
            and keep the pods that need it there.",
    },
    quiz: quiz! {
        question: "What makes a sysctl \"safe\" for a pod to set?",
        choices: &[
            Choice {
                text: "It is namespaced and isolated from other pods on the node",
                correct: true,
                feedback: "Such a sysctl changes the pod's own view of the kernel only, so it cannot disturb its \
                    neighbours.",
            },
            Choice {
                text: "Its value is a number",
                correct: false,
                feedback: "The type of value says nothing about what it affects; the sysctl's scope does.",
            },
            Choice {
                text: "It starts with `net.`",
                correct: false,
                feedback: "Most `net.*` sysctls are outside the safe set; only a few named ones are in it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["unsafe-sysctls"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Baseline (Sysctls)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"),
        },
        &Source {
            title: text!("Kubernetes docs: Using sysctls in a Kubernetes Cluster"),
            url: text!("https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        for s in p.security("sysctls").map(Node::items).unwrap_or_default() {
            let Some(name) = s.get("name").filter(|n| n.as_str().is_some()) else {
                continue;
            };
            let text = name.as_str().unwrap_or_default();
            if !SAFE.contains(&text.replace('/', ".").as_str()) {
                out.report(
                    name.span,
                    format!("{} sets the sysctl `{text}`, outside the safe set", o.label()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn pod(sysctl: &str) -> String {
        format!("apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    sysctls: [{{name: {sysctl}, value: \"1\"}}]\n  containers: [{{name: c, image: c:1}}]\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &pod("kernel.sem")), ["kernel.sem"]);
        fires(&RULE, &pod("net.core.somaxconn"));
        fires(&RULE, &pod("vm.overcommit_memory"));
    }

    #[test]
    fn good() {
        silent(&RULE, &pod("net.ipv4.tcp_syncookies"));
        silent(&RULE, &pod("kernel/shm_rmid_forced"));
    }

    #[test]
    fn edge() {
        // a container-level securityContext has no sysctls
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: c, image: c:1, securityContext: {sysctls: [{name: kernel.sem}]}}]\n");
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig whose pod
    /// sets `kernel.sem`: two reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app1}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers: [{name: app}]\n      securityContext:\n        sysctls: [{name: kernel.sem}]\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app2}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers: [{name: app}]\n      securityContext:\n        sysctls: [{name: kernel.sem}]\n";
        assert_eq!(spans(&RULE, text), ["kernel.sem", "kernel.sem"]);
    }
}
