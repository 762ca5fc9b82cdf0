//! DW3000: the manifest is not valid YAML.

use crate::diagnostics::{Severity, Tag};
use crate::rule::{Check, Fixes, Rule, Scope};
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
        why: "`kubectl apply` fails with a parse error, and the objects in the broken part of the file are not \
            created or updated. Mis-indentation that still parses is worse, because a setting silently lands on the \
            wrong object: keep an eye on the findings about misplaced keys too.",
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
                feedback: "The YAML specification forbids tabs in indentation, so the reader cannot tell the \
                    structure and `kubectl` rejects the file.",
            },
            Choice {
                text: "kubectl turns tabs into four spaces, shifting keys",
                correct: false,
                feedback: "kubectl converts nothing: a tab in indentation is a YAML error before Kubernetes sees \
                    anything.",
            },
            Choice {
                text: "Tabs are fine; only mixing tabs and spaces fails",
                correct: false,
                feedback: "A tab in indentation is an error on its own, even in a file that uses tabs consistently.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Syntax,
    standard: &[&sources::YAML_INDENTATION, &sources::K8S_OBJECTS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};
