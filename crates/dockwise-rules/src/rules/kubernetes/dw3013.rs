//! DW3013: the pod shares a host namespace.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
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
        why: "With the node's network a pod bypasses NetworkPolicies, can reach services bound to the node's \
            localhost (the kubelet's, for instance) and sees all its traffic; with the node's PID namespace it sees \
            every process on the node and, with enough privilege, can signal or inspect them; with the node's IPC it \
            can read shared memory. The baseline Pod Security Standard forbids all three.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n\
            spec:\n  hostNetwork: true\n  containers:\n  - name: debug\n    image: mydebug:1.0\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n\
            spec:\n  containers:\n  - name: debug\n    image: mydebug:1.0\n",
        fix: "Remove the setting; expose the pod through a Service instead of the host network. Node agents that need \
            it belong in a privileged namespace with a documented exception.",
    },
    quiz: quiz! {
        question: "What does `hostNetwork: true` let a pod bypass?",
        choices: &[
            Choice {
                text: "NetworkPolicies, which apply to pod networking only",
                correct: true,
                feedback: "Right: on the node's network the pod is outside the cluster's network isolation.",
            },
            Choice {
                text: "Resource limits",
                correct: false,
                feedback: "Limits still apply; the issue is network isolation.",
            },
            Choice {
                text: "Nothing: it only speeds up networking",
                correct: false,
                feedback: "It may be faster, but it removes a security boundary.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["host-network", "host-pid", "host-ipc"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::CIS_HOST_NAMESPACES, &sources::PSS_BASELINE],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::Unsafe,
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
                let fix = || fixes::unsafe_(
                    &format!("set `{key}: false`"),
                    ed.set(p.spec, &[key], &New::scalar("false")),
                );
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
