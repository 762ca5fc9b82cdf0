//! DL1001: inline ignore pragmas (off by default, for teams that forbid them).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::pragma::parse_comment;
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL1001",
    name: "no-inline-ignore",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("An inline ignore pragma silences a rule"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags every `# hadolint ignore=...` and `# dockwise ignore=...` comment (next-instruction, stage and \
            global). Off by default; teams that want all exceptions in one reviewed config file turn it on.",
        why: "Inline ignores are convenient but scatter exceptions across Dockerfiles, where nobody reviews them \
            again. A central config keeps every exception visible in one place.",
        bad: "FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
        fix: "Fix the finding instead, or move the exception to `.dockwise.yaml` (`ignored: [...]`) where it is \
            reviewed with the rest of the configuration.",
    },
    quiz: quiz! {
        question: "Why would a team forbid inline ignore comments?",
        choices: &[
            Choice {
                text: "To keep every exception in one reviewed config file",
                correct: true,
                feedback: "Exceptions in `.dockwise.yaml` are reviewed together and easy to audit; comments spread \
                    them over every Dockerfile.",
            },
            Choice {
                text: "An ignore comment turns the rule off for the whole file",
                correct: false,
                feedback: "`# hadolint ignore=` covers only the next instruction (the `global ignore` form covers the \
                    file). The trouble is where exceptions live, not how far they reach.",
            },
            Choice {
                text: "BuildKit reads such comments as parser directives",
                correct: false,
                feedback: "Parser directives such as `# syntax=` must come first and have the form `# key=value`; to \
                    the builder `# hadolint ignore=...` is an ordinary comment.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Dockerfile reference (check directive)"),
            url: text!("https://docs.docker.com/reference/dockerfile/#check"),
        },
        &Source {
            title: text!("hadolint wiki: DL1001 (inline ignore pragmas)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL1001"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for c in &cx.df.comments {
        if parse_comment(&c.text).is_some() {
            out.report(
                c.span,
                "inline ignore pragma: keep exceptions in the config file instead",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM a:1\n# hadolint ignore=DL3003\nRUN cd /x\n"),
            ["# hadolint ignore=DL3003"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\n# just a comment\nRUN x\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "# dockwise global ignore=DL3006\nFROM a\n");
    }
}
