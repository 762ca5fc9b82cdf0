//! DW1008: an empty line inside a continued instruction (NoEmptyContinuation).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::{FileKind, Span};

pub static RULE: Rule = Rule {
    id: "DW1008",
    name: "empty-continuation-line",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("An empty line inside a `\\` continuation"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags blank lines inside an instruction that continues over several lines with `\\` (BuildKit's \
            NoEmptyContinuation).",
        why: "Docker currently skips such blank lines, but has announced they will become an error. They are also \
            misleading: the instruction looks finished at the blank line but continues below it.",
        bad: "FROM debian:12-slim\nRUN apt-get update && \\\n\n    apt-get install -y --no-install-recommends curl\n",
        good: "FROM debian:12-slim\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl\n",
        fix: "Remove the blank line, or put a comment line (`#`) there if you want a visual break.",
    },
    quiz: quiz! {
        question: "Inside a `\\`-continued RUN, which line may stand between commands?",
        choices: &[
            Choice {
                text: "A comment line starting with `#`",
                correct: true,
                feedback: "Right: comment lines are skipped; blank ones are deprecated.",
            },
            Choice {
                text: "A blank line",
                correct: false,
                feedback: "It is deprecated and will become an error.",
            },
            Choice {
                text: "Any line without a backslash",
                correct: false,
                feedback: "That would end the instruction.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::BUILD_CHECKS],
    concern: None,
    fixes: Fixes::Safe,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for span in &cx.df.empty_continuation_lines {
        // the line with its line break: BuildKit skips it anyway
        let end = cx.source[span.end as usize..]
            .find('\n')
            .map_or(cx.source.len(), |n| span.end as usize + n + 1);
        let fix = || Fix::safe(
            "remove the empty line",
            vec![Edit::delete(Span::new(span.start, end as u32))],
        );
        out.push(
            Diagnostic::new(
                *span,
                "empty line inside a continued instruction: remove it (it will become an error)",
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(run(&RULE, "FROM a:1\nRUN a \\\n\n  b\n").len(), 1);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN a \\\n# note\n  b\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\n\nRUN a\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN a \\\n\n  && b \\\n   \n  && c\n"),
            "FROM a:1\nRUN a \\\n  && b \\\n  && c\n"
        );
    }
}
