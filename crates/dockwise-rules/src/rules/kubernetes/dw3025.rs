//! DW3025: a workload without identifying labels.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3025",
    name: "k8s-missing-labels",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload has no `app` / `app.kubernetes.io/name` label"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a workload whose metadata, or whose pod template, carries neither an `app` nor an \
            `app.kubernetes.io/name` label. A patch fragment (a kustomize patch) is not flagged: the base it \
            patches carries the labels.",
        why: "Consistent, well-known label keys are how people and tools find a workload's pods: dashboards and log \
            queries group by them, `kubectl get -l app.kubernetes.io/name=web` filters on them, and Services and \
            NetworkPolicies select by labels. Without an application label a workload is hard to attribute during an \
            incident.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        good: "apiVersion: v1\nkind: Pod\n\
            metadata:\n  name: web\n  labels:\n    app.kubernetes.io/name: web\n    app.kubernetes.io/version: \"3.1\"\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        fix: "Add the recommended labels (`app.kubernetes.io/name`, `app.kubernetes.io/instance`, \
            `app.kubernetes.io/version`, `app.kubernetes.io/part-of`) to the workload and its pod template.",
    },
    quiz: quiz! {
        question: "How does a Service find the pods it sends traffic to?",
        choices: &[
            Choice {
                text: "By matching its selector to pod labels",
                correct: true,
                feedback: "The Service's endpoints are kept in sync with the ready pods whose labels match its \
                    selector.",
            },
            Choice {
                text: "By the pod names listed in the Service's spec",
                correct: false,
                feedback: "A Service lists no pods; its endpoints are found from the selector.",
            },
            Choice {
                text: "By the Deployment's name",
                correct: false,
                feedback: "Services know nothing about Deployments; they select pods by label.",
            },
            Choice {
                text: "By the container port it targets",
                correct: false,
                feedback: "Ports are mapped after the pods are selected by label.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Recommended Labels"),
            url: text!("https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/"),
        },
        &Source {
            title: text!("Kubernetes docs: Labels and Selectors"),
            url: text!("https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn labelled(meta: Option<&Node>) -> bool {
    let labels = meta.and_then(|m| m.get("labels"));
    labels.is_some_and(|l| l.get("app").is_some() || l.get("app.kubernetes.io/name").is_some())
}

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads().filter(|(o, _)| !o.fragment) {
        if !labelled(o.metadata) || !labelled(p.metadata) {
            let which = if labelled(o.metadata) {
                "its pod template has"
            } else {
                "it has"
            };
            out.report(
                o.anchor(),
                format!("{}: {which} no `app` or `app.kubernetes.io/name` label", o.label()),
            );
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
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: x:1}]}\n"
            ),
            ["p"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: p}}\nspec: {containers: [{name: a, image: x:1}]}\n",
        );
    }

    #[test]
    fn edge() {
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: {app: d}}\nspec:\n  selector: {matchLabels: {tier: web}}\n  template:\n    metadata: {labels: {tier: web}}\n    spec: {containers: [{name: a, image: x:1}]}\n");
        // a kustomize patch: the base carries the labels
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec: {containers: [{name: a, resources: {limits: {memory: 1Gi}}}]}\n");
    }
}
