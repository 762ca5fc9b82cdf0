//! DW3052: a NetworkPolicy rule's peer `podSelector` matching no workload.

use super::helpers::dangling_selector;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3052",
    name: "k8s-dangling-network-policy-peer",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("NetworkPolicy rule allows pods that the manifest set does not run"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a `podSelector` in a NetworkPolicy's `ingress[].from` or `egress[].to` peers that matches the \
            pod labels of no workload in the policy's namespace of the manifest set. A peer that also has a \
            `namespaceSelector` (it reaches other namespaces) and an empty `podSelector` are not judged. Off by \
            default, like kube-linter's check: it suits a set that holds a whole application.",
        why: "A peer's `podSelector` names the pods traffic may come from (or go to). When it matches none, usually \
            after a label was renamed, the traffic the rule was written for is denied and the app breaks, while the \
            policy reads as if it allowed it.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n\
            ---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db-from-web\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: frontend\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n\
            ---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db-from-web\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: web\n",
        fix: "Make the peer's `podSelector` use the labels of the pods that should connect, or add a \
            `namespaceSelector` when they run in another namespace.",
    },
    quiz: quiz! {
        question: "Without a `namespaceSelector`, which pods can a peer's `podSelector` match?",
        choices: &[
            Choice {
                text: "Pods in the NetworkPolicy's own namespace",
                correct: true,
                feedback: "A bare `podSelector` peer stays in the policy's namespace; reaching others takes a \
                    `namespaceSelector`.",
            },
            Choice {
                text: "Pods in every namespace",
                correct: false,
                feedback: "Only a `namespaceSelector` (even an empty one) widens the peer beyond the policy's \
                    namespace.",
            },
            Choice {
                text: "Pods in the `default` namespace",
                correct: false,
                feedback: "The peer's namespace is the policy's own, whatever that is.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["dangling-networkpolicypeer-podselector"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_NETWORK_POLICIES],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for np in m.of_kind("NetworkPolicy") {
        let spec = np.node.get("spec");
        for (rules, peers) in [("ingress", "from"), ("egress", "to")] {
            for rule in spec.and_then(|s| s.get(rules)).map(Node::items).unwrap_or_default() {
                for peer in rule.get(peers).map(Node::items).unwrap_or_default() {
                    if peer.get("namespaceSelector").is_some() {
                        continue;
                    }
                    let Some(node) = peer.get("podSelector") else { continue };
                    let Some(sel) = dangling_selector(m, np.namespace, node) else {
                        continue;
                    };
                    out.report(
                        node.span,
                        format!(
                            "{} allows traffic {peers} pods with `{}`, but no workload of its namespace in this \
                            manifest set has such pods",
                            np.label(),
                            sel.describe()
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: web:1}]}\n---\n";

    fn policy(rules: &str) -> String {
        format!("{DEPLOY}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: np}}\nspec:\n  podSelector: {{}}\n{rules}")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(
                &RULE,
                &policy("  ingress: [{from: [{podSelector: {matchLabels: {app: api}}}]}]\n")
            ),
            ["{matchLabels: {app: api}}"]
        );
        fires(
            &RULE,
            &policy("  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]\n"),
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &policy("  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]\n"),
        );
    }

    #[test]
    fn edge() {
        // another namespace's pods, an empty selector, an ipBlock peer
        silent(&RULE, &policy("  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}, {podSelector: {}}, {ipBlock: {cidr: 10.0.0.0/8}}]}]\n"));
    }

    /// kube-linter's e2e case: a NetworkPolicy alone whose ingress rule
    /// allows pods labelled `app.kubernetes.io/name: app2`: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: app}\nspec:\n  podSelector:\n    matchLabels: {app.kubernetes.io/name: app1}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {app.kubernetes.io/name: app2}\n    ports: [{protocol: TCP, port: 8080}]\n";
        assert_eq!(run(&RULE, text).len(), 1);
    }
}
