//! DW2020: two services with the same `container_name`.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2020",
    name: "compose-duplicate-container-name",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("Two services use the same `container_name`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a `container_name` already used by an earlier service.",
        why: "Container names are unique on a Docker host. The second service fails to start with a name conflict, \
            often only after the first is already running, which leaves a half-started stack.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n    container_name: app\n  worker:\n    image: myworker:2.0.1\n    container_name: app\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    container_name: app-api\n  worker:\n    image: myworker:2.0.1\n    container_name: app-worker\n",
        fix: "Give each service its own name, or drop `container_name` and let Compose name containers \
            `<project>-<service>-<n>` (which also allows scaling).",
    },
    quiz: quiz! {
        question: "Why do many teams avoid `container_name` altogether?",
        choices: &[
            Choice {
                text: "It allows one such container per host",
                correct: true,
                feedback: "Names are unique per Docker host: the service cannot scale past one container, and two \
                    copies of the project (two branches, say) clash. Compose's generated names are unique per \
                    project and replica.",
            },
            Choice {
                text: "It is deprecated in the Compose Specification",
                correct: false,
                feedback: "It is still part of the specification; it is avoided because it limits, not because it is \
                    going away.",
            },
            Choice {
                text: "Compose can no longer recreate the container on changes",
                correct: false,
                feedback: "Compose still recreates it when the configuration changes, removing the old container \
                    first; what it cannot do is run two of them.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["no-duplicate-container-names"],
    check: Check::Compose(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Compose file reference: services.container_name"),
        url: text!("https://docs.docker.com/reference/compose-file/services/#container_name"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for s in &c.services {
        let Some(v) = s.get("container_name") else { continue };
        let Some(name) = v.scalar_text() else { continue };
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            out.report(
                v.span,
                format!("container name `{name}` is already used by service `{first}`"),
            );
        } else {
            seen.push((name, s.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(
                &RULE,
                "services:\n  a:\n    container_name: x\n  b:\n    container_name: \"x\"\n"
            ),
            ["\"x\""]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    container_name: x\n  b:\n    container_name: y\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    image: x:1\n  b:\n    image: x:1\n");
    }
}
