//! DW3044: a hostPath volume mounted writable.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::{is_true, Manifests};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "DW3044",
    name: "k8s-writable-host-mount",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container mounts a hostPath volume writable"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags each `volumeMounts` entry of a container that mounts a `hostPath` volume without \
            `readOnly: true`. (DW3015 flags the hostPath volume itself; this rule is off by default, for sets that \
            allow some hostPaths but want them read-only.)",
        why: "A writable hostPath lets the container change the node's files: planting a binary, editing \
            configuration or filling the disk. The Kubernetes docs warn that a hostPath policy is only effective when \
            the mounts are read-only.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n  - name: agent\n    image: myagent:1.0\n    volumeMounts:\n    - name: logs\n      mountPath: /host/logs\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n  - name: agent\n    image: myagent:1.0\n    volumeMounts:\n    - name: logs\n      mountPath: /host/logs\n      readOnly: true\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log\n",
        fix: "Add `readOnly: true` to the mount, or use a volume that is not the node's (emptyDir, a \
            PersistentVolumeClaim).",
    },
    quiz: quiz! {
        question: "Where does `readOnly: true` go to make a hostPath read-only for a container?",
        choices: &[
            Choice {
                text: "On the container's `volumeMounts` entry",
                correct: true,
                feedback: "Read-only is a property of each mount, so every container that mounts the volume must \
                    say it.",
            },
            Choice {
                text: "On the `hostPath` volume, as `type: ReadOnly`",
                correct: false,
                feedback: "A hostPath's `type` checks what is at the path (Directory, File, Socket...); it does not \
                    make it read-only.",
            },
            Choice {
                text: "On the pod's `securityContext`",
                correct: false,
                feedback: "The pod's securityContext has no read-only switch for volumes; the mount does.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["writable-host-mount"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_HOSTPATH],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        let host: HashMap<&str, &str> = p
            .get("volumes")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(|v| {
                let path = v.path(&["hostPath", "path"]).and_then(Node::as_str)?;
                Some((v.get("name").and_then(Node::as_str)?, path))
            })
            .collect();
        if host.is_empty() {
            continue;
        }
        for c in &p.containers {
            for vm in c.get("volumeMounts").map(Node::items).unwrap_or_default() {
                let Some(path) = vm.get("name").and_then(Node::as_str).and_then(|n| host.get(n)) else {
                    continue;
                };
                if is_true(vm.get("readOnly")) {
                    continue;
                }
                let at = vm.get("mountPath").map(|n| n.span).unwrap_or(vm.span);
                out.report(
                    at,
                    format!("{} of {} mounts the node's `{path}` writable", c.label(), o.label()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn pod(mount: &str) -> String {
        format!("apiVersion: v1\nkind: Pod\nspec:\n  containers: [{{name: c, image: c:1, volumeMounts: [{mount}]}}]\n  volumes: [{{name: h, hostPath: {{path: /data}}}}, {{name: e, emptyDir: {{}}}}]\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &pod("{name: h, mountPath: /mnt}")), ["/mnt"]);
        fires(&RULE, &pod("{name: h, mountPath: /mnt, readOnly: false}"));
    }

    #[test]
    fn good() {
        silent(&RULE, &pod("{name: h, mountPath: /mnt, readOnly: true}"));
    }

    #[test]
    fn edge() {
        // a writable emptyDir is not the node's
        silent(&RULE, &pod("{name: e, mountPath: /tmp}"));
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig each
    /// mounting a hostPath `/config` without `readOnly`: two reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app1}\nspec:\n  selector: {matchLabels: {app.kubernetes.io/name: app1}}\n  template:\n    spec:\n      containers: [{name: app, volumeMounts: [{name: config, mountPath: /config}]}]\n      volumes: [{name: config, hostPath: {path: /config}}]\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app2}\nspec:\n  selector: {app.kubernetes.io/name: app2}\n  template:\n    spec:\n      containers: [{name: app2, runAsUser: 0, volumeMounts: [{name: config, mountPath: /config}]}]\n      volumes: [{name: config, hostPath: {path: /config}}]\n";
        assert_eq!(run(&RULE, text).len(), 2);
    }
}
