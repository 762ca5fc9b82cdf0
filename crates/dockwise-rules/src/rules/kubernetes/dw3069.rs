//! DW3069: mapping keys out of alphabetical order (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::{Node, Value};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3069",
    name: "k8s-sorted-keys",
    severity: Severity::Style,
    kind: FileKind::Kubernetes,
    title: text!("Keys of a mapping are not in alphabetical order"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags every mapping of an object, at any depth, whose keys are not in alphabetical order (byte order: \
            capitals before small letters), once per mapping, on the first key that is out of place, as kube-linter's \
            sorted-keys does. Off by default: a house style some teams adopt, not a fault.",
        why: "When every mapping is sorted, each key has exactly one place: a reviewer finds `resources` without \
            reading the whole container, two manifests of the same app line up in a diff, and two changes that add \
            different keys to one mapping rarely touch the same lines. The price is that related fields no longer \
            sit together (`name` lands in the middle of a container), which is why it is a choice, not a rule \
            of Kubernetes.",
        bad: "apiVersion: v1\nmetadata:\n  name: web\nkind: Pod\n\
            spec:\n  containers:\n  - image: myweb:3.1\n    name: web\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - image: myweb:3.1\n    name: web\n",
        fix: "Move the key to its place in the alphabet (the message names the order expected). Some editors and \
            `yq -P 'sort_keys(..)'` sort a whole file at once; check the diff, since comments move with their keys.",
    },
    quiz: quiz! {
        question: "Under kube-linter's sorted-keys, is a container written `name:` then `image:` sorted?",
        choices: &[
            Choice {
                text: "No: `image` comes before `name` in the alphabet",
                correct: true,
                feedback: "The order is the alphabet's, whatever the habit of writing the name first; this is the \
                    finding teams meet most when they switch the check on.",
            },
            Choice {
                text: "Yes: `name` always comes first in a list item",
                correct: false,
                feedback: "That is a common habit, not the alphabet; the check compares the keys as text.",
            },
            Choice {
                text: "Only the top level of a document is checked",
                correct: false,
                feedback: "Every mapping at every depth is compared: containers, ports, labels and so on.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["sorted-keys"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Configuration Best Practices (configuration kept in version control)"),
            url: text!("https://kubernetes.io/docs/concepts/configuration/overview/"),
        },
        &Source {
            title: text!("kube-linter docs: sorted-keys"),
            url: text!("https://docs.kubelinter.io/#/generated/checks?id=sorted-keys"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    // each document once: a List's items lie inside it (sorted by start,
    // an object inside the previous top-level one is skipped)
    let mut order: Vec<&Node> = m.objects.iter().map(|o| o.node).collect();
    order.sort_by_key(|n| (n.span.start, std::cmp::Reverse(n.span.end)));
    let mut end = 0;
    for node in order {
        if node.span.start < end {
            continue;
        }
        end = node.span.end;
        visit(node, "", out);
    }
}

/// Reports `node`'s mapping (at `path`) if unsorted, then every mapping in it.
fn visit(node: &Node, path: &str, out: &mut Reporter) {
    match &node.value {
        Value::Map(entries) => {
            let keys: Vec<(String, &Node)> = entries
                .iter()
                .filter_map(|(k, _)| k.scalar_text().map(|t| (t, k)))
                .collect();
            let mut sorted: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
            sorted.sort_unstable();
            if let Some(i) = (0..keys.len()).find(|&i| keys[i].0 != sorted[i]) {
                // the key that belongs at `i` is the one written too late
                let late = keys.iter().find(|(k, _)| k == sorted[i]).map_or(keys[i].1, |(_, n)| *n);
                let at = if path.is_empty() { "the top level" } else { path };
                out.report(
                    late.span,
                    format!(
                        "`{}` belongs before `{}`: keys of {at} in alphabetical order are {}",
                        sorted[i],
                        keys[i].0,
                        sorted.join(", ")
                    ),
                );
            }
            for (k, v) in entries {
                let key = k.scalar_text().unwrap_or_default();
                let child = if path.is_empty() { key } else { format!("{path}.{key}") };
                visit(v, &child, out);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                visit(item, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "apiVersion: v1\nmetadata: {name: p}\nspec: {}\nkind: Pod\n"),
            ["kind"]
        );
        let f = run(&RULE, "apiVersion: v1\nmetadata: {name: p}\nspec: {}\nkind: Pod\n");
        assert_eq!(
            f[0].message,
            "`kind` belongs before `metadata`: keys of the top level in alphabetical order are apiVersion, kind, \
             metadata, spec"
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\ndata: {a: 1, b: 2}\nkind: ConfigMap\nmetadata: {name: c}\n",
        );
    }

    #[test]
    fn edge() {
        // one finding per mapping, at every depth, in lists too; capitals sort first
        let text = "apiVersion: v1\nkind: ConfigMap\ndata: {b: 1, a: 2, Z: 3}\n";
        assert_eq!(spans(&RULE, text), ["data", "Z"]);
        // a List's items are checked once, inside the List
        let list = "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {labels: {y: 1, x: 2}, name: b}\nkind: List\n";
        assert_eq!(spans(&RULE, list), ["x"]);
    }

    /// kube-linter's e2e case (its sorted-keys file, rebuilt in our words):
    /// a container written `name`, `image`, `ports`; a Deployment whose
    /// `kind` comes last; a pod template whose `metadata` follows its `spec`;
    /// a Service with `type` first (so `ports` is out of place) and a port
    /// written `port`, ..., `name`;
    /// a CronJob with `concurrencyPolicy` last and an env var written
    /// `value`, `name`; sorted StatefulSet, Ingress and HPA: silent.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: app, image: app:1, ports: [{containerPort: 80}]}\n---\napiVersion: apps/v1\nmetadata: {name: b}\nspec: {replicas: 1}\nkind: Deployment\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: c}\nspec:\n  template:\n    spec:\n      containers: [{image: app:1, name: app}]\n    metadata: {labels: {app: c}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: d}\nspec:\n  type: LoadBalancer\n  selector: {app: d}\n  ports:\n  - {name: http, port: 80, protocol: TCP, targetPort: 8080}\n  - {port: 443, targetPort: 8443, protocol: TCP, name: https}\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: e}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - env: [{value: prod, name: ENV}]\n            image: tool:1\n            name: backup\n  concurrencyPolicy: Forbid\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: f}\nspec:\n  selector: {matchLabels: {app: f}}\n  serviceName: f\n  template:\n    metadata: {labels: {app: f}}\n    spec:\n      containers: [{image: db:13, name: db, ports: [{containerPort: 5432, name: db}]}]\n";
        assert_eq!(
            spans(&RULE, text),
            [
                "image",
                "kind",
                "metadata",
                "ports",
                "name",
                "name",
                "concurrencyPolicy"
            ]
        );
    }
}
