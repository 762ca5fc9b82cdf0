//! DW3032: a Service whose selector matches no workload of the set.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::{Manifests, Selector};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3032",
    name: "k8s-dangling-service",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Service selects no pods of the manifest set"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a Service whose `selector` matches the pod labels of no workload in the same namespace of the \
            manifest set (a Pod's labels, or the pod template's of a Deployment, StatefulSet, DaemonSet, Job, \
            CronJob, DeploymentConfig...). It looks only when the set holds at least one workload: a file of \
            Services alone has its workloads elsewhere. A Service without a selector (its endpoints are managed by \
            hand) and an `ExternalName` Service are never flagged.",
        why: "A Service sends traffic to the pods its selector matches. When no pod carries those labels, usually \
            after a typo or a label renamed on one side only, the Service has no endpoints and every connection to \
            it fails, although both objects apply without error.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n\
            ---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: website\n  ports:\n  - port: 80\n    targetPort: 8080\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n\
            ---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n",
        fix: "Make the Service's `selector` use the labels of the pod template it should reach (same keys, same \
            values), and keep both in the same namespace.",
    },
    quiz: quiz! {
        question: "A Service's selector matches no pod. What happens when a client connects to it?",
        choices: &[
            Choice {
                text: "The connection fails: it has no endpoints",
                correct: true,
                feedback: "The Service's endpoints are the ready pods its selector matches; with none, there is \
                    nowhere to send the traffic.",
            },
            Choice {
                text: "`kubectl apply` refused the Service in the first place",
                correct: false,
                feedback: "The API server accepts a selector that matches nothing: pods may come later. The mistake \
                    only shows at run time.",
            },
            Choice {
                text: "Traffic goes to every pod of the namespace",
                correct: false,
                feedback: "A selector narrows the pods; matching none gives no endpoints, not all of them.",
            },
            Choice {
                text: "Kubernetes adds the labels to the Deployment's pods",
                correct: false,
                feedback: "Nothing rewrites pod labels to fit a Service: the selector and the labels must be made \
                    to agree by hand.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["dangling-service", "service-targets-pod"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_SERVICE],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    if !m.has_workloads() {
        return;
    }
    for s in m.of_kind("Service") {
        if s.node.path(&["spec", "type"]).and_then(|t| t.as_str()) == Some("ExternalName") {
            continue;
        }
        let Some(node) = s.node.path(&["spec", "selector"]) else {
            continue;
        };
        let Some(sel) = Selector::from_map(node) else {
            continue;
        };
        if sel.is_empty() || m.selects_any(s.namespace, &sel) {
            continue;
        }
        let ns = s.namespace.map(|n| format!(" in namespace `{n}`")).unwrap_or_default();
        out.report(
            node.span,
            format!(
                "{} selects `{}`, but no workload{ns} in this manifest set has pods with those labels",
                s.label(),
                sel.describe()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {labels: {app: web, tier: front}}\n    spec: {containers: [{name: web, image: web:1}]}\n";

    #[test]
    fn bad() {
        let text = format!(
            "{DEPLOY}---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{selector: {{app: webb}}}}\n"
        );
        assert_eq!(spans(&RULE, &text), ["{app: webb}"]);
        // every label must match
        fires(&RULE, &format!("{DEPLOY}---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{selector: {{app: web, tier: back}}}}\n"));
        // another namespace is another set of pods
        fires(&RULE, &format!("{DEPLOY}---\napiVersion: v1\nkind: Service\nmetadata: {{name: web, namespace: prod}}\nspec: {{selector: {{app: web}}}}\n"));
    }

    #[test]
    fn good() {
        silent(&RULE, &format!("{DEPLOY}---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{selector: {{app: web}}}}\n"));
    }

    #[test]
    fn edge() {
        // Services alone: their workloads live elsewhere
        silent(
            &RULE,
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}}\n",
        );
        // no selector, ExternalName
        silent(&RULE, &format!("{DEPLOY}---\napiVersion: v1\nkind: Service\nmetadata: {{name: db}}\nspec: {{ports: [{{port: 5432}}]}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: ext}}\nspec: {{type: ExternalName, externalName: db.example.com, selector: {{app: nope}}}}\n"));
        // a CronJob's pods count; a number label compares as text
        silent(&RULE, "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: c, v: 1}}\n        spec: {containers: [{name: c, image: c:1}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: c}\nspec: {selector: {app: c, v: \"1\"}}\n");
    }

    /// kube-linter's e2e case for dangling-service: two workloads (a
    /// Deployment and an OpenShift DeploymentConfig, templates without a
    /// spec) each next to a Service selecting a label none has, and one
    /// matching pair: two reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ok}\nspec:\n  template:\n    metadata: {labels: {app.kubernetes.io/name: ok}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ok}\nspec:\n  ports: [{name: 8080-tcp, port: 8080}]\n  selector: {app.kubernetes.io/name: ok}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: one}\nspec:\n  template:\n    metadata: {labels: {app.kubernetes.io/name: one}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: one}\nspec:\n  ports: [{name: 8080-tcp, port: 8080}]\n  selector: {app.kubernetes.io/name: app}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: two}\nspec:\n  template:\n    metadata: {labels: {app.kubernetes.io/name: two}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: two}\nspec:\n  ports: [{name: 8080-tcp, port: 8080}]\n  selector: {app.kubernetes.io/name: app}\n";
        assert_eq!(run(&RULE, text).len(), 2);
    }
}
