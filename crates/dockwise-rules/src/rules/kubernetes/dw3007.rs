//! DW3007: a container that may run as root.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::kubernetes::{is_true, ContainerKind, Manifests};
use dockwise_syntax::yaml::edit::{Editor, New, Place};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3007",
    name: "k8s-run-as-root",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container may run as root (no `runAsNonRoot`, or `runAsUser: 0`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a container that is not guaranteed to run as a non-root user: neither `runAsNonRoot: true` nor \
            a non-zero `runAsUser`, in its own securityContext or inherited from the pod's. `runAsUser: 0` is \
            flagged explicitly, as is `runAsNonRoot: true` combined with `runAsUser: 0` (the pod would never start). \
            A patch fragment (a kustomize patch) is judged only on what it sets: the base it patches may hold the \
            rest.",
        why: "Root in a container is uid 0 on the node's kernel. Any escape (a kernel bug, a mounted host path, a \
            mis-set capability) then gives root on the node and every pod on it. `runAsNonRoot: true` makes the \
            kubelet refuse to start a container that would run as root, so a bad image fails loudly instead of \
            quietly running as root.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        fix: "Set `runAsNonRoot: true` in the pod's securityContext (it applies to every container), build images \
            with a numeric `USER`, and set `runAsUser` to that id if the image does not.",
    },
    quiz: quiz! {
        question: "A pod sets `runAsNonRoot: true` in its pod-level securityContext. Does each container need it \
            too?",
        choices: &[
            Choice {
                text: "No: containers inherit it unless they override it",
                correct: true,
                feedback: "Container securityContexts inherit runAsNonRoot, runAsUser, runAsGroup and seccompProfile \
                    from the pod, and a container-level value wins.",
            },
            Choice {
                text: "Yes: container settings are never inherited from the pod",
                correct: false,
                feedback: "These fields are; others, such as privileged, capabilities and readOnlyRootFilesystem, \
                    exist only on containers.",
            },
            Choice {
                text: "Only init containers need it set again",
                correct: false,
                feedback: "Inheritance applies to init containers and app containers alike.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["run-as-non-root", "runAsRootAllowed", "CKV_K8S_23"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Restricted (Running as Non-root)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"),
        },
        &sources::K8S_SECURITY_CONTEXT,
        &sources::CIS_CREATE_USER,
    ],
    concern: Some(&sources::ROOT_USER),
    fixes: Fixes::Unsafe,
    scope: Scope::Container,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, p, c) in m.containers() {
        if c.kind == ContainerKind::Ephemeral {
            continue;
        }
        // the runAsUser node with its number
        let user = p.effective(c, "runAsUser").and_then(|u| u.as_i64().map(|uid| (u, uid)));
        let non_root = is_true(p.effective(c, "runAsNonRoot"));
        // root becomes an unprivileged user where it is written: the container or the pod
        let unprivileged = || {
            let owner = if c.security("runAsUser").is_some() {
                c.node
            } else {
                p.spec
            };
            let edits = ed.set(owner, &["securityContext", "runAsUser"], &New::scalar("10001"));
            fixes::unsafe_("run as user 10001, not root", edits)
        };
        match (user, non_root) {
            (Some((u, 0)), true) => out.push(
                Diagnostic::new(
                    u.span,
                    format!(
                        "{} of {} sets `runAsNonRoot: true` and `runAsUser: 0`: the kubelet will refuse to start it",
                        c.label(),
                        o.label()
                    ),
                )
                .with_fix(unprivileged),
            ),
            (Some((u, 0)), false) => out.push(
                Diagnostic::new(
                    u.span,
                    format!("{} of {} runs as root (`runAsUser: 0`)", c.label(), o.label()),
                )
                .with_fix(unprivileged),
            ),
            (Some(_), _) | (None, true) => {}
            (None, false) if o.fragment => {}
            (None, false) => {
                // near the top of the container, apart from the resources and probes added at its end
                let edits = ed.set_at(
                    c.node,
                    &["securityContext", "runAsNonRoot"],
                    &New::scalar("true"),
                    Place::First,
                );
                out.push(
                    Diagnostic::new(
                        c.anchor(),
                        format!(
                            "{} of {} may run as root: set `runAsNonRoot: true`",
                            c.label(),
                            o.label()
                        ),
                    )
                    .with_fix(|| fixes::unsafe_("set `runAsNonRoot: true`", edits)),
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
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {runAsUser: 0}\n"
            ),
            ["0"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n  - name: a\n    image: x:1\n",
        );
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {runAsUser: 1000}\n",
        );
    }

    #[test]
    fn edge() {
        // the container overrides the pod's safe user with root
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {runAsUser: 1000}\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {runAsUser: 0}\n");
        // contradiction
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {runAsNonRoot: true, runAsUser: 0}\n  containers:\n  - name: a\n    image: x:1\n");
        // a kustomize patch: what it leaves out may be in the base, what it sets counts
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {memory: 1Gi}}\n");
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        securityContext: {runAsUser: 0}\n");
    }

    #[test]
    fn fix() {
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n";
        assert_eq!(
            fixed(&RULE, pod),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext:\n      runAsNonRoot: true\n    image: x:1\n",
            "near the top of the container: apart from the resources and probes added at its end"
        );
        // root is replaced where it is written: in the pod's securityContext here
        assert_eq!(
            fixed(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsUser: 0  # root\n  containers:\n  - name: a\n    image: x:1\n  - name: b\n    image: y:1\n"
            ),
            "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsUser: 10001  # root\n  containers:\n  - name: a\n    image: x:1\n  - name: b\n    image: y:1\n"
        );
        fix_converges(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    image: x:1\n    securityContext:\n      runAsUser: 0\n  - name: b\n    image: y:1\n  initContainers:\n  - name: i\n    image: z:1\n    securityContext:\n      privileged: false\n",
        );
        // flow style: no fix
        assert!(run(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {runAsUser: 0}\n")[0]
            .fix
            .is_none());
        assert!(run(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {privileged: false}\n")[0]
            .fix
            .is_none());
    }
}
