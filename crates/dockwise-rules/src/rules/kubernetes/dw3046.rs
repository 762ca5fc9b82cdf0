//! DW3046: a Service exposed on every node or through a cloud load balancer.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3046",
    name: "k8s-exposed-service",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Service is exposed outside the cluster (`NodePort` or `LoadBalancer`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a Service of `type: NodePort` or `type: LoadBalancer`. Off by default: exposing a Service is \
            sometimes the point, and this rule is for sets where every entry should go through an Ingress or a \
            gateway.",
        why: "A NodePort Service opens the same port on every node, and a LoadBalancer Service asks the cloud for an \
            external address: either reaches the pods from outside the cluster, bypassing the TLS, authentication \
            and logging an Ingress or gateway would give.",
        bad: "apiVersion: v1\nkind: Service\nmetadata:\n  name: admin\nspec:\n  type: NodePort\n  selector:\n    app: admin\n  ports:\n  - port: 80\n    targetPort: 8080\n",
        good: "apiVersion: v1\nkind: Service\nmetadata:\n  name: admin\nspec:\n  selector:\n    app: admin\n  ports:\n  - port: 80\n    targetPort: 8080\n",
        fix: "Leave the type out (`ClusterIP`) and reach the Service through an Ingress or a gateway; keep \
            LoadBalancer Services for the entry points meant to be public.",
    },
    quiz: quiz! {
        question: "Which Service type keeps the Service reachable from inside the cluster only?",
        choices: &[
            Choice {
                text: "`ClusterIP`, the default",
                correct: true,
                feedback: "It gets an address inside the cluster only; an Ingress or gateway can still route \
                    outside traffic to it.",
            },
            Choice {
                text: "`NodePort`",
                correct: false,
                feedback: "It opens a port on every node's address, reachable by anyone who reaches a node.",
            },
            Choice {
                text: "`LoadBalancer`",
                correct: false,
                feedback: "It provisions an external load balancer: the most exposed of the three.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["exposed-services", "service-type"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_SERVICE],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for s in m.of_kind("Service") {
        let Some(t) = s.node.path(&["spec", "type"]) else {
            continue;
        };
        let Some(text) = t.as_str() else { continue };
        let reach = match text {
            "NodePort" => "a port on every node",
            "LoadBalancer" => "an external load balancer",
            _ => continue,
        };
        out.report(
            t.span,
            format!(
                "{} is `{text}`: reachable from outside the cluster through {reach}",
                s.label()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn svc(t: &str) -> String {
        format!("apiVersion: v1\nkind: Service\nmetadata: {{name: s}}\nspec: {{type: {t}, ports: [{{port: 80}}]}}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &svc("NodePort")), ["NodePort"]);
        fires(&RULE, &svc("LoadBalancer"));
    }

    #[test]
    fn good() {
        silent(&RULE, &svc("ClusterIP"));
    }

    #[test]
    fn edge() {
        silent(&RULE, &svc("ExternalName"));
    }

    /// kube-linter's e2e case: a Service without a type and one of type
    /// NodePort: one report.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: v1\nkind: Service\nmetadata: {name: ok}\nspec:\n  selector: {app: app}\n  ports: [{protocol: TCP, port: 80, targetPort: 8080}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: app}\nspec:\n  type: NodePort\n";
        assert_eq!(run(&RULE, text).len(), 1);
    }
}
