//! DW3045: an object of the removed `extensions/v1beta1` API group version.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3045",
    name: "k8s-extensions-v1beta",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Object uses the removed `extensions/v1beta1` API"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags an object whose `apiVersion` is in the `extensions` group's beta versions \
            (`extensions/v1beta1`), naming the version that replaces it for its kind.",
        why: "Kubernetes stopped serving `extensions/v1beta1` for Deployments, DaemonSets, ReplicaSets, \
            NetworkPolicies and PodSecurityPolicies in v1.16 and for Ingresses in v1.22: a current cluster \
            refuses these objects (\"no matches for kind\").",
        bad: "apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n",
        good: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n",
        fix: "Move to the stable API: `apps/v1` for Deployments, DaemonSets and ReplicaSets (which then need a \
            `selector`), `networking.k8s.io/v1` for NetworkPolicies and Ingresses (whose backends change shape).",
    },
    quiz: quiz! {
        question: "A manifest says `apiVersion: extensions/v1beta1` and `kind: Deployment`. What does a current cluster do?",
        choices: &[
            Choice {
                text: "Refuses it: that API version is no longer served",
                correct: true,
                feedback: "It was removed in v1.16; the Deployment must be written against `apps/v1`.",
            },
            Choice {
                text: "Converts it to `apps/v1` on the fly",
                correct: false,
                feedback: "Conversion only happens between versions the server still serves; removed ones are \
                    refused.",
            },
            Choice {
                text: "Accepts it with a deprecation warning",
                correct: false,
                feedback: "Warnings come while a version is deprecated but still served; after its removal the \
                    request fails.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["no-extensions-v1beta"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Deprecated API Migration Guide"),
        url: text!("https://kubernetes.io/docs/reference/using-api/deprecation-guide/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for o in &m.objects {
        let Some(v) = o.node.get("apiVersion") else { continue };
        let Some(text) = v.as_str() else { continue };
        if !text.starts_with("extensions/v1beta") {
            continue;
        }
        let instead = match o.kind {
            "Deployment" | "DaemonSet" | "ReplicaSet" => ": use `apps/v1`",
            "NetworkPolicy" | "Ingress" => ": use `networking.k8s.io/v1`",
            _ => "",
        };
        out.report(
            v.span,
            format!(
                "{} uses `{text}`, which Kubernetes no longer serves{instead}",
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
            spans(
                &RULE,
                "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n"
            ),
            ["extensions/v1beta1"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\n",
        );
    }

    #[test]
    fn edge() {
        // List items are objects too
        fires(&RULE, "apiVersion: v1\nkind: List\nitems:\n- apiVersion: extensions/v1beta1\n  kind: DaemonSet\n  metadata: {name: d}\n");
    }

    /// kube-linter's e2e case: the same NetworkPolicy in
    /// `networking.k8s.io/v1` and in `extensions/v1beta1`: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: app}\n---\napiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: app}\n";
        assert_eq!(run(&RULE, text).len(), 1);
    }
}
