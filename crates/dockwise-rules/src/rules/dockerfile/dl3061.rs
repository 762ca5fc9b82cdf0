//! DL3061: instructions before the first FROM (other than ARG).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3061",
    name: "from-first",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("Instruction before the first FROM"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags every instruction other than ARG that comes before the first FROM.",
        why: "A Dockerfile starts a build with FROM; only ARG (to parameterise FROM), comments and parser directives \
            may come before it. Anything else has no build stage to act on, and BuildKit refuses the file (\"no \
            build stage in current context\").",
        bad: "ENV APP_ENV=production\nFROM node:20-slim\n",
        good: "ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-slim\nENV APP_ENV=production\n",
        fix: "Move the instruction after FROM. Use ARG before FROM only for values FROM itself needs.",
    },
    quiz: quiz! {
        question: "Which instruction may come before FROM?",
        choices: &[
            Choice {
                text: "ARG",
                correct: true,
                feedback: "An ARG before FROM can set the base image's name or tag.",
            },
            Choice {
                text: "ENV",
                correct: false,
                feedback: "ENV sets variables in an image; before FROM there is none.",
            },
            Choice {
                text: "RUN",
                correct: false,
                feedback: "RUN needs an image to run in.",
            },
            Choice {
                text: "LABEL",
                correct: false,
                feedback: "Labels belong to an image, and before FROM there is none yet.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Dockerfile reference (FROM)"),
        url: text!("https://docs.docker.com/reference/dockerfile/#from"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions() {
        match ins.kind {
            Kind::From => return,
            Kind::Arg | Kind::Unknown => {}
            _ => out.report(
                ins.keyword_span,
                format!(
                    "{} before the first FROM: a Dockerfile must begin with FROM (or ARG)",
                    ins.kind.keyword()
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "LABEL a=b\nENV X=1\nFROM a:1\nRUN x\n"), ["LABEL", "ENV"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "# syntax=docker/dockerfile:1\nARG V=1\nFROM a:$V\nRUN x\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "RUN echo no image yet\n");
    }
}
