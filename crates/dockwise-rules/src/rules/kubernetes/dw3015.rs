//! DW3015: a hostPath volume.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::host_paths::{normalize, system_dir};
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
            `/var/lib/kubelet`, `/lib/modules`...) in the message. The container runtime socket gets \
            its own rule, DW3016.",
        why: "A hostPath gives the pod the node's files. Written to, `/etc` or `/root/.ssh` give control of the \
            node; read, `/var/lib/kubelet` holds the Secrets and tokens mounted into other pods. It also ties the \
            pod to one node's disk. The baseline Pod Security Standard forbids hostPath volumes.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n\
            spec:\n  containers:\n  - name: agent\n    image: myagent:1.0\n    volumeMounts:\n    - name: etc\n      mountPath: /host/etc\n  volumes:\n  - name: etc\n    hostPath:\n      path: /etc\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n\
            spec:\n  containers:\n  - name: agent\n    image: myagent:1.0\n    volumeMounts:\n    - name: config\n      mountPath: /etc/agent\n  volumes:\n  - name: config\n    configMap:\n      name: agent-config\n",
        fix: "Use a ConfigMap, Secret, emptyDir or PersistentVolumeClaim instead. Node agents that must read the host \
            should mount the narrowest path, `readOnly: true`, in a namespace reserved for them.",
    },
    quiz: quiz! {
        question: "Why is a read-only hostPath of `/var/lib/kubelet` still sensitive?",
        choices: &[
            Choice {
                text: "It holds other pods' Secrets and tokens",
                correct: true,
                feedback: "The kubelet keeps each pod's volumes there, Secret and service-account token volumes \
                    included; reading them leaks other workloads' credentials.",
            },
            Choice {
                text: "It is not: only writable hostPaths are risky",
                correct: false,
                feedback: "Read access is enough: tokens and Secrets only need to be read to be misused.",
            },
            Choice {
                text: "It only holds container logs",
                correct: false,
                feedback: "Container logs live under `/var/log/pods`; the kubelet's directory holds pod volumes.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["sensitive-host-mounts", "hostPathSet"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Baseline (HostPath Volumes)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"),
        },
        &sources::K8S_HOSTPATH,
        &Source {
            title: text!(
                "CIS Docker Benchmark: Ensure sensitive host system directories are not mounted on \
                containers"
            ),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
    ],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

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
            let sensitive = text.starts_with('/') && system_dir(&normalize(text)).is_some();
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
        // the host kernel's modules are named sensitive, as /lib is
        let f = run(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  volumes:\n  - name: a\n    hostPath: {path: /lib/modules}\n");
        assert!(f[0].message.contains("sensitive system path"), "{}", f[0].message);
    }
}
