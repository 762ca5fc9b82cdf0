//! DW3009: privilege escalation allowed.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3009",
    name: "k8s-privilege-escalation",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("`allowPrivilegeEscalation` is not set to false"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a container whose securityContext does not set `allowPrivilegeEscalation: false`, with a sharper \
            message when it is explicitly `true`. (kube-linter flags only the explicit `true`; Dockwise also flags \
            the unset default, because the default is to allow.) A patch fragment (a kustomize patch) is judged only on what it sets: the base it patches may hold the rest.",
        why: "When allowed, a process can gain more privileges than its parent, typically through a setuid-root \
            binary, so a non-root container can still become root. Setting it to false turns on the kernel's \
            no_new_privs flag; the restricted Pod Security Standard requires it.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    securityContext:\n      allowPrivilegeEscalation: false\n",
        fix: "Add `allowPrivilegeEscalation: false` to every container's securityContext (this field has no pod-level \
            equivalent).",
    },
    quiz: quiz! {
        question: "What is the default of `allowPrivilegeEscalation` when it is not set?",
        choices: &[
            Choice {
                text: "Allowed (true)",
                correct: true,
                feedback: "Right: you have to turn it off explicitly, per container.",
            },
            Choice {
                text: "Forbidden (false)",
                correct: false,
                feedback: "No: the default allows escalation, which is why this rule exists.",
            },
            Choice {
                text: "Inherited from the pod's securityContext",
                correct: false,
                feedback: "There is no pod-level field for it; it must be set on each container.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["privilege-escalation-container"],
    check: Check::Kubernetes(check),
    standard: &[&sources::CIS_CAPABILITIES, &sources::PSS_BASELINE_RESTRICTED],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::No,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        match c.security("allowPrivilegeEscalation") {
            Some(v) if v.as_bool() == Some(false) => {}
            Some(v) => out.report(
                v.span,
                format!("{} of {} explicitly allows privilege escalation", c.label(), o.label()),
            ),
            None if o.fragment => {}
            None => out.report(
                c.anchor(),
                format!(
                    "{} of {} does not set `allowPrivilegeEscalation: false`",
                    c.label(),
                    o.label()
                ),
            ),
        }
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
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n"
            ),
            ["a"]
        );
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {allowPrivilegeEscalation: true}\n"), ["true"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {allowPrivilegeEscalation: false}\n");
    }

    #[test]
    fn edge() {
        // the pod level has no such field: a pod-level setting does not count
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {allowPrivilegeEscalation: false}\n  containers:\n  - name: a\n    image: x:1\n");
        // a kustomize patch: what it leaves out may be in the base, what it sets counts
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {memory: 1Gi}}\n");
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        securityContext: {allowPrivilegeEscalation: true}\n");
    }
}
