//! DW3043: a container asks for an unmasked /proc.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3043",
    name: "k8s-unmasked-proc",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container mounts /proc unmasked (`procMount: Unmasked`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a container whose `securityContext.procMount` is anything but `Default` (in practice \
            `Unmasked`).",
        why: "By default the runtime masks and makes read-only the parts of `/proc` that expose the host kernel. \
            `Unmasked` removes that protection, which is only meant for nested containers; the baseline Pod \
            Security Standard allows only the default.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  hostUsers: false\n  containers:\n  - name: builder\n    image: mybuilder:1.4\n    securityContext:\n      procMount: Unmasked\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  hostUsers: false\n  containers:\n  - name: builder\n    image: mybuilder:1.4\n    securityContext:\n      procMount: Default\n",
        fix: "Remove `procMount` (or set it to `Default`).",
    },
    quiz: quiz! {
        question: "What does the default `procMount` do?",
        choices: &[
            Choice {
                text: "Masks sensitive /proc paths and makes some read-only",
                correct: true,
                feedback: "That masking keeps the container from reading or changing kernel settings of the host \
                    through /proc.",
            },
            Choice {
                text: "Hides /proc from the container entirely",
                correct: false,
                feedback: "Processes need /proc; only its sensitive parts are masked.",
            },
            Choice {
                text: "Shares the host's /proc with the container",
                correct: false,
                feedback: "The container gets its own /proc, with host-sensitive parts masked; `Unmasked` is what \
                    lifts that.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["unsafe-proc-mount", "procMount"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes Pod Security Standards: Baseline (/proc Mount Type)"),
        url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        let Some(v) = c.security("procMount") else { continue };
        let Some(text) = v.as_str() else { continue };
        if text != "Default" {
            out.report(
                v.span,
                format!("{} of {} mounts /proc with `procMount: {text}`", c.label(), o.label()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn pod(sc: &str) -> String {
        format!("apiVersion: v1\nkind: Pod\nspec:\n  containers: [{{name: c, image: c:1, securityContext: {sc}}}]\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &pod("{procMount: Unmasked}")), ["Unmasked"]);
    }

    #[test]
    fn good() {
        silent(&RULE, &pod("{procMount: Default}"));
        silent(&RULE, &pod("{runAsNonRoot: true}"));
    }

    #[test]
    fn edge() {
        // init containers too
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  initContainers: [{name: i, image: i:1, securityContext: {procMount: Unmasked}}]\n  containers: [{name: c, image: c:1}]\n");
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig with an
    /// `Unmasked` container: two reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app1}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers: [{name: app, securityContext: {procMount: Unmasked}}]\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app2}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers: [{name: app, securityContext: {procMount: Unmasked}}]\n";
        assert_eq!(run(&RULE, text).len(), 2);
    }
}
