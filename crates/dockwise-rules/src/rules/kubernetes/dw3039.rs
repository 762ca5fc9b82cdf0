//! DW3039: a `*` among a Role's verbs or resources.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::{strings, Manifests};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3039",
    name: "k8s-rbac-wildcard",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Role or ClusterRole rule uses the `*` wildcard"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags each `*` in the `verbs` or `resources` of a Role's or ClusterRole's rules.",
        why: "A wildcard grants every verb or every resource, including resource types added to the cluster later \
            (custom resources, new APIs): the role quietly grows. Kubernetes' RBAC good practices ask to avoid \
            wildcards, above all on resources, and the CIS Kubernetes Benchmark (5.1.3) to minimise them.",
        bad: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\n  namespace: shop\nrules:\n- apiGroups: [\"apps\"]\n  resources: [\"deployments\"]\n  verbs: [\"*\"]\n",
        good: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\n  namespace: shop\nrules:\n- apiGroups: [\"apps\"]\n  resources: [\"deployments\"]\n  verbs: [\"get\", \"list\", \"watch\", \"create\", \"update\", \"patch\"]\n",
        fix: "List the verbs and resources the subject needs, one rule per group of resources that needs the same \
            verbs.",
    },
    quiz: quiz! {
        question: "Why is `resources: [\"*\"]` riskier than it looks on the day it is written?",
        choices: &[
            Choice {
                text: "It also covers resource types added later",
                correct: true,
                feedback: "Custom resources and new APIs installed afterwards fall under the wildcard too, without \
                    anyone reviewing the role again.",
            },
            Choice {
                text: "It stops the role from being bound with a RoleBinding",
                correct: false,
                feedback: "A role with wildcards binds like any other; the risk is what the binding then grants.",
            },
            Choice {
                text: "The API server expands it into a list once, at creation",
                correct: false,
                feedback: "The wildcard stays a wildcard and is evaluated on every request, which is why it grows with \
                    the cluster.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["wildcard-in-rules", "CKV_K8S_49"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_RBAC_GOOD_PRACTICES, &sources::CIS_KUBERNETES],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for role in m.of_kind("Role").chain(m.of_kind("ClusterRole")) {
        for rule in role.node.get("rules").map(Node::items).unwrap_or_default() {
            for (key, what) in [("verbs", "every verb"), ("resources", "every resource")] {
                for (value, span) in strings(rule.get(key)) {
                    if value == "*" {
                        out.report(span, format!("{} grants {what} with `*` in `{key}`", role.label()));
                    }
                }
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
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules:\n- {apiGroups: [\"\"], resources: [\"*\"], verbs: [get, \"*\"]}\n";
        assert_eq!(spans(&RULE, text), ["\"*\"", "\"*\""]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- {apiGroups: [\"\"], resources: [pods], verbs: [get, list]}\n");
    }

    #[test]
    fn edge() {
        // a wildcard API group alone is not flagged (as kube-linter), nor a binding
        silent(&RULE, "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- {apiGroups: [\"*\"], resources: [pods], verbs: [get]}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: \"*\"}\n");
    }

    /// kube-linter's e2e case: a Role with `get` on pods and one with `*`
    /// on secrets: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: role1, namespace: namespace-dev}\nrules:\n- {apiGroups: [\"\"], resources: [pods], verbs: [get]}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: role1, namespace: namespace-dev}\nrules:\n- {apiGroups: [\"\"], resources: [secrets], verbs: [\"*\"]}\n";
        assert_eq!(run(&RULE, text).len(), 1);
    }
}
