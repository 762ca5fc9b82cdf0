//! DW3077: a workload an autoscaler scales also sets `replicas`.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::kubernetes::helpers::autoscaled;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3077",
    name: "k8s-hpa-target-replicas",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Workload scaled by a HorizontalPodAutoscaler also sets `replicas`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `spec.replicas` on a Deployment or StatefulSet that a HorizontalPodAutoscaler of the manifest set \
            scales (same namespace, its `scaleTargetRef`), as kube-score's \
            deployment-targeted-by-hpa-does-not-have-replicas-configured does for Deployments. DW3023 does not ask \
            such a workload for replicas.",
        why: "Once an autoscaler manages a workload, the replica count is its to change. A `replicas` left in the \
            manifest is applied again with every change to it: `kubectl apply` (or a GitOps sync) sets the count \
            back to the written number, so a service scaled up to 12 for a traffic peak drops to 3 in the middle of \
            it, until the autoscaler notices and scales up again.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    \
            matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      \
            containers:\n      - name: web\n        image: myweb:3.1\n---\napiVersion: autoscaling/v2\n\
            kind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    \
            kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 12\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    \
            matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      \
            containers:\n      - name: web\n        image: myweb:3.1\n---\napiVersion: autoscaling/v2\n\
            kind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    \
            kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 12\n",
        fix: "Remove `replicas` from the workload's manifest and let the autoscaler's `minReplicas` say the floor. \
            The Kubernetes docs describe how to remove it from a live object without a drop (`kubectl apply \
            edit-last-applied`, or a server-side apply field manager change) before the next apply.",
    },
    quiz: quiz! {
        question: "An autoscaler has scaled Deployment `web` to 12 pods. Someone applies the manifest, which still \
            says `replicas: 3`, to change an environment variable. What happens to the pod count?",
        choices: &[
            Choice {
                text: "It drops to 3, until the autoscaler scales up again",
                correct: true,
                feedback: "The apply sets the written `replicas`; the autoscaler only corrects it at its next \
                    evaluations, after pods were already removed.",
            },
            Choice {
                text: "It stays at 12: the autoscaler owns the field",
                correct: false,
                feedback: "Nothing stops a client from writing `replicas`; the autoscaler just sets it again later.",
            },
            Choice {
                text: "The apply is rejected while an autoscaler is active",
                correct: false,
                feedback: "The API server accepts it; the two writers simply disagree.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["deployment-targeted-by-hpa-does-not-have-replicas-configured"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Horizontal Pod Autoscaling (Migrating Deployments and StatefulSets to \
            horizontal autoscaling)"),
        url: text!(
            "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling"
        ),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    if !m.has_kind("HorizontalPodAutoscaler") {
        return;
    }
    let scaled = autoscaled(m);
    for o in &m.objects {
        if !matches!(o.kind, "Deployment" | "StatefulSet") {
            continue;
        }
        let (Some(name), Some(replicas)) = (o.name, o.node.path(&["spec", "replicas"])) else {
            continue;
        };
        if let Some(hpa) = scaled.get(&(o.kind, o.namespace, name)) {
            out.report(
                replicas.span,
                format!(
                    "{} sets `replicas`, but {} scales it: every apply resets the count the autoscaler chose",
                    o.label(),
                    hpa.label()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn set(replicas: &str, target: &str) -> String {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  {replicas}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec: {{containers: [{{name: c, image: c:1}}]}}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{name: h}}\nspec: {{scaleTargetRef: {target}, minReplicas: 2, maxReplicas: 5}}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &set("replicas: 3", "{kind: Deployment, name: web}")),
            ["3"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, &set("minReadySeconds: 5", "{kind: Deployment, name: web}"));
    }

    #[test]
    fn edge() {
        // the autoscaler scales something else
        silent(&RULE, &set("replicas: 3", "{kind: Deployment, name: api}"));
        // no autoscaler in the set
        silent(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n",
        );
    }
}
