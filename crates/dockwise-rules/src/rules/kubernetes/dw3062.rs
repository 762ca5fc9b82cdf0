//! DW3062: a multi-replica workload without pod anti-affinity across nodes.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::{Manifests, Selector};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3062",
    name: "k8s-pod-anti-affinity",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload with several replicas does not spread them across nodes"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a Deployment, StatefulSet, ReplicaSet, ReplicationController or DeploymentConfig with \
            `replicas` of 2 or more whose pod template has no pod anti-affinity term that keeps its own pods apart \
            per node: topology key `kubernetes.io/hostname`, a label selector matching the template's labels, and \
            (when it lists namespaces) the workload's namespace. Off by default; a `topologySpreadConstraints` \
            entry is another way to spread pods that this rule does not look at.",
        why: "Replicas exist to survive the loss of one pod, but the scheduler may put them all on one node: when \
            that node fails or is drained, every replica goes at once. Anti-affinity on the node's hostname asks \
            the scheduler to place them on different nodes.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            podAffinityTerm:\n              topologyKey: kubernetes.io/hostname\n              labelSelector:\n                matchLabels:\n                  app: web\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        fix: "Add a pod anti-affinity term on `kubernetes.io/hostname` whose selector matches the pod template's own \
            labels (`preferred...` to spread when possible, `required...` to refuse sharing a node).",
    },
    quiz: quiz! {
        question: "Which topology key spreads a workload's replicas over different nodes?",
        choices: &[
            Choice {
                text: "`kubernetes.io/hostname`",
                correct: true,
                feedback: "Every node has its own hostname label, so pods kept apart on it land on different nodes.",
            },
            Choice {
                text: "`topology.kubernetes.io/region`",
                correct: false,
                feedback: "That keeps pods in different regions: far coarser, and impossible to satisfy for most \
                    clusters.",
            },
            Choice {
                text: "`app`",
                correct: false,
                feedback: "A topology key is a node label; `app` is a pod label used in the term's selector.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &[
        "no-anti-affinity",
        "deployment-has-host-podantiaffinity",
        "statefulset-has-host-podantiaffinity",
    ],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Assigning Pods to Nodes (inter-pod affinity and anti-affinity)"),
        url: text!(
            "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity"
        ),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

/// Why this term does not keep the workload's own pods apart per node, if
/// it does not.
fn problem(term: &Node, namespace: Option<&str>, labels: Option<&Node>) -> Option<String> {
    let namespaces: Vec<&str> = term
        .get("namespaces")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_str)
        .collect();
    if !namespaces.is_empty() && !namespaces.iter().any(|n| Some(*n) == namespace) {
        return Some(format!(
            "its namespaces ({}) leave out the workload's own",
            namespaces.join(", ")
        ));
    }
    let key = term.get("topologyKey").and_then(Node::as_str).unwrap_or("");
    if key != "kubernetes.io/hostname" {
        return Some(format!("its topology key `{key}` is not `kubernetes.io/hostname`"));
    }
    let selects = term
        .get("labelSelector")
        .and_then(Selector::from_label_selector)
        .is_some_and(|s| !s.is_empty() && s.matches(labels));
    if !selects {
        return Some("its label selector does not match the pod template's labels".to_string());
    }
    None
}

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        if !matches!(
            o.kind,
            "Deployment" | "StatefulSet" | "ReplicaSet" | "ReplicationController" | "DeploymentConfig"
        ) {
            continue;
        }
        let Some(replicas) = o.node.path(&["spec", "replicas"]).and_then(Node::as_i64) else {
            continue;
        };
        if replicas < 2 {
            continue;
        }
        let Some(anti) = p.spec.path(&["affinity", "podAntiAffinity"]) else {
            out.report(
                o.anchor(),
                format!(
                    "{} runs {replicas} replicas but sets no pod anti-affinity: they may share one node",
                    o.label()
                ),
            );
            continue;
        };
        let preferred = anti
            .get("preferredDuringSchedulingIgnoredDuringExecution")
            .map(Node::items)
            .unwrap_or_default();
        let required = anti
            .get("requiredDuringSchedulingIgnoredDuringExecution")
            .map(Node::items)
            .unwrap_or_default();
        let terms: Vec<&Node> = preferred
            .iter()
            .filter_map(|w| w.get("podAffinityTerm"))
            .chain(required.iter())
            .collect();
        if terms.is_empty() {
            out.report(
                o.anchor(),
                format!(
                    "{} runs {replicas} replicas but its pod anti-affinity has no term",
                    o.label()
                ),
            );
            continue;
        }
        let problems: Vec<(&Node, String)> = terms
            .iter()
            .filter_map(|t| problem(t, o.namespace, o.pod_labels).map(|why| (*t, why)))
            .collect();
        if problems.len() == terms.len() {
            for (t, why) in problems {
                out.report(
                    t.span,
                    format!(
                        "this anti-affinity term of {} does not spread its replicas: {why}",
                        o.label()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn deploy(affinity: &str) -> String {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: d}}\nspec:\n  replicas: 2\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n{affinity}      containers: [{{name: c, image: c:1}}]\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &deploy("")), ["d"]);
        // the wrong topology key
        fires(&RULE, &deploy("      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {app: web}}}]}}\n"));
        // a selector for other pods
        fires(&RULE, &deploy("      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: db}}}]}}\n"));
    }

    #[test]
    fn good() {
        silent(&RULE, &deploy("      affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}}]}}\n"));
    }

    #[test]
    fn edge() {
        // one replica, or none written: nothing to spread
        silent(&RULE, &deploy("").replace("replicas: 2", "replicas: 1"));
        silent(&RULE, &deploy("").replace("  replicas: 2\n", ""));
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig of 3
    /// replicas with a hostname anti-affinity term on their own labels; the
    /// same two kinds without affinity; a Deployment in namespace `foo`
    /// whose term lists only namespace `bar`: three reports.
    #[test]
    fn kube_linter_expectation() {
        let term = "      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector:\n              matchExpressions: [{key: app.kubernetes.io/name, operator: In, values: [ok]}]\n            topologyKey: kubernetes.io/hostname\n";
        let wl = |kind: &str, api: &str, meta: &str, affinity: &str| {
            format!("---\napiVersion: {api}\nkind: {kind}\nmetadata: {meta}\nspec:\n  replicas: 3\n  template:\n    metadata: {{labels: {{app.kubernetes.io/name: ok}}}}\n    spec:\n{affinity}      containers: [{{name: app}}]\n")
        };
        let text = [
            wl("Deployment", "apps/v1", "{name: ok}", term),
            wl("DeploymentConfig", "apps.openshift.io/v1", "{name: ok}", term),
            wl("Deployment", "apps/v1", "{name: app1}", ""),
            wl("DeploymentConfig", "apps.openshift.io/v1", "{name: app2}", ""),
            wl(
                "Deployment",
                "apps/v1",
                "{name: app3, namespace: foo}",
                &term.replace(
                    "            topologyKey",
                    "            namespaces: [bar]\n            topologyKey",
                ),
            ),
        ]
        .concat();
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 3);
        assert!(found[2].message.contains("namespaces (bar)"), "{}", found[2].message);
    }
}
