//! DW3033: a pod runs as a ServiceAccount the manifest set does not define.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::kubernetes::helpers::service_account;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3033",
    name: "k8s-missing-service-account",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Pod runs as a ServiceAccount the manifest set does not define"),
    tags: &[Tag::Correctness, Tag::Security],
    docs: docs! {
        what: "Flags a workload whose `serviceAccountName` (or deprecated `serviceAccount`) names a ServiceAccount \
            that the manifest set does not define in the workload's namespace. `default`, which every namespace \
            has, is never flagged. It looks only when the set defines at least one ServiceAccount: a set with none \
            has them elsewhere.",
        why: "Pods are not created while their ServiceAccount does not exist: the workload's controller keeps \
            failing to create them. A typo here also tends to survive review, because the objects apply cleanly.",
        bad: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n\
            ---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: webapp\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        good: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n\
            ---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        fix: "Name a ServiceAccount the set defines in the same namespace, or add the ServiceAccount to the set.",
    },
    quiz: quiz! {
        question: "A Deployment names a ServiceAccount that does not exist in its namespace. What happens?",
        choices: &[
            Choice {
                text: "Its pods are not created until the account exists",
                correct: true,
                feedback: "The API server refuses pods whose service account is missing, so the ReplicaSet keeps \
                    retrying and the Deployment never becomes available.",
            },
            Choice {
                text: "The pods run as `default` instead",
                correct: false,
                feedback: "There is no fallback: `default` is used only when no account is named at all.",
            },
            Choice {
                text: "Kubernetes creates the ServiceAccount",
                correct: false,
                feedback: "Only each namespace's `default` account is created automatically.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["non-existent-service-account"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_SERVICE_ACCOUNTS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    if !m.has_kind("ServiceAccount") {
        return;
    }
    for (o, p) in m.workloads() {
        let Some((name, node)) = service_account(p) else {
            continue;
        };
        if name == "default" || m.find("ServiceAccount", o.namespace, name).is_some() {
            continue;
        }
        let ns = o.namespace.map(|n| format!(" in namespace `{n}`")).unwrap_or_default();
        out.report(
            node.span,
            format!(
                "{} runs as ServiceAccount `{name}`, which this manifest set does not define{ns}",
                o.label()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const SA: &str = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: shop}\n---\n";

    #[test]
    fn bad() {
        let text = format!("{SA}apiVersion: v1\nkind: Pod\nmetadata: {{name: p, namespace: shop}}\nspec:\n  serviceAccountName: ap\n  containers: [{{name: c, image: c:1}}]\n");
        assert_eq!(spans(&RULE, &text), ["ap"]);
        // the account is in another namespace
        fires(&RULE, &format!("{SA}apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  serviceAccountName: app\n  containers: [{{name: c, image: c:1}}]\n"));
    }

    #[test]
    fn good() {
        silent(&RULE, &format!("{SA}apiVersion: v1\nkind: Pod\nmetadata: {{name: p, namespace: shop}}\nspec:\n  serviceAccountName: app\n  containers: [{{name: c, image: c:1}}]\n"));
    }

    #[test]
    fn edge() {
        // `default` always exists; no ServiceAccount in the set: not judged
        silent(&RULE, &format!("{SA}apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  serviceAccountName: default\n  containers: [{{name: c, image: c:1}}]\n"));
        silent(&RULE, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: anything\n  containers: [{name: c, image: c:1}]\n");
    }

    /// kube-linter's e2e case: one ServiceAccount; a Deployment using it
    /// through the deprecated field; a Deployment and a DeploymentConfig
    /// naming a missing one: two reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ok}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ok}\nspec:\n  template:\n    spec: {serviceAccount: ok}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec: {serviceAccount: missing}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app}\nspec:\n  template:\n    spec: {serviceAccount: missing}\n";
        assert_eq!(spans(&RULE, text), ["missing", "missing"]);
    }
}
