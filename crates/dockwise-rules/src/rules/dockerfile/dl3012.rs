//! DL3012: more than one HEALTHCHECK in a stage.

use super::helpers::later_duplicates;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3012",
    name: "single-healthcheck",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("More than one HEALTHCHECK in a stage"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags every HEALTHCHECK after the first in the same stage (BuildKit's MultipleInstructionsDisallowed, DW1039, flags the earlier ones).",
        why: "Only the last HEALTHCHECK of a stage takes effect; the earlier ones are discarded (recent BuildKit \
            warns with MultipleInstructionsDisallowed, but the build goes on). Two of them usually mean one was \
            meant to replace the other, and readers may trust the wrong one.",
        bad: "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\n\
            HEALTHCHECK CMD [\"wget\", \"-qO-\", \"http://localhost/\"]\n",
        good: "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\n",
        fix: "Keep one HEALTHCHECK per stage: the one you mean.",
    },
    quiz: quiz! {
        question: "A stage has two HEALTHCHECK instructions. What happens?",
        choices: &[
            Choice {
                text: "Only the last one is used",
                correct: true,
                feedback: "An image has a single health check, so each HEALTHCHECK replaces the previous one.",
            },
            Choice {
                text: "Both run, one after the other",
                correct: false,
                feedback: "A container has one health check; later ones replace earlier ones.",
            },
            Choice {
                text: "The first one wins and later ones are ignored",
                correct: false,
                feedback: "It is the other way round: the last one wins.",
            },
            Choice {
                text: "The build fails",
                correct: false,
                feedback: "BuildKit only warns (MultipleInstructionsDisallowed) and keeps the last one.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::BUILD_CHECK_MULTIPLE_INSTRUCTIONS,
        &sources::DOCKER_HEALTHCHECK,
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    later_duplicates(
        cx,
        Kind::Healthcheck,
        out,
        "another HEALTHCHECK in this stage: only the last one takes effect",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        let src = "FROM a:1\nHEALTHCHECK CMD [\"a\"]\nHEALTHCHECK NONE\n";
        assert_eq!(run(&RULE, src).len(), 1);
        assert_eq!(
            run(&RULE, src)[0].span.start as usize,
            src.find("HEALTHCHECK NONE").unwrap()
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nHEALTHCHECK CMD [\"a\"]\n");
    }

    #[test]
    fn edge() {
        // one per stage is fine
        silent(
            &RULE,
            "FROM a:1\nHEALTHCHECK CMD [\"a\"]\nFROM b:1\nHEALTHCHECK CMD [\"b\"]\n",
        );
    }

    #[test]
    fn snippets_without_from() {
        // the instructions before the first FROM count as a stage of their own
        assert_eq!(spans(&RULE, "HEALTHCHECK CMD a\nHEALTHCHECK CMD b\n"), ["HEALTHCHECK"]);
        silent(&RULE, "HEALTHCHECK CMD a\nFROM a:1\nHEALTHCHECK CMD b\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nHEALTHCHECK CMD [\"a\"]\nHEALTHCHECK NONE\n"),
            "FROM a:1\nHEALTHCHECK NONE\n"
        );
    }
}
