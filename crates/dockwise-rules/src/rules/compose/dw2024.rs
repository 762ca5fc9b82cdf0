//! DW2024: unquoted port mappings.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2024",
    name: "compose-unquoted-ports",
    severity: Severity::Style,
    kind: FileKind::Compose,
    title: text!("Port mapping is not quoted"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags short-syntax `ports` and `expose` entries written without quotes. Off by default; enable it to \
            keep a style rule that dclint also has (single or double quotes both satisfy it here).",
        why: "YAML 1.1 readers treat digits separated by colons as base-60 numbers: `22:22` becomes 1342, and the \
            service publishes the wrong port. YAML 1.2 readers no longer do, but the Compose Specification asks for \
            `HOST:CONTAINER` to be written as a quoted string for this reason, and quoting removes the doubt for \
            every tool that reads the file.",
        bad: "services:\n  ssh:\n    image: mysshd:1.0\n    ports:\n      - 2222:22\n",
        good: "services:\n  ssh:\n    image: mysshd:1.0\n    ports:\n      - \"2222:22\"\n",
        fix: "Wrap each short-syntax entry in quotes: `- \"2222:22\"`.",
    },
    quiz: quiz! {
        question: "What can a YAML 1.1 reader make of an unquoted `22:22`?",
        choices: &[
            Choice {
                text: "The integer 1342",
                correct: true,
                feedback: "YAML 1.1 reads colon-separated digits as base 60: 22 × 60 + 22. Quoting keeps it the \
                    string `22:22`.",
            },
            Choice {
                text: "A mapping from 22 to 22",
                correct: false,
                feedback: "A mapping needs a space after the colon (`22: 22`); without one the colon is part of the \
                    scalar.",
            },
            Choice {
                text: "Always the string `22:22`",
                correct: false,
                feedback: "YAML 1.2 readers do read it as a string, but 1.1 readers, still common, read a base-60 \
                    number.",
            },
            Choice {
                text: "A time of day, 22:22",
                correct: false,
                feedback: "YAML 1.1's timestamp type needs a date; `22:22` alone matches the base-60 integer rule.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["require-quotes-in-ports"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &sources::COMPOSE_PORTS,
        &Source {
            title: text!("YAML 1.1 types: Integer (base 60)"),
            url: text!("https://yaml.org/type/int.html"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        for key in ["ports", "expose"] {
            for item in s.get(key).and_then(|n| n.as_seq()).unwrap_or_default() {
                if item.as_map().is_none() && !item.quoted {
                    out.push(
                        Diagnostic::new(item.span, format!("quote the `{key}` entry of service `{}`", s.name))
                            .with_fix(|| fixes::safe("quote the entry", ed.quote(item))),
                    );
                }
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
            spans(&RULE, "services:\n  a:\n    ports:\n      - 80:80\n      - 443\n"),
            ["80:80", "443"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    ports:\n      - '80:80'\n      - \"443\"\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    ports:\n      - target: 80\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  a:\n    ports:\n      - 80:80  # web\n      - 443\n    expose: [9000]\n"
            ),
            "services:\n  a:\n    ports:\n      - \"80:80\"  # web\n      - \"443\"\n    expose: [\"9000\"]\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    ports:\n    - 2222:22\n    - 8000-8010:8000-8010/udp\n",
        );
        // a value that reads differently from its text (0x50 is 80): quoting would change it
        assert!(run(&RULE, "services:\n  a:\n    expose:\n      - 0x50\n")[0]
            .fix
            .is_none());
    }
}
