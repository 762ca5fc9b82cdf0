//! DW3055: a HorizontalPodAutoscaler that may scale down below three pods.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3055",
    name: "k8s-hpa-min-replicas",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("HorizontalPodAutoscaler may scale down below three replicas"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a HorizontalPodAutoscaler whose `minReplicas` is below 3, or unset (it then defaults to 1). A \
            patch fragment is judged only on what it sets. Off by default, as in kube-linter: three is a choice for \
            services that must stay up through a rollout and a node failure at once.",
        why: "At quiet times the autoscaler shrinks the workload to `minReplicas`. With one or two pods left, a node \
            drain or a rolling update during that time leaves one pod (or none) serving, and the next spike finds \
            too little capacity while new pods start.",
        bad: "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 10\n",
        good: "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 10\n",
        fix: "Set `minReplicas: 3` (or more), and keep `maxReplicas` above it.",
    },
    quiz: quiz! {
        question: "What is an autoscaler's `minReplicas` when the field is left out?",
        choices: &[
            Choice {
                text: "1",
                correct: true,
                feedback: "The API defaults it to one pod, so a quiet night can leave a single replica serving.",
            },
            Choice {
                text: "The Deployment's `replicas`",
                correct: false,
                feedback: "The autoscaler takes over the replica count; its own default floor is one.",
            },
            Choice {
                text: "0: the workload is scaled to zero when idle",
                correct: false,
                feedback: "Scaling to zero needs a feature gate and an explicit `minReplicas: 0`; the default is one.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["hpa-minimum-three-replicas"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_HPA_API],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for hpa in m.of_kind("HorizontalPodAutoscaler") {
        let Some(spec) = hpa.node.get("spec") else { continue };
        match spec.get("minReplicas") {
            Some(n) => match n.as_i64() {
                Some(v) if v < 3 => out.report(
                    n.span,
                    format!("{} may scale down to {v} replica(s): fewer than 3", hpa.label()),
                ),
                _ => {}
            },
            None if !hpa.fragment && spec.get("scaleTargetRef").is_some() => out.report(
                hpa.anchor(),
                format!("{} sets no `minReplicas`: it may scale down to 1 replica", hpa.label()),
            ),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn hpa(min: &str) -> String {
        format!("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{name: h}}\nspec:\n  scaleTargetRef: {{kind: Deployment, name: web}}\n{min}  maxReplicas: 10\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &hpa("  minReplicas: 2\n")), ["2"]);
        assert_eq!(spans(&RULE, &hpa("")), ["h"]);
    }

    #[test]
    fn good() {
        silent(&RULE, &hpa("  minReplicas: 3\n"));
    }

    #[test]
    fn edge() {
        // a patch that only changes maxReplicas: the base sets the floor
        silent(
            &RULE,
            "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {maxReplicas: 20}\n",
        );
    }

    /// kube-linter's e2e case: an autoscaler with `minReplicas: 3` and one
    /// with 2: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata: {name: ok}\nspec:\n  minReplicas: 3\n  maxReplicas: 100\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: testing}\n  targetCPUUtilizationPercentage: 85\n---\napiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata: {name: app}\nspec:\n  minReplicas: 2\n  maxReplicas: 100\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: testing}\n  targetCPUUtilizationPercentage: 85\n";
        assert_eq!(spans(&RULE, text), ["2"]);
    }
}
