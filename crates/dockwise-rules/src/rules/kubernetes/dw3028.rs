//! DW3028: a container exposes SSH.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3028",
    name: "k8s-ssh-port",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container exposes SSH (port 22)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a container port 22 (TCP).",
        why: "An SSH server in a pod is a second way in with its own keys and passwords to manage, patch and audit. \
            Kubernetes already gives authenticated, audited shell access with `kubectl exec` and debugging with \
            `kubectl debug`.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n\
            spec:\n  containers:\n  - name: app\n    image: myapp:1.4.2\n    ports:\n    - containerPort: 22\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n\
            spec:\n  containers:\n  - name: app\n    image: myapp:1.4.2\n    ports:\n    - containerPort: 8080\n",
        fix: "Remove the SSH server from the image and the port from the manifest; use `kubectl exec` or `kubectl \
            debug` for access.",
    },
    quiz: quiz! {
        question: "What replaces SSH into a pod?",
        choices: &[
            Choice {
                text: "`kubectl exec` and `kubectl debug`",
                correct: true,
                feedback: "Both go through the API server, so access is authenticated, authorised by RBAC and can be \
                    audited; `kubectl debug` can even add tools to a running pod without rebuilding its image.",
            },
            Choice {
                text: "Nothing: running pods cannot be entered",
                correct: false,
                feedback: "They can, through the API, with the permissions RBAC grants.",
            },
            Choice {
                text: "`kubectl port-forward` to port 22",
                correct: false,
                feedback: "That still needs an SSH server in the pod; port-forward only tunnels to it.",
            },
            Choice {
                text: "A NodePort Service on port 22",
                correct: false,
                feedback: "That still runs an SSH server, now reachable on every node's address.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["ssh-port"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Debug Running Pods"),
            url: text!("https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/"),
        },
        &sources::CIS_SSHD,
    ],
    concern: Some(&sources::SSHD),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        for port in c.get("ports").and_then(Node::as_seq).unwrap_or_default() {
            let udp = port.get("protocol").and_then(Node::as_str) == Some("UDP");
            if let Some(p) = port.get("containerPort").filter(|p| p.as_i64() == Some(22) && !udp) {
                out.report(
                    p.span,
                    format!("{} of {} exposes SSH: use `kubectl exec` instead", c.label(), o.label()),
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
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ports: [{containerPort: 22}]\n"
            ),
            ["22"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ports: [{containerPort: 2222}]\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ports: [{containerPort: 22, protocol: UDP}]\n");
    }
}
