//! DW3001: a document that is not a Kubernetes object.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3001",
    name: "k8s-not-an-object",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Document has no `apiVersion` and `kind`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a YAML document in a manifest file that lacks `apiVersion` or `kind`, the two fields every \
            Kubernetes object starts with. A JSON patch (a list of `op`/`path` operations, the form kustomize and \
            `kubectl patch --type json` read) is a patch, not a stray document, and is not flagged.",
        why: "`kubectl apply` refuses such a document, and with it the whole file. It usually means a mis-indented \
            object, a Helm template that was not rendered, or a stray fragment after a `---`.",
        bad: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\nmetadata:\n  name: orphan\n",
        good: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n",
        fix: "Give the document its `apiVersion` and `kind` (for example `apps/v1` and `Deployment`), or remove it.",
    },
    quiz: quiz! {
        question: "Which two fields does every Kubernetes object need at its top?",
        choices: &[
            Choice {
                text: "`apiVersion` and `kind`",
                correct: true,
                feedback: "Right: together they tell the API server which schema the object follows.",
            },
            Choice {
                text: "`name` and `namespace`",
                correct: false,
                feedback: "Those live under `metadata`, and namespace is optional.",
            },
            Choice {
                text: "`spec` and `status`",
                correct: false,
                feedback: "`status` is written by the cluster, and some kinds have no spec.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_CONFIG],
    concern: None,
    fixes: Fixes::No,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for d in &m.strays {
        let at = d
            .as_map()
            .and_then(|e| e.first())
            .map(|(k, _)| k.span)
            .unwrap_or(d.span);
        let missing = match (d.get("apiVersion").is_some(), d.get("kind").is_some()) {
            (true, false) => "`kind`",
            (false, true) => "`apiVersion`",
            _ => "`apiVersion` and `kind`",
        };
        out.report(
            at,
            format!("this document has no {missing}: it is not a Kubernetes object"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "kind: Pod\nmetadata: {}\n"), ["kind"]);
        fires(&RULE, "- a\n- b\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\n---\n# trailing comment only\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "---\n---\napiVersion: v1\nkind: List\nitems: []\n");
        // a JSON patch (kustomize's patchesJson6902) is a patch, not a stray
        silent(
            &RULE,
            "- op: replace\n  path: /spec/replicas\n  value: 3\n- op: remove\n  path: /spec/strategy\n",
        );
        fires(
            &RULE,
            "- op: replace\n  path: /spec/replicas\n- name: not an operation\n",
        );
    }
}
