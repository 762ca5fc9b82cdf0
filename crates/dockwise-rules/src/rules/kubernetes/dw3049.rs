//! DW3049: a PodDisruptionBudget without an unhealthy pod eviction policy.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3049",
    name: "k8s-pdb-unhealthy-eviction",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("PodDisruptionBudget does not set `unhealthyPodEvictionPolicy`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a PodDisruptionBudget (`policy/v1`) without `spec.unhealthyPodEvictionPolicy`. A patch fragment \
            is not flagged.",
        why: "Without the field, the default (`IfHealthyBudget`) lets running but not-ready pods be evicted only \
            while the application is within its budget, so a broken rollout can hold up a node drain. The \
            Kubernetes docs recommend `AlwaysAllow`, which lets such misbehaving pods be evicted.",
        bad: "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n",
        good: "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n  selector:\n    matchLabels:\n      app: web\n",
        fix: "Set `unhealthyPodEvictionPolicy: AlwaysAllow` (or write `IfHealthyBudget` when the app needs its \
            unready pods kept while it is short of healthy ones).",
    },
    quiz: quiz! {
        question: "What does `unhealthyPodEvictionPolicy: AlwaysAllow` change?",
        choices: &[
            Choice {
                text: "Running pods that are not ready can always be evicted",
                correct: true,
                feedback: "They do not count as healthy, so evicting them does not reduce availability; allowing it \
                    unblocks drains during a bad rollout.",
            },
            Choice {
                text: "Every pod can be evicted, whatever the budget",
                correct: false,
                feedback: "Healthy pods stay protected by `minAvailable` or `maxUnavailable`; only unready ones are \
                    concerned.",
            },
            Choice {
                text: "Failed pods are restarted instead of evicted",
                correct: false,
                feedback: "Restarts are the kubelet's job; the policy only decides whether eviction of unready pods \
                    waits for the budget.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["pdb-unhealthy-pod-eviction-policy"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_PDB],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for pdb in m.of_kind("PodDisruptionBudget") {
        if pdb.fragment || pdb.node.path(&["spec", "unhealthyPodEvictionPolicy"]).is_some() {
            continue;
        }
        if pdb.node.get("apiVersion").and_then(|v| v.as_str()) == Some("policy/v1beta1") {
            continue; // the field came with policy/v1
        }
        out.report(
            pdb.anchor(),
            format!(
                "{} does not set `unhealthyPodEvictionPolicy` (consider `AlwaysAllow`)",
                pdb.label()
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
            spans(
                &RULE,
                "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {maxUnavailable: 1}\n"
            ),
            ["p"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {maxUnavailable: 1, unhealthyPodEvictionPolicy: IfHealthyBudget}\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {maxUnavailable: 1}\n",
        );
    }

    /// kube-linter's fixture: one budget without the policy, one with
    /// `AlwaysAllow`, one with `IfHealthyBudget`: one report.
    #[test]
    fn kube_linter_expectation() {
        let pdb = |name: &str, extra: &str| {
            format!("---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: {name}}}\nspec:\n  selector: {{matchLabels: {{app: app1}}}}\n  maxUnavailable: 1\n{extra}")
        };
        let text = [
            pdb("fire", ""),
            pdb("dont-fire-1", "  unhealthyPodEvictionPolicy: AlwaysAllow\n"),
            pdb("dont-fire-2", "  unhealthyPodEvictionPolicy: IfHealthyBudget\n"),
        ]
        .concat();
        assert_eq!(spans(&RULE, &text), ["fire"]);
    }
}
