//! DW2022: an invalid `container_name`.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2022",
    name: "compose-container-name-format",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("`container_name` is not a valid container name"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a `container_name` that Docker would refuse: it must start with a letter or digit and contain \
            only letters, digits, `_`, `.` and `-` (at least two characters).",
        why: "Docker validates the name only when creating the container, so the stack fails at `up` time, often on a \
            server, with an error far from the line that caused it.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n    container_name: \"my api\"\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    container_name: my-api\n",
        fix: "Use letters, digits, `-`, `_` and `.` only, starting with a letter or digit; or drop `container_name` \
            and let Compose generate one.",
    },
    quiz: quiz! {
        question: "Which container name will Docker accept?",
        choices: &[
            Choice {
                text: "`shop_api.v2`",
                correct: true,
                feedback: "A name must start with a letter or digit and may then use letters, digits, `_`, `.` and \
                    `-`; this one does.",
            },
            Choice {
                text: "`shop-api:v2`",
                correct: false,
                feedback: "A colon is not allowed: names take letters, digits, `_`, `.` and `-` only.",
            },
            Choice {
                text: "`-api`",
                correct: false,
                feedback: "A name must start with a letter or digit.",
            },
            Choice {
                text: "`my api`",
                correct: false,
                feedback: "Spaces are not allowed.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["service-container-name-regex"],
    check: Check::Compose(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Compose file reference: services.container_name (allowed characters)"),
        url: text!("https://docs.docker.com/reference/compose-file/services/#container_name"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

pub fn valid(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && name.len() >= 2
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        let Some(v) = s.get("container_name") else { continue };
        let Some(name) = v.scalar_text() else { continue };
        if !name.contains('$') && !valid(&name) {
            out.report(v.span, format!("`{name}` is not a valid container name: use letters, digits, `_`, `.`, `-`, starting with a letter or digit"));
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
            spans(&RULE, "services:\n  a:\n    container_name: \"-x\"\n"),
            ["\"-x\""]
        );
        fires(&RULE, "services:\n  a:\n    container_name: a/b\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    container_name: web_1.blue-green\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    container_name: ${PROJECT}-web\n");
    }
}
