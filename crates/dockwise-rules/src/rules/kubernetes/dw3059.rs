//! DW3059: a workload without node affinity (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3059",
    name: "k8s-node-affinity",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload sets no node affinity"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a workload (other than a bare Pod) whose pod template has no `affinity.nodeAffinity`. Off by \
            default: for clusters whose node pools are meant for different workloads. A patch fragment is judged \
            only on what it sets.",
        why: "Without node affinity the scheduler may put the pods on any node with room: a GPU node, a spot \
            instance meant for batch work, a pool in the wrong zone. Node affinity states which nodes suit the \
            workload, as a hard requirement or a preference.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - key: pool\n                operator: In\n                values: [\"web\"]\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        fix: "Add `affinity.nodeAffinity` to the pod template: `requiredDuringScheduling...` for nodes the pods must \
            run on, `preferredDuringScheduling...` for nodes they should prefer.",
    },
    quiz: quiz! {
        question: "What does `requiredDuringSchedulingIgnoredDuringExecution` node affinity do when a node's labels change later?",
        choices: &[
            Choice {
                text: "Nothing: pods already running there stay",
                correct: true,
                feedback: "\"Ignored during execution\": the rule is checked when a pod is scheduled, not afterwards.",
            },
            Choice {
                text: "The pods on it are evicted at once",
                correct: false,
                feedback: "The name says it: ignored during execution. Only new placements follow the new labels.",
            },
            Choice {
                text: "The node is drained by the scheduler",
                correct: false,
                feedback: "The scheduler places pods; it never drains nodes.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["no-node-affinity"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Assigning Pods to Nodes (node affinity)"),
        url: text!("https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        if o.kind == "Pod" || o.fragment || p.spec.path(&["affinity", "nodeAffinity"]).is_some() {
            continue;
        }
        out.report(
            o.anchor(),
            format!("{} sets no node affinity: its pods may land on any node", o.label()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: c:1}]\n";

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, DEPLOY), ["d"]);
    }

    #[test]
    fn good() {
        silent(&RULE, &DEPLOY.replace("      containers", "      affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: []}}\n      containers"));
    }

    #[test]
    fn edge() {
        // pod anti-affinity alone is not node affinity; a bare Pod is not judged
        fires(
            &RULE,
            &DEPLOY.replace(
                "      containers",
                "      affinity: {podAntiAffinity: {}}\n      containers",
            ),
        );
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: c:1}]}\n",
        );
    }

    /// kube-linter's e2e case: one nginx Deployment without affinity: one
    /// report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nginx-deployment}\nspec:\n  selector: {matchLabels: {app: nginx}}\n  replicas: 1\n  template:\n    metadata: {labels: {app: nginx}}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.14.2\n        ports: [{containerPort: 80}]\n";
        assert_eq!(run(&RULE, text).len(), 1);
    }
}
