//! DW3027: the same env var twice in one container.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3027",
    name: "k8s-duplicate-env",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Environment variable defined twice in a container"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags an `env` entry whose name an earlier entry of the same container already uses.",
        why: "Kubernetes keeps the last one without a warning, so the value a reader sees first is not the one the \
            app gets. Duplicates usually come from merges or patches and hide configuration mistakes.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: LOG_LEVEL\n      value: info\n    - name: LOG_LEVEL\n      value: debug\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: LOG_LEVEL\n      value: info\n",
        fix: "Keep one entry per name and delete the other.",
    },
    quiz: quiz! {
        question: "A container lists `LOG_LEVEL=info` and later `LOG_LEVEL=debug`. What does the app see?",
        choices: &[
            Choice {
                text: "`debug`: the last entry wins silently",
                correct: true,
                feedback: "Right, and nothing warns about it.",
            },
            Choice {
                text: "`info`: the first entry wins",
                correct: false,
                feedback: "Later entries override earlier ones.",
            },
            Choice {
                text: "The pod is rejected",
                correct: false,
                feedback: "The API server accepts it; that is why a linter must catch it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["duplicate-env-var"],
    check: Check::Kubernetes(check),
    standard: &[&sources::K8S_CONFIG],
    concern: None,
    fixes: Fixes::No,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        let mut seen: Vec<&str> = Vec::new();
        for e in c.get("env").and_then(Node::as_seq).unwrap_or_default() {
            let Some(n) = e.get("name") else { continue };
            let Some(name) = n.as_str() else { continue };
            if seen.contains(&name) {
                out.report(
                    n.span,
                    format!(
                        "`{name}` is defined twice in {} of {}: the last one wins",
                        c.label(),
                        o.label()
                    ),
                );
            } else {
                seen.push(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env: [{name: A, value: '1'}, {name: A, value: '2'}]\n"), ["A"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env: [{name: A, value: '1'}, {name: B, value: '2'}]\n");
    }

    #[test]
    fn edge() {
        // the same name in two containers is fine
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env: [{name: A, value: '1'}]\n  - name: b\n    env: [{name: A, value: '1'}]\n");
    }
}
