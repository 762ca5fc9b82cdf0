//! DW3038: a binding that grants the `cluster-admin` ClusterRole.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::kubernetes::helpers::{bindings, role_ref};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3038",
    name: "k8s-cluster-admin-binding",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Binding grants the `cluster-admin` role"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a ClusterRoleBinding, or a RoleBinding, whose `roleRef` is the built-in `cluster-admin` \
            ClusterRole, naming the subjects it is granted to. (kube-linter looks at ClusterRoleBindings only; a \
            RoleBinding to `cluster-admin` gives full control of its namespace and is flagged too.)",
        why: "`cluster-admin` allows every action on every resource. Bound cluster-wide, whoever holds the subject \
            (a leaked service account token, a compromised pod) controls the whole cluster. Kubernetes' RBAC good \
            practices and the CIS Kubernetes Benchmark (5.1.1) keep it for the few people who need it.",
        bad: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-deployer\nsubjects:\n- kind: ServiceAccount\n  name: ci\n  namespace: tools\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n",
        good: "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ci-deployer\n  namespace: shop\nsubjects:\n- kind: ServiceAccount\n  name: ci\n  namespace: tools\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\n",
        fix: "Bind a narrower role: a Role with the verbs and resources the subject needs, or a built-in role such as \
            `edit` or `view`, with a RoleBinding in the namespaces it works in.",
    },
    quiz: quiz! {
        question: "A CI service account needs to deploy into one namespace. Which grant fits best?",
        choices: &[
            Choice {
                text: "A RoleBinding in that namespace to a narrow role",
                correct: true,
                feedback: "A RoleBinding limits the grant to one namespace, and a narrow role to the actions the job \
                    needs.",
            },
            Choice {
                text: "A ClusterRoleBinding to `cluster-admin`, scoped by the account's namespace",
                correct: false,
                feedback: "A ClusterRoleBinding grants everywhere, whatever namespace the account lives in.",
            },
            Choice {
                text: "A ClusterRoleBinding to `edit`",
                correct: false,
                feedback: "Narrower than `cluster-admin`, but granted in every namespace, not just the one it \
                    deploys to.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &[
        "cluster-admin-role-binding",
        "clusterrolebindingClusterAdmin",
        "rolebindingClusterAdminClusterRole",
    ],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_RBAC_GOOD_PRACTICES, &sources::CIS_KUBERNETES],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for b in bindings(m) {
        let Some(("ClusterRole", name)) = role_ref(b) else {
            continue;
        };
        if name.as_str() != Some("cluster-admin") {
            continue;
        }
        let subjects: Vec<String> = b
            .node
            .get("subjects")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .map(|s| {
                let field = |k: &str| s.get(k).and_then(Node::as_str).unwrap_or("");
                match field("namespace") {
                    "" => format!("{} `{}`", field("kind"), field("name")),
                    ns => format!("{} `{ns}/{}`", field("kind"), field("name")),
                }
            })
            .collect();
        let scope = if b.kind == "RoleBinding" {
            match b.namespace {
                Some(ns) => format!("full control of namespace `{ns}`"),
                None => "full control of its namespace".to_string(),
            }
        } else {
            "full control of the cluster".to_string()
        };
        let to = if subjects.is_empty() {
            String::new()
        } else {
            format!(" to {}", subjects.join(", "))
        };
        out.report(name.span, format!("{} grants `cluster-admin`{to}: {scope}", b.label()));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn binding(kind: &str, role_kind: &str, role: &str) -> String {
        format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata: {{name: b, namespace: shop}}\nsubjects: [{{kind: User, name: ana}}]\nroleRef: {{apiGroup: rbac.authorization.k8s.io, kind: {role_kind}, name: {role}}}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &binding("ClusterRoleBinding", "ClusterRole", "cluster-admin")),
            ["cluster-admin"]
        );
        fires(&RULE, &binding("RoleBinding", "ClusterRole", "cluster-admin"));
    }

    #[test]
    fn good() {
        silent(&RULE, &binding("ClusterRoleBinding", "ClusterRole", "view"));
    }

    #[test]
    fn edge() {
        // a Role that happens to be called cluster-admin is not the built-in one
        silent(&RULE, &binding("RoleBinding", "Role", "cluster-admin"));
    }

    /// kube-linter's e2e case: a ClusterRoleBinding to `admin` and one to
    /// `cluster-admin`, both for a service account: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ok, namespace: namespace-dev}\nsubjects: [{kind: ServiceAccount, name: account1, namespace: namespace-dev}]\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: role-binding1, namespace: namespace-dev}\nsubjects: [{kind: ServiceAccount, name: account1, namespace: namespace-dev}]\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n";
        let found = run(&RULE, text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("ServiceAccount `namespace-dev/account1`"),
            "{}",
            found[0].message
        );
    }
}
