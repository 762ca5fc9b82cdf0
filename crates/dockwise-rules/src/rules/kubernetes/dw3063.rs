//! DW3063: a workload that does not update by rolling its pods (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3063",
    name: "k8s-non-rolling-update",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload's update strategy is not a rolling update"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a Deployment's (or DeploymentConfig's) `strategy.type`, or a StatefulSet's or DaemonSet's \
            `updateStrategy.type`, set to anything but a rolling update (`Recreate`, `OnDelete`...). Off by default: \
            `Recreate` is right for an app that cannot run two versions at once (a single-writer volume, a schema \
            migration). A strategy left out is a rolling update, and DW3024's concern.",
        why: "`Recreate` stops every old pod before starting the new ones, so each deploy is an outage; `OnDelete` \
            updates nothing until someone deletes the pods by hand, so a new version may never roll out.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy:\n    type: Recreate\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        fix: "Use `type: RollingUpdate` (`Rolling` on a DeploymentConfig), with `maxUnavailable: 0` for updates \
            without lost capacity, unless the app really cannot run two versions side by side.",
    },
    quiz: quiz! {
        question: "What does `strategy: {type: Recreate}` do on a Deployment update?",
        choices: &[
            Choice {
                text: "Stops all old pods, then starts the new ones",
                correct: true,
                feedback: "Nothing serves between the two steps: a planned outage on every deploy.",
            },
            Choice {
                text: "Replaces pods one at a time",
                correct: false,
                feedback: "That is the rolling update, the default.",
            },
            Choice {
                text: "Starts the new pods first, then stops the old ones",
                correct: false,
                feedback: "That is a rolling update with surge; `Recreate` does the opposite order, all at once.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["no-rolling-update-strategy", "deployment-strategy"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Deployments (strategy)"),
        url: text!("https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for o in &m.objects {
        let (path, rolling): (&[&str], &[&str]) = match o.kind {
            "Deployment" | "DeploymentConfig" => (&["spec", "strategy", "type"], &["RollingUpdate", "Rolling"]),
            "StatefulSet" | "DaemonSet" => (&["spec", "updateStrategy", "type"], &["RollingUpdate"]),
            _ => continue,
        };
        let Some(t) = o.node.path(path) else { continue };
        let Some(text) = t.as_str() else { continue };
        if !rolling.contains(&text) {
            out.report(
                t.span,
                format!("{} updates with `{text}`, not a rolling update", o.label()),
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
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {strategy: {type: Recreate}}\n"
            ),
            ["Recreate"]
        );
        fires(
            &RULE,
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {updateStrategy: {type: OnDelete}}\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {strategy: {type: RollingUpdate}}\n",
        );
        silent(&RULE, "apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: d}\nspec: {strategy: {type: Rolling}}\n");
    }

    #[test]
    fn edge() {
        // no strategy written: the default rolling update
        silent(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 2}\n",
        );
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig with
    /// strategy type `Other`: two reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app1}\nspec:\n  strategy: {type: Other}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app2}\nspec:\n  strategy: {type: Other}\n";
        assert_eq!(run(&RULE, text).len(), 2);
    }
}
