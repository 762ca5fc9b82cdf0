//! DW3048: a PodDisruptionBudget that allows no voluntary disruption.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::{Manifests, Object, Selector};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "DW3048",
    name: "k8s-pdb-blocks-eviction",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("PodDisruptionBudget allows no voluntary disruption"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a PodDisruptionBudget with `maxUnavailable: 0` (or `0%`), or with `minAvailable: 100%`, or with \
            a `minAvailable` at least the `replicas` of a workload of the set it covers (one whose pods its selector \
            matches, or whose own selector is the same).",
        why: "Such a budget never lets a pod be evicted voluntarily, so `kubectl drain`, node upgrades and the \
            cluster autoscaler wait on it forever. The Kubernetes docs note that a budget requiring zero voluntary \
            evictions makes the nodes running those pods impossible to drain.",
        bad: "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: web\n",
        good: "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n",
        fix: "Allow at least one pod to go: `maxUnavailable: 1`, or a `minAvailable` below the replica count (and run \
            enough replicas for that to keep the service up).",
    },
    quiz: quiz! {
        question: "A Deployment runs 2 replicas and its PodDisruptionBudget says `minAvailable: 2`. What happens on `kubectl drain`?",
        choices: &[
            Choice {
                text: "The drain waits: no pod may be evicted",
                correct: true,
                feedback: "Evicting either pod would leave 1 available, below the budget, so the eviction is refused \
                    again and again.",
            },
            Choice {
                text: "One pod is evicted, then a new one starts",
                correct: false,
                feedback: "The budget counts available pods before the eviction: 2 minus 1 is below 2, so it is \
                    refused.",
            },
            Choice {
                text: "The budget is ignored during drains",
                correct: false,
                feedback: "Drains use the eviction API precisely so that budgets are honoured.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["pdb-max-unavailable", "pdb-min-available", "pdbDisruptionsIsZero"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_PDB],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// A selector as a key that does not depend on the order it was written in.
fn key(sel: &Selector) -> String {
    let mut parts: Vec<String> = sel
        .requirements
        .iter()
        .map(|r| {
            let mut values = r.values.clone();
            values.sort();
            format!("{}|{:?}|{}", r.key, r.op, values.join(","))
        })
        .collect();
    parts.sort();
    parts.join(";")
}

/// A workload's own selector: a LabelSelector, or a plain map (a
/// ReplicationController's, a DeploymentConfig's).
fn own_selector<'a>(o: &Object<'a>) -> Option<Selector<'a>> {
    let n = o.node.path(&["spec", "selector"])?;
    if n.get("matchLabels").is_some() || n.get("matchExpressions").is_some() {
        Selector::from_label_selector(n)
    } else {
        Selector::from_map(n)
    }
}

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let pdbs: Vec<&Object> = m.of_kind("PodDisruptionBudget").collect();
    if pdbs.is_empty() {
        return;
    }
    // workloads with a replica count, by (namespace, selector key): one pass
    let mut by_selector: HashMap<(Option<&str>, String), Vec<&Object>> = HashMap::new();
    let scalable = [
        "Deployment",
        "StatefulSet",
        "ReplicaSet",
        "ReplicationController",
        "DeploymentConfig",
    ];
    for o in scalable.into_iter().flat_map(|k| m.of_kind(k)) {
        if o.node.path(&["spec", "replicas"]).and_then(Node::as_i64).is_none() {
            continue;
        }
        if let Some(sel) = own_selector(o) {
            by_selector.entry((o.namespace, key(&sel))).or_default().push(o);
        }
    }
    for pdb in pdbs {
        let spec = pdb.node.get("spec");
        if let Some(v) = spec.and_then(|s| s.get("maxUnavailable")) {
            if matches!(v.scalar_text().as_deref(), Some("0" | "0%")) {
                out.report(
                    v.span,
                    format!("{} sets `maxUnavailable` to 0: no pod may ever be evicted", pdb.label()),
                );
            }
        }
        let Some(min) = spec.and_then(|s| s.get("minAvailable")) else {
            continue;
        };
        if min.as_str() == Some("100%") {
            out.report(
                min.span,
                format!(
                    "{} sets `minAvailable` to 100%: no pod may ever be evicted",
                    pdb.label()
                ),
            );
            continue;
        }
        let Some(n) = min.as_i64() else { continue };
        let Some(sel) = spec
            .and_then(|s| s.get("selector"))
            .and_then(Selector::from_label_selector)
        else {
            continue;
        };
        if sel.is_empty() {
            continue;
        }
        let mut covered: Vec<&Object> = m
            .pods_selected(pdb.namespace, &sel)
            .into_iter()
            .filter(|o| o.node.path(&["spec", "replicas"]).and_then(Node::as_i64).is_some())
            .collect();
        for o in by_selector
            .get(&(pdb.namespace, key(&sel)))
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            if !covered.iter().any(|c| std::ptr::eq(*c, *o)) {
                covered.push(o);
            }
        }
        for o in covered {
            let replicas = o.node.path(&["spec", "replicas"]).and_then(Node::as_i64).unwrap_or(1);
            if replicas <= n {
                out.report(
                    min.span,
                    format!(
                        "{} keeps {n} pods available, but {} runs {replicas}: no pod may ever be evicted",
                        pdb.label(),
                        o.label()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: web:1}]}\n---\n";

    fn pdb(spec: &str) -> String {
        format!("{DEPLOY}apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: p}}\nspec: {{selector: {{matchLabels: {{app: web}}}}, {spec}}}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &pdb("maxUnavailable: 0")), ["0"]);
        assert_eq!(spans(&RULE, &pdb("maxUnavailable: \"0%\"")), ["\"0%\""]);
        assert_eq!(spans(&RULE, &pdb("minAvailable: 2")), ["2"]);
        assert_eq!(spans(&RULE, &pdb("minAvailable: 100%")), ["100%"]);
    }

    #[test]
    fn good() {
        silent(&RULE, &pdb("maxUnavailable: 1"));
        silent(&RULE, &pdb("minAvailable: 1"));
        silent(&RULE, &pdb("minAvailable: 50%"));
    }

    #[test]
    fn edge() {
        // a budget for pods the set does not run: nothing to compare
        silent(&RULE, "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {minAvailable: 3, selector: {matchLabels: {app: web}}}\n");
        // a workload in another namespace is not covered
        silent(
            &RULE,
            &pdb("minAvailable: 2").replace("metadata: {name: p}", "metadata: {name: p, namespace: x}"),
        );
    }

    /// kube-linter's e2e cases: two budgets, `maxUnavailable: 1` and
    /// `maxUnavailable: 0` (one report); a budget `minAvailable: 1` with the
    /// same selector as a Deployment of 1 replica whose template has no
    /// labels (one report).
    #[test]
    fn kube_linter_expectation() {
        let max = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: baz, namespace: bar}\nspec: {maxUnavailable: 1}\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: foo, namespace: bar}\nspec: {maxUnavailable: 0}\n";
        assert_eq!(run(&RULE, max).len(), 1);
        let min = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: baz, namespace: bar}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {name: cloud-ingress-operator}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: foo, namespace: bar}\nspec:\n  replicas: 1\n  selector: {matchLabels: {name: cloud-ingress-operator}}\n";
        let found = run(&RULE, min);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("Deployment `foo`"), "{}", found[0].message);
    }
}
