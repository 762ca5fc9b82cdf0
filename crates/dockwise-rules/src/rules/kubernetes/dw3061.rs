//! DW3061: a port name or target port Kubernetes does not accept.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3061",
    name: "k8s-invalid-port-name",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Port name or target port is not one Kubernetes accepts"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a container port `name`, or a Service's named `targetPort`, that is not a valid port name (at \
            most 15 characters, lowercase letters, digits and `-`, at least one letter, no `-` at either end or \
            twice in a row), and a Service's numeric `targetPort` outside 1-65535.",
        why: "Port names follow the IANA service name syntax, and the API server rejects an object whose port name \
            or number breaks it, so the apply fails. A name that is too long is the usual culprit \
            (`metrics-exporter-http` is 21 characters).",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    ports:\n    - name: prometheus-metrics\n      containerPort: 9090\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    ports:\n    - name: metrics\n      containerPort: 9090\n",
        fix: "Shorten the name to 15 characters or fewer, in lowercase letters, digits and single hyphens (and change \
            the probes and Services that refer to it); keep numeric ports between 1 and 65535.",
    },
    quiz: quiz! {
        question: "Which of these is a valid container port name?",
        choices: &[
            Choice {
                text: "`grpc-web`",
                correct: true,
                feedback: "Lowercase letters and a single hyphen, well under 15 characters.",
            },
            Choice {
                text: "`http_metrics`",
                correct: false,
                feedback: "Underscores are not allowed: only lowercase letters, digits and `-`.",
            },
            Choice {
                text: "`8080`",
                correct: false,
                feedback: "A name needs at least one letter, so it cannot be mistaken for a port number.",
            },
            Choice {
                text: "`prometheus-scrape`",
                correct: false,
                feedback: "It is 17 characters; port names stop at 15.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["invalid-target-ports"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_SERVICE, &sources::K8S_POD_API],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Why `name` is not a valid port name (IANA service name syntax), if it is not.
fn invalid(name: &str) -> Option<&'static str> {
    if name.len() > 15 {
        Some("is longer than 15 characters")
    } else if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Some("may hold only lowercase letters, digits and `-`")
    } else if !name.chars().any(|c| c.is_ascii_lowercase()) {
        Some("must hold at least one letter")
    } else if name.starts_with('-') || name.ends_with('-') || name.contains("--") {
        Some("may not start or end with `-` or hold `--`")
    } else {
        None
    }
}

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        for p in c.get("ports").map(Node::items).unwrap_or_default() {
            let Some(n) = p.get("name") else { continue };
            let Some(name) = n.scalar_text() else { continue };
            if let Some(why) = invalid(&name) {
                out.report(
                    n.span,
                    format!("port name `{name}` of {} in {} {why}", c.label(), o.label()),
                );
            }
        }
    }
    for s in m.of_kind("Service") {
        for p in s.node.path(&["spec", "ports"]).map(Node::items).unwrap_or_default() {
            let Some(t) = p.get("targetPort") else { continue };
            if let Some(n) = t.as_i64() {
                if !(1..=65535).contains(&n) {
                    out.report(t.span, format!("{} has `targetPort` {n}, outside 1-65535", s.label()));
                }
            } else if let Some(name) = t.as_str() {
                if let Some(why) = invalid(name) {
                    out.report(
                        t.span,
                        format!("{} has `targetPort` `{name}`, a port name that {why}", s.label()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{invalid, RULE};
    use crate::testing::*;

    #[test]
    fn bad() {
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: c, image: c:1, ports: [{name: http_alt, containerPort: 80}]}]\n";
        assert_eq!(spans(&RULE, pod), ["http_alt"]);
        fires(
            &RULE,
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: 0}]}\n",
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: http}, {port: 81, targetPort: 8081}]}\n");
    }

    #[test]
    fn edge() {
        assert!(invalid("n-3456789012345").is_none());
        assert!(invalid("a--b").is_some() && invalid("-a").is_some() && invalid("123").is_some());
        // a quoted number as targetPort is a name without letters
        fires(
            &RULE,
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: \"8080\"}]}\n",
        );
    }

    /// kube-linter's e2e case: a Service with target ports 1234,
    /// `n-3456789012345`, 123456 and `n234567890123456`; a Deployment whose
    /// container names ports `n23456789012345`, `n234567890123456` and
    /// `123456`; and pairs without ports or target ports: four reports.
    /// (The stored fixture misspells the first document's `apiVersion`;
    /// kube-linter's expected messages show it read that Service, so it is
    /// written here as a Service.)
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: v1\nkind: Service\nmetadata: {namespace: test, name: invalid-target-ports}\nspec:\n  ports:\n  - targetPort: 1234\n  - targetPort: 'n-3456789012345'\n  - targetPort: 123456\n  - targetPort: 'n234567890123456'\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {namespace: test, name: invalid-target-ports}\nspec:\n  template:\n    spec:\n      containers:\n      - name: invalid-target-ports\n        ports:\n        - {name: 'n23456789012345', containerPort: 1234}\n        - {name: 'n234567890123456', containerPort: 1235}\n        - {name: '123456', containerPort: 123456}\n---\napiVersion: v1\nkind: Service\nmetadata: {namespace: test, name: empty-ports}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {namespace: test, name: empty-ports}\nspec:\n  template:\n    spec:\n      containers: [{name: empty-ports}]\n---\napiVersion: v1\nkind: Service\nmetadata: {namespace: test, name: no-target-port}\nspec:\n  ports: [{port: 8080, name: test}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {namespace: test, name: no-target-port}\nspec:\n  template:\n    spec:\n      containers: [{name: no-target-port, ports: [{containerPort: 1234}]}]\n";
        assert_eq!(run(&RULE, text).len(), 4);
    }
}
