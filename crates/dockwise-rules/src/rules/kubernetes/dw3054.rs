//! DW3054: a workload whose pods no NetworkPolicy of the set selects.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::{Manifests, Selector};
use dockwise_syntax::FileKind;
use std::collections::HashSet;

pub static RULE: Rule = Rule {
    id: "DW3054",
    name: "k8s-non-isolated-pod",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("No NetworkPolicy of the manifest set selects the workload's pods"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a workload whose pods no NetworkPolicy of the manifest set selects (through its `podSelector`, \
            in the workload's namespace; an empty `podSelector` selects every pod of its namespace). Off by default: \
            policies often live apart from the apps, so it suits a set that holds them all.",
        why: "A pod that no NetworkPolicy selects is not isolated: it accepts connections from every pod of the \
            cluster and may connect anywhere. One compromised pod can then reach it directly.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n  labels:\n    app: db\nspec:\n  containers:\n  - name: db\n    image: postgres:16.4\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n  labels:\n    app: db\nspec:\n  containers:\n  - name: db\n    image: postgres:16.4\n\
            ---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n",
        fix: "Add a default-deny NetworkPolicy (`podSelector: {}`) to the namespace, then policies that allow the \
            traffic each app needs.",
    },
    quiz: quiz! {
        question: "A namespace has no NetworkPolicy. Which connections reach its pods?",
        choices: &[
            Choice {
                text: "Every connection the network allows",
                correct: true,
                feedback: "Pods are non-isolated by default; only a policy selecting them restricts their traffic.",
            },
            Choice {
                text: "Only connections from the same namespace",
                correct: false,
                feedback: "Namespaces do not isolate network traffic on their own; that takes NetworkPolicies.",
            },
            Choice {
                text: "None until a policy allows them",
                correct: false,
                feedback: "Deny-by-default only starts once some policy selects the pod.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["non-isolated-pod", "pod-networkpolicy"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_NETWORK_POLICIES],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    // one pass over the policies: the namespaces they cover whole, and the
    // workloads their selectors match
    let mut whole: HashSet<Option<&str>> = HashSet::new();
    let mut covered: HashSet<*const ()> = HashSet::new();
    for np in m.of_kind("NetworkPolicy") {
        let Some(sel) = np
            .node
            .path(&["spec", "podSelector"])
            .and_then(Selector::from_label_selector)
        else {
            continue;
        };
        if sel.is_empty() {
            whole.insert(np.namespace);
            continue;
        }
        for o in m.pods_selected(np.namespace, &sel) {
            covered.insert(o as *const _ as *const ());
        }
    }
    for o in &m.objects {
        if o.pod.is_none() && o.pod_labels.is_none() {
            continue;
        }
        if whole.contains(&o.namespace) || covered.contains(&(o as *const _ as *const ())) {
            continue;
        }
        out.report(
            o.anchor(),
            format!(
                "no NetworkPolicy in this manifest set selects the pods of {}: they accept any traffic",
                o.label()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec: {containers: [{name: c, image: c:1}]}\n";

    fn with(selector: &str) -> String {
        format!("{POD}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: np}}\nspec: {{podSelector: {selector}}}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, POD), ["p"]);
        fires(&RULE, &with("{matchLabels: {app: api}}"));
    }

    #[test]
    fn good() {
        silent(&RULE, &with("{matchLabels: {app: web}}"));
        silent(&RULE, &with("{}"));
    }

    #[test]
    fn edge() {
        // a default-deny policy of another namespace does not cover it
        fires(
            &RULE,
            &with("{}").replace("metadata: {name: np}", "metadata: {name: np, namespace: other}"),
        );
    }

    /// kube-linter's e2e case: two policies covering a Deployment and a
    /// DeploymentConfig, and a second such pair that no policy selects: two
    /// reports.
    #[test]
    fn kube_linter_expectation() {
        let np = |n: &str| {
            format!("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: {n}}}\nspec:\n  podSelector:\n    matchLabels: {{app.kubernetes.io/name: {n}}}\n")
        };
        let wl = |kind: &str, api: &str, name: &str, label: &str| {
            format!("---\napiVersion: {api}\nkind: {kind}\nmetadata: {{name: {name}}}\nspec:\n  selector: {{app.kubernetes.io/name: {label}}}\n  replicas: 3\n  template:\n    metadata:\n      labels: {{app.kubernetes.io/name: {label}}}\n    spec:\n      containers: [{{name: app}}]\n")
        };
        let text = [
            np("ok1"),
            np("ok2"),
            wl("Deployment", "apps/v1", "ok", "ok1"),
            wl("DeploymentConfig", "apps.openshift.io/v1", "ok", "ok2"),
            wl("Deployment", "apps/v1", "app1", "app1"),
            wl("DeploymentConfig", "apps.openshift.io/v1", "app2", "app2"),
        ]
        .concat();
        assert_eq!(spans(&RULE, &text), ["app1", "app2"]);
    }
}
