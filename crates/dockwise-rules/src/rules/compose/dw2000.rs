//! DW2000: the Compose file is not valid YAML.

use crate::diagnostics::{Severity, Tag};
use crate::rule::{Check, Fixes, Rule};
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
        question: "A line of a compose file is indented with a tab. What does `docker compose up` do?",
        choices: &[
            Choice {
                text: "It refuses the whole file: YAML indents with spaces only",
                correct: true,
                feedback: "Right. A tab is not indentation in YAML, so the structure cannot be read and no service \
                    starts.",
            },
            Choice {
                text: "It treats the tab as two spaces",
                correct: false,
                feedback: "No tab width is assumed: YAML forbids tabs in indentation outright.",
            },
            Choice {
                text: "It starts the services before that line and skips the rest",
                correct: false,
                feedback: "Compose reads the whole file first; a file that does not parse starts nothing.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["invalid-yaml"],
    check: Check::Syntax,
    standard: &[&sources::COMPOSE_SPEC],
    concern: None,
    fixes: Fixes::No,
};
