//! DW3078: a workload without a priority class (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3078",
    name: "k8s-priority-class",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload sets no `priorityClassName`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a workload whose pod spec has no `priorityClassName`, as Polaris's priorityClassNotSet does. \
            Any class is accepted (kube-linter's priority-class-name, which by default accepts only the `system-*` \
            classes, stays left out). A kustomize patch is not judged. Off by default: priority classes are a \
            cluster's policy, and a cluster without them has nothing to name.",
        why: "When the scheduler cannot place a pending pod, it may preempt (evict) pods of lower priority to make \
            room. A pod without a class gets the cluster's global default class, or priority 0 when there is \
            none, so on a full cluster a critical service can be evicted for a batch job, or wait behind it. \
            Naming a class says which workloads matter most.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout\nspec:\n  selector:\n    matchLabels:\n      \
            app: checkout\n  template:\n    metadata:\n      labels:\n        app: checkout\n    spec:\n      containers:\n      \
            - name: checkout\n        image: checkout:5.2\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout\nspec:\n  selector:\n    matchLabels:\n      \
            app: checkout\n  template:\n    metadata:\n      labels:\n        app: checkout\n    spec:\n      \
            priorityClassName: business-critical\n      containers:\n      - name: checkout\n        image: checkout:5.2\n",
        fix: "Set `priorityClassName` in the pod spec to one of the cluster's PriorityClasses (`kubectl get \
            priorityclasses`); leave `system-cluster-critical` and `system-node-critical` to the cluster's own \
            components.",
    },
    quiz: quiz! {
        question: "A cluster is full. A pending pod has a higher priority than some running pods. What may the \
            scheduler do?",
        choices: &[
            Choice {
                text: "Evict lower-priority pods to make room for it",
                correct: true,
                feedback: "That is preemption: pods of lower priority on a suitable node are evicted so the \
                    higher-priority pod can be scheduled.",
            },
            Choice {
                text: "Nothing: priority only orders the pending queue",
                correct: false,
                feedback: "It orders the queue too, but a pod that still does not fit can preempt lower-priority \
                    ones.",
            },
            Choice {
                text: "Give it more CPU than its limit",
                correct: false,
                feedback: "Priority decides scheduling and eviction order, never a container's resources.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["priorityClassNotSet"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Pod Priority and Preemption"),
        url: text!("https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        if o.fragment || p.get("priorityClassName").is_some() {
            continue;
        }
        out.report(o.anchor(), format!("{} sets no `priorityClassName`", o.label()));
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
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: c:1}]}\n"
            ),
            ["p"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {priorityClassName: high, containers: [{name: c, image: c:1}]}\n");
    }

    #[test]
    fn edge() {
        // a CronJob's pod template, and a patch
        fires(&RULE, "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: n}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: [{name: c, image: c:1}]}\n");
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: a, resources: {}}\n");
    }
}
