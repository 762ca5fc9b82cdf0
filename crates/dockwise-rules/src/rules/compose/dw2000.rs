//! DW2000: the Compose file is not valid YAML.

use crate::diagnostics::{Severity, Tag};
use crate::rule::{Check, Rule};
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
            quote or bracket, a key defined twice), so no tool can read the file.",
        why: "`docker compose` refuses a file it cannot parse, so nothing starts. A duplicate key is an error too: \
            YAML would otherwise keep only one of the two values and silently drop the other.",
        bad: "services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.26\n",
        good: "services:\n  web:\n    image: nginx:1.27\n",
        fix: "Read the message and the position: it names what the reader expected. Indent with spaces only, keep \
            each key once per mapping, and close every quote and bracket.",
    },
    quiz: quiz! {
        question: "A service lists `image:` twice with different tags. What happens?",
        choices: &[
            Choice {
                text: "The file is rejected: a mapping may not hold the same key twice",
                correct: true,
                feedback: "Right. YAML forbids duplicate keys; strict readers (Compose's included) stop instead of \
                    guessing which one you meant.",
            },
            Choice {
                text: "Compose pulls both images",
                correct: false,
                feedback: "No: a service has exactly one image. The second key is an error, not a second image.",
            },
            Choice {
                text: "The last one silently wins",
                correct: false,
                feedback: "Some lax parsers do that, which is exactly why it is dangerous: a change could vanish \
                    without a trace. Compose and Dockwise refuse the file.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["invalid-yaml"],
    check: Check::Syntax,
    standard: &[&sources::COMPOSE_SPEC],
    concern: None,
};
