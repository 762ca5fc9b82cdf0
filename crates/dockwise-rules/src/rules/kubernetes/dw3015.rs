//! DW3015: a hostPath volume.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::rules::shared::is_runtime_socket;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3015",
    name: "k8s-host-path",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Pod mounts a directory of the node (`hostPath`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `hostPath` volumes, naming sensitive paths (`/`, `/etc`, `/proc`, `/sys`, `/dev`, `/root`, \
            `/var/lib/kubelet`, `/var/run`...) in the message. The container runtime socket gets its own rule, DW3016.",
        why: "A hostPath gives the pod the node's files. Written to, `/etc` or `/root/.ssh` give control of the node; \
            read, `/var/lib/kubelet` holds other pods' secrets. It also ties the pod to one node's disk. The baseline \
            Pod Security Standard forbids hostPath volumes.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n\
            spec:\n  containers:\n  - name: agent\n    image: myagent:1.0\n    volumeMounts:\n    - name: etc\n      mountPath: /host/etc\n  volumes:\n  - name: etc\n    hostPath:\n      path: /etc\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n\
            spec:\n  containers:\n  - name: agent\n    image: myagent:1.0\n    volumeMounts:\n    - name: config\n      mountPath: /etc/agent\n  volumes:\n  - name: config\n    configMap:\n      name: agent-config\n",
        fix: "Use a ConfigMap, Secret, emptyDir or PersistentVolumeClaim instead. Node agents that must read the host \
            should mount the narrowest path, `readOnly: true`, in a namespace reserved for them.",
    },
    quiz: quiz! {
        question: "Why is a hostPath of `/var/lib/kubelet` sensitive even read-only?",
        choices: &[
            Choice {
                text: "It holds the secrets and tokens mounted into every pod on the node",
                correct: true,
                feedback: "Right: reading it leaks other workloads' credentials.",
            },
            Choice {
                text: "It is only sensitive when writable",
                correct: false,
                feedback: "Read access is enough to steal tokens and secrets.",
            },
            Choice {
                text: "It contains container logs only",
                correct: false,
                feedback: "Logs live under /var/log; the kubelet's directory holds pod volumes, including secrets.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["sensitive-host-mounts"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::CIS_HOST_NAMESPACES, &sources::PSS_BASELINE],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::No,
};

const SENSITIVE: &[&str] = &[
    "/",
    "/etc",
    "/proc",
    "/sys",
    "/dev",
    "/root",
    "/boot",
    "/lib",
    "/usr",
    "/var/lib/kubelet",
    "/var/lib/docker",
    "/var/run",
    "/run",
    "/home",
    "/var/log",
];

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        for v in p.get("volumes").and_then(Node::as_seq).unwrap_or_default() {
            let Some(path) = v.path(&["hostPath", "path"]) else {
                continue;
            };
            let text = path.as_str().unwrap_or("");
            if is_runtime_socket(text) {
                continue; // DW3016's finding
            }
            let clean = if text.len() > 1 {
                text.trim_end_matches('/')
            } else {
                text
            };
            let sensitive = SENSITIVE
                .iter()
                .any(|s| clean == *s || (*s != "/" && clean.starts_with(&format!("{s}/"))));
            let msg = if sensitive {
                format!("{} mounts the node's `{text}`, a sensitive system path", o.label())
            } else {
                format!("{} mounts the node's `{text}` (hostPath)", o.label())
            };
            out.report(path.span, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  volumes:\n  - name: a\n    hostPath: {path: /etc}\n"), ["/etc"]);
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  volumes:\n  - name: a\n    hostPath: {path: /data/app}\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  volumes:\n  - name: a\n    emptyDir: {}\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  volumes:\n  - name: a\n    hostPath: {path: /var/run/docker.sock}\n");
    }
}
