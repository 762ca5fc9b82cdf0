//! DW3072: a StatefulSet's `serviceName` names no headless Service of the set
//! that selects its pods.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::kubernetes::{Manifests, Selector};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3072",
    name: "k8s-statefulset-service",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("StatefulSet's `serviceName` is not a headless Service of the set selecting its pods"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a StatefulSet's `serviceName` when the manifest set has no Service of that name in its \
            namespace, when that Service is not headless (`clusterIP: None`), or when its selector does not select \
            the StatefulSet's pods, as kube-score's statefulset-has-servicename does. Like the other cross-object \
            rules it looks only when the set holds Services: a StatefulSet alone may have its Service elsewhere. A \
            StatefulSet without `serviceName` is not judged.",
        why: "A StatefulSet gives each pod a stable DNS name (`db-0.db.shop.svc...`) through the headless Service its \
            `serviceName` names, and the Kubernetes docs leave creating that Service to you. When it is missing, \
            has a cluster IP, or selects other pods, the per-pod names do not resolve: database replicas that find \
            each other by name never form a cluster, and nothing in the StatefulSet's own status says why.",
        bad: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    \
            matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      \
            containers:\n      - name: db\n        image: postgres:16.4\n---\napiVersion: v1\nkind: Service\n\
            metadata:\n  name: db\nspec:\n  selector:\n    app: db\n  ports:\n  - port: 5432\n",
        good: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    \
            matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      \
            containers:\n      - name: db\n        image: postgres:16.4\n---\napiVersion: v1\nkind: Service\n\
            metadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n  - port: 5432\n",
        fix: "Create the Service the StatefulSet names, with `clusterIP: None` and a selector matching the pod \
            template's labels, in the same namespace; or correct `serviceName` to the headless Service you have. \
            A second, ordinary Service may sit beside it for clients that want any replica.",
    },
    quiz: quiz! {
        question: "A StatefulSet `db` (serviceName `db`) runs in namespace `shop`. Which name reaches its first \
            pod directly?",
        choices: &[
            Choice {
                text: "`db-0.db.shop.svc.cluster.local`, given a headless Service `db`",
                correct: true,
                feedback: "Each pod gets `<pod>.<service>` under the namespace's domain, and only a headless Service \
                    publishes such per-pod records.",
            },
            Choice {
                text: "`db.shop.svc.cluster.local`, whatever the Service",
                correct: false,
                feedback: "That is the Service's own name: with a cluster IP it reaches any one replica, not the \
                    first.",
            },
            Choice {
                text: "`db-0`, without any Service",
                correct: false,
                feedback: "Pod names are not published in DNS by themselves; the headless Service is what creates \
                    the per-pod records.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["statefulset-has-servicename"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!(
                "Kubernetes docs: StatefulSets (Limitations: a headless Service you create; Stable Network ID)"
            ),
            url: text!("https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#limitations"),
        },
        &sources::K8S_SERVICE,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    if !m.has_kind("Service") {
        return;
    }
    for st in m.of_kind("StatefulSet") {
        let Some(node) = st.node.path(&["spec", "serviceName"]) else {
            continue;
        };
        let Some(name) = node.as_str().filter(|n| !n.is_empty()) else {
            continue;
        };
        let problem = match m.find("Service", st.namespace, name) {
            None => {
                let ns = st.namespace.map(|n| format!(" in namespace `{n}`")).unwrap_or_default();
                format!("names Service `{name}`, which this manifest set does not define{ns}")
            }
            Some(svc) => {
                let headless = svc.node.path(&["spec", "clusterIP"]).and_then(|c| c.as_str()) == Some("None");
                let selects = svc
                    .node
                    .path(&["spec", "selector"])
                    .and_then(Selector::from_map)
                    .is_some_and(|sel| !sel.is_empty() && sel.matches(st.pod_labels));
                match (headless, selects) {
                    (true, true) => continue,
                    (false, _) => format!(
                        "names Service `{name}`, which is not headless: set `clusterIP: None` so each pod gets its \
                         own DNS name"
                    ),
                    (true, false) => format!("names Service `{name}`, whose selector does not select its pods"),
                }
            }
        };
        out.report(node.span, format!("{} {problem}", st.label()));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const SET: &str = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: pg:16}]}\n";

    fn service(spec: &str) -> String {
        format!("{SET}---\napiVersion: v1\nkind: Service\nmetadata: {{name: db}}\nspec: {spec}\n")
    }

    #[test]
    fn bad() {
        // a cluster IP: no per-pod names
        assert_eq!(spans(&RULE, &service("{selector: {app: db}}")), ["db"]);
        // headless, but selecting other pods
        fires(&RULE, &service("{clusterIP: None, selector: {app: cache}}"));
        // another name
        fires(
            &RULE,
            &format!("{SET}---\napiVersion: v1\nkind: Service\nmetadata: {{name: other}}\nspec: {{clusterIP: None}}\n"),
        );
    }

    #[test]
    fn good() {
        silent(&RULE, &service("{clusterIP: None, selector: {app: db}}"));
    }

    #[test]
    fn edge() {
        // no Service in the set: it may be defined elsewhere
        silent(&RULE, SET);
        // another namespace is another Service
        fires(&RULE, &format!("{SET}---\napiVersion: v1\nkind: Service\nmetadata: {{name: db, namespace: prod}}\nspec: {{clusterIP: None, selector: {{app: db}}}}\n"));
    }
}
