//! DW3064: a Prometheus-operator ServiceMonitor that selects no Service of the set.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::kubernetes::{is_true, LabelOp, Manifests, Object, Selector};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "DW3064",
    name: "k8s-dangling-service-monitor",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("ServiceMonitor selects no Service of the manifest set"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a Prometheus-operator `ServiceMonitor` whose `selector` (labels) and `namespaceSelector` \
            (`any`, `matchNames`) match the labels and namespace of no Service in the manifest set. As in \
            kube-linter, a monitor without a `namespaceSelector` may match a Service of any namespace of the set \
            (the operator itself looks in the monitor's own namespace), and it looks only when the set holds at \
            least one Service. Off by default.",
        why: "A ServiceMonitor tells Prometheus which Services to scrape. When it selects none, after a label or \
            namespace changed on one side, the app silently drops out of monitoring: no metrics, and no alert saying \
            so.",
        bad: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: metrics\n    port: 9090\n\
            ---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: website\n  endpoints:\n  - port: metrics\n",
        good: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: metrics\n    port: 9090\n\
            ---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n  - port: metrics\n",
        fix: "Make the monitor's `selector` use the Service's own labels (`metadata.labels`, not its pod selector), \
            and its `namespaceSelector` name the Service's namespace.",
    },
    quiz: quiz! {
        question: "Which labels does a ServiceMonitor's `selector` match?",
        choices: &[
            Choice {
                text: "The Service's own `metadata.labels`",
                correct: true,
                feedback: "It selects Service objects, so it needs labels on the Service itself; the pods' labels \
                    do not count.",
            },
            Choice {
                text: "The Service's `spec.selector`",
                correct: false,
                feedback: "That is the Service choosing its pods; the monitor chooses Services by their labels.",
            },
            Choice {
                text: "The pod template's labels",
                correct: false,
                feedback: "Those are for Services and PodMonitors; a ServiceMonitor looks at Services.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["dangling-servicemonitor"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &sources::K8S_OBJECT_LABELS,
        &Source {
            title: text!("Prometheus Operator API reference: ServiceMonitorSpec"),
            url: text!(
                "https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitorSpec"
            ),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let services: Vec<&Object> = m.of_kind("Service").collect();
    if services.is_empty() {
        return;
    }
    // Services by one of their labels, and by namespace: one pass
    let mut by_label: HashMap<(&str, String), Vec<&Object>> = HashMap::new();
    let mut by_ns: HashMap<Option<&str>, usize> = HashMap::new();
    for s in &services {
        *by_ns.entry(s.namespace).or_default() += 1;
        for (k, v) in s
            .metadata
            .and_then(|md| md.get("labels"))
            .and_then(Node::as_map)
            .unwrap_or_default()
        {
            if let (Some(k), Some(v)) = (k.as_str(), v.scalar_text()) {
                by_label.entry((k, v)).or_default().push(s);
            }
        }
    }
    for sm in m.of_kind("ServiceMonitor") {
        let spec = sm.node.get("spec");
        let ns_sel = spec.and_then(|s| s.get("namespaceSelector"));
        let any = is_true(ns_sel.and_then(|n| n.get("any")));
        let names: Vec<&str> = ns_sel
            .and_then(|n| n.get("matchNames"))
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
            .collect();
        let ns_ok = |s: &Object| any || names.is_empty() || names.iter().any(|n| Some(*n) == s.namespace);
        let sel_node = spec.and_then(|s| s.get("selector"));
        let sel = sel_node.and_then(Selector::from_label_selector).unwrap_or_default();
        if sel.is_empty() && names.is_empty() {
            continue; // no selector to judge (or `any` alone)
        }
        let found = if sel.is_empty() {
            names.iter().any(|n| by_ns.contains_key(&Some(*n)))
        } else {
            let candidates: Vec<&Object> = match sel.requirements.iter().find(|r| r.op == LabelOp::In) {
                Some(r) => r
                    .values
                    .iter()
                    .flat_map(|v| by_label.get(&(r.key, v.clone())).map(Vec::as_slice).unwrap_or_default())
                    .copied()
                    .collect(),
                None => services.clone(),
            };
            candidates
                .iter()
                .any(|s| ns_ok(s) && sel.matches(s.metadata.and_then(|md| md.get("labels"))))
        };
        if !found {
            let at = sel_node.or(ns_sel).map(|n| n.span).unwrap_or(sm.anchor());
            let what = match (sel.is_empty(), names.is_empty()) {
                (false, true) => format!("Services labelled `{}`", sel.describe()),
                (true, false) => format!("Services in namespace(s) {}", names.join(", ")),
                _ => format!(
                    "Services labelled `{}` in namespace(s) {}",
                    sel.describe(),
                    names.join(", ")
                ),
            };
            out.report(
                at,
                format!("{} scrapes {what}, but this manifest set has none", sm.label()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const SVC: &str =
        "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n---\n";

    fn monitor(spec: &str) -> String {
        format!(
            "{SVC}apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {{name: m}}\nspec: {spec}\n"
        )
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &monitor("{selector: {matchLabels: {app: api}}}")),
            ["{matchLabels: {app: api}}"]
        );
        fires(
            &RULE,
            &monitor("{selector: {matchLabels: {app: web}}, namespaceSelector: {matchNames: [prod]}}"),
        );
        fires(&RULE, &monitor("{namespaceSelector: {matchNames: [prod]}}"));
    }

    #[test]
    fn good() {
        silent(&RULE, &monitor("{selector: {matchLabels: {app: web}}}"));
        silent(
            &RULE,
            &monitor("{selector: {matchLabels: {app: web}}, namespaceSelector: {any: true}}"),
        );
        silent(&RULE, &monitor("{namespaceSelector: {matchNames: [shop]}}"));
    }

    #[test]
    fn edge() {
        // no Service in the set: not judged
        silent(&RULE, "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec: {selector: {matchLabels: {app: x}}}\n");
    }

    /// kube-linter's fixture: a Service in namespace `dontfire` matched by
    /// label, by namespace and by both; monitors for label `app` next to
    /// Services labelled `app1` and `app2`; a monitor for namespace `test2`
    /// and one for label `app1` in `test2`, with Services only in `test1`:
    /// four reports.
    #[test]
    fn kube_linter_expectation() {
        let sm = |name: &str, spec: &str| {
            format!("---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {{name: {name}}}\nspec: {spec}\n")
        };
        let svc =
            |name: &str, meta: &str| format!("---\napiVersion: v1\nkind: Service\nmetadata: {{name: {name}{meta}}}\n");
        let text = [
            svc("ok", ", namespace: dontfire, labels: {app.kubernetes.io/name: dontfire}"),
            sm("ok", "{selector: {matchLabels: {app.kubernetes.io/name: dontfire}}}"),
            sm("ok2", "{namespaceSelector: {matchNames: [dontfire]}}"),
            sm("ok3", "{selector: {matchLabels: {app.kubernetes.io/name: dontfire}}, namespaceSelector: {matchNames: [dontfire]}}"),
            svc("app1", ", labels: {app.kubernetes.io/name: app1}"),
            sm("app1", "{selector: {matchLabels: {app.kubernetes.io/name: app}}}"),
            svc("app2", ", labels: {app.kubernetes.io/name: app2}"),
            sm("app2", "{selector: {matchLabels: {app.kubernetes.io/name: app}}}"),
            svc("app1", ", namespace: test1"),
            sm("app1", "{namespaceSelector: {matchNames: [test2]}}"),
            svc("app1", ", namespace: test1"),
            sm("app1", "{selector: {matchLabels: {app.kubernetes.io/name: app1}}, namespaceSelector: {matchNames: [test2]}}"),
        ]
        .concat();
        assert_eq!(run(&RULE, &text).len(), 4);
    }
}
