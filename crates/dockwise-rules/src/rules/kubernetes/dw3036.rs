//! DW3036: a HorizontalPodAutoscaler whose scale target is not in the set.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3036",
    name: "k8s-dangling-hpa",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("HorizontalPodAutoscaler targets an object the manifest set does not have"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a HorizontalPodAutoscaler whose `scaleTargetRef` (kind and name) matches no object of the \
            manifest set in the autoscaler's namespace. It looks only when the set holds at least one workload or an \
            object of the target's kind: an autoscaler alone has its target elsewhere.",
        why: "An autoscaler scales the object its `scaleTargetRef` names, in its own namespace. With a wrong kind or \
            name it applies without error but scales nothing, and the workload it was meant for stays at a fixed \
            replica count under load.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n\
            ---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: website\n  minReplicas: 3\n  maxReplicas: 10\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n\
            ---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 10\n",
        fix: "Make `scaleTargetRef` name the kind and name of the workload to scale, in the autoscaler's namespace.",
    },
    quiz: quiz! {
        question: "How does a HorizontalPodAutoscaler find the workload it scales?",
        choices: &[
            Choice {
                text: "By the kind and name in its `scaleTargetRef`",
                correct: true,
                feedback: "It names one object, in its own namespace, and scales it through its scale subresource.",
            },
            Choice {
                text: "By a label selector, like a Service",
                correct: false,
                feedback: "An autoscaler names one object; it does not select pods by labels.",
            },
            Choice {
                text: "By having the same name as the Deployment",
                correct: false,
                feedback: "Sharing a name is a habit, not a link: only `scaleTargetRef` counts.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["dangling-horizontalpodautoscaler", "horizontalpodautoscaler-has-target"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_HPA_API],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for hpa in m.of_kind("HorizontalPodAutoscaler") {
        let Some(target) = hpa.node.path(&["spec", "scaleTargetRef"]) else {
            continue;
        };
        let (Some(kind), Some(name_node)) = (target.get("kind").and_then(Node::as_str), target.get("name")) else {
            continue;
        };
        let Some(name) = name_node.as_str() else { continue };
        if !(m.has_workloads() || m.has_kind(kind)) || m.find(kind, hpa.namespace, name).is_some() {
            continue;
        }
        let ns = hpa
            .namespace
            .map(|n| format!(" in namespace `{n}`"))
            .unwrap_or_default();
        out.report(
            name_node.span,
            format!(
                "{} scales {kind} `{name}`, which this manifest set does not define{ns}",
                hpa.label()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec: {containers: [{name: web, image: web:1}]}\n---\n";

    fn hpa(target: &str) -> String {
        format!("{DEPLOY}apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{name: h}}\nspec:\n  scaleTargetRef: {target}\n  maxReplicas: 5\n")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &hpa("{apiVersion: apps/v1, kind: Deployment, name: api}")),
            ["api"]
        );
        // the right name, the wrong kind
        fires(&RULE, &hpa("{apiVersion: apps/v1, kind: StatefulSet, name: web}"));
    }

    #[test]
    fn good() {
        silent(&RULE, &hpa("{apiVersion: apps/v1, kind: Deployment, name: web}"));
    }

    #[test]
    fn edge() {
        // an autoscaler alone: its target lives elsewhere
        silent(&RULE, "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n");
    }

    /// kube-linter's e2e case: two Deployments, an autoscaler on the first
    /// and one on a Deployment the set lacks: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ok}\nspec:\n  template:\n    metadata: {labels: {app.kubernetes.io/name: ok}}\n---\napiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata: {name: RELEASE-NAME-chart}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ok}\n  minReplicas: 1\n  maxReplicas: 100\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app1}\nspec:\n  template:\n    metadata: {labels: {app.kubernetes.io/name: app1}}\n---\napiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata: {name: hpa1}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app2}\n  minReplicas: 1\n  maxReplicas: 100\n";
        assert_eq!(spans(&RULE, text), ["app2"]);
    }
}
