//! DW3053: a pod that runs as its namespace's `default` ServiceAccount.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::kubernetes::helpers::service_account;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3053",
    name: "k8s-default-service-account",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Pod runs as the namespace's `default` ServiceAccount"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a workload whose pods run as the `default` ServiceAccount: named explicitly, or implied because \
            the pod spec names none (a patch fragment is judged only on what it sets). Off by default, as in \
            kube-linter.",
        why: "Every pod of a namespace that names no account shares `default`. Any permission granted to it, for \
            one app's sake, goes to all of them, and the RBAC good practices advise against granting it any. A \
            dedicated account per workload keeps each app's permissions its own.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        good: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n\
            ---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        fix: "Create a ServiceAccount for the workload (with `automountServiceAccountToken: false` if it never calls \
            the API) and name it in `serviceAccountName`.",
    },
    quiz: quiz! {
        question: "Why give each workload its own ServiceAccount?",
        choices: &[
            Choice {
                text: "Permissions granted to it do not spread to other apps",
                correct: true,
                feedback: "Pods that name no account share `default`, so a grant to it reaches all of them.",
            },
            Choice {
                text: "Pods without a dedicated account cannot start",
                correct: false,
                feedback: "They start fine, as `default`: that sharing is the problem.",
            },
            Choice {
                text: "The `default` account has cluster-admin rights",
                correct: false,
                feedback: "It has no special rights by default; the risk is what gets granted to it later, for all.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["default-service-account"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_RBAC_GOOD_PRACTICES, &sources::K8S_SERVICE_ACCOUNTS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        match service_account(p) {
            Some(("default", node)) => {
                out.report(node.span, format!("{} runs as the `default` ServiceAccount", o.label()));
            }
            None if !o.fragment => {
                out.report(
                    o.anchor(),
                    format!("{} names no ServiceAccount: its pods run as `default`", o.label()),
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: default\n  containers: [{name: c, image: c:1}]\n"), ["default"]);
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: c:1}]\n"
            ),
            ["p"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: web\n  containers: [{name: c, image: c:1}]\n");
    }

    #[test]
    fn edge() {
        // a patch fragment that names none: the base may
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec: {containers: [{name: c, resources: {}}]}\n");
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig on
    /// account `app`, the same two on `default`: two reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ok}\nspec:\n  template:\n    spec: {serviceAccountName: app}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: ok}\nspec:\n  template:\n    spec: {serviceAccountName: app}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec: {serviceAccountName: default}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app}\nspec:\n  template:\n    spec: {serviceAccountName: default}\n";
        assert_eq!(spans(&RULE, text), ["default", "default"]);
    }
}
