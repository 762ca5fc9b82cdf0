//! DW3009: privilege escalation allowed.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::rules::shared::normalise_capability;
use crate::sources;
use dockwise_syntax::kubernetes::{is_true, strings, Manifests};
use dockwise_syntax::yaml::edit::{Editor, New, Place};
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
        why: "When allowed, a process can gain more privileges than its parent when it runs another program, through \
            a setuid-root or file-capability binary in the image, so a non-root container can still reach root. \
            Setting it to false makes the kernel set `no_new_privs` on the container's process; the restricted Pod \
            Security Standard requires it.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    securityContext:\n      allowPrivilegeEscalation: false\n",
        fix: "Add `allowPrivilegeEscalation: false` to every container's securityContext (this field has no pod-level \
            equivalent).",
    },
    quiz: quiz! {
        question: "What does an unset `allowPrivilegeEscalation` mean for a container?",
        choices: &[
            Choice {
                text: "Escalation is allowed, as if set to `true`",
                correct: true,
                feedback: "With the field unset, no_new_privs is not set, so setuid and file-capability binaries \
                    still work; restricted requires `false` on every container.",
            },
            Choice {
                text: "Escalation is blocked, as with `false`",
                correct: false,
                feedback: "The default allows it, which is why restricted requires an explicit `false`.",
            },
            Choice {
                text: "It follows the pod-level securityContext",
                correct: false,
                feedback: "The pod-level securityContext has no such field; it must be set on each container.",
            },
            Choice {
                text: "It follows `runAsNonRoot`: blocked for non-root users",
                correct: false,
                feedback: "runAsNonRoot only checks the user the container starts as; it does not stop a setuid \
                    binary from raising privileges later.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[
        "privilege-escalation-container",
        "privilegeEscalationAllowed",
        "CKV_K8S_20",
    ],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Restricted (Privilege Escalation)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"),
        },
        &sources::K8S_SECURITY_CONTEXT,
    ],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::Unsafe,
    scope: Scope::Container,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, _, c) in m.containers() {
        // Kubernetes rejects `allowPrivilegeEscalation: false` beside `privileged: true`
        // or an added CAP_SYS_ADMIN: no fix for those
        let privileged = is_true(c.security("privileged"))
            || strings(c.node.path(&["securityContext", "capabilities", "add"]))
                .iter()
                .any(|(cap, _)| normalise_capability(cap) == "SYS_ADMIN");
        let fix = || {
            let edits = (!privileged)
                .then(|| {
                    ed.set_at(
                        c.node,
                        &["securityContext", "allowPrivilegeEscalation"],
                        &New::scalar("false"),
                        Place::First,
                    )
                })
                .flatten();
            fixes::unsafe_("set `allowPrivilegeEscalation: false`", edits)
        };
        match c.security("allowPrivilegeEscalation") {
            Some(v) if v.as_bool() == Some(false) => {}
            Some(v) => out.push(
                Diagnostic::new(
                    v.span,
                    format!("{} of {} explicitly allows privilege escalation", c.label(), o.label()),
                )
                .with_fix(fix),
            ),
            None if o.fragment => {}
            None => out.push(
                Diagnostic::new(
                    c.anchor(),
                    format!(
                        "{} of {} does not set `allowPrivilegeEscalation: false`",
                        c.label(),
                        o.label()
                    ),
                )
                .with_fix(fix),
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

    #[test]
    fn fix() {
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n";
        assert_eq!(
            fixed(&RULE, pod),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext:\n      allowPrivilegeEscalation: false\n    image: x:1\n",
            "near the top of the container: apart from the resources and probes added at its end"
        );
        assert_eq!(
            fixed(
                &RULE,
                &format!("{pod}    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: true\n")
            ),
            format!("{pod}    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n")
        );
        fix_converges(
            &RULE,
            &format!("{pod}    securityContext: {{}}\n  initContainers:\n  - name: i\n    image: y:1\n"),
        );
        // Kubernetes would reject the result beside privileged or CAP_SYS_ADMIN; flow style is left alone
        for extra in [
            "    securityContext:\n      privileged: true\n",
            "    securityContext:\n      capabilities:\n        add: [CAP_SYS_ADMIN]\n",
            "    securityContext: {runAsNonRoot: true}\n",
        ] {
            assert!(run(&RULE, &format!("{pod}{extra}"))[0].fix.is_none(), "{extra}");
        }
    }
}
