//! DW3001: a document that is not a Kubernetes object.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "`kubectl apply` cannot decode such a document (\"Object 'Kind' is missing\") and creates nothing from \
            it. It usually means a mis-indented object, a Helm template that was not rendered, or a stray fragment \
            after a `---`.",
        bad: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\nmetadata:\n  name: orphan\n",
        good: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n",
        fix: "Give the document its `apiVersion` and `kind` (for example `apps/v1` and `Deployment`), or remove it.",
    },
    quiz: quiz! {
        question: "Which two fields tell the API server what kind of object a document is?",
        choices: &[
            Choice {
                text: "`apiVersion` and `kind`",
                correct: true,
                feedback: "Together they name the schema the object follows. `metadata` (with a name) is required as \
                    well, but it identifies the object rather than its kind.",
            },
            Choice {
                text: "`metadata.name` and `metadata.namespace`",
                correct: false,
                feedback: "They tell one object from others of its kind; the kind itself comes from `apiVersion` and \
                    `kind`. (`namespace` is optional.)",
            },
            Choice {
                text: "`spec` and `status`",
                correct: false,
                feedback: "`spec` holds the desired state and `status` is written by the cluster; neither says what \
                    the object is.",
            },
            Choice {
                text: "`type` and `version`",
                correct: false,
                feedback: "Kubernetes calls them `kind` and `apiVersion`; `type` is a field of some objects, such as \
                    Services and Secrets.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Objects in Kubernetes: Required fields"),
        url: text!("https://kubernetes.io/docs/concepts/overview/working-with-objects/#required-fields"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
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
