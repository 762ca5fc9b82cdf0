//! DW3060: an OpenShift SecurityContextConstraints allowing privileged containers.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::{is_true, Manifests};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3060",
    name: "k8s-scc-privileged",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("SecurityContextConstraints allows privileged containers"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags an OpenShift `SecurityContextConstraints` with `allowPrivilegedContainer: true`. Off by \
            default, as in kube-linter.",
        why: "On OpenShift, an SCC decides what the pods of the users and service accounts it names may ask for. \
            Allowing privileged containers lets them turn off most of a container's isolation, which the baseline \
            Pod Security Standard forbids: whoever can use the SCC can take over the node.",
        bad: "apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: ci-agents\nallowPrivilegedContainer: true\nrunAsUser:\n  type: MustRunAsRange\nseLinuxContext:\n  type: MustRunAs\nusers:\n- system:serviceaccount:ci:agent\n",
        good: "apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: ci-agents\nallowPrivilegedContainer: false\nrunAsUser:\n  type: MustRunAsRange\nseLinuxContext:\n  type: MustRunAs\nusers:\n- system:serviceaccount:ci:agent\n",
        fix: "Set `allowPrivilegedContainer: false`, and grant the few capabilities the workload needs through \
            `allowedCapabilities` instead.",
    },
    quiz: quiz! {
        question: "Who is affected by an SCC that allows privileged containers?",
        choices: &[
            Choice {
                text: "Every user, group and service account it admits",
                correct: true,
                feedback: "An SCC applies to the subjects it lists or that are allowed to use it, so the \
                    permission reaches all their pods.",
            },
            Choice {
                text: "Only pods in the SCC's own namespace",
                correct: false,
                feedback: "SCCs are cluster-scoped; who may use one decides where it applies.",
            },
            Choice {
                text: "Nobody until a pod sets `privileged: true` and is approved",
                correct: false,
                feedback: "Any pod admitted under the SCC may ask for it; there is no separate approval.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["scc-deny-privileged-container"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes Pod Security Standards: Baseline (Privileged Containers)"),
        url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for scc in m.of_kind("SecurityContextConstraints") {
        if let Some((key, value)) = scc.node.entry("allowPrivilegedContainer") {
            if is_true(Some(value)) {
                out.report(
                    key.span.cover(value.span),
                    format!("{} allows privileged containers", scc.label()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn scc(allow: &str) -> String {
        format!("apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata: {{name: s}}\nallowPrivilegedContainer: {allow}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &scc("true")), ["allowPrivilegedContainer: true"]);
    }

    #[test]
    fn good() {
        silent(&RULE, &scc("false"));
    }

    #[test]
    fn edge() {
        // the same key elsewhere is not an SCC
        silent(
            &RULE,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nallowPrivilegedContainer: true\n",
        );
    }

    /// kube-linter's e2e fixture: an SCC allowing privileged containers and
    /// one that does not (keys written in sorted order, `apiVersion` among
    /// them): one report.
    #[test]
    fn kube_linter_expectation() {
        let scc = |name: &str, allow: bool| {
            format!("---\nallowHostDirVolumePlugin: true\nallowHostIPC: false\nallowPrivilegeEscalation: false\nallowPrivilegedContainer: {allow}\napiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  labels: {{owner: owner, app: app1}}\n  name: {name}\nrequiredDropCapabilities: [KILL, MKNOD, SETUID, SETGID]\nrunAsUser: {{type: RunAsAny, uid: 1000}}\nseLinuxContext: {{type: MustRunAs}}\nusers: [\"system:serviceaccount:ns:chart-jenkins-agent\"]\nvolumes: [configMap, downwardAPI, emptyDir, hostPath, persistentVolumeClaim, projected, secret]\n")
        };
        let text = [scc("app1", true), scc("ok", false)].concat();
        assert_eq!(run(&RULE, &text).len(), 1);
    }
}
