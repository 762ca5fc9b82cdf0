//! DL1000: the Dockerfile cannot be parsed. The parser's errors are this
//! rule's findings (hadolint reports them under the same code).

use crate::diagnostics::{Severity, Tag};
use crate::rule::{Check, Fixes, Rule, Scope, Source};
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
        question: "What does the builder do with `ENV APP_HOME` (a name and no value)?",
        choices: &[
            Choice {
                text: "Rejects the file: ENV needs a name and a value",
                correct: true,
                feedback: "ENV sets a variable, so BuildKit's parser stops with \"ENV must have two arguments\". ARG \
                    is the instruction that may declare a bare name.",
            },
            Choice {
                text: "Sets APP_HOME to an empty string",
                correct: false,
                feedback: "That is what `ENV APP_HOME=` (with the `=`) does. Without `=` or a value the line does not \
                    parse.",
            },
            Choice {
                text: "Keeps the value APP_HOME had in the base image",
                correct: false,
                feedback: "To keep an inherited value you leave ENV out altogether; a bare name is a syntax error.",
            },
            Choice {
                text: "Reads APP_HOME from the environment of `docker build`",
                correct: false,
                feedback: "The build never reads your shell's environment; values come in through ARG and \
                    `--build-arg`, and a bare ENV does not parse.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Syntax,
    standard: &[&Source {
        title: text!("Docker docs: Dockerfile reference (ENV)"),
        url: text!("https://docs.docker.com/reference/dockerfile/#env"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};
