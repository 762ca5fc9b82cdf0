//! DL3043: ONBUILD wrapping ONBUILD, FROM or MAINTAINER.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
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
            allow chaining ONBUILD, and FROM or MAINTAINER make no sense there; the build of the child image fails, \
            far from the Dockerfile that caused it.",
        bad: "FROM node:20-slim\nONBUILD FROM node:20-slim\n",
        good: "FROM node:20-slim\nONBUILD COPY package*.json ./\nONBUILD RUN npm ci\n",
        fix: "Remove the instruction, or move it out of ONBUILD.",
    },
    quiz: quiz! {
        question: "When does an `ONBUILD RUN` instruction run?",
        choices: &[
            Choice {
                text: "When another image is built FROM this image",
                correct: true,
                feedback: "Right: ONBUILD defers the instruction to the child image's build.",
            },
            Choice {
                text: "At the end of this image's build",
                correct: false,
                feedback: "It is stored, not run, in this build.",
            },
            Choice {
                text: "Every time a container starts",
                correct: false,
                feedback: "That would be ENTRYPOINT/CMD; ONBUILD is a build-time trigger.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
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
