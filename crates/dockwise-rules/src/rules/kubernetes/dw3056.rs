//! DW3056: an env var taken from a Secret or ConfigMap key the set lacks.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::{is_true, Manifests};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3056",
    name: "k8s-missing-env-source",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Env var reads a Secret or ConfigMap key the manifest set does not define"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags an `env` entry's `valueFrom.secretKeyRef` or `configMapKeyRef` whose Secret or ConfigMap is not \
            in the manifest set (in the workload's namespace), or has no such key (in `data`, `stringData` or \
            `binaryData`). References marked `optional: true` are left alone, and it looks only when the set \
            defines at least one object of the kind referenced: otherwise they live elsewhere.",
        why: "A container whose env var names a missing Secret or ConfigMap, or a missing key in one, does not \
            start: the kubelet reports a configuration error and retries, and the workload never becomes \
            available, although every object applied cleanly.",
        bad: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  LOG_LEVEL: info\n\
            ---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    env:\n    - name: LOG_LEVEL\n      valueFrom:\n        configMapKeyRef:\n          name: web\n          key: log_level\n",
        good: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  LOG_LEVEL: info\n\
            ---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n    env:\n    - name: LOG_LEVEL\n      valueFrom:\n        configMapKeyRef:\n          name: web\n          key: LOG_LEVEL\n",
        fix: "Make the reference name an object and a key the set defines (keys are case-sensitive), or mark it \
            `optional: true` when the container can start without it.",
    },
    quiz: quiz! {
        question: "A pod's env var reads key `password` of a Secret that exists but has no such key. What happens?",
        choices: &[
            Choice {
                text: "The container does not start",
                correct: true,
                feedback: "A missing key is an error, just like a missing Secret, unless the reference is \
                    optional.",
            },
            Choice {
                text: "The variable is set to an empty string",
                correct: false,
                feedback: "Only an optional reference is skipped quietly; a required one stops the container.",
            },
            Choice {
                text: "The API server rejects the pod",
                correct: false,
                feedback: "The pod is accepted; the kubelet fails when it builds the container's environment.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["env-value-from"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Secrets (using Secrets as environment variables, optional Secrets)"),
            url: text!("https://kubernetes.io/docs/concepts/configuration/secret/"),
        },
        &Source {
            title: text!("Kubernetes docs: ConfigMaps"),
            url: text!("https://kubernetes.io/docs/concepts/configuration/configmap/"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let judged = |kind: &str| m.has_kind(kind);
    for (o, _, c) in m.containers() {
        for e in c.get("env").map(Node::items).unwrap_or_default() {
            for (reference, kind) in [("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")] {
                let Some(r) = e.get("valueFrom").and_then(|v| v.get(reference)) else {
                    continue;
                };
                if is_true(r.get("optional")) || !judged(kind) {
                    continue;
                }
                let (Some(name_node), Some(key_node)) = (r.get("name"), r.get("key")) else {
                    continue;
                };
                let (Some(name), Some(key)) = (name_node.as_str(), key_node.as_str()) else {
                    continue;
                };
                let Some(obj) = m.find(kind, o.namespace, name) else {
                    out.report(
                        name_node.span,
                        format!(
                            "{} of {} reads {kind} `{name}`, which this manifest set does not define",
                            c.label(),
                            o.label()
                        ),
                    );
                    continue;
                };
                let has = ["data", "stringData", "binaryData"]
                    .iter()
                    .any(|d| obj.node.get(d).and_then(|n| n.get(key)).is_some());
                if !has {
                    out.report(
                        key_node.span,
                        format!(
                            "{} of {} reads key `{key}` of {kind} `{name}`, which has no such key",
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

    const SECRET: &str = "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: x}\n---\n";

    fn pod(r: &str) -> String {
        format!("{SECRET}apiVersion: v1\nkind: Pod\nspec:\n  containers: [{{name: c, image: c:1, env: [{{name: P, valueFrom: {{secretKeyRef: {r}}}}}]}}]\n")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &pod("{name: db, key: pasword}")), ["pasword"]);
        assert_eq!(spans(&RULE, &pod("{name: dbb, key: password}")), ["dbb"]);
    }

    #[test]
    fn good() {
        silent(&RULE, &pod("{name: db, key: password}"));
    }

    #[test]
    fn edge() {
        silent(&RULE, &pod("{name: gone, key: password, optional: true}"));
        // no ConfigMap in the set: a ConfigMap reference is not judged
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: c, image: c:1, env: [{name: P, valueFrom: {configMapKeyRef: {name: cm, key: k}}}]}]\n");
    }

    /// kube-linter's fixture: a Deployment reading key `chimpmunk` of a
    /// Secret holding `chimpmun`, and one reading an existing key: one report.
    #[test]
    fn kube_linter_expectation() {
        let deploy = |name: &str, secret: &str, key: &str| {
            format!("---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  selector: {{matchLabels: {{app: test}}}}\n  template:\n    metadata: {{labels: {{app: test}}}}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.14.2\n        env: [{{name: BLAH, valueFrom: {{secretKeyRef: {{name: {secret}, key: {key}}}}}}}]\n")
        };
        let text = [
            deploy("should-fire", "secretsquirrels", "chimpmunk"),
            "---\napiVersion: v1\nkind: Secret\nmetadata: {name: secretsquirrels}\nstringData: {chimpmun: aaaaaaa}\n"
                .to_string(),
            deploy("should-pass", "validsecret", "validkey"),
            "---\napiVersion: v1\nkind: Secret\nmetadata: {name: validsecret}\nstringData: {validkey: bbbbbbb}\n"
                .to_string(),
        ]
        .concat();
        assert_eq!(spans(&RULE, &text), ["chimpmunk"]);
    }
}
