//! DW3034: the deprecated `serviceAccount` field of a pod spec.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3034",
    name: "k8s-deprecated-service-account-field",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Pod spec uses the deprecated `serviceAccount` field"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a pod spec (a Pod's, or a workload's pod template) that sets `serviceAccount`, the deprecated \
            alias of `serviceAccountName`.",
        why: "The API reference marks `serviceAccount` as a deprecated alias of `serviceAccountName`. Writing both \
            invites them to drift apart, and readers and tools that look only at `serviceAccountName` miss which \
            account the pod runs as.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccount: web\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        fix: "Rename `serviceAccount` to `serviceAccountName` (or delete it when `serviceAccountName` is already set \
            to the same account).",
    },
    quiz: quiz! {
        question: "Which pod spec field should name the service account a pod runs as?",
        choices: &[
            Choice {
                text: "`serviceAccountName`",
                correct: true,
                feedback: "It is the current field; `serviceAccount` is kept only as a deprecated alias.",
            },
            Choice {
                text: "`serviceAccount`",
                correct: false,
                feedback: "It still works but is deprecated in favour of `serviceAccountName`.",
            },
            Choice {
                text: "`automountServiceAccountToken`",
                correct: false,
                feedback: "That one says whether the account's token is mounted into the pod, not which account it \
                    is.",
            },
            Choice {
                text: "`metadata.serviceAccount`",
                correct: false,
                feedback: "The account belongs to the pod's spec; metadata holds names, labels and annotations.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["deprecated-service-account-field"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_POD_API, &sources::K8S_SERVICE_ACCOUNTS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        let Some((key, value)) = p.spec.entry("serviceAccount") else {
            continue;
        };
        if value.as_str().is_none_or(str::is_empty) {
            continue;
        }
        out.report(
            key.span,
            format!(
                "{} sets `serviceAccount`, a deprecated alias: use `serviceAccountName`",
                o.label()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  serviceAccount: a\n  serviceAccountName: a\n  containers: [{name: c, image: c:1}]\n"),
            ["serviceAccount"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  serviceAccountName: a\n  containers: [{name: c, image: c:1}]\n",
        );
    }

    #[test]
    fn edge() {
        // a CronJob's pod template; an empty value sets nothing
        fires(&RULE, "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec: {serviceAccount: a, containers: [{name: c, image: c:1}]}\n");
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  serviceAccount: \"\"\n  containers: [{name: c, image: c:1}]\n",
        );
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig with
    /// `serviceAccountName`, and the same two with `serviceAccount`: two
    /// reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ok}\nspec:\n  template:\n    spec: {serviceAccountName: default}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: ok}\nspec:\n  template:\n    spec: {serviceAccountName: default}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec: {serviceAccount: default}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app}\nspec:\n  template:\n    spec: {serviceAccount: default}\n";
        assert_eq!(run(&RULE, text).len(), 2);
    }
}
