//! DW3021: no seccomp profile, or an unconfined one.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "Kubernetes runs containers `Unconfined` unless a profile is set or the kubelet's seccomp defaulting is \
            turned on. The runtime's default profile blocks dozens of rarely needed system calls (`keyctl`, \
            `add_key`, `unshare`, `mount`, kernel-module and clock calls; Docker's profile disables about 44) that \
            many kernel exploits and container escapes rely on, at no cost for ordinary apps. The restricted Pod \
            Security Standard requires a profile.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        fix: "Set `securityContext.seccompProfile.type: RuntimeDefault` at the pod level; it applies to all \
            containers.",
    },
    quiz: quiz! {
        question: "What seccomp profile does a container get in Kubernetes when none is set?",
        choices: &[
            Choice {
                text: "`Unconfined`, unless the kubelet defaults it",
                correct: true,
                feedback: "Unlike plain Docker, Kubernetes applies no seccomp profile unless one is set, or the \
                    kubelet runs with `seccompDefault` enabled, which makes RuntimeDefault the default.",
            },
            Choice {
                text: "`RuntimeDefault`, as with plain Docker",
                correct: false,
                feedback: "Docker applies its profile by default; Kubernetes does so only on kubelets with \
                    `seccompDefault` turned on.",
            },
            Choice {
                text: "One chosen by Pod Security admission for the namespace",
                correct: false,
                feedback: "Pod Security admission checks pods, it does not change them; restricted rejects a pod \
                    without a profile.",
            },
            Choice {
                text: "A profile that blocks every system call",
                correct: false,
                feedback: "Such a profile would stop any container from starting; Unconfined blocks nothing.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["container-seccomp-profile", "CKV_K8S_31"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Restrict a Container's Syscalls with seccomp"),
            url: text!("https://kubernetes.io/docs/tutorials/security/seccomp/"),
        },
        &Source {
            title: text!("Kubernetes Pod Security Standards: Restricted (Seccomp)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"),
        },
        &sources::DOCKER_SECCOMP,
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Container,
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
