//! DW3051: a probe on a port the container does not declare.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::kubernetes::helpers::is_tcp;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3051",
    name: "k8s-probe-port",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Probe checks a port the container does not declare"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags the `port` of a liveness, readiness or startup probe (`httpGet`, `tcpSocket`, `grpc`) that is a \
            name none of the container's `ports` has, or a number none of them declares when the container declares \
            some TCP ones. (kube-linter also flags a number when the container declares no ports at all; a probe on an \
            undeclared number still works, so this rule keeps quiet then.)",
        why: "A probe names its port by number or by the name of one of the container's ports. A name that matches \
            none cannot be resolved, so the probe fails every time: the container is restarted (liveness) or never \
            receives traffic (readiness). A number missing from a declared list usually means the two drifted apart \
            after a port change.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    ports:\n    - name: http\n      containerPort: 8080\n    readinessProbe:\n      httpGet:\n        path: /ready\n        port: web\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    ports:\n    - name: http\n      containerPort: 8080\n    readinessProbe:\n      httpGet:\n        path: /ready\n        port: http\n",
        fix: "Point the probe at a port the container declares, by its `name` or its `containerPort`, or declare the \
            port the app serves its health endpoint on.",
    },
    quiz: quiz! {
        question: "A readiness probe says `port: metrics`, and no container port is named `metrics`. What happens?",
        choices: &[
            Choice {
                text: "The probe always fails: the pod never becomes ready",
                correct: true,
                feedback: "A named port must resolve to one of the container's ports; without it the probe cannot \
                    run, so the pod stays out of its Services.",
            },
            Choice {
                text: "The kubelet probes port 80 instead",
                correct: false,
                feedback: "There is no fallback port: an unknown name is an error.",
            },
            Choice {
                text: "The API server rejects the pod",
                correct: false,
                feedback: "Validation accepts any well-formed name; the failure shows at run time.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["liveness-port", "readiness-port", "startup-port"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_PROBES],
    concern: Some(&sources::HEALTH),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        let ports = c.get("ports").map(Node::items).unwrap_or_default();
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            let Some(p) = c.get(probe) else { continue };
            for handler in ["httpGet", "tcpSocket", "grpc"] {
                let Some(port) = p.path(&[handler, "port"]) else {
                    continue;
                };
                let missing = match (port.as_i64(), port.as_str()) {
                    (Some(n), _) => {
                        let mut tcp = ports.iter().filter(|q| is_tcp(q)).peekable();
                        tcp.peek().is_some() && !tcp.any(|q| q.get("containerPort").and_then(Node::as_i64) == Some(n))
                    }
                    (None, Some(name)) if name.parse::<i64>().is_err() => {
                        !ports.iter().any(|q| q.get("name").and_then(Node::as_str) == Some(name))
                    }
                    _ => false,
                };
                if missing {
                    let shown = port.scalar_text().unwrap_or_default();
                    out.report(
                        port.span,
                        format!(
                            "the {probe} of {} in {} checks port `{shown}`, which the container does not declare",
                            c.label(),
                            o.label()
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn pod(ports: &str, probe: &str) -> String {
        format!("apiVersion: v1\nkind: Pod\nspec:\n  containers: [{{name: c, image: c:1, ports: {ports}, livenessProbe: {probe}}}]\n")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(
                &RULE,
                &pod("[{name: http, containerPort: 80}]", "{httpGet: {path: /, port: web}}")
            ),
            ["web"]
        );
        assert_eq!(
            spans(
                &RULE,
                &pod("[{name: http, containerPort: 80}]", "{tcpSocket: {port: 8080}}")
            ),
            ["8080"]
        );
        // a name with no ports at all cannot resolve
        fires(&RULE, &pod("[]", "{grpc: {port: grpc}}"));
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &pod("[{name: http, containerPort: 80}]", "{httpGet: {path: /, port: http}}"),
        );
        silent(
            &RULE,
            &pod("[{name: http, containerPort: 80}]", "{tcpSocket: {port: 80}}"),
        );
    }

    #[test]
    fn edge() {
        // a number with no declared ports works: not flagged; an exec probe has no port
        silent(&RULE, &pod("[]", "{tcpSocket: {port: 8080}}"));
        silent(&RULE, &pod("[{containerPort: 80}]", "{exec: {command: [true]}}"));
        // only UDP ports declared: a number is not judged; `tcp` in lower case is TCP
        silent(
            &RULE,
            &pod("[{containerPort: 53, protocol: UDP}]", "{tcpSocket: {port: 8080}}"),
        );
        fires(
            &RULE,
            &pod("[{containerPort: 80, protocol: tcp}]", "{tcpSocket: {port: 8080}}"),
        );
        // readiness and startup probes too
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: c, image: c:1, startupProbe: {httpGet: {port: admin}}, readinessProbe: {httpGet: {port: admin}}}]\n");
    }

    /// kube-linter's fixture for liveness-port: containers probing a
    /// declared name and a declared number stay quiet; a name with no ports,
    /// a number that is not the declared one, and an unknown name fire:
    /// three reports.
    #[test]
    fn kube_linter_expectation() {
        let c = |name: &str, ports: &str, probe: &str| {
            format!("      - name: {name}\n        ports: {ports}\n        livenessProbe: {probe}\n")
        };
        let http = "[{containerPort: 8080, name: http, protocol: TCP}]";
        let other = "[{containerPort: 9999, name: http, protocol: TCP}]";
        let text = [
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n".to_string(),
            c("ok-name", http, "{httpGet: {path: /, port: http}}"),
            c("ok-int", http, "{httpGet: {path: /, port: 8080}}"),
            c("name-without-ports", "[]", "{httpGet: {path: /, port: http}}"),
            c("int-not-declared", other, "{httpGet: {path: /, port: 8080}}"),
            "---\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n"
                .to_string(),
            "      - name: ok-no-probe\n        ports: [{containerPort: 8080, name: http}]\n".to_string(),
            c("unknown-name", other, "{httpGet: {path: /, port: healthcheck}}"),
        ]
        .concat();
        assert_eq!(spans(&RULE, &text), ["http", "8080", "healthcheck"]);
    }
}
