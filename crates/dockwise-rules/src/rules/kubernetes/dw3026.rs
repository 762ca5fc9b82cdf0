//! DW3026: the selector does not match the pod template's labels.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3026",
    name: "k8s-selector-mismatch",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("`selector.matchLabels` does not match the pod template's labels"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a Deployment, StatefulSet, DaemonSet or ReplicaSet whose `spec.selector.matchLabels` has a label \
            the pod template does not carry with the same value. In a patch fragment (a kustomize patch) only a \
            label the template sets to another value is flagged: a missing one may come from the base.",
        why: "The API server rejects such an object (its `selector` does not match the template's `labels`), so the \
            apply fails; catching it here saves a failed deploy.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: website\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        fix: "Make every `matchLabels` entry appear, with the same value, in `spec.template.metadata.labels`. \
            Remember that a Deployment's selector is immutable once created.",
    },
    quiz: quiz! {
        question: "Can you change a Deployment's `spec.selector` after it is created?",
        choices: &[
            Choice {
                text: "No: in `apps/v1` it is immutable",
                correct: true,
                feedback: "In apps/v1 the label selector cannot change after creation; changing it means creating a \
                    new Deployment, so get it right the first time.",
            },
            Choice {
                text: "Yes, if the template's labels change with it",
                correct: false,
                feedback: "Matching template labels are required, but they do not make the selector mutable.",
            },
            Choice {
                text: "Yes, but only to add labels",
                correct: false,
                feedback: "Any change to an apps/v1 selector is refused; recreate the Deployment instead.",
            },
            Choice {
                text: "Yes, with `kubectl apply`",
                correct: false,
                feedback: "The API server rejects the change, whichever client sends it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[
        "mismatching-selector",
        "deployment-pod-selector-labels-match-template-metadata-labels",
        "statefulset-pod-selector-labels-match-template-metadata-labels",
    ],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Deployments: Selector"),
        url: text!("https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        if !matches!(o.kind, "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet") {
            continue;
        }
        let Some(sel) = o
            .node
            .path(&["spec", "selector", "matchLabels"])
            .and_then(|s| s.as_map())
        else {
            continue;
        };
        let labels = p.metadata.and_then(|md| md.get("labels"));
        for (k, v) in sel {
            let (Some(key), Some(want)) = (k.as_str(), v.scalar_text()) else {
                continue;
            };
            let have = labels.and_then(|l| l.get(key)).and_then(|l| l.scalar_text());
            if have.as_deref() != Some(want.as_str()) {
                let msg = match have {
                    Some(h) => format!("selector `{key}: {want}` does not match the template's `{key}: {h}`"),
                    None if o.fragment => continue,
                    None => format!("selector `{key}: {want}` is not among the pod template's labels"),
                };
                out.report(k.span.cover(v.span), msg);
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
        assert_eq!(spans(&RULE, "apiVersion: apps/v1\nkind: Deployment\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: b}}\n    spec: {containers: [{name: c, image: x:1}]}\n"), ["app: a"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a, tier: web}}\n    spec: {containers: [{name: c, image: x:1}]}\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    spec: {containers: [{name: c, image: x:1}]}\n");
        // a patch fragment: a label missing from its template may come from the base, a different value not
        let patch = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {tier: web}}\n    spec: {containers: [{name: c, resources: {}}]}\n";
        silent(&RULE, patch);
        fires(&RULE, &patch.replace("tier: web", "app: b"));
    }
}
