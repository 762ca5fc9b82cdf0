//! The Kubernetes model the DW3xxx rules query: every object of every
//! document (List items included), and for workloads their pod spec and
//! containers, with the pod-level settings Kubernetes applies to containers.
//!
//! Patches are told apart from whole objects, so that rules report what a
//! patch sets but never what it leaves out (the base it patches has that):
//! a document that is a JSON patch (RFC 6902: a list of `op`/`path`
//! operations) is neither an object nor a stray, and an object is a
//! *fragment* (see [`Object::fragment`]) when it holds a strategic-merge
//! directive or is a workload without a part none can run without (its pod
//! template, the pod's containers, a container's image).

use crate::image::ImageRef;
use crate::span::Span;
use crate::yaml::{Duplicate, Node, Value};

pub struct Manifests<'a> {
    pub text: &'a str,
    pub objects: Vec<Object<'a>>,
    /// Indices of `objects` by span start, for [`Manifests::object_at`].
    by_start: Vec<usize>,
    /// Documents that are not Kubernetes objects (no `kind`/`apiVersion`)
    /// nor JSON patches.
    pub strays: Vec<&'a Node>,
    /// Documents that are JSON patches (a list of `op`/`path` operations).
    pub json_patches: Vec<&'a Node>,
    /// Keys written twice in one mapping (the later one was kept, as kubectl
    /// keeps it): see [`crate::yaml::parse_lenient`].
    pub duplicates: &'a [Duplicate],
}

pub struct Object<'a> {
    pub node: &'a Node,
    pub kind: &'a str,
    pub kind_node: &'a Node,
    pub name: Option<&'a str>,
    pub metadata: Option<&'a Node>,
    /// Pod spec and template metadata, for workload kinds.
    pub pod: Option<Pod<'a>>,
    /// Rule names switched off by kube-linter style annotations
    /// (`ignore-check.kube-linter.io/<check>`); `*` for `kube-linter.io/ignore-all`.
    pub ignored: Vec<String>,
    /// A patch fragment (a kustomize or `kubectl patch` strategic-merge
    /// patch), not a whole object: it holds a directive (`$patch`,
    /// `$retainKeys`, `$setElementOrder/...`, `$deleteFromPrimitiveList/...`),
    /// or it is a workload without a part no whole workload can run
    /// without: its pod template (`spec.template`, a CronJob's
    /// `spec.jobTemplate...template`, a Pod's `spec`), the pod's
    /// `containers`, or a container's `image`. (A missing `spec.selector`
    /// alone does not make a fragment: drafts and lessons often leave it out.)
    /// Rules report what a fragment sets, never what it lacks.
    pub fragment: bool,
}

pub struct Pod<'a> {
    pub spec: &'a Node,
    /// The pod template's metadata (the object's own for a Pod).
    pub metadata: Option<&'a Node>,
    pub containers: Vec<Container<'a>>,
    /// Jobs and CronJobs run to completion (no probes expected).
    pub batch: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ContainerKind {
    Main,
    Init,
    Ephemeral,
}

pub struct Container<'a> {
    pub node: &'a Node,
    pub name: &'a str,
    /// The `name:` value, or the container's node when it has none.
    pub name_span: Span,
    pub kind: ContainerKind,
}

/// Is this document a JSON patch (RFC 6902): a list of operations, each a
/// mapping with `op` and `path`?
fn is_json_patch(d: &Node) -> bool {
    d.as_seq()
        .is_some_and(|ops| !ops.is_empty() && ops.iter().all(|o| o.get("op").is_some() && o.get("path").is_some()))
}

/// Does this subtree hold a strategic-merge-patch directive key?
fn has_patch_directive(n: &Node) -> bool {
    match &n.value {
        Value::Map(entries) => entries.iter().any(|(k, v)| {
            k.as_str().is_some_and(|k| {
                k == "$patch"
                    || k == "$retainKeys"
                    || k.starts_with("$setElementOrder/")
                    || k.starts_with("$deleteFromPrimitiveList/")
            }) || has_patch_directive(v)
        }),
        Value::Seq(items) => items.iter().any(has_patch_directive),
        _ => false,
    }
}

/// Is this object a patch fragment rather than a whole object? (See
/// [`Object::fragment`].)
fn is_fragment(kind: &str, node: &Node, pod: Option<&Pod>) -> bool {
    if has_patch_directive(node) {
        return true;
    }
    if pod_path(kind).is_none() {
        return false;
    }
    match pod {
        None => true,
        Some(p) => {
            p.spec.get("containers").is_none()
                || p.containers
                    .iter()
                    .any(|c| c.kind != ContainerKind::Ephemeral && c.get("image").is_none())
        }
    }
}

/// Where the pod spec of each workload kind lives.
fn pod_path(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "Pod" => &[],
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "ReplicationController" | "Job" => {
            &["spec", "template"]
        }
        "CronJob" => &["spec", "jobTemplate", "spec", "template"],
        _ => return None,
    })
}

impl<'a> Manifests<'a> {
    pub fn new(text: &'a str, docs: &'a [Node]) -> Manifests<'a> {
        let mut m = Manifests {
            text,
            objects: Vec::new(),
            by_start: Vec::new(),
            strays: Vec::new(),
            json_patches: Vec::new(),
            duplicates: &[],
        };
        for d in docs {
            if d.is_null() {
                continue; // an empty document between `---` lines
            }
            if is_json_patch(d) {
                m.json_patches.push(d);
                continue;
            }
            m.add(d, 0);
        }
        m.by_start = (0..m.objects.len()).collect();
        m.by_start.sort_by_key(|&i| m.objects[i].node.span.start);
        m
    }

    /// The duplicate keys the lenient reading of the text found.
    pub fn with_duplicates(mut self, duplicates: &'a [Duplicate]) -> Manifests<'a> {
        self.duplicates = duplicates;
        self
    }

    fn add(&mut self, node: &'a Node, depth: usize) {
        let Some((_, kind_node)) = node.entry("kind") else {
            self.strays.push(node);
            return;
        };
        let kind = kind_node.as_str().unwrap_or("");
        if kind.ends_with("List") && depth < 4 {
            if let Some(items) = node.get("items").and_then(Node::as_seq) {
                for i in items {
                    self.add(i, depth + 1);
                }
            }
        }
        if node.get("apiVersion").is_none() {
            self.strays.push(node);
            return;
        }
        let metadata = node.get("metadata");
        let pod = pod_path(kind).and_then(|path| {
            let template = node.path(path)?;
            let spec = if kind == "Pod" {
                node.get("spec")?
            } else {
                template.get("spec")?
            };
            let metadata = if kind == "Pod" {
                metadata
            } else {
                template.get("metadata")
            };
            let mut containers = Vec::new();
            for (key, ck) in [
                ("initContainers", ContainerKind::Init),
                ("containers", ContainerKind::Main),
                ("ephemeralContainers", ContainerKind::Ephemeral),
            ] {
                for c in spec.get(key).and_then(Node::as_seq).unwrap_or_default() {
                    if c.as_map().is_none() {
                        continue;
                    }
                    let name_node = c.get("name");
                    containers.push(Container {
                        node: c,
                        name: name_node.and_then(Node::as_str).unwrap_or("(unnamed)"),
                        name_span: name_node.map(|n| n.span).unwrap_or(c.span),
                        kind: ck,
                    });
                }
            }
            Some(Pod {
                spec,
                metadata,
                containers,
                batch: matches!(kind, "Job" | "CronJob"),
            })
        });
        let mut ignored = Vec::new();
        for (k, _) in metadata
            .and_then(|m| m.get("annotations"))
            .and_then(Node::as_map)
            .unwrap_or_default()
        {
            let Some(k) = k.as_str() else { continue };
            if let Some(check) = k.strip_prefix("ignore-check.kube-linter.io/") {
                ignored.push(check.to_string());
            } else if k == "kube-linter.io/ignore-all" {
                ignored.push("*".to_string());
            }
        }
        let fragment = is_fragment(kind, node, pod.as_ref());
        self.objects.push(Object {
            node,
            kind,
            kind_node,
            name: metadata.and_then(|m| m.get("name")).and_then(Node::as_str),
            metadata,
            pod,
            ignored,
            fragment,
        });
    }

    /// Workloads: objects with a pod spec.
    pub fn workloads(&self) -> impl Iterator<Item = (&Object<'a>, &Pod<'a>)> {
        self.objects.iter().filter_map(|o| o.pod.as_ref().map(|p| (o, p)))
    }

    /// Whole objects: those that are not patch fragments (rules that report
    /// something missing look at these only).
    pub fn whole_objects(&self) -> impl Iterator<Item = &Object<'a>> {
        self.objects.iter().filter(|o| !o.fragment)
    }

    /// Every container of every workload.
    pub fn containers(&self) -> impl Iterator<Item = (&Object<'a>, &Pod<'a>, &Container<'a>)> {
        self.workloads()
            .flat_map(|(o, p)| p.containers.iter().map(move |c| (o, p, c)))
    }

    /// App containers (not init or ephemeral ones) of workloads that keep
    /// running (not Jobs or CronJobs): the containers probes are for.
    /// Fragments are left out: a probe may be in the base they patch.
    pub fn long_running_app_containers(&self) -> impl Iterator<Item = (&Object<'a>, &Container<'a>)> {
        self.containers()
            .filter(|(o, p, c)| c.kind == ContainerKind::Main && !p.batch && !o.fragment)
            .map(|(o, _, c)| (o, c))
    }

    /// The innermost object holding `offset`.
    /// A container's image reference, with the span of its YAML value.
    pub fn image_of(&self, c: &Container<'a>) -> Option<(ImageRef, Span)> {
        let node = c.get("image")?;
        Some((ImageRef::from_yaml(node, self.text)?, node.span))
    }

    pub fn object_at(&self, offset: u32) -> Option<&Object<'a>> {
        // the latest-starting object that holds `offset` is the innermost
        let end = self
            .by_start
            .partition_point(|&i| self.objects[i].node.span.start <= offset);
        self.by_start[..end]
            .iter()
            .rev()
            .map(|&i| &self.objects[i])
            .find(|o| o.node.span.contains(offset) || o.node.span.start == offset)
    }
}

impl<'a> Object<'a> {
    /// `Deployment web` for messages.
    pub fn label(&self) -> String {
        match self.name {
            Some(n) => format!("{} `{n}`", self.kind),
            None => self.kind.to_string(),
        }
    }

    /// Where "this object lacks ..." findings go: the `name:` or the `kind:`.
    pub fn anchor(&self) -> Span {
        self.metadata
            .and_then(|m| m.get("name"))
            .map(|n| n.span)
            .unwrap_or(self.kind_node.span)
    }
}

impl<'a> Pod<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.spec.get(key)
    }

    /// A pod-level `securityContext` setting.
    pub fn security(&self, key: &str) -> Option<&'a Node> {
        self.spec.path(&["securityContext", key])
    }

    /// A security setting as Kubernetes applies it to `c`: the container's
    /// own, else the pod's (for the keys the pod level has).
    pub fn effective(&self, c: &Container<'a>, key: &str) -> Option<&'a Node> {
        c.security(key).or_else(|| {
            if POD_LEVEL.contains(&key) {
                self.security(key)
            } else {
                None
            }
        })
    }
}

/// Keys of a container securityContext that a pod securityContext also sets.
const POD_LEVEL: &[&str] = &[
    "runAsNonRoot",
    "runAsUser",
    "runAsGroup",
    "seccompProfile",
    "seLinuxOptions",
    "appArmorProfile",
    "windowsOptions",
];

impl<'a> Container<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    pub fn security(&self, key: &str) -> Option<&'a Node> {
        self.node.path(&["securityContext", key])
    }

    /// `container `web`` or `init container `migrate`` for messages.
    pub fn label(&self) -> String {
        let what = match self.kind {
            ContainerKind::Main => "container",
            ContainerKind::Init => "init container",
            ContainerKind::Ephemeral => "ephemeral container",
        };
        format!("{what} `{}`", self.name)
    }

    /// Where "this container lacks ..." findings go.
    pub fn anchor(&self) -> Span {
        self.name_span
    }
}

/// Is this value a boolean true (also the string "true")?
pub fn is_true(n: Option<&Node>) -> bool {
    n.is_some_and(|n| n.as_bool() == Some(true))
}

/// Values of a list of strings (capabilities, for instance).
pub fn strings(n: Option<&Node>) -> Vec<(&str, Span)> {
    n.map(|n| {
        n.items()
            .iter()
            .filter_map(|i| i.as_str().map(|s| (s, i.span)))
            .collect()
    })
    .unwrap_or_default()
}

/// The scalar a probe or resource value holds, as text.
pub fn text(n: Option<&Node>) -> Option<String> {
    n.and_then(Node::scalar_text).filter(|t| !t.is_empty())
}

/// Compares two subtrees by value (spans ignored).
pub fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(k2, v2)| k.value == k2.value && same_value(v, v2)))
        }
        (x, y) => x == y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_pod_specs_of_every_workload_kind() {
        let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: job\n            image: busybox:1.36\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    initContainers: [{name: init, image: a:1}]\n    containers: [{name: main, image: b:1}]\n---\nfoo: bar\n";
        let docs = crate::yaml::parse(text).unwrap();
        let m = Manifests::new(text, &docs);
        let names: Vec<_> = m.containers().map(|(o, _, c)| (o.kind, c.name, c.kind)).collect();
        assert_eq!(
            names,
            [
                ("CronJob", "job", ContainerKind::Main),
                ("Pod", "init", ContainerKind::Init),
                ("Pod", "main", ContainerKind::Main)
            ]
        );
        assert!(m.workloads().next().unwrap().1.batch);
        assert_eq!(m.strays.len(), 1);
    }

    #[test]
    fn pod_security_context_applies_to_containers() {
        let text = "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n  - name: a\n    securityContext: {readOnlyRootFilesystem: true}\n";
        let docs = crate::yaml::parse(text).unwrap();
        let m = Manifests::new(text, &docs);
        let (_, p, c) = m.containers().next().unwrap();
        assert!(is_true(p.effective(c, "runAsNonRoot")));
        assert!(is_true(p.effective(c, "readOnlyRootFilesystem")));
        assert!(p.effective(c, "privileged").is_none());
    }

    #[test]
    fn patch_fragments_and_json_patches_are_told_apart() {
        let fragment = |body: &str| {
            let text = format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\n{body}");
            let docs = crate::yaml::parse(&text).unwrap();
            let m = Manifests::new(&text, &docs);
            m.objects[0].fragment
        };
        let whole = "spec:\n  selector: {matchLabels: {app: web}}\n  template:\n    spec:\n      containers:\n      - {name: web, image: web:1}\n";
        assert!(!fragment(whole));
        // a replicas patch, a resources patch (no image), a pod-level patch (no containers)
        assert!(fragment("spec:\n  replicas: 3\n"));
        assert!(fragment(
            "spec:\n  selector: {matchLabels: {app: web}}\n  template:\n    spec:\n      containers:\n      - {name: web, resources: {limits: {memory: 1Gi}}}\n"
        ));
        assert!(fragment(
            "spec:\n  selector: {matchLabels: {app: web}}\n  template:\n    spec:\n      nodeSelector: {disk: ssd}\n"
        ));
        // no selector is still a whole Deployment (drafts and lessons leave it out)
        assert!(!fragment(
            "spec:\n  template:\n    spec:\n      containers:\n      - {name: web, image: web:2}\n"
        ));
        // a strategic-merge directive
        assert!(fragment(&whole.replace(
            "- {name: web, image: web:1}",
            "- {name: web, image: web:1}\n      - {name: old, $patch: delete}"
        )));
        assert!(fragment("$patch: delete\n"));
        // a ConfigMap is never a fragment by shape; a bare Pod needs containers
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: true}\n---\n- op: replace\n  path: /spec/replicas\n  value: 3\n---\n- just a list\n";
        let docs = crate::yaml::parse(text).unwrap();
        let m = Manifests::new(text, &docs);
        assert_eq!(m.objects.iter().map(|o| o.fragment).collect::<Vec<_>>(), [false, true]);
        assert_eq!(m.json_patches.len(), 1);
        assert_eq!(m.strays.len(), 1);
        assert_eq!(m.whole_objects().count(), 1);
    }
}
