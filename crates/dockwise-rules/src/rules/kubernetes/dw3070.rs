//! DW3070: a container port below 1024 (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

/// Linux's first unprivileged port, unless a sysctl lowers it.
const FIRST_UNPRIVILEGED: i64 = 1024;

pub static RULE: Rule = Rule {
    id: "DW3070",
    name: "k8s-privileged-port",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Container listens on a privileged port (below 1024)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a `containerPort` from 1 to 1023 in a container or init container, as kube-linter's \
            privileged-ports does, unless the pod's `net.ipv4.ip_unprivileged_port_start` sysctl already makes that \
            port unprivileged. Off by default: many images still listen on 80, and the fix is in the image.",
        why: "Linux keeps the ports below 1024 for privileged processes: binding one takes root or the \
            `NET_BIND_SERVICE` capability. A container declared to listen on 80 therefore has to run as root or \
            keep that capability, which is the one capability the restricted Pod Security Standard lets a container \
            add back after dropping all. An app listening on 8080 needs neither, and its clients see no difference: \
            the Service still offers port 80 and forwards it (`port: 80`, `targetPort: 8080`).",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    ports:\n    - containerPort: 80\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    ports:\n    - containerPort: 8080\n",
        fix: "Make the app listen on a port of 1024 or more (most images take a setting or an environment variable \
            for it; nginx's unprivileged images listen on 8080), declare that port, and let the Service map the \
            well-known port to it: `port: 80`, `targetPort: 8080`.",
    },
    quiz: quiz! {
        question: "A web app must be reachable on port 80 inside the cluster. How can its container avoid binding a \
            privileged port?",
        choices: &[
            Choice {
                text: "Listen on 8080 and have the Service map port 80 to it",
                correct: true,
                feedback: "The Service's `port` is what clients use and `targetPort` is where the pod listens, so the \
                    app never binds a port below 1024.",
            },
            Choice {
                text: "Add `NET_BIND_SERVICE` and drop nothing",
                correct: false,
                feedback: "That keeps the privilege the check is about, and leaves every other default capability \
                    in place too.",
            },
            Choice {
                text: "Set `hostPort: 80` on the container",
                correct: false,
                feedback: "A hostPort binds the node's port as well: it ties the pod to the node's network and \
                    still leaves the app listening on 80.",
            },
            Choice {
                text: "Declare no `containerPort` at all",
                correct: false,
                feedback: "The declaration is only information: an app that binds 80 still needs the privilege, \
                    whatever the manifest lists.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["privileged-ports"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes Pod Security Standards: Restricted (Capabilities: only NET_BIND_SERVICE added)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"),
        },
        &Source {
            title: text!("Linux manual: capabilities(7) (CAP_NET_BIND_SERVICE: ports below 1024)"),
            url: text!("https://man7.org/linux/man-pages/man7/capabilities.7.html"),
        },
        &Source {
            title: text!("Kubernetes docs: Using sysctls (net.ipv4.ip_unprivileged_port_start is safe)"),
            url: text!("https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/"),
        },
    ],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p, c) in m.containers() {
        // the pod may lower the threshold for its own network namespace
        let first = p
            .get("securityContext")
            .and_then(|s| s.get("sysctls"))
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .find(|s| s.get("name").and_then(Node::as_str) == Some("net.ipv4.ip_unprivileged_port_start"))
            .and_then(|s| s.get("value"))
            .and_then(|v| v.scalar_text()?.trim().parse::<i64>().ok())
            .unwrap_or(FIRST_UNPRIVILEGED);
        for port in c.get("ports").and_then(Node::as_seq).unwrap_or_default() {
            let Some(n) = port.get("containerPort") else { continue };
            let Some(number) = n.as_i64() else { continue };
            if number > 0 && number < FIRST_UNPRIVILEGED && number < first {
                out.report(
                    n.span,
                    format!(
                        "{} of {} listens on privileged port {number}: that needs root or NET_BIND_SERVICE; listen on \
                         1024 or above and let the Service map {number} to it",
                        c.label(),
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

    #[test]
    fn bad() {
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ports: [{containerPort: 443}, {containerPort: 53, protocol: UDP}, {containerPort: 8443}]\n"
            ),
            ["443", "53"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ports: [{containerPort: 1024}]\n",
        );
    }

    #[test]
    fn edge() {
        // the pod made ports from 80 up unprivileged in its network namespace
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: \"80\"}]\n  containers:\n  - name: a\n    ports: [{containerPort: 80}, {containerPort: 22}]\n";
        assert_eq!(spans(&RULE, pod), ["22"]);
        // port 0 is no port
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    ports: [{containerPort: 0}]\n",
        );
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig on 8080
    /// stay silent, one of each on 80: two reports.
    #[test]
    fn kube_linter_expectation() {
        let object = |api: &str, kind: &str, name: &str, port: u16| {
            format!("---\napiVersion: {api}\nkind: {kind}\nmetadata: {{name: {name}}}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: app\n        ports:\n        - containerPort: {port}\n")
        };
        let text = [
            object("apps/v1", "Deployment", "dont-fire", 8080),
            object("apps.openshift.io/v1", "DeploymentConfig", "dont-fire", 8080),
            object("apps/v1", "Deployment", "app1", 80),
            object("apps.openshift.io/v1", "DeploymentConfig", "app2", 80),
        ]
        .concat();
        let f = run(&RULE, &text);
        assert_eq!(f.len(), 2);
        assert!(f[0].message.contains("Deployment `app1`") && f[1].message.contains("DeploymentConfig `app2`"));
    }
}
