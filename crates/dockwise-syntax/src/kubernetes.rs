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
use std::collections::HashMap;

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
    /// The set's index (objects by kind, namespace and name; workloads by
    /// their pod template's labels), built in one pass by [`Manifests::new`].
    index: Index<'a>,
}

/// A namespace as written: `None` when the object has none, so it lands in
/// whatever namespace the command applies it to (`kubectl apply -n ...`, the
/// context's default). Two objects without a namespace are taken to be in
/// the same one; an object without a namespace and one in `default` are
/// not (the first may be applied anywhere).
pub type Namespace<'a> = Option<&'a str>;

/// The manifest set's lookup tables. Every table maps to indices into
/// [`Manifests::objects`], in document order.
#[derive(Default)]
struct Index<'a> {
    /// (kind, namespace, name) → objects (usually one; a set may repeat one).
    by_name: HashMap<(&'a str, Namespace<'a>, &'a str), Vec<usize>>,
    /// Kind → objects of that kind.
    by_kind: HashMap<&'a str, Vec<usize>>,
    /// Namespace → workloads (objects with a pod template) in it.
    workloads: HashMap<Namespace<'a>, Vec<usize>>,
    /// (namespace, label key, label value) → workloads whose pod template
    /// carries that label.
    by_label: HashMap<(Namespace<'a>, &'a str, String), Vec<usize>>,
    /// (namespace, label key) → workloads whose pod template has that key.
    by_label_key: HashMap<(Namespace<'a>, &'a str), Vec<usize>>,
}

pub struct Object<'a> {
    pub node: &'a Node,
    pub kind: &'a str,
    pub kind_node: &'a Node,
    pub name: Option<&'a str>,
    pub metadata: Option<&'a Node>,
    /// `metadata.namespace`, see [`Namespace`].
    pub namespace: Namespace<'a>,
    /// The labels of the pods a workload makes (its pod template's
    /// `metadata.labels`, a Pod's own), for workload kinds: set even when the
    /// template has no `spec` (a patch fragment, or a sketch in a lesson).
    pub pod_labels: Option<&'a Node>,
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

/// Is this a workload kind (one that runs pods: Pod, Deployment,
/// StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob,
/// OpenShift's DeploymentConfig)?
pub fn is_workload_kind(kind: &str) -> bool {
    pod_path(kind).is_some()
}

/// Where the pod spec of each workload kind lives (OpenShift's
/// DeploymentConfig keeps its pod template where a Deployment does).
fn pod_path(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "Pod" => &[],
        "Deployment"
        | "StatefulSet"
        | "DaemonSet"
        | "ReplicaSet"
        | "ReplicationController"
        | "Job"
        | "DeploymentConfig" => &["spec", "template"],
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
            index: Index::default(),
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
        m.index = Index::build(&m.objects);
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
        let pod_labels = pod_path(kind).and_then(|path| {
            if kind == "Pod" {
                metadata?.get("labels")
            } else {
                node.path(path)?.path(&["metadata", "labels"])
            }
        });
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
            namespace: metadata.and_then(|m| m.get("namespace")).and_then(Node::as_str),
            pod_labels,
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

impl<'a> Index<'a> {
    /// One pass over the objects; each workload's labels are entered once.
    fn build(objects: &[Object<'a>]) -> Index<'a> {
        let mut ix = Index::default();
        for (i, o) in objects.iter().enumerate() {
            ix.by_kind.entry(o.kind).or_default().push(i);
            if let Some(name) = o.name {
                ix.by_name.entry((o.kind, o.namespace, name)).or_default().push(i);
            }
            if pod_path(o.kind).is_none() {
                continue;
            }
            ix.workloads.entry(o.namespace).or_default().push(i);
            for (k, v) in o.pod_labels.and_then(Node::as_map).unwrap_or_default() {
                let (Some(key), Some(value)) = (k.as_str(), v.scalar_text()) else {
                    continue;
                };
                ix.by_label.entry((o.namespace, key, value)).or_default().push(i);
                ix.by_label_key.entry((o.namespace, key)).or_default().push(i);
            }
        }
        ix
    }
}

/// How a label selector requirement compares a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelOp {
    /// The label has one of the values (`matchLabels` and a Service's
    /// selector are `In` with one value).
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// One requirement of a label selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement<'a> {
    pub key: &'a str,
    pub op: LabelOp,
    pub values: Vec<String>,
}

/// A label selector: every requirement must hold. An empty selector
/// selects every pod (a NetworkPolicy's `podSelector: {}`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Selector<'a> {
    pub requirements: Vec<Requirement<'a>>,
}

impl<'a> Selector<'a> {
    /// A map of labels, as a Service's `spec.selector` (or a
    /// ReplicationController's) writes one: every label must match. `None`
    /// when the node is not a mapping of scalars.
    pub fn from_map(n: &'a Node) -> Option<Selector<'a>> {
        let mut requirements = Vec::new();
        for (k, v) in n.as_map()? {
            requirements.push(Requirement {
                key: k.as_str()?,
                op: LabelOp::In,
                values: vec![v.scalar_text()?],
            });
        }
        Some(Selector { requirements })
    }

    /// A `LabelSelector` (`matchLabels` and `matchExpressions` with `In`,
    /// `NotIn`, `Exists`, `DoesNotExist`). `None` when it cannot be read
    /// (not a mapping, an unknown operator, `In` without values): a rule
    /// then has no selector to judge.
    pub fn from_label_selector(n: &'a Node) -> Option<Selector<'a>> {
        if n.is_null() {
            return Some(Selector::default());
        }
        n.as_map()?;
        let mut sel = match n.get("matchLabels") {
            Some(m) if !m.is_null() => Selector::from_map(m)?,
            _ => Selector::default(),
        };
        for e in n.get("matchExpressions").map(Node::items).unwrap_or_default() {
            let key = e.get("key").and_then(Node::as_str)?;
            let op = match e.get("operator").and_then(Node::as_str)? {
                "In" => LabelOp::In,
                "NotIn" => LabelOp::NotIn,
                "Exists" => LabelOp::Exists,
                "DoesNotExist" => LabelOp::DoesNotExist,
                _ => return None,
            };
            let values: Vec<String> = e
                .get("values")
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .filter_map(Node::scalar_text)
                .collect();
            if matches!(op, LabelOp::In | LabelOp::NotIn) && values.is_empty() {
                return None;
            }
            sel.requirements.push(Requirement { key, op, values });
        }
        Some(sel)
    }

    /// Selects every pod.
    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
    }

    /// Do these labels (a mapping, or none) satisfy every requirement?
    pub fn matches(&self, labels: Option<&Node>) -> bool {
        self.requirements.iter().all(|r| {
            let have = labels.and_then(|l| l.get(r.key)).and_then(Node::scalar_text);
            match (r.op, have) {
                (LabelOp::In, Some(h)) => r.values.contains(&h),
                (LabelOp::NotIn, Some(h)) => !r.values.contains(&h),
                (LabelOp::NotIn, None) | (LabelOp::DoesNotExist, None) | (LabelOp::Exists, Some(_)) => true,
                (LabelOp::In, None) | (LabelOp::Exists, None) | (LabelOp::DoesNotExist, Some(_)) => false,
            }
        })
    }

    /// `app=web, tier in (a, b)` for messages.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .requirements
            .iter()
            .map(|r| match (r.op, r.values.as_slice()) {
                (LabelOp::In, [one]) => format!("{}={one}", r.key),
                (LabelOp::In, vs) => format!("{} in ({})", r.key, vs.join(", ")),
                (LabelOp::NotIn, vs) => format!("{} notin ({})", r.key, vs.join(", ")),
                (LabelOp::Exists, _) => r.key.to_string(),
                (LabelOp::DoesNotExist, _) => format!("!{}", r.key),
            })
            .collect();
        if parts.is_empty() {
            "(every pod)".to_string()
        } else {
            parts.join(", ")
        }
    }
}

impl<'a> Manifests<'a> {
    /// The objects of `kind` named `name` in `namespace` (see [`Namespace`]:
    /// no namespace matches no namespace), first one first.
    pub fn find(&self, kind: &str, namespace: Namespace<'_>, name: &str) -> Option<&Object<'a>> {
        self.index
            .by_name
            .get(&(kind, namespace, name))
            .and_then(|v| v.first())
            .map(|&i| &self.objects[i])
    }

    /// Every object of `kind`, in document order.
    pub fn of_kind(&self, kind: &str) -> impl Iterator<Item = &Object<'a>> {
        self.index
            .by_kind
            .get(kind)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.objects[i])
    }

    /// Does the set hold an object of `kind`?
    pub fn has_kind(&self, kind: &str) -> bool {
        self.index.by_kind.contains_key(kind)
    }

    /// Does the set hold a workload (an object with a pod template)?
    pub fn has_workloads(&self) -> bool {
        !self.index.workloads.is_empty()
    }

    /// The workloads in `namespace` whose pods `selector` selects (their pod
    /// template's labels; a Pod's own), in document order. The label index
    /// narrows the search to the workloads carrying one of the labels an
    /// `In` requirement names (or the key an `Exists` one names); only a
    /// selector made of `NotIn` and `DoesNotExist` alone, or an empty one,
    /// looks at every workload of the namespace.
    pub fn pods_selected(&self, namespace: Namespace<'_>, selector: &Selector) -> Vec<&Object<'a>> {
        let mut found: Vec<usize> = self
            .candidates(namespace, selector)
            .into_iter()
            .filter(|&i| selector.matches(self.objects[i].pod_labels))
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| &self.objects[i]).collect()
    }

    /// Does `selector` select the pods of at least one workload in
    /// `namespace`? (Stops at the first.)
    pub fn selects_any(&self, namespace: Namespace<'_>, selector: &Selector) -> bool {
        self.candidates(namespace, selector)
            .into_iter()
            .any(|i| selector.matches(self.objects[i].pod_labels))
    }

    fn candidates(&self, namespace: Namespace<'_>, selector: &Selector) -> Vec<usize> {
        let ix = &self.index;
        if let Some(r) = selector.requirements.iter().find(|r| r.op == LabelOp::In) {
            let mut out = Vec::new();
            for v in &r.values {
                if let Some(found) = ix.by_label.get(&(namespace, r.key, v.clone())) {
                    out.extend_from_slice(found);
                }
            }
            return out;
        }
        if let Some(r) = selector.requirements.iter().find(|r| r.op == LabelOp::Exists) {
            return ix
                .by_label_key
                .get(&(namespace, r.key))
                .map(Vec::as_slice)
                .unwrap_or_default()
                .to_vec();
        }
        ix.workloads
            .get(&namespace)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .to_vec()
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

    fn set(text: &str) -> (Vec<Node>, String) {
        (crate::yaml::parse(text).unwrap(), text.to_string())
    }

    const SET: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: web, tier: front, version: 2}}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: api}\nspec:\n  template:\n    metadata: {labels: {app: api, tier: back}}\n    spec:\n      containers: [{name: api, image: api:1}]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: batch}}\n        spec: {containers: [{name: job, image: job:1}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n";

    #[test]
    fn finds_objects_by_kind_namespace_and_name() {
        let (docs, text) = set(SET);
        let m = Manifests::new(&text, &docs);
        assert_eq!(
            m.find("Service", Some("shop"), "web").map(|o| o.namespace),
            Some(Some("shop"))
        );
        // no namespace matches no namespace only
        assert!(m.find("Service", None, "web").is_some_and(|o| o.namespace.is_none()));
        assert!(m.find("Service", Some("default"), "web").is_none());
        assert!(m.find("Deployment", None, "web").is_none());
        assert_eq!(m.of_kind("Service").count(), 2);
        assert!(m.has_kind("CronJob") && !m.has_kind("Ingress") && m.has_workloads());
        // DeploymentConfig and CronJob are workloads, with containers
        let kinds: Vec<_> = m.workloads().map(|(o, _)| o.kind).collect();
        assert_eq!(kinds, ["DeploymentConfig", "CronJob"]);
        // a template without a spec still has pod labels
        assert!(m.objects[0].pod_labels.is_some() && m.objects[0].pod.is_none());
    }

    #[test]
    fn selects_pods_by_labels_and_expressions() {
        let (docs, text) = set(SET);
        let m = Manifests::new(&text, &docs);
        let names = |ns: Namespace, sel: &str| -> Vec<&str> {
            let node = crate::yaml::parse(sel).unwrap().remove(0);
            let node: &'static Node = Box::leak(Box::new(node));
            let s = Selector::from_label_selector(node).unwrap();
            m.pods_selected(ns, &s).iter().filter_map(|o| o.name).collect()
        };
        assert_eq!(names(Some("shop"), "matchLabels: {app: web}"), ["web"]);
        assert_eq!(names(None, "matchLabels: {app: web}"), Vec::<&str>::new());
        // a number label compares as text
        assert_eq!(names(Some("shop"), "matchLabels: {version: \"2\"}"), ["web"]);
        assert_eq!(
            names(
                None,
                "matchExpressions: [{key: app, operator: In, values: [api, batch]}]"
            ),
            ["api", "nightly"]
        );
        assert_eq!(
            names(
                None,
                "matchExpressions: [{key: tier, operator: NotIn, values: [front]}]"
            ),
            ["api", "nightly"]
        );
        assert_eq!(
            names(None, "matchExpressions: [{key: tier, operator: Exists}]"),
            ["api"]
        );
        assert_eq!(
            names(None, "matchExpressions: [{key: tier, operator: DoesNotExist}]"),
            ["nightly"]
        );
        assert_eq!(
            names(
                None,
                "matchLabels: {tier: back}\nmatchExpressions: [{key: app, operator: NotIn, values: [api]}]"
            ),
            Vec::<&str>::new()
        );
        // an empty selector selects every pod of the namespace
        assert_eq!(names(None, "{}"), ["api", "nightly"]);
        // unknown operators and `In` without values are not read
        let bad = crate::yaml::parse("matchExpressions: [{key: a, operator: Near, values: [b]}]").unwrap();
        assert!(Selector::from_label_selector(&bad[0]).is_none());
        let bad = crate::yaml::parse("matchExpressions: [{key: a, operator: In}]").unwrap();
        assert!(Selector::from_label_selector(&bad[0]).is_none());
        // a Service's selector is a plain map
        let svc = m.find("Service", Some("shop"), "web").unwrap();
        let s = Selector::from_map(svc.node.path(&["spec", "selector"]).unwrap()).unwrap();
        assert!(m.selects_any(Some("shop"), &s));
        assert!(!m.selects_any(None, &s));
        assert_eq!(s.describe(), "app=web");
    }

    #[test]
    fn the_index_is_built_in_one_pass() {
        // 3,000 workloads and as many Services: building and querying stays fast
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(&format!(
                "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: d{i}}}\nspec:\n  template:\n    metadata: {{labels: {{app: a{i}}}}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: s{i}}}\nspec: {{selector: {{app: a{i}}}}}\n"
            ));
        }
        let docs = crate::yaml::parse(&text).unwrap();
        let start = std::time::Instant::now();
        let m = Manifests::new(&text, &docs);
        let matched = m
            .of_kind("Service")
            .filter(|s| {
                let sel = Selector::from_map(s.node.path(&["spec", "selector"]).unwrap()).unwrap();
                m.pods_selected(s.namespace, &sel).len() == 1
            })
            .count();
        assert_eq!(matched, 3000);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }
}
