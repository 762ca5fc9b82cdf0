//! DW3031: a pod is killed without a grace period
//! (`terminationGracePeriodSeconds: 0`).

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3031",
    name: "k8s-zero-grace-period",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Pod has no termination grace period (`terminationGracePeriodSeconds: 0`)"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a pod spec, of a Pod or of any workload's pod template, with `terminationGracePeriodSeconds: \
            0`.",
        why: "When a pod is deleted (a rollout, a scale-down, a node drain), Kubernetes runs its `preStop` hooks, \
            sends the stop signal and waits the grace period (30 seconds by default) before killing what is left. \
            0 means stop at once with the kill signal, with no chance to shut down: requests in flight fail, buffers \
            are lost, `preStop` hooks get no time. For a StatefulSet's pods the Kubernetes docs call it unsafe: the \
            pod is gone from the API at once, so a replacement with the same identity and storage can start while \
            the old containers still run.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      terminationGracePeriodSeconds: 0\n      containers:\n      - name: web\n        image: acme/web:2.4\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: acme/web:2.4\n",
        fix: "Remove the field (30 seconds), or set it to the time a clean shutdown takes, `preStop` hooks included. \
            For a pod stuck in Terminating, force-delete that one pod by hand rather than setting 0 for every pod.",
    },
    quiz: quiz! {
        question: "A StatefulSet sets `terminationGracePeriodSeconds: 0` so rollouts go faster. What can go wrong?",
        choices: &[
            Choice {
                text: "A new pod may run while the old one still holds its identity and volume",
                correct: true,
                feedback: "Without a graceful stop the controller can start the replacement before the old pod is \
                    really gone, and two pods act as one member.",
            },
            Choice {
                text: "Nothing: Kubernetes ignores the field for StatefulSets and waits 30 seconds",
                correct: false,
                feedback: "The field applies to every pod; the docs single out StatefulSets because 0 is unsafe \
                    there.",
            },
            Choice {
                text: "The pods can no longer be deleted at all",
                correct: false,
                feedback: "They are deleted at once; the danger is what is left half done.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Pod Lifecycle (termination of Pods)"),
            url: text!("https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination"),
        },
        &Source {
            title: text!("Kubernetes docs: Force Delete StatefulSet Pods"),
            url: text!("https://kubernetes.io/docs/tasks/run-application/force-delete-stateful-set-pod/"),
        },
    ],
    concern: Some(&sources::GRACEFUL_SHUTDOWN),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, p) in m.workloads() {
        let Some(v) = p.get("terminationGracePeriodSeconds").filter(|v| v.as_i64() == Some(0)) else {
            continue;
        };
        let stateful = if o.kind == "StatefulSet" {
            " (unsafe for a StatefulSet's pods)"
        } else {
            ""
        };
        out.push(
            Diagnostic::new(
                v.span,
                format!(
                    "{} kills its containers at once{stateful}: give them a grace period to shut down",
                    o.label()
                ),
            )
            .with_fix(|| {
                fixes::unsafe_(
                    "remove `terminationGracePeriodSeconds` (the default is 30 seconds)",
                    ed.remove(p.spec, &["terminationGracePeriodSeconds"]),
                )
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: a\n    image: x:1\n";

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, POD), ["0"]);
        let sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 0\n      containers:\n      - name: db\n        image: x:1\n";
        assert_eq!(
            run(&RULE, sts)[0].message,
            "StatefulSet `db` kills its containers at once (unsafe for a StatefulSet's pods): give them a grace period to shut down"
        );
        // a CronJob's pod template
        fires(&RULE, "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          terminationGracePeriodSeconds: 0\n          containers:\n          - name: a\n            image: x:1\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &POD.replace("terminationGracePeriodSeconds: 0", "terminationGracePeriodSeconds: 60"),
        );
        silent(&RULE, &POD.replace("  terminationGracePeriodSeconds: 0\n", ""));
    }

    #[test]
    fn edge() {
        // only pod specs: a Service or a Deployment's own spec has no such field
        silent(
            &RULE,
            "apiVersion: v1\nkind: ConfigMap\ndata:\n  terminationGracePeriodSeconds: \"0\"\n",
        );
        // a patch fragment is judged on what it sets
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 0\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, POD),
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x:1\n"
        );
    }
}
