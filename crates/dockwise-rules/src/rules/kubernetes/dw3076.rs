//! DW3076: a label value Kubernetes does not accept.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::{Node, Value};
use dockwise_syntax::FileKind;

/// The longest label value the API accepts.
const MAX_LEN: usize = 63;

pub static RULE: Rule = Rule {
    id: "DW3076",
    name: "k8s-invalid-label-value",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Label value is not one Kubernetes accepts"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a value in an object's `metadata.labels`, or in a workload's pod template labels, that is longer \
            than 63 characters, holds a character other than letters, digits, `-`, `_` and `.`, or does not begin \
            and end with a letter or digit (kube-score's label-values checks the syntax). An unquoted number or \
            boolean (`version: 2`, `canary: true`) is flagged too: a label value must be a string.",
        why: "Label values are made to be matched by selectors, so the API server checks their syntax and rejects \
            the object whose label breaks it: the whole apply fails. A URL, an e-mail address, a version with `+` \
            or a sentence belong in an annotation, which holds any text. An unquoted `2` or `true` is a number or a \
            boolean in YAML, and the API refuses it where a string is expected.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\n    \
            repo: https://github.com/example/web\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\n  annotations:\n    \
            repo: https://github.com/example/web\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        fix: "Move free text to `metadata.annotations`; shorten or replace the characters a label value cannot hold \
            (`1.4.2+build7` becomes `1.4.2-build7`); quote numbers and booleans (`version: \"2\"`).",
    },
    quiz: quiz! {
        question: "Which of these label values does the API server accept?",
        choices: &[
            Choice {
                text: "`release-2024.06_b`",
                correct: true,
                feedback: "Letters, digits, `-`, `.` and `_`, beginning and ending with an alphanumeric character, \
                    63 characters at most: a valid label value.",
            },
            Choice {
                text: "`team@example.com`",
                correct: false,
                feedback: "`@` is not allowed in a label value; an address belongs in an annotation.",
            },
            Choice {
                text: "`-canary`",
                correct: false,
                feedback: "A label value must begin and end with a letter or a digit.",
            },
            Choice {
                text: "`v1/stable`",
                correct: false,
                feedback: "`/` may appear in a label key's prefix, never in its value.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["label-values"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_OBJECT_LABELS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// What is wrong with a label value, if anything.
fn problem(v: &Node) -> Option<String> {
    match &v.value {
        Value::Str(s) => {
            let valid_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
            if s.len() > MAX_LEN {
                Some(format!("is {} characters long (at most {MAX_LEN})", s.len()))
            } else if let Some(c) = s.chars().find(|&c| !valid_char(c)) {
                Some(format!("holds `{c}` (only letters, digits, `-`, `_` and `.`)"))
            } else if !s.is_empty()
                && (!s.starts_with(|c: char| c.is_ascii_alphanumeric())
                    || !s.ends_with(|c: char| c.is_ascii_alphanumeric()))
            {
                Some("must begin and end with a letter or digit".into())
            } else {
                None
            }
        }
        Value::Int(_) | Value::Float(_) => Some("is a number: quote it, a label value is a string".into()),
        Value::Bool(_) => Some("is a boolean: quote it, a label value is a string".into()),
        _ => None,
    }
}

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for o in &m.objects {
        let own = o.metadata.and_then(|md| md.get("labels"));
        // a Pod's template labels are its own
        let template = if o.kind == "Pod" { None } else { o.pod_labels };
        for labels in [own, template].into_iter().flatten() {
            for (k, v) in labels.as_map().unwrap_or_default() {
                if let Some(why) = problem(v) {
                    let key = k.scalar_text().unwrap_or_default();
                    out.report(v.span, format!("label `{key}` of {} {why}", o.label()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn pod(labels: &str) -> String {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {{{labels}}}\nspec: {{containers: [{{name: c, image: c:1}}]}}\n")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &pod("owner: team@example.com, v: 1.4.2+b7, x: -a")),
            ["team@example.com", "1.4.2+b7", "-a"]
        );
        assert_eq!(spans(&RULE, &pod(&format!("long: {}", "a".repeat(64)))).len(), 1);
        // numbers and booleans are not strings
        assert_eq!(spans(&RULE, &pod("version: 2, canary: true")), ["2", "true"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &pod(&format!(
                "app: web, version: \"2\", empty: \"\", long: {}",
                "a".repeat(63)
            )),
        );
    }

    #[test]
    fn edge() {
        // a pod template's labels are checked too
        assert_eq!(spans(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {app: \"web app\"}}\n    spec: {containers: [{name: c, image: c:1}]}\n"), ["\"web app\""]);
        // annotations hold any text
        silent(
            &RULE,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {repo: \"https://x/y\"}}\n",
        );
    }

    /// kube-score's cases: a value with a slash beside a good one is one
    /// report, on the bad value; `foo-bar` passes.
    #[test]
    fn kube_score_expectation() {
        assert_eq!(
            spans(&RULE, &pod("foo: engineering/kustomize, bar: baribar")),
            ["engineering/kustomize"]
        );
        silent(&RULE, &pod("foo: foo-bar"));
    }
}
