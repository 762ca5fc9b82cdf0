//! DW3014: a container port bound to the node with hostPort.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3014",
    name: "k8s-host-port",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container port is bound on the node (`hostPort`)"),
    tags: &[Tag::Security, Tag::Reliability],
    docs: docs! {
        what: "Flags a container port with a non-zero `hostPort`.",
        why: "A hostPort opens the port on the node's own address, outside the Service abstraction. It also limits \
            scheduling: each node has one of each host address, port and protocol, so a Deployment with more \
            replicas than nodes leaves pods Pending. The baseline Pod Security Standard disallows host ports (or \
            restricts them to a known list).",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    ports:\n    - containerPort: 8080\n      hostPort: 80\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    ports:\n    - containerPort: 8080\n",
        fix: "Remove `hostPort` and expose the pod through a Service (ClusterIP, behind an Ingress or a LoadBalancer).",
    },
    quiz: quiz! {
        question: "A Deployment with `hostPort: 80` and 5 replicas runs on 3 nodes. What happens?",
        choices: &[
            Choice {
                text: "Three run; two stay Pending, one port 80 per node",
                correct: true,
                feedback: "Each node can give port 80 to one pod only, so the scheduler finds no place for the other \
                    two.",
            },
            Choice {
                text: "All 5 run and share port 80 on each node",
                correct: false,
                feedback: "Two processes cannot bind the same host address and port; the scheduler knows it and \
                    keeps the extra pods off.",
            },
            Choice {
                text: "Kubernetes assigns the extra pods another host port",
                correct: false,
                feedback: "It never changes a written port; the pods wait for a node where port 80 is free.",
            },
            Choice {
                text: "The extra pods start, then crash on a port conflict",
                correct: false,
                feedback: "The scheduler checks host ports before placing a pod, so the extra pods never start; they \
                    stay Pending.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["hostPortSet", "CKV_K8S_26"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Baseline (Host Ports)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"),
        },
        &Source {
            title: text!("Kubernetes docs: Configuration Best Practices (hostPort)"),
            url: text!("https://kubernetes.io/docs/concepts/configuration/overview/"),
        },
    ],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, _, c) in m.containers() {
        for (i, port) in c
            .get("ports")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if let Some(h) = port.get("hostPort").filter(|h| h.as_i64().unwrap_or(1) != 0) {
                let edits = ed
                    .item(c.node, &["ports"], i)
                    .and_then(|item| ed.remove(item, &["hostPort"]));
                out.push(
                    Diagnostic::new(
                        h.span,
                        format!("{} of {} binds a port on the node (`hostPort`)", c.label(), o.label()),
                    )
                    .with_fix(|| fixes::unsafe_("remove `hostPort`", edits)),
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
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ports: [{containerPort: 80, hostPort: 8080}]\n"), ["8080"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ports: [{containerPort: 80}]\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ports: [{containerPort: 80, hostPort: 0}]\n");
    }

    #[test]
    fn fix() {
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    ports:\n";
        assert_eq!(
            fixed(
                &RULE,
                &format!("{pod}    - containerPort: 8080\n      hostPort: 80  # old\n      protocol: TCP\n")
            ),
            format!("{pod}    - containerPort: 8080\n      protocol: TCP\n")
        );
        fix_converges(
            &RULE,
            &format!("{pod}    - name: http\n      containerPort: 80\n      hostPort: 80\n"),
        );
        // the first key of the item shares the `- ` line; flow style: no fix
        assert!(
            run(&RULE, &format!("{pod}    - hostPort: 80\n      containerPort: 80\n"))[0]
                .fix
                .is_none()
        );
        assert!(
            run(&RULE, &format!("{pod}    - {{containerPort: 80, hostPort: 80}}\n"))[0]
                .fix
                .is_none()
        );
    }
}
