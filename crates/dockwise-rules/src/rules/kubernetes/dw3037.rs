//! DW3037: a NetworkPolicy whose podSelector matches no workload of the set.

use super::helpers::dangling_selector;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3037",
    name: "k8s-dangling-network-policy",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("NetworkPolicy's `podSelector` selects no pods of the manifest set"),
    tags: &[Tag::Correctness, Tag::Security],
    docs: docs! {
        what: "Flags a NetworkPolicy whose `spec.podSelector` (`matchLabels` and `matchExpressions`) matches the \
            pod labels of no workload in the policy's namespace of the manifest set. An empty `podSelector` \
            selects every pod of the namespace and is never flagged. Off by default: as kube-linter does, it judges \
            a policy even when the set holds no workloads, so it suits a set that holds a whole application.",
        why: "A NetworkPolicy only isolates the pods its `podSelector` matches. A selector that matches nothing, after \
            a typo or a renamed label, leaves the pods it was written for open to all traffic, while the policy's \
            presence suggests they are protected.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\n\
            spec:\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: postgres:16.4\n\
            ---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db-ingress\nspec:\n  podSelector:\n    matchLabels:\n      app: database\n  policyTypes:\n  - Ingress\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\n\
            spec:\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: postgres:16.4\n\
            ---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db-ingress\nspec:\n  podSelector:\n    matchLabels:\n      app: db\n  policyTypes:\n  - Ingress\n",
        fix: "Make the `podSelector` use the labels of the pods to isolate, in the policy's namespace (or `{}` for \
            every pod of the namespace).",
    },
    quiz: quiz! {
        question: "Which pods does a NetworkPolicy with `podSelector: {}` apply to?",
        choices: &[
            Choice {
                text: "Every pod in the policy's namespace",
                correct: true,
                feedback: "An empty selector matches all pods of the namespace: the usual start of a default-deny \
                    policy.",
            },
            Choice {
                text: "No pod at all",
                correct: false,
                feedback: "Empty means no requirement, so every pod of the namespace qualifies.",
            },
            Choice {
                text: "Every pod in the cluster",
                correct: false,
                feedback: "A NetworkPolicy is namespaced: its `podSelector` only reaches pods of its own namespace.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["dangling-networkpolicy", "networkpolicy-targets-pod"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_NETWORK_POLICIES],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for np in m.of_kind("NetworkPolicy") {
        let Some(node) = np.node.path(&["spec", "podSelector"]) else {
            continue;
        };
        let Some(sel) = dangling_selector(m, np.namespace, node) else {
            continue;
        };
        let ns = np.namespace.map(|n| format!(" in namespace `{n}`")).unwrap_or_default();
        out.report(
            node.span,
            format!(
                "{} applies to pods with `{}`, but no workload{ns} in this manifest set has such pods",
                np.label(),
                sel.describe()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db}\nspec:\n  template:\n    metadata: {labels: {app: db, tier: data}}\n    spec: {containers: [{name: db, image: db:1}]}\n---\n";

    fn policy(selector: &str) -> String {
        format!("{DEPLOY}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: np}}\nspec:\n  podSelector: {selector}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &policy("{matchLabels: {app: dbb}}")),
            ["{matchLabels: {app: dbb}}"]
        );
        fires(
            &RULE,
            &policy("{matchExpressions: [{key: tier, operator: NotIn, values: [data]}]}"),
        );
        fires(
            &RULE,
            &policy("{matchExpressions: [{key: app, operator: DoesNotExist}]}"),
        );
    }

    #[test]
    fn good() {
        silent(&RULE, &policy("{matchLabels: {app: db}}"));
        silent(
            &RULE,
            &policy("{matchExpressions: [{key: tier, operator: In, values: [data, cache]}]}"),
        );
        silent(&RULE, &policy("{matchExpressions: [{key: tier, operator: Exists}]}"));
    }

    #[test]
    fn edge() {
        // an empty selector selects every pod, even in a set without workloads
        silent(
            &RULE,
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {}\n",
        );
        // an operator it cannot read is left alone
        silent(
            &RULE,
            &policy("{matchExpressions: [{key: app, operator: Near, values: [db]}]}"),
        );
    }

    /// kube-linter's e2e case: a NetworkPolicy alone, selecting
    /// `app.kubernetes.io/name: app1`: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: app}\nspec:\n  podSelector:\n    matchLabels: {app.kubernetes.io/name: app1}\n";
        assert_eq!(run(&RULE, text).len(), 1);
    }
}
