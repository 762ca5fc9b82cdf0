//! Helpers shared by the Kubernetes rules: the missing-probe check (DW3004,
//! DW3005) with the probe skeleton its fix adds.

use crate::diagnostics::{Diagnostic, Reporter};
use crate::rules::shared::fixes;
use dockwise_syntax::kubernetes::{Container, Manifests};
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::yaml::Node;

/// Reports every app container of a long-running workload that has no
/// `probe` (`livenessProbe`, `readinessProbe`...); `why` ends the message.
/// The fix adds a [`probe_skeleton`] checking `path` every `period` seconds.
pub fn missing_probe(m: &Manifests, out: &mut Reporter, probe: &str, what: &str, why: &str, path: &str, period: u32) {
    let ed = Editor::new(m.text);
    for (o, c) in m.long_running_app_containers() {
        if c.get(probe).is_none() {
            let fix = || {
                fixes::unsafe_(
                    &format!("add a {what} skeleton (placeholders)"),
                    ed.set(c.node, &[probe], &probe_skeleton(c, path, period)),
                )
            };
            out.push(
                Diagnostic::new(
                    c.anchor(),
                    format!("{} of {} has no {what}: {why}", c.label(), o.label()),
                )
                .with_fix(fix),
            );
        }
    }
}

/// A probe to start from: a TCP check of the container's first TCP port
/// when it declares one, else an HTTP check of `path` on port 8080, each
/// guess marked as a placeholder, every `period` seconds (liveness and
/// readiness skeletons differ in it, so they are never identical: DW3006).
pub fn probe_skeleton(c: &Container, path: &str, period: u32) -> New {
    let port = c
        .get("ports")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .find(|p| p.get("protocol").and_then(Node::as_str).is_none_or(|s| s == "TCP"))
        .and_then(|p| p.get("containerPort"))
        .and_then(Node::as_i64);
    let check = match port {
        Some(port) => (
            "tcpSocket".to_string(),
            New::entry(
                "port",
                New::scalar(format!("{port}  # placeholder: an HTTP health endpoint checks more")),
            ),
        ),
        None => (
            "httpGet".to_string(),
            New::Map(vec![
                (
                    "path".into(),
                    New::scalar(format!("{path}  # placeholder: the app's health endpoint")),
                ),
                ("port".into(), New::scalar("8080  # placeholder: the port it serves")),
            ]),
        ),
    };
    New::Map(vec![check, ("periodSeconds".into(), New::scalar(period.to_string()))])
}
