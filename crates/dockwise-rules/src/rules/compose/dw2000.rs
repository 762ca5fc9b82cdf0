//! DW2000: the Compose file is not valid YAML.

use crate::diagnostics::{Severity, Tag};
use crate::rule::{Check, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2000",
    name: "compose-syntax-error",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("The Compose file is not valid YAML"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "The text breaks YAML's grammar at this point (a tab used for indentation, a missing `:`, an unclosed \
            quote or bracket, a line indented deeper than its block allows), so no tool can read the file. Nothing \
            else is checked until it is fixed. (A key written twice is DW2030: the file still reads, so the rest is \
            checked.)",
        why: "`docker compose` refuses a file it cannot parse, so nothing starts. Unlike a wrong value, a syntax \
            error hides everything after it: no other finding about the file can be trusted until it reads.",
        bad: "services:\n  web:\n    image: \"nginx:1.27\n    ports: [\"80:80\"]\n",
        good: "services:\n  web:\n    image: \"nginx:1.27\"\n    ports: [\"80:80\"]\n",
        fix: "Read the message and the position: it names what the reader expected. Indent with spaces only, close \
            every quote and bracket, and keep each block's entries at one indentation.",
    },
    quiz: quiz! {
        question: "A line of a Compose file is indented with a tab. What does `docker compose up` do?",
        choices: &[
            Choice {
                text: "It refuses the file before starting anything",
                correct: true,
                feedback: "YAML forbids tabs in indentation, so the structure cannot be read, and Compose starts \
                    nothing from a file it cannot parse.",
            },
            Choice {
                text: "It reads the tab as two spaces and carries on",
                correct: false,
                feedback: "YAML assumes no tab width at all: a tab used for indentation is an error, whatever the \
                    editor shows.",
            },
            Choice {
                text: "It starts the services above that line, skips the rest",
                correct: false,
                feedback: "Compose parses the whole file before it acts, so a file that does not parse starts \
                    nothing.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["invalid-yaml"],
    check: Check::Syntax,
    standard: &[
        &sources::YAML_INDENTATION,
        &Source {
            title: text!("Docker docs: Compose file reference"),
            url: text!("https://docs.docker.com/reference/compose-file/"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};
