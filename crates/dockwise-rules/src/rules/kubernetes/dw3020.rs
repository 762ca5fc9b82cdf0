//! DW3020: the service account token is mounted automatically.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::edit::{Editor, New, Place};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3020",
    name: "k8s-service-account-token",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Service account token is mounted (no `automountServiceAccountToken: false`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a pod spec that does not set `automountServiceAccountToken: false`. A patch fragment (a kustomize patch) is judged only on what it sets: the base it patches may hold the rest.",
        why: "By default every pod gets a token for its service account at \
            `/var/run/secrets/kubernetes.io/serviceaccount`. Most apps never call the Kubernetes API, but an intruder \
            in the pod can use the token to explore or change the cluster, as far as the account's RBAC allows.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  automountServiceAccountToken: false\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        fix: "Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount). Workloads that do \
            need the API should use a dedicated service account with minimal RBAC.",
    },
    quiz: quiz! {
        question: "A web app never talks to the Kubernetes API. Why disable its token?",
        choices: &[
            Choice {
                text: "Someone who breaks into the pod could use it",
                correct: true,
                feedback: "An app that never calls the API has no use for the token, but an intruder does: it acts \
                    with the service account's RBAC rights.",
            },
            Choice {
                text: "It expires within an hour, so it is useless anyway",
                correct: false,
                feedback: "The kubelet keeps refreshing it, so an intruder in the pod always finds a valid one.",
            },
            Choice {
                text: "The pod needs it to resolve Service names",
                correct: false,
                feedback: "Cluster DNS needs no credentials; the pod resolves Services the same way without a token.",
            },
            Choice {
                text: "It is valid only from inside the pod",
                correct: false,
                feedback: "It is a bearer token: whoever holds it can call the API server from anywhere that reaches \
                    it, as long as it is valid.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["automountServiceAccountToken", "CKV_K8S_38"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Configure Service Accounts for Pods: Opt out of API credential \
                automounting"),
            url: text!("https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, p) in m.workloads() {
        // at the top of the pod spec: beside the pod-level settings, away from the containers' fixes
        let fix = || {
            fixes::unsafe_(
                "set `automountServiceAccountToken: false`",
                ed.set_at(
                    p.spec,
                    &["automountServiceAccountToken"],
                    &New::scalar("false"),
                    Place::First,
                ),
            )
        };
        match p.get("automountServiceAccountToken") {
            Some(v) if v.as_bool() == Some(false) => {}
            Some(v) => out
                .push(Diagnostic::new(v.span, format!("{} mounts its service account token", o.label())).with_fix(fix)),
            None if o.fragment => {}
            None => out.push(
                Diagnostic::new(
                    o.anchor(),
                    format!(
                        "{} mounts its service account token by default: set `automountServiceAccountToken: false`",
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
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: []\n"
            ),
            ["p"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  automountServiceAccountToken: false\n  containers: []\n",
        );
    }

    #[test]
    fn edge() {
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  automountServiceAccountToken: true\n  containers: []\n"
            ),
            ["true"]
        );
        // a kustomize patch: the base may switch the token off
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {memory: 1Gi}}\n");
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: true\n      containers: [{name: a, args: [-v]}]\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(
                &RULE,
                "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x:1\n"
            ),
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n      containers:\n      - name: a\n        image: x:1\n"
        );
        assert_eq!(
            fixed(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  automountServiceAccountToken: true  # needs the API\n"),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  automountServiceAccountToken: false  # needs the API\n"
        );
        fix_converges(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: b\n    image: y:1");
        assert!(run(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: x:1}]}\n"
        )[0]
        .fix
        .is_none());
    }
}
