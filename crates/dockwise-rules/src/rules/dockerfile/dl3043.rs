//! DL3043: ONBUILD wrapping ONBUILD, FROM or MAINTAINER.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Args, Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3043",
    name: "onbuild-forbidden",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("ONBUILD cannot wrap ONBUILD, FROM or MAINTAINER"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.",
        why: "ONBUILD stores an instruction to run later, when another image is built FROM this one. Docker does not \
            allow ONBUILD to wrap ONBUILD, FROM or MAINTAINER, and it rejects the Dockerfile when you build this \
            image.",
        bad: "FROM node:20-slim\nONBUILD FROM node:20-slim\n",
        good: "FROM node:20-slim\nONBUILD COPY package*.json ./\nONBUILD RUN npm ci\n",
        fix: "Remove the instruction, or move it out of ONBUILD.",
    },
    quiz: quiz! {
        question: "A base image's Dockerfile has `ONBUILD FROM node:20-slim`. When does the build fail?",
        choices: &[
            Choice {
                text: "When you build the base image",
                correct: true,
                feedback: "The builder rejects the trigger (\"FROM isn't allowed as an ONBUILD trigger\") while \
                    parsing this Dockerfile.",
            },
            Choice {
                text: "When a child image is built FROM it",
                correct: false,
                feedback: "It never gets that far: the base image itself does not build.",
            },
            Choice {
                text: "Never: the trigger is stored and skipped",
                correct: false,
                feedback: "ONBUILD may not trigger FROM, MAINTAINER or another ONBUILD, so the file is refused.",
            },
            Choice {
                text: "When a container starts from the child image",
                correct: false,
                feedback: "ONBUILD is a build-time trigger; containers never run it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Dockerfile reference (ONBUILD limitations)"),
        url: text!("https://docs.docker.com/reference/dockerfile/#onbuild-limitations"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions() {
        if let Args::Onbuild(inner) = &ins.args {
            if matches!(inner.kind, Kind::Onbuild | Kind::From | Kind::Maintainer) {
                out.report(
                    inner.keyword_span,
                    format!("`ONBUILD {}` is not allowed", inner.kind.keyword()),
                );
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
        assert_eq!(spans(&RULE, "FROM a:1\nONBUILD ONBUILD RUN x\n"), ["ONBUILD"]);
        assert_eq!(spans(&RULE, "FROM a:1\nONBUILD maintainer me\n"), ["maintainer"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nONBUILD RUN make\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nONBUILD COPY --from=x /a /b\n");
    }
}
