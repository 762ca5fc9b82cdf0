//! DW2001: no top-level `services:` mapping.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::span::Span;
use dockwise_syntax::yaml::Value;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2001",
    name: "compose-no-services",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("No `services:` mapping: this is not a Compose file"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags YAML without a top-level `services:` mapping of service names to their settings. Without one it \
            is not a Compose file (and with no `apiVersion` and `kind` it is not a Kubernetes manifest either).",
        why: "Every container Compose runs is declared under `services:`. A file without it (or with `services` as a \
            list) starts nothing, and usually means the wrong file was pasted or the indentation slipped.",
        bad: "web:\n  image: nginx:1.27\n",
        good: "services:\n  web:\n    image: nginx:1.27\n",
        fix: "Put the services under a top-level `services:` key, each service a key of its own. If the file is a \
            Kubernetes manifest, give it `apiVersion` and `kind` (or choose the kind by hand).",
    },
    quiz: quiz! {
        question: "How must the services of a Compose file be written?",
        choices: &[
            Choice {
                text: "As a mapping under `services:`, keyed by service name",
                correct: true,
                feedback: "`services:` maps each name (`web`, `db`) to that service's settings; the name is also how \
                    other services reach it on the project network.",
            },
            Choice {
                text: "As a list of `- name: web` entries under `services:`",
                correct: false,
                feedback: "That is the shape of a Kubernetes container list. Compose keys services by name, so a \
                    list under `services:` is refused.",
            },
            Choice {
                text: "As top-level keys, one per service",
                correct: false,
                feedback: "That was the layout of the old version 1 format. Today the top level holds elements such \
                    as `services`, `networks`, `volumes`, `secrets`, `configs`, `include`, `name` and `x-` \
                    extensions.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::COMPOSE_SERVICES],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let Some(root) = c.root else {
        out.report(
            Span::new(0, 0),
            "the file is empty: a Compose file needs a `services:` mapping",
        );
        return;
    };
    match c.top("services") {
        Some((_, v)) if matches!(v.value, Value::Map(_)) => {}
        Some((k, v)) => out.report(
            k.span.cover(v.span),
            format!(
                "`services` must map service names to settings, not be a {}",
                v.kind_name()
            ),
        ),
        None => {
            let at = root
                .as_map()
                .and_then(|m| m.first())
                .map(|(k, _)| k.span)
                .unwrap_or(root.span);
            out.report(at, "no top-level `services:`: this is neither a Compose file nor (without `apiVersion` and `kind`) a Kubernetes manifest");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "foo: bar\n"), ["foo"]);
        fires(&RULE, "services:\n  - web\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  web:\n    image: nginx:1.27\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "services: {}\n");
        fires(&RULE, "# only a comment\n");
    }
}
