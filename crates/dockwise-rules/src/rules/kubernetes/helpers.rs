//! Helpers shared by the Kubernetes rules: the missing-probe check (DW3004,
//! DW3005) with the probe skeleton its fix adds; the service account a pod
//! runs as; RBAC bindings, the roles they name and what those grant; the
//! labels and annotations a workload lacks (DW3067, DW3068); the objects an
//! autoscaler scales (DW3023, DW3077).

use crate::diagnostics::{Diagnostic, Reporter};
use crate::rules::shared::fixes;
use dockwise_syntax::kubernetes::{strings, Container, Manifests, Namespace, Object, Pod, Selector};
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::yaml::Node;
use std::collections::HashMap;

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
        .find(|p| is_tcp(p))
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

/// The service account a pod runs as, with the node that names it:
/// `serviceAccountName`, else the deprecated `serviceAccount` (which the API
/// server copies into `serviceAccountName` when only it is set).
pub fn service_account<'a>(p: &Pod<'a>) -> Option<(&'a str, &'a Node)> {
    let n = p.get("serviceAccountName").or_else(|| p.get("serviceAccount"))?;
    Some((n.as_str().filter(|s| !s.is_empty())?, n))
}

/// The role a RoleBinding or ClusterRoleBinding grants: its `roleRef` kind
/// and the node of its name.
pub fn role_ref<'a>(binding: &Object<'a>) -> Option<(&'a str, &'a Node)> {
    let r = binding.node.get("roleRef")?;
    let name = r.get("name").filter(|n| n.as_str().is_some())?;
    Some((r.get("kind").and_then(Node::as_str).unwrap_or(""), name))
}

/// The Role or ClusterRole a binding's `roleRef` names, when the set holds
/// it: a Role in the binding's namespace; a ClusterRole is cluster-wide, so
/// it is looked up without a namespace, then in the binding's (one written
/// with a namespace that the API server ignores).
pub fn bound_role<'m, 'a>(m: &'m Manifests<'a>, binding: &Object<'a>) -> Option<&'m Object<'a>> {
    let (kind, name) = role_ref(binding)?;
    let name = name.as_str()?;
    match kind {
        "Role" => m.find("Role", binding.namespace, name),
        "ClusterRole" => m.find("ClusterRole", None, name).or_else(|| {
            binding
                .namespace
                .and_then(|_| m.find("ClusterRole", binding.namespace, name))
        }),
        _ => None,
    }
}

/// The bindings of the set: RoleBindings and ClusterRoleBindings.
pub fn bindings<'m, 'a>(m: &'m Manifests<'a>) -> impl Iterator<Item = &'m Object<'a>> {
    m.of_kind("RoleBinding").chain(m.of_kind("ClusterRoleBinding"))
}

/// What a Role or ClusterRole grants among `resources` and `verbs` (a `*`
/// in the rule matches any): one `[get, list] access to [secrets]` per rule
/// that grants some, as kube-linter words it.
pub fn accesses(role: &Object, resources: &[&str], verbs: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for rule in role.node.get("rules").map(Node::items).unwrap_or_default() {
        let pick = |key: &str, wanted: &[&str]| -> Vec<&str> {
            strings(rule.get(key))
                .into_iter()
                .map(|(s, _)| s)
                .filter(|s| *s == "*" || wanted.contains(s))
                .collect()
        };
        let (res, vs) = (pick("resources", resources), pick("verbs", verbs));
        if !res.is_empty() && !vs.is_empty() {
            out.push(format!("[{}] access to [{}]", vs.join(", "), res.join(", ")));
        }
    }
    out
}

/// Is this container port a TCP one (no protocol, or `TCP` in any case)?
pub fn is_tcp(port: &Node) -> bool {
    port.get("protocol")
        .and_then(Node::as_str)
        .is_none_or(|s| s.eq_ignore_ascii_case("TCP"))
}

/// The pod selector (`matchLabels`/`matchExpressions`) at `node` when it
/// selects no workload's pods in `namespace`; None when it matches some, is
/// empty (which selects every pod) or cannot be read.
pub fn dangling_selector<'n>(m: &Manifests, namespace: Namespace<'_>, node: &'n Node) -> Option<Selector<'n>> {
    let sel = Selector::from_label_selector(node)?;
    (!sel.is_empty() && !m.selects_any(namespace, &sel)).then_some(sel)
}

/// Whole workloads (not patches: their base may hold the rest) lacking some
/// of the `wanted` keys in `metadata.<field>` (`labels`, `annotations`), with
/// the keys they lack, in the order `wanted` names them.
pub fn lacking_metadata<'m, 'a>(
    m: &'m Manifests<'a>,
    field: &'m str,
    wanted: &'m [String],
) -> impl Iterator<Item = (&'m Object<'a>, Vec<&'m str>)> {
    m.whole_objects().filter(|o| o.pod.is_some()).filter_map(move |o| {
        let have = o.metadata.and_then(|md| md.get(field));
        let mut lacking: Vec<&str> = wanted
            .iter()
            .map(String::as_str)
            .filter(|k| have.and_then(|h| h.get(k)).is_none())
            .collect();
        lacking.dedup();
        (!lacking.is_empty()).then_some((o, lacking))
    })
}

/// What the set's HorizontalPodAutoscalers scale: (kind, namespace, name) of
/// each `scaleTargetRef`, with the autoscaler (the first, if several).
pub fn autoscaled<'m, 'a>(m: &'m Manifests<'a>) -> HashMap<(&'a str, Namespace<'a>, &'a str), &'m Object<'a>> {
    let mut out = HashMap::new();
    for hpa in m.of_kind("HorizontalPodAutoscaler") {
        let Some(target) = hpa.node.path(&["spec", "scaleTargetRef"]) else {
            continue;
        };
        if let (Some(kind), Some(name)) = (
            target.get("kind").and_then(Node::as_str),
            target.get("name").and_then(Node::as_str),
        ) {
            out.entry((kind, hpa.namespace, name)).or_insert(hpa);
        }
    }
    out
}
