//! DW3040: a binding that lets its subjects read Secrets.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::kubernetes::helpers::{accesses, bindings, bound_role, role_ref};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3040",
    name: "k8s-rbac-secret-access",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Binding grants a role that can read Secrets"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a RoleBinding or ClusterRoleBinding whose role, defined in the manifest set, allows `get`, \
            `list` or `watch` (or `*`) on `secrets` (or `*`). As in kube-linter, the finding sits on the binding, \
            where the access is actually given: a role nobody binds grants nothing. Roles the set does not define \
            (built-in ones such as `admin`) are not judged.",
        why: "Secrets hold passwords, keys and service account tokens. `get` reads one, and `list` and `watch` \
            return the contents of all of them, so a subject with any of these can collect every credential of the \
            namespace (or of the cluster, for a ClusterRoleBinding). The CIS Kubernetes Benchmark (5.1.2) asks to \
            keep this access to the smallest group possible.",
        bad: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: config-reader\n  namespace: shop\nrules:\n- apiGroups: [\"\"]\n  resources: [\"configmaps\", \"secrets\"]\n  verbs: [\"get\", \"list\"]\n\
            ---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-config\n  namespace: shop\nsubjects:\n- kind: ServiceAccount\n  name: web\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: config-reader\n",
        good: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: config-reader\n  namespace: shop\nrules:\n- apiGroups: [\"\"]\n  resources: [\"configmaps\"]\n  verbs: [\"get\", \"list\"]\n\
            ---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-config\n  namespace: shop\nsubjects:\n- kind: ServiceAccount\n  name: web\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: config-reader\n",
        fix: "Mount the Secret the workload needs as a volume instead of reading it through the API; where API access \
            is needed, grant `get` on that Secret only (`resourceNames`), never `list` or `watch`.",
    },
    quiz: quiz! {
        question: "A role grants `list` on `secrets` but not `get`. What can its subjects see?",
        choices: &[
            Choice {
                text: "The contents of every Secret listed",
                correct: true,
                feedback: "A list response carries the full objects, data included, so `list` (and `watch`) reveal \
                    as much as `get` on each of them.",
            },
            Choice {
                text: "Only the Secrets' names",
                correct: false,
                feedback: "Listing returns whole objects, not just names: the data comes with them.",
            },
            Choice {
                text: "Nothing until `get` is granted too",
                correct: false,
                feedback: "`list` alone is enough to read them; it is not a weaker form of `get`.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["access-to-secrets"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_RBAC_GOOD_PRACTICES, &sources::CIS_KUBERNETES],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for b in bindings(m) {
        let (Some(role), Some((_, name))) = (bound_role(m, b), role_ref(b)) else {
            continue;
        };
        let found = accesses(role, &["secrets"], &["get", "list", "watch"]);
        if !found.is_empty() {
            out.report(
                name.span,
                format!("{} grants {}, which has {}", b.label(), role.label(), found.join(", ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn set(rule: &str, role_ns: &str, binding_ns: &str) -> String {
        format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: r{role_ns}}}\nrules:\n- {rule}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: b{binding_ns}}}\nsubjects: [{{kind: ServiceAccount, name: sa}}]\nroleRef: {{kind: Role, name: r}}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &set("{resources: [secrets], verbs: [watch]}", "", "")),
            ["r"]
        );
        fires(&RULE, &set("{resources: [\"*\"], verbs: [get]}", "", ""));
        fires(&RULE, &set("{resources: [secrets], verbs: [\"*\"]}", "", ""));
        // a ClusterRole bound cluster-wide
        fires(&RULE, "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: [{resources: [secrets], verbs: [list]}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {kind: ClusterRole, name: reader}\n");
    }

    #[test]
    fn good() {
        silent(&RULE, &set("{resources: [configmaps], verbs: [get, list]}", "", ""));
        // writing without reading is not this rule's concern
        silent(&RULE, &set("{resources: [secrets], verbs: [create]}", "", ""));
    }

    #[test]
    fn edge() {
        // a role nobody binds, a Role of another namespace, a role the set lacks
        silent(&RULE, "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules: [{resources: [secrets], verbs: [get]}]\n");
        silent(
            &RULE,
            &set(
                "{resources: [secrets], verbs: [get]}",
                ", namespace: a",
                ", namespace: b",
            ),
        );
        silent(&RULE, "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: ClusterRole, name: admin}\n");
    }

    /// kube-linter's e2e case: a Role with `get` on pods, a Role with `get`
    /// on secrets and a RoleBinding to the second: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: ok, namespace: namespace-dev}\nrules: [{apiGroups: [\"\"], resources: [pods], verbs: [get]}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: role1, namespace: namespace-dev}\nrules: [{apiGroups: [\"\"], resources: [secrets], verbs: [get]}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: role-binding1, namespace: namespace-dev}\nsubjects: [{kind: ServiceAccount, name: account1, namespace: namespace-dev}]\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role1}\n";
        let found = run(&RULE, text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("[get] access to [secrets]"),
            "{}",
            found[0].message
        );
    }
}
