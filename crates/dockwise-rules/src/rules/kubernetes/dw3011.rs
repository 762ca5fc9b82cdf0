//! DW3011: capabilities not dropped.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::kubernetes::{strings, ContainerKind, Manifests};
use dockwise_syntax::yaml::edit::{Editor, New, Place};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3011",
    name: "k8s-drop-capabilities",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container does not drop all capabilities"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a container whose `securityContext.capabilities.drop` does not include `ALL`. A patch fragment \
            (a kustomize patch) without a `drop` list is not flagged: the base it patches may drop them; a `drop` list \
            it writes replaces the base's, so it must hold `ALL` itself.",
        why: "The container runtime grants a default set of capabilities (14 with Docker and containerd), `NET_RAW` \
            among them (raw sockets allow spoofing and some network attacks inside the cluster). Dropping `ALL` \
            keeps an attacker to what the app really needs; the restricted Pod Security Standard requires it.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n",
        fix: "Add `capabilities: {drop: [ALL]}`. To serve on a low port, let the app listen on 1024 or above and map \
            the port in the Service (`port: 80`, `targetPort: 8080`). Adding `NET_BIND_SERVICE`, the only addition \
            the restricted profile allows, helps a non-root process only when its binary carries that file \
            capability.",
    },
    quiz: quiz! {
        question: "Which capability does the restricted Pod Security Standard still allow adding after dropping ALL?",
        choices: &[
            Choice {
                text: "`NET_BIND_SERVICE`",
                correct: true,
                feedback: "It is the one capability restricted lets a container add back, though it only helps a \
                    process running as root or a binary that carries it as a file capability.",
            },
            Choice {
                text: "`SETUID` and `SETGID`",
                correct: false,
                feedback: "Restricted allows no addition but NET_BIND_SERVICE; an image that switches user at start \
                    has to be run as its final user instead.",
            },
            Choice {
                text: "`NET_RAW`",
                correct: false,
                feedback: "Raw sockets are among the first things dropping ALL is meant to remove; neither baseline \
                    nor restricted allows adding NET_RAW.",
            },
            Choice {
                text: "`CHOWN`",
                correct: false,
                feedback: "Baseline would allow adding it back; restricted allows only NET_BIND_SERVICE.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["insecureCapabilities", "CKV_K8S_28", "CKV_K8S_37"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Restricted (Capabilities)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"),
        },
        &Source {
            title: text!("Kubernetes docs: Configure a Security Context: Set capabilities for a Container"),
            url: text!("https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container"),
        },
    ],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::Unsafe,
    scope: Scope::Container,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, _, c) in m.containers() {
        if c.kind == ContainerKind::Ephemeral {
            continue;
        }
        let drop = c.node.path(&["securityContext", "capabilities", "drop"]);
        if drop.is_none() && o.fragment {
            continue;
        }
        if !strings(drop).iter().any(|(s, _)| s.eq_ignore_ascii_case("ALL")) {
            let fix = || {
                fixes::unsafe_(
                    "drop all capabilities",
                    ed.append_at(
                        c.node,
                        &["securityContext", "capabilities", "drop"],
                        &New::scalar("ALL"),
                        Place::First,
                    ),
                )
            };
            out.push(
                Diagnostic::new(
                    drop.map(|d| d.span).unwrap_or(c.anchor()),
                    format!(
                        "{} of {} keeps the default capabilities: drop ALL",
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
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n"
            ),
            ["a"]
        );
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {capabilities: {drop: [NET_RAW]}}\n"), ["[NET_RAW]"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {capabilities: {drop: [all]}}\n");
        // a kustomize patch without a drop list leaves the base's; one with a list replaces it
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {memory: 1Gi}}\n");
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        securityContext: {capabilities: {drop: [NET_RAW]}}\n");
    }

    #[test]
    fn fix() {
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n";
        assert_eq!(
            fixed(&RULE, pod),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n    image: x:1\n",
            "near the top of the container: apart from the resources and probes added at its end"
        );
        assert_eq!(
            fixed(&RULE, &format!("{pod}    securityContext:\n      capabilities:\n        drop:\n          - NET_RAW\n        add:\n          - NET_BIND_SERVICE\n")),
            format!("{pod}    securityContext:\n      capabilities:\n        drop:\n          - NET_RAW\n          - ALL\n        add:\n          - NET_BIND_SERVICE\n")
        );
        fix_converges(&RULE, &format!("{pod}    securityContext:\n      capabilities: {{}}\n"));
        assert!(run(
            &RULE,
            &format!("{pod}    securityContext:\n      capabilities:\n        drop: [NET_RAW]\n")
        )[0]
        .fix
        .is_none());
    }
}
