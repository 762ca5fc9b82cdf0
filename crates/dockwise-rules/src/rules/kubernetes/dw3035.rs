//! DW3035: an Ingress backend naming a Service or port the set does not have.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::{Manifests, Object};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3035",
    name: "k8s-dangling-ingress",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Ingress backend names a Service or port the manifest set does not have"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags an Ingress backend (a rule path's, or the default backend) whose Service is not in the \
            manifest set in the Ingress's namespace, or whose port (`number` or `name`) is none of that \
            Service's ports. Both the `networking.k8s.io/v1` form (`service.name`, `service.port`) and the old \
            `serviceName`/`servicePort` form are read; resource backends are left alone. It looks only when the set \
            holds at least one Service: a file of Ingresses alone has its Services elsewhere.",
        why: "An Ingress backend must be a Service in the Ingress's own namespace, on one of its ports. A backend \
            that names a missing Service or port applies without error, but the controller has nowhere to send the \
            requests and answers them with errors.",
        bad: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n\
            ---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 8080\n",
        good: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n\
            ---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n",
        fix: "Name a Service of the Ingress's namespace and one of its `ports` (the Service's `port`, not the \
            container's `targetPort`), by number or by name.",
    },
    quiz: quiz! {
        question: "Which port does an Ingress backend's `service.port.number` name?",
        choices: &[
            Choice {
                text: "One of the Service's `port` values",
                correct: true,
                feedback: "The Ingress talks to the Service, so it names a port the Service exposes; the Service \
                    maps it to the pods' `targetPort`.",
            },
            Choice {
                text: "The container's `containerPort`",
                correct: false,
                feedback: "That is what the Service's `targetPort` points at; the Ingress goes through the Service.",
            },
            Choice {
                text: "The node port of the Service",
                correct: false,
                feedback: "Node ports are for traffic from outside the cluster to a node; the Ingress controller \
                    reaches the Service on its own port.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["dangling-ingress", "ingress-targets-service"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_INGRESS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    if !m.has_kind("Service") {
        return;
    }
    for ing in m.of_kind("Ingress") {
        let spec = ing.node.get("spec");
        let defaults = ["defaultBackend", "backend"].into_iter().filter_map(|k| spec?.get(k));
        let paths = spec
            .and_then(|s| s.get("rules"))
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .flat_map(|r| r.path(&["http", "paths"]).map(Node::items).unwrap_or_default())
            .filter_map(|p| p.get("backend"));
        for b in defaults.chain(paths) {
            backend(m, ing, b, out);
        }
    }
}

/// Checks one backend: `service: {name, port: {number|name}}`, or
/// `serviceName` and `servicePort` (a number or a name).
fn backend(m: &Manifests, ing: &Object, b: &Node, out: &mut Reporter) {
    let (name, port) = match b.get("service") {
        Some(s) => (
            s.get("name"),
            s.get("port").and_then(|p| p.get("number").or_else(|| p.get("name"))),
        ),
        None => (b.get("serviceName"), b.get("servicePort")),
    };
    let Some(name_node) = name else {
        return; // a resource backend
    };
    let Some(svc_name) = name_node.as_str() else {
        return;
    };
    let Some(svc) = m.find("Service", ing.namespace, svc_name) else {
        let ns = ing
            .namespace
            .map(|n| format!(" in namespace `{n}`"))
            .unwrap_or_default();
        out.report(
            name_node.span,
            format!(
                "{} sends traffic to Service `{svc_name}`, which this manifest set does not define{ns}",
                ing.label()
            ),
        );
        return;
    };
    let Some(port) = port else { return };
    let ports = svc.node.path(&["spec", "ports"]).map(Node::items).unwrap_or_default();
    let found = match (port.as_i64(), port.as_str()) {
        (Some(n), _) => ports.iter().any(|p| p.get("port").and_then(Node::as_i64) == Some(n)),
        (None, Some(pn)) => ports.iter().any(|p| p.get("name").and_then(Node::as_str) == Some(pn)),
        _ => true,
    };
    if !found {
        let shown = port.scalar_text().unwrap_or_default();
        out.report(
            port.span,
            format!(
                "{} uses port `{shown}` of Service `{svc_name}`, which has no such port",
                ing.label()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const SVC: &str = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80}]\n---\n";

    fn ingress(backend: &str) -> String {
        format!("{SVC}apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: i}}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend: {backend}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &ingress("{service: {name: api, port: {number: 80}}}")),
            ["api"]
        );
        assert_eq!(
            spans(&RULE, &ingress("{service: {name: web, port: {number: 8080}}}")),
            ["8080"]
        );
        assert_eq!(
            spans(&RULE, &ingress("{service: {name: web, port: {name: https}}}")),
            ["https"]
        );
        // the old form
        assert_eq!(spans(&RULE, &ingress("{serviceName: web, servicePort: 81}")), ["81"]);
    }

    #[test]
    fn good() {
        silent(&RULE, &ingress("{service: {name: web, port: {number: 80}}}"));
        silent(&RULE, &ingress("{service: {name: web, port: {name: http}}}"));
        silent(&RULE, &ingress("{serviceName: web, servicePort: http}"));
    }

    #[test]
    fn edge() {
        // no Service in the set: not judged; a resource backend: not a Service
        silent(&RULE, "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  defaultBackend: {service: {name: gone, port: {number: 80}}}\n");
        silent(
            &RULE,
            &ingress("{resource: {apiGroup: k8s.example.com, kind: Bucket, name: assets}}"),
        );
        // the default backend is checked too; a Service in another namespace does not count
        fires(&RULE, &format!("{SVC}apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: i}}\nspec:\n  defaultBackend: {{service: {{name: api, port: {{number: 80}}}}}}\n"));
        fires(&RULE, &format!("{SVC}apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: i, namespace: prod}}\nspec:\n  defaultBackend: {{service: {{name: web, port: {{number: 80}}}}}}\n"));
    }

    /// kube-linter's e2e case: a Service on port 80 named `tcp`, reached by
    /// number, by port name, as default backend; a resource backend; a
    /// backend naming a missing Service; a Service on 80 reached on 8080:
    /// two reports.
    #[test]
    fn kube_linter_expectation() {
        let ing = |name: &str, spec: &str| {
            format!("---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}}}\nspec:\n{spec}")
        };
        let path = |backend: &str| format!("  rules:\n  - http:\n      paths:\n      - backend: {backend}\n");
        let text = [
            "apiVersion: v1\nkind: Service\nmetadata: {name: ok}\nspec:\n  ports: [{name: tcp, port: 80}]\n  selector: {app: ok}\n".to_string(),
            ing("by-number", &path("{service: {name: ok, port: {number: 80}}}")),
            ing("by-name", &path("{service: {name: ok, port: {name: tcp}}}")),
            ing("default", "  defaultBackend: {service: {name: ok, port: {number: 80}}}\n"),
            ing("resource", &path("{resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static-assets}}")),
            ing("missing-service", &path("{service: {name: missing, port: {number: 80}}}")),
            "---\napiVersion: v1\nkind: Service\nmetadata: {name: bad-port}\nspec:\n  ports: [{port: 80}]\n  selector: {app: ok}\n".to_string(),
            ing("bad-port", &path("{service: {name: bad-port, port: {number: 8080}}}")),
        ]
        .concat();
        assert_eq!(spans(&RULE, &text), ["missing", "8080"]);
    }
}
