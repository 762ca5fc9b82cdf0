//! DW3008: a privileged container.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3008",
    name: "k8s-privileged",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Container runs privileged"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `securityContext.privileged: true` on any container.",
        why: "A privileged container has every capability and sees the node's devices; running as root, it is in \
            effect root on the node. One compromised pod then means a compromised node, its kubelet credentials and \
            the secrets of every pod scheduled there. The baseline and restricted Pod Security Standards both forbid \
            it.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\n\
            spec:\n  containers:\n  - name: tool\n    image: mytool:1.0\n    securityContext:\n      privileged: true\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\nspec:\n  containers:\n  - name: tool\n    image: mytool:1.0\n    securityContext:\n      privileged: false\n      capabilities:\n        drop: [ALL]\n",
        fix: "Remove `privileged: true` and grant the specific capability or device the workload needs. Node agents \
            that truly need privilege (CNI, storage drivers) belong in a dedicated, locked-down namespace.",
    },
    quiz: quiz! {
        question: "Which Pod Security Standard profiles allow privileged containers?",
        choices: &[
            Choice {
                text: "Only the `privileged` profile itself",
                correct: true,
                feedback: "Baseline and restricted both forbid `privileged: true`; the privileged profile is the one \
                    with no restrictions at all.",
            },
            Choice {
                text: "`baseline` and `privileged`",
                correct: false,
                feedback: "Baseline exists to block known privilege escalations, and a privileged container is the \
                    biggest of them.",
            },
            Choice {
                text: "All three, if the pod runs as non-root",
                correct: false,
                feedback: "Neither baseline nor restricted makes an exception for the user: privileged containers \
                    are refused whatever user they run as.",
            },
            Choice {
                text: "All three; `restricted` only adds a warning",
                correct: false,
                feedback: "Enforcing baseline or restricted rejects the pod; warning is just one of the admission \
                    modes (enforce, audit, warn).",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[
        "privileged-container",
        "container-security-context-privileged",
        "runAsPrivileged",
        "CKV_K8S_16",
    ],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Baseline (Privileged Containers)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"),
        },
        &sources::CIS_PRIVILEGED_CONTAINERS,
    ],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, _, c) in m.containers() {
        if let Some(v) = c.security("privileged").filter(|v| v.as_bool() == Some(true)) {
            let fix = || {
                fixes::unsafe_(
                    "set `privileged: false`",
                    ed.set(c.node, &["securityContext", "privileged"], &New::scalar("false")),
                )
            };
            out.push(
                Diagnostic::new(
                    v.span,
                    format!(
                        "{} of {} is privileged: every capability and the node's devices",
                        c.label(),
                        o.label()
                    ),
                )
                .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n"), ["true"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: setup\n        securityContext:\n          privileged: true\n");
    }

    #[test]
    fn fix() {
        let pod =
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext:\n";
        assert_eq!(
            fixed(&RULE, &format!("{pod}      privileged: true  # needs /dev\n")),
            format!("{pod}      privileged: false  # needs /dev\n")
        );
        fix_converges(
            &RULE,
            &format!("{pod}      runAsNonRoot: true\n      privileged: true\n"),
        );
        assert!(run(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n"
        )[0]
        .fix
        .is_none());
    }
}
