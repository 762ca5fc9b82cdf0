//! DW3041: a binding that lets its subjects create pods or workloads.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::kubernetes::helpers::{accesses, bindings, bound_role, role_ref};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

/// Resources whose `create` starts pods: pods and the workload resources
/// that make them.
const WORKLOADS: &[&str] = &[
    "pods",
    "deployments",
    "statefulsets",
    "daemonsets",
    "replicasets",
    "replicationcontrollers",
    "jobs",
    "cronjobs",
];

pub static RULE: Rule = Rule {
    id: "DW3041",
    name: "k8s-rbac-create-pods",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Binding grants a role that can create pods or workloads"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a RoleBinding or ClusterRoleBinding whose role, defined in the manifest set, allows `create` \
            (or `*`) on `pods` or on a workload resource that makes pods (Deployments, StatefulSets, DaemonSets, \
            ReplicaSets, ReplicationControllers, Jobs, CronJobs), or on `*`. As in kube-linter, the finding sits on \
            the binding; roles the set does not define are not judged.",
        why: "Whoever can create a pod in a namespace can mount any Secret, ConfigMap or volume of that namespace \
            into it and run it as any of the namespace's service accounts, so the grant reaches much further than \
            it reads. Kubernetes' RBAC good practices list workload creation among the paths to privilege \
            escalation, and the CIS Kubernetes Benchmark (5.1.4) asks to restrict it.",
        bad: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: runner\n  namespace: ci\nrules:\n- apiGroups: [\"\"]\n  resources: [\"pods\"]\n  verbs: [\"get\", \"create\", \"delete\"]\n\
            ---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: runner\n  namespace: ci\nsubjects:\n- kind: ServiceAccount\n  name: runner\n  namespace: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: runner\n",
        good: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: runner\n  namespace: ci\nrules:\n- apiGroups: [\"\"]\n  resources: [\"pods\", \"pods/log\"]\n  verbs: [\"get\", \"list\"]\n\
            ---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: runner\n  namespace: ci\nsubjects:\n- kind: ServiceAccount\n  name: runner\n  namespace: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: runner\n",
        fix: "Keep `create` on pods and workloads for the deployers that need it, in the namespaces they deploy to; \
            give those namespaces only the Secrets and service accounts those workloads need.",
    },
    quiz: quiz! {
        question: "Why is `create` on `pods` treated as a sensitive grant?",
        choices: &[
            Choice {
                text: "A new pod can mount the namespace's Secrets and use its service accounts",
                correct: true,
                feedback: "The creator picks the pod's volumes and service account, so it reaches every credential \
                    the namespace holds, even without `get` on Secrets.",
            },
            Choice {
                text: "Pods created by hand bypass the scheduler",
                correct: false,
                feedback: "The scheduler places them like any other pod; the risk is what the pod can mount and run \
                    as.",
            },
            Choice {
                text: "It lets the subject create namespaces",
                correct: false,
                feedback: "Namespaces are a separate resource with their own grant.",
            },
            Choice {
                text: "It makes the subject a cluster administrator",
                correct: false,
                feedback: "Not by itself: it reaches what the namespace holds, which may still lead further.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["access-to-create-pods"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_RBAC_GOOD_PRACTICES, &sources::CIS_KUBERNETES],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for b in bindings(m) {
        let (Some(role), Some((_, name))) = (bound_role(m, b), role_ref(b)) else {
            continue;
        };
        let found = accesses(role, WORKLOADS, &["create"]);
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

    fn set(rule: &str) -> String {
        format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: r}}\nrules:\n- {rule}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: b}}\nroleRef: {{kind: Role, name: r}}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &set("{resources: [pods], verbs: [create]}")), ["r"]);
        fires(
            &RULE,
            &set("{apiGroups: [apps], resources: [deployments], verbs: [\"*\"]}"),
        );
        fires(&RULE, &set("{resources: [\"*\"], verbs: [create]}"));
    }

    #[test]
    fn good() {
        silent(&RULE, &set("{resources: [pods, pods/log], verbs: [get, list, watch]}"));
    }

    #[test]
    fn edge() {
        // creating ConfigMaps is not creating workloads; an unbound role grants nothing
        silent(&RULE, &set("{resources: [configmaps], verbs: [create]}"));
        silent(&RULE, "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules: [{resources: [pods], verbs: [create]}]\n");
    }

    /// kube-linter's e2e case: a Role with `get` on pods, a Role with
    /// `create` on pods and a RoleBinding to the second: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: ok, namespace: namespace-dev}\nrules: [{apiGroups: [\"\"], resources: [pods], verbs: [get]}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: role1, namespace: namespace-dev}\nrules: [{apiGroups: [\"\"], resources: [pods], verbs: [create]}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: role-binding1, namespace: namespace-dev}\nsubjects: [{kind: ServiceAccount, name: account1, namespace: namespace-dev}]\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role1}\n";
        let found = run(&RULE, text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("[create] access to [pods]"),
            "{}",
            found[0].message
        );
    }
}
