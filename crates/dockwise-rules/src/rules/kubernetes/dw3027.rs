//! DW3027: the same env var twice in one container.

use crate::diagnostics::{Applicability, Fix};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::edit::Editor;
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
        why: "Kubernetes accepts duplicate names but warns that the earlier entry \"may be dropped when using \
            apply\": `kubectl apply` merges env entries by name, so which value the app gets depends on how the \
            object was applied, and a reader cannot tell from the file. Duplicates usually come from merges or \
            patches and hide configuration mistakes.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: LOG_LEVEL\n      value: info\n    - name: LOG_LEVEL\n      value: debug\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: LOG_LEVEL\n      value: info\n",
        fix: "Keep one entry per name and delete the other.",
    },
    quiz: quiz! {
        question: "What happens when a container lists `LOG_LEVEL` twice in `env`?",
        choices: &[
            Choice {
                text: "It is accepted with a warning about apply",
                correct: true,
                feedback: "The API server accepts it but warns that the earlier entry \"may be dropped when using \
                    apply\": apply merges env entries by name, so which value the app ends up with depends on how \
                    the object was applied.",
            },
            Choice {
                text: "The first entry wins and the second is ignored",
                correct: false,
                feedback: "When both reach the container, the later one is what the process sees; which entries \
                    reach the object at all depends on how it was applied.",
            },
            Choice {
                text: "The API server rejects the pod",
                correct: false,
                feedback: "It accepts it and only warns; that is why the mistake survives in manifests.",
            },
            Choice {
                text: "Kubernetes merges the two values into one",
                correct: false,
                feedback: "Values are never merged; one entry hides the other.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["duplicate-env-var", "environment-variable-key-duplication"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Define Environment Variables for a Container"),
            url: text!(
                "https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/"
            ),
        },
        &Source {
            title: text!("Kubernetes source: pod warnings (\"hides previous definition\")"),
            url: text!("https://github.com/kubernetes/kubernetes/blob/master/pkg/api/pod/warnings.go"),
        },
    ],
    concern: None,
    fixes: Fixes::Contextual,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, _, c) in m.containers() {
        // each name and the index of its latest entry so far
        let mut seen: Vec<(&str, usize)> = Vec::new();
        let env = c.get("env").and_then(Node::as_seq).unwrap_or_default();
        for (i, e) in env.iter().enumerate() {
            let Some(n) = e.get("name") else { continue };
            let Some(name) = n.as_str() else { continue };
            match seen.iter_mut().find(|(s, _)| *s == name) {
                Some((_, earlier)) => {
                    let previous = std::mem::replace(earlier, i);
                    let fix = || drop_earlier(&ed, c.node, env, previous, i, name);
                    out.push(
                        Diagnostic::new(
                            n.span,
                            format!(
                                "`{name}` is defined twice in {} of {}: the last one wins",
                                c.label(),
                                o.label()
                            ),
                        )
                        .with_fix(fix),
                    );
                }
                None => seen.push((name, i)),
            }
        }
    }
}

/// Deletes the entry `earlier` that entry `later` overrides. The container
/// sees the same value either way, so the fix is safe, unless an entry in
/// between refers to the variable (`$(NAME)`): that one saw the earlier value.
fn drop_earlier(ed: &Editor, container: &Node, env: &[Node], earlier: usize, later: usize, name: &str) -> Option<Fix> {
    let reference = format!("$({name})");
    let used = env[earlier + 1..later].iter().any(|e| {
        e.get("value")
            .and_then(Node::as_str)
            .is_some_and(|v| v.contains(&reference))
    });
    let applicability = if used {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    fixes::fix(
        applicability,
        &format!("delete the earlier `{name}`"),
        ed.remove_item(container, &["env"], earlier),
    )
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

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    env:\n";
        let src = format!("{pod}    - name: LOG\n      value: info\n    - name: PORT\n      value: \"80\"\n    - name: LOG\n      value: debug\n");
        assert_eq!(
            fixed(&RULE, &src),
            format!("{pod}    - name: PORT\n      value: \"80\"\n    - name: LOG\n      value: debug\n")
        );
        assert_eq!(
            run(&RULE, &src)[0].fix.as_ref().unwrap().applicability,
            Applicability::Safe
        );
        // an entry in between refers to the earlier value: unsafe
        let src = format!("{pod}    - name: LOG\n      value: info\n    - name: ARGS\n      value: --log=$(LOG)\n    - name: LOG\n      value: debug\n");
        assert_eq!(
            run(&RULE, &src)[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        // three times: each later one drops the one before
        fix_converges(&RULE, &format!("{pod}    - name: A\n      value: \"1\"\n    - name: A\n      value: \"2\"\n    - name: A\n      value: \"3\"\n"));
        assert!(
            run(
                &RULE,
                &format!("{pod}    - {{name: A, value: \"1\"}}\n    - {{name: A, value: \"2\"}}\n")
            )[0]
            .fix
            .is_some(),
            "one-line flow items are whole lines"
        );
        assert!(run(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env: [{name: A}, {name: A}]\n"
        )[0]
        .fix
        .is_none());
    }
}
