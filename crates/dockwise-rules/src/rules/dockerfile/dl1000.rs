//! DL1000: the Dockerfile cannot be parsed. The parser's errors are this
//! rule's findings (hadolint reports them under the same code).

use crate::diagnostics::{Severity, Tag};
use crate::rule::{Check, Fixes, Rule};
use crate::sources;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL1000",
    name: "syntax-error",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("The file cannot be parsed"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "The text breaks the file's grammar at this point, so the builder would refuse the whole file.",
        why: "A file that does not parse never builds. The rest of the file is still checked so you can see every \
            problem at once, but nothing ships until this is fixed. Syntax errors cannot be silenced with pragmas.",
        bad: "FROM alpine:3.20\nENV APP_HOME\n",
        good: "FROM alpine:3.20\nENV APP_HOME=/srv/app\n",
        fix: "Read the message: it names what the parser expected. Common causes: ENV or LABEL without a value, a \
            JSON array holding something other than strings, a heredoc whose closing line is missing.",
    },
    quiz: quiz! {
        question: "Why does `ENV APP_HOME` (without a value) stop the build?",
        choices: &[
            Choice {
                text: "ENV always needs a value: `ENV APP_HOME=/srv/app`",
                correct: true,
                feedback: "Right. ENV sets a variable; a name alone gives the parser nothing to set. (ARG is the \
                    instruction that may declare a name without a value.)",
            },
            Choice {
                text: "Variable names must be lower case",
                correct: false,
                feedback: "No: any case works; upper case is only a convention.",
            },
            Choice {
                text: "ENV must come before FROM",
                correct: false,
                feedback: "No: only ARG may come before FROM, and ENV after FROM is normal.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Syntax,
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
};
