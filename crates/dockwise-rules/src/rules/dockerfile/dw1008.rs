//! DW1008: an empty line inside a continued instruction (NoEmptyContinuation).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
            NoEmptyContinuation): once per instruction, on its last line, where BuildKit reports it.",
        why: "Docker currently skips such blank lines, but has announced they will become an error. They are also \
            misleading: the instruction looks finished at the blank line but continues below it.",
        bad: "FROM debian:12-slim\nRUN apt-get update && \\\n\n    apt-get install -y --no-install-recommends curl\n",
        good: "FROM debian:12-slim\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl\n",
        fix: "Remove the blank line, or put a comment line (`#`) there if you want a visual break.",
    },
    quiz: quiz! {
        question: "A `\\`-continued RUN has a blank line in the middle. What does current BuildKit do?",
        choices: &[
            Choice {
                text: "Skips the blank line and warns",
                correct: true,
                feedback: "The blank line is dropped and NoEmptyContinuation warns that a future release will reject \
                    it. A comment line in that place is fine.",
            },
            Choice {
                text: "Ends the instruction at the blank line",
                correct: false,
                feedback: "The instruction goes on below it; that is exactly what makes the blank line misleading to \
                    readers.",
            },
            Choice {
                text: "Fails with a parse error",
                correct: false,
                feedback: "Deprecated, but for now only warned about: a future release is meant to turn it into an \
                    error.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["NoEmptyContinuation"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: NoEmptyContinuation"),
        url: text!("https://docs.docker.com/reference/build-checks/no-empty-continuation/"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let empty = &cx.df.empty_continuation_lines;
    let mut rest = &empty[..];
    while let Some(first) = rest.first() {
        // the empty lines of one instruction, reported once, on its last
        // line, where BuildKit reports them
        let Some(ins) = cx.instruction_at(first.start).map(|i| &cx.instructions()[i]) else {
            rest = &rest[1..];
            continue;
        };
        let n = rest.iter().take_while(|s| ins.span.contains(s.start)).count().max(1);
        let (lines, after) = rest.split_at(n);
        rest = after;
        let end = ins.span.end as usize;
        let line_start = cx.source[..end].rfind('\n').map_or(0, |i| i + 1);
        let text = &cx.source[line_start..end];
        let start = line_start + (text.len() - text.trim_start().len());
        let at = Span::from_usize(start.min(end), end);
        let fix = || {
            let edits = lines
                .iter()
                .map(|span| {
                    // the line with its line break: BuildKit skips it anyway
                    let end = cx.source[span.end as usize..]
                        .find('\n')
                        .map_or(cx.source.len(), |n| span.end as usize + n + 1);
                    Edit::delete(Span::new(span.start, end as u32))
                })
                .collect();
            Fix::safe(
                if n == 1 {
                    "remove the empty line"
                } else {
                    "remove the empty lines"
                },
                edits,
            )
        };
        let what = if n == 1 { "an empty line" } else { "empty lines" };
        out.push(
            Diagnostic::new(
                at,
                format!("{what} inside this continued instruction: remove them (they will become an error)"),
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
        // once per instruction, on its last line (as BuildKit reports it)
        assert_eq!(
            spans(&RULE, "FROM a:1\nRUN a \\\n\n  b \\\n\n  c\nRUN d \\\n\n e\n"),
            ["c", "e"]
        );
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
