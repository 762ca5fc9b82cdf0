//! DL3059: consecutive RUN instructions that could be one.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3059",
    name: "merge-runs",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("Consecutive single-command RUNs could be one"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags a RUN that directly follows another RUN with the same flags, when both run a single command. \
            RUNs that already chain commands (`a && b`) are left alone: splitting them is usually deliberate.",
        why: "Every RUN makes a layer. Many tiny layers cost pull time and metadata, and files created in one RUN and \
            deleted in the next still ship in the first layer. Grouping related steps makes each layer meaningful.",
        bad: "FROM debian:12-slim\nRUN mkdir -p /app/data\nRUN chown 10001 /app/data\n",
        good: "FROM debian:12-slim\nRUN mkdir -p /app/data && chown 10001 /app/data\n",
        fix: "Join related commands with `&&` in one RUN (or use a heredoc: `RUN <<EOF ... EOF`).",
    },
    quiz: quiz! {
        question: "Why does a file deleted in the next RUN still make the image bigger?",
        choices: &[
            Choice {
                text: "It is stored in the layer of the RUN that created it",
                correct: true,
                feedback: "Right: later layers can only hide it.",
            },
            Choice {
                text: "Docker ignores deletes",
                correct: false,
                feedback: "The delete works in later layers; the earlier one is unchanged.",
            },
            Choice {
                text: "It does not",
                correct: false,
                feedback: "It does, which is why create-and-delete belongs in one RUN.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(check),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let mut prev: Option<(usize, Vec<String>, usize)> = None;
    for (i, ins) in cx.instructions().iter().enumerate() {
        if ins.kind != Kind::Run {
            prev = None;
            continue;
        }
        let flags: Vec<String> = ins.flags.iter().map(|f| f.text.clone()).collect();
        let count = cx
            .script(i)
            .map(|s| {
                s.commands
                    .iter()
                    .filter(|c| c.depth == 0 && c.program.is_some())
                    .count()
            })
            .unwrap_or(2);
        if let Some((_, ref pflags, pcount)) = prev {
            if *pflags == flags && pcount == 1 && count == 1 {
                out.report(
                    ins.keyword_span,
                    "this RUN follows another single-command RUN: consider joining them with `&&`",
                );
            }
        }
        prev = Some((i, flags, count));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        let src = "FROM a:1\nRUN echo hi\n# a comment\nRUN echo ho\n";
        assert_eq!(run(&RULE, src).len(), 1);
        assert_eq!(run(&RULE, src)[0].span.start as usize, src.rfind("RUN").unwrap());
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN echo a && echo b\nRUN echo c\n");
        silent(&RULE, "FROM a:1\nRUN echo a\nWORKDIR /x\nRUN echo b\n");
    }

    #[test]
    fn edge() {
        // different mounts are separate on purpose
        silent(&RULE, "FROM a:1\nRUN --mount=type=cache,target=/c echo a\nRUN echo b\n");
    }
}
