//! DW2025: quoted volume entries.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2025",
    name: "compose-quoted-volumes",
    severity: Severity::Style,
    kind: FileKind::Compose,
    title: text!("Volume entry is quoted"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags short-syntax `volumes` entries wrapped in quotes. Off by default: a style rule dclint has, for \
            teams that want one way of writing volumes.",
        why: "Quotes are not needed for paths and make some entries quoted and others not, which hides real \
            differences in review. Consistency is the only gain; that is why this rule is off unless you enable it.",
        bad: "services:\n  web:\n    image: myweb:3.1\n    volumes:\n      - \"./site:/usr/share/nginx/html:ro\"\n",
        good: "services:\n  web:\n    image: myweb:3.1\n    volumes:\n      - ./site:/usr/share/nginx/html:ro\n",
        fix: "Remove the quotes, unless the path contains characters YAML would misread (`#` after a space, a leading \
            `*` or `&`).",
    },
    quiz: quiz! {
        question: "When do you still need quotes around a volume entry?",
        choices: &[
            Choice {
                text: "When the path contains characters YAML treats specially, like ` #`",
                correct: true,
                feedback: "Right: ` #` starts a comment unless quoted.",
            },
            Choice {
                text: "Always: volume entries must be strings",
                correct: false,
                feedback: "Unquoted paths are already strings in YAML.",
            },
            Choice {
                text: "When the volume is read-only",
                correct: false,
                feedback: "`:ro` needs no quotes.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["no-quotes-in-volumes"],
    check: Check::Compose(check),
    standard: &[&sources::COMPOSE_SPEC],
    concern: None,
    fixes: Fixes::No,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for m in s.volumes() {
            if m.quoted {
                out.report(m.span, format!("volume entry of service `{}` needs no quotes", s.name));
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
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    volumes:\n      - 'data:/data'\n"),
            ["'data:/data'"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    volumes:\n      - data:/data\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "services:\n  a:\n    volumes:\n      - type: volume\n        source: \"data\"\n        target: /data\n",
        );
    }
}
