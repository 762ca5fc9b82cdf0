//! DW3000: the manifest is not valid YAML.

use crate::diagnostics::{Severity, Tag};
use crate::rule::{Check, Fixes, Rule};
use crate::sources;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3000",
    name: "k8s-syntax-error",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("The manifest is not valid YAML"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "The text breaks YAML's grammar at this point (tabs in indentation, a list item at the wrong depth, an \
            unclosed quote or bracket), so `kubectl` cannot read it. Nothing else is checked until it is fixed. (A \
            key given twice is DW3029: the file still reads, so the rest is checked.)",
        why: "`kubectl apply` rejects the whole file, so none of its objects are created or updated. Mis-indentation \
            that still parses is worse, because a setting silently lands on the wrong object: keep an eye on the \
            findings about misplaced keys too.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [web\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n",
        fix: "Read the message and the position. Indent with spaces, put list items (`- name: app`) under their key \
            consistently, and close every quote and bracket.",
    },
    quiz: quiz! {
        question: "Why does a tab used for indentation break a manifest?",
        choices: &[
            Choice {
                text: "YAML allows only spaces for indentation",
                correct: true,
                feedback: "Right: tabs are not indentation in YAML, so the structure cannot be read.",
            },
            Choice {
                text: "Kubernetes limits lines to 80 characters",
                correct: false,
                feedback: "There is no such limit.",
            },
            Choice {
                text: "Tabs are fine; only mixed tabs and spaces fail",
                correct: false,
                feedback: "A tab in indentation is an error on its own.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Syntax,
    standard: &[&sources::K8S_CONFIG],
    concern: None,
    fixes: Fixes::No,
};
