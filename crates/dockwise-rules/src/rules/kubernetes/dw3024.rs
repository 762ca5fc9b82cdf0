//! DW3024: no explicit update strategy.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::edit::{Editor, New, Place};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3024",
    name: "k8s-update-strategy",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Deployment has no explicit update strategy"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a Deployment without `spec.strategy`. (The default, a rolling update with 25% surge and 25% \
            unavailable, is then implied.) A patch fragment (a kustomize patch) is not flagged: the base it patches \
            may set the strategy.",
        why: "How a new version replaces the old one decides whether users notice a deploy. Writing the strategy down \
            (`RollingUpdate` with `maxUnavailable: 0` and `maxSurge: 1` for zero downtime, or `Recreate` when two \
            versions must never run together) makes that behaviour a reviewed choice rather than a default nobody \
            looked at.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  replicas: 3\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n  template:\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        fix: "Add `strategy:` with `type: RollingUpdate` and the `maxUnavailable`/`maxSurge` you want, together with \
            readiness probes so new pods only count when they are ready.",
    },
    quiz: quiz! {
        question: "Which rolling-update setting never leaves fewer ready pods than desired?",
        choices: &[
            Choice {
                text: "`maxUnavailable: 0` with `maxSurge: 1`",
                correct: true,
                feedback: "A new pod must be ready before an old one is removed, so capacity never dips, at the cost \
                    of one extra pod during the rollout.",
            },
            Choice {
                text: "`maxSurge: 0` with `maxUnavailable: 1`",
                correct: false,
                feedback: "That removes a pod before adding one, dipping below the desired count.",
            },
            Choice {
                text: "The default: 25% unavailable, 25% surge",
                correct: false,
                feedback: "The default may take a quarter of the pods (rounded down) out before their replacements \
                    are ready.",
            },
            Choice {
                text: "`type: Recreate`",
                correct: false,
                feedback: "Recreate stops all old pods first: a short outage by design.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Deployments: Strategy"),
        url: text!("https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for o in m.whole_objects().filter(|o| o.kind == "Deployment") {
        if o.node.path(&["spec", "strategy"]).is_none() {
            // Kubernetes' own default, written out: the rollout does not change
            let fix = || {
                fixes::safe(
                    "write out the default `RollingUpdate` strategy",
                    ed.set_at(
                        o.node,
                        &["spec", "strategy", "type"],
                        &New::scalar("RollingUpdate"),
                        Place::First,
                    ),
                )
            };
            out.push(
                Diagnostic::new(
                    o.anchor(),
                    format!(
                        "{} has no `strategy`: state how new versions replace old ones",
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
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: a, image: x:1}]}\n"
            ),
            ["d"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  strategy: {type: Recreate}\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: apps/v1\nkind: DaemonSet\nspec: {}\n");
        // a kustomize patch: the base may set the strategy
        silent(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 3\n",
        );
    }

    #[test]
    fn fix() {
        let rest = "  template:\n    spec:\n      containers:\n      - name: a\n        image: x:1\n";
        assert_eq!(
            fixed(&RULE, &format!("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n{rest}")),
            format!("apiVersion: apps/v1\nkind: Deployment\nspec:\n  strategy:\n    type: RollingUpdate\n  replicas: 3\n{rest}")
        );
        fix_converges(
            &RULE,
            &format!(
                "apiVersion: apps/v1\r\nkind: Deployment\r\nspec:\r\n{}",
                rest.replace('\n', "\r\n")
            ),
        );
        assert!(run(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: a, image: x:1}]}}}\n"
        )[0]
        .fix
        .is_none());
    }
}
