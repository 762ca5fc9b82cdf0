//! DW3075: a replicated Deployment or StatefulSet that no PodDisruptionBudget
//! of the set covers (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::{Manifests, Selector};
use dockwise_syntax::FileKind;
use std::collections::HashSet;

pub static RULE: Rule = Rule {
    id: "DW3075",
    name: "k8s-missing-pdb",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Replicated workload has no PodDisruptionBudget in the manifest set"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a Deployment or StatefulSet whose pods no PodDisruptionBudget of the manifest set selects (in \
            its namespace), as kube-score's deployment-/statefulset-has-poddisruptionbudget and Polaris's \
            missingPodDisruptionBudget do. One that writes `replicas: 0` or `1` is skipped: for a single pod a \
            budget can only block a drain, not keep the pod up. Off by default: budgets are often kept apart from \
            the apps, so it suits a set that holds them all.",
        why: "Draining a node (a cluster upgrade, the autoscaler removing a node) evicts its pods. Without a budget \
            nothing stops several nodes from being drained together, and all replicas of a service can then be \
            down at the same moment. A PodDisruptionBudget tells the eviction API how many pods must stay up: a \
            drain that would go below it waits until replacements are ready elsewhere.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  selector:\n    \
            matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      \
            containers:\n      - name: api\n        image: myapi:2.0.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  selector:\n    \
            matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      \
            containers:\n      - name: api\n        image: myapi:2.0.1\n---\napiVersion: policy/v1\n\
            kind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  maxUnavailable: 1\n  selector:\n    \
            matchLabels:\n      app: api\n",
        fix: "Add a PodDisruptionBudget in the workload's namespace whose `selector` matches its pod template's \
            labels, with `maxUnavailable: 1` (or a `minAvailable` below the replica count: a budget that allows no \
            disruption blocks every drain, see DW3048).",
    },
    quiz: quiz! {
        question: "A Deployment runs 3 replicas with a PodDisruptionBudget of `maxUnavailable: 1`. Two of its pods sit \
            on nodes being drained at the same time. What happens?",
        choices: &[
            Choice {
                text: "One pod is evicted; the other waits until a replacement is ready",
                correct: true,
                feedback: "The eviction API refuses evictions that would leave more than one pod unavailable, so \
                    the second drain waits and retries.",
            },
            Choice {
                text: "Both are evicted, since draining ignores budgets",
                correct: false,
                feedback: "`kubectl drain` evicts through the eviction API, which honours budgets; only deleting \
                    pods directly bypasses them.",
            },
            Choice {
                text: "Neither is evicted until the budget is removed",
                correct: false,
                feedback: "That is a budget allowing no disruption at all (`maxUnavailable: 0`); one pod may go \
                    here.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &[
        "deployment-has-poddisruptionbudget",
        "statefulset-has-poddisruptionbudget",
        "missingPodDisruptionBudget",
    ],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Disruptions (Pod disruption budgets)"),
            url: text!("https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets"),
        },
        &Source {
            title: text!("Kubernetes docs: Specifying a Disruption Budget for your Application"),
            url: text!("https://kubernetes.io/docs/tasks/run-application/configure-pdb/"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    // every budget marks the workloads it selects (through the label index)
    let mut covered: HashSet<u32> = HashSet::new();
    for pdb in m.of_kind("PodDisruptionBudget") {
        let Some(sel) = pdb
            .node
            .path(&["spec", "selector"])
            .and_then(Selector::from_label_selector)
        else {
            continue;
        };
        covered.extend(m.pods_selected(pdb.namespace, &sel).iter().map(|o| o.node.span.start));
    }
    for o in m.whole_objects() {
        if !matches!(o.kind, "Deployment" | "StatefulSet") || covered.contains(&o.node.span.start) {
            continue;
        }
        let replicas = o.node.path(&["spec", "replicas"]).and_then(|r| r.as_i64());
        if replicas.is_some_and(|r| r < 2) {
            continue;
        }
        out.report(
            o.anchor(),
            format!(
                "{} has no PodDisruptionBudget: a drain may take all its pods down at once",
                o.label()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn deployment(ns: &str, replicas: &str) -> String {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web{ns}}}\nspec:\n  {replicas}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec: {{containers: [{{name: c, image: c:1}}]}}\n")
    }

    fn pdb(ns: &str, selector: &str) -> String {
        format!("---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: b{ns}}}\nspec: {{maxUnavailable: 1, selector: {selector}}}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &deployment("", "replicas: 3")), ["web"]);
        // a budget for other pods
        fires(
            &RULE,
            &(deployment("", "replicas: 3") + &pdb("", "{matchLabels: {app: db}}")),
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &(deployment("", "replicas: 3") + &pdb("", "{matchLabels: {app: web}}")),
        );
    }

    #[test]
    fn edge() {
        // one replica: nothing a budget could keep up
        silent(&RULE, &deployment("", "replicas: 1"));
        // the budget is in another namespace
        fires(
            &RULE,
            &(deployment("", "replicas: 3") + &pdb(", namespace: prod", "{matchLabels: {app: web}}")),
        );
        // an empty selector covers every pod of its namespace (policy/v1)
        silent(&RULE, &(deployment("", "replicas: 3") + &pdb("", "{}")));
    }

    /// kube-score's cases: budgets that match by labels or expressions cover
    /// the workload; one that does not match, or sits in another namespace,
    /// does not.
    #[test]
    fn kube_score_expectation() {
        let d = deployment("", "replicas: 2");
        silent(
            &RULE,
            &(d.clone() + &pdb("", "{matchExpressions: [{key: app, operator: In, values: [web]}]}")),
        );
        fires(
            &RULE,
            &(d.clone() + &pdb("", "{matchExpressions: [{key: app, operator: In, values: [foo]}]}")),
        );
        fires(&RULE, &(d + &pdb(", namespace: other", "{matchLabels: {app: web}}")));
    }
}
