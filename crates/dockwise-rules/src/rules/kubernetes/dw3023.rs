//! DW3023: a Deployment with a single replica.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::kubernetes::helpers::autoscaled;
use crate::rules::shared::fixes;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::edit::{Editor, New, Place};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3023",
    name: "k8s-single-replica",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Deployment runs a single replica"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a Deployment with `replicas: 1`, or with no `replicas` (which means 1), unless `replicas` is \
            managed elsewhere (set it to 2 or more, or silence the rule when a HorizontalPodAutoscaler owns the \
            count). A Deployment that a HorizontalPodAutoscaler of the manifest set scales is not flagged: the \
            autoscaler owns the count (and DW3077 asks for no `replicas` then). A patch fragment (a kustomize \
            patch) without `replicas` is not flagged: the base sets it.",
        why: "With one pod, every node drain, eviction or crash is an outage until a replacement is scheduled and \
            ready. Two or more replicas, spread across nodes, keep the service up while one is replaced.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        fix: "Run at least two replicas (three is common) and add a PodDisruptionBudget and anti-affinity or topology \
            spread so they do not share a node.",
    },
    quiz: quiz! {
        question: "A node is drained for an upgrade. What happens to a one-replica Deployment on it?",
        choices: &[
            Choice {
                text: "It is down until a new pod is ready elsewhere",
                correct: true,
                feedback: "The drain evicts the only pod; the ReplicaSet then creates a replacement, and nothing \
                    serves until it is scheduled and ready.",
            },
            Choice {
                text: "Kubernetes starts the new pod before evicting the old one",
                correct: false,
                feedback: "Drains evict first; surging ahead happens only in a rollout.",
            },
            Choice {
                text: "The drain waits for a maintenance window",
                correct: false,
                feedback: "Kubernetes has no maintenance windows; only a PodDisruptionBudget can make a drain wait, \
                    and with one replica it would block the drain altogether.",
            },
            Choice {
                text: "The pod is live-migrated to another node",
                correct: false,
                feedback: "Kubernetes never migrates running pods; it deletes them and creates new ones.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["deployment-replicas", "deploymentMissingReplicas"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Disruptions"),
        url: text!("https://kubernetes.io/docs/concepts/workloads/pods/disruptions/"),
    }],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    let scaled = autoscaled(m);
    for o in m.objects.iter().filter(|o| o.kind == "Deployment") {
        if o.name.is_some_and(|n| scaled.contains_key(&(o.kind, o.namespace, n))) {
            continue; // the autoscaler owns the count
        }
        let fix = || {
            fixes::unsafe_(
                "run 2 replicas",
                ed.set_at(o.node, &["spec", "replicas"], &New::scalar("2"), Place::First),
            )
        };
        match o.node.path(&["spec", "replicas"]) {
            Some(r) if r.as_i64() == Some(1) => out.push(
                Diagnostic::new(
                    r.span,
                    format!("{} runs one replica: any restart is an outage", o.label()),
                )
                .with_fix(fix),
            ),
            Some(_) => {}
            None if o.fragment => {}
            None => out.push(
                Diagnostic::new(
                    o.anchor(),
                    format!("{} has no `replicas` (so 1): any restart is an outage", o.label()),
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
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: a, image: x:1}]}\n"
            ),
            ["1"]
        );
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
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n");
    }

    #[test]
    fn edge() {
        // StatefulSets often run one on purpose (a single database)
        silent(&RULE, "apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  replicas: 1\n");
        // an autoscaler of the set owns the count
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec: {containers: [{name: c, image: c:1}]}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {scaleTargetRef: {kind: Deployment, name: d}, minReplicas: 2, maxReplicas: 4}\n");
        // a kustomize patch without `replicas` leaves the base's count alone; one that sets 1 sets 1
        silent(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {type: Recreate}\n",
        );
        fires(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1\n",
        );
    }

    #[test]
    fn fix() {
        let rest = "  template:\n    spec:\n      containers:\n      - name: a\n        image: x:1\n";
        assert_eq!(
            fixed(
                &RULE,
                &format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n{rest}")
            ),
            format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 2\n{rest}")
        );
        fix_converges(
            &RULE,
            &format!("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n{rest}"),
        );
        assert!(
            run(&RULE, "apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 1}\n")[0]
                .fix
                .is_none()
        );
    }
}
