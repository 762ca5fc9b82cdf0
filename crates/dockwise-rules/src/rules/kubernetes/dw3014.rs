//! DW3014: a container port bound to the node with hostPort.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
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
        why: "A hostPort opens the port on the node's own address, outside Services and often outside \
            NetworkPolicies. It also limits scheduling: only one pod per node can take that port, so a Deployment \
            with more replicas than nodes leaves pods Pending.",
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
                text: "Only 3 pods run; 2 stay Pending because each node has one port 80",
                correct: true,
                feedback: "Right: a hostPort is a per-node resource.",
            },
            Choice {
                text: "All 5 share port 80 on each node",
                correct: false,
                feedback: "Two processes cannot bind the same port on one address.",
            },
            Choice {
                text: "Kubernetes picks another port automatically",
                correct: false,
                feedback: "It does not: the pods wait for a node with a free port.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::CIS_HOST_NAMESPACES, &sources::PSS_BASELINE],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::Unsafe,
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
