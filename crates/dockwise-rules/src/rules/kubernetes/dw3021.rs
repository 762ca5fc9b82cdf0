//! DW3021: no seccomp profile, or an unconfined one.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::kubernetes::{ContainerKind, Manifests};
use dockwise_syntax::yaml::edit::{Editor, New, Place};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3021",
    name: "k8s-seccomp-profile",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("No seccomp profile (`RuntimeDefault`), or seccomp `Unconfined`"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a container whose effective `seccompProfile.type` (its own or the pod's) is missing or \
            `Unconfined`. `RuntimeDefault` and `Localhost` pass. A patch fragment (a kustomize patch) is judged only on what it sets: the base it patches may hold the rest.",
        why: "Kubernetes runs containers without seccomp unless told otherwise. The runtime's default profile blocks \
            dozens of rarely needed system calls (`keyctl`, `unshare`, `ptrace` of others...) through which many \
            kernel exploits and container escapes go, at no cost for ordinary apps. The restricted Pod Security \
            Standard requires it.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        fix: "Set `securityContext.seccompProfile.type: RuntimeDefault` at the pod level; it applies to all \
            containers.",
    },
    quiz: quiz! {
        question: "What seccomp profile does a Kubernetes pod get if none is set?",
        choices: &[
            Choice {
                text: "None (Unconfined), unless the kubelet's default was changed",
                correct: true,
                feedback: "Right: unlike plain Docker, Kubernetes does not apply the runtime default by itself.",
            },
            Choice {
                text: "RuntimeDefault, always",
                correct: false,
                feedback: "Only if the cluster enables seccomp defaulting on its kubelets.",
            },
            Choice {
                text: "A profile that blocks all system calls",
                correct: false,
                feedback: "That would stop every container from working.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::PSS_DOCS],
    concern: None,
    fixes: Fixes::Unsafe,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    let runtime_default = New::scalar("RuntimeDefault");
    for (o, p, c) in m.containers() {
        if c.kind == ContainerKind::Ephemeral {
            continue;
        }
        let profile = p.effective(c, "seccompProfile").and_then(|s| s.get("type"));
        match profile {
            Some(t) if matches!(t.as_str(), Some("RuntimeDefault" | "Localhost")) => {}
            Some(t) => {
                // changed where it is written: the container or the pod
                let owner = if c.security("seccompProfile").is_some() {
                    c.node
                } else {
                    p.spec
                };
                let edits = ed.set(owner, &["securityContext", "seccompProfile", "type"], &runtime_default);
                out.push(
                    Diagnostic::new(
                        t.span,
                        format!("{} of {} runs without seccomp filtering", c.label(), o.label()),
                    )
                    .with_fix(|| fixes::unsafe_("use the `RuntimeDefault` seccomp profile", edits)),
                );
            }
            None if o.fragment => {}
            None => {
                // at the pod level, for every container, at the top of the pod spec
                let edits = ed.set_at(
                    p.spec,
                    &["securityContext", "seccompProfile", "type"],
                    &runtime_default,
                    Place::First,
                );
                out.push(
                    Diagnostic::new(
                        c.anchor(),
                        format!(
                            "{} of {} has no seccomp profile: set `seccompProfile.type: RuntimeDefault`",
                            c.label(),
                            o.label()
                        ),
                    )
                    .with_fix(|| fixes::unsafe_("use the `RuntimeDefault` seccomp profile", edits)),
                );
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
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n"
            ),
            ["a"]
        );
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {seccompProfile: {type: Unconfined}}\n"), ["Unconfined"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - name: a\n    image: x:1\n");
    }

    #[test]
    fn edge() {
        // the container's own profile overrides the pod's
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {seccompProfile: {type: Unconfined}}\n");
        // a kustomize patch: what it leaves out may be in the base, what it sets counts
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {memory: 1Gi}}\n");
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        securityContext: {seccompProfile: {type: Unconfined}}\n");
    }

    #[test]
    fn fix() {
        let containers = "  containers:\n  - name: a\n    image: x:1\n  - name: b\n    image: y:1\n";
        assert_eq!(
            fixed(&RULE, &format!("apiVersion: v1\nkind: Pod\nspec:\n{containers}")),
            format!("apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n{containers}")
        );
        // into the pod's securityContext; `Unconfined` replaced where it is written
        assert_eq!(
            fixed(&RULE, &format!("apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsNonRoot: true\n{containers}")),
            format!("apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n    runAsNonRoot: true\n{containers}")
        );
        assert_eq!(
            fixed(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile:\n        type: Unconfined  # strace\n"),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext:\n      seccompProfile:\n        type: RuntimeDefault  # strace\n"
        );
        fix_converges(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      securityContext: {}\n      containers:\n      - name: a\n        image: x:1\n",
        );
        assert!(run(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n  - name: a\n    image: x:1\n")[0]
            .fix
            .is_none());
    }
}
