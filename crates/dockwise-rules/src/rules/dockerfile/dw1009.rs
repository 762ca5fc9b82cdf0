//! DW1009: instruction keywords in a mix of cases (ConsistentInstructionCasing).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1009",
    name: "consistent-instruction-casing",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("Instruction keyword in a different case than the rest of the file"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags instruction keywords whose case differs from the file's majority (all upper or all lower case); \
            mixed-case keywords (`Run`) are always flagged. BuildKit's ConsistentInstructionCasing, which leaves out the \
            ARGs before the first FROM.",
        why: "A consistent case lets the eye separate keywords from arguments at a glance. A stray `run` among `RUN`s \
            is usually a paste from elsewhere.",
        bad: "FROM alpine:3.20\nrun apk add --no-cache curl\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
        fix: "Write every keyword in the same case; upper case is the convention.",
    },
    quiz: quiz! {
        question: "In a file written in upper case, one line reads `run apk add curl`. What does BuildKit do?",
        choices: &[
            Choice {
                text: "Runs it, and warns about the casing",
                correct: true,
                feedback: "Keywords are case-insensitive, so it runs; ConsistentInstructionCasing reports it because \
                    the rest of the file is upper case.",
            },
            Choice {
                text: "Fails: instructions must be upper case",
                correct: false,
                feedback: "Keywords are case-insensitive; upper case is a convention, not a rule of the parser.",
            },
            Choice {
                text: "Skips it as a comment",
                correct: false,
                feedback: "Only a line starting with `#` is a comment; `run` is read as RUN.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["ConsistentInstructionCasing"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: ConsistentInstructionCasing"),
        url: text!("https://docs.docker.com/reference/build-checks/consistent-instruction-casing/"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // as BuildKit counts them: the FROMs and the instructions of stages, not
    // the ARGs before the first FROM (all of a file without FROM)
    let in_stage = |i: usize| cx.stages.is_empty() || cx.stage_of[i].is_some();
    let instrs: Vec<_> = cx
        .instructions()
        .iter()
        .enumerate()
        .filter(|(n, i)| i.kind != Kind::Unknown && in_stage(*n))
        .map(|(_, i)| i)
        .collect();
    let upper = instrs
        .iter()
        .filter(|i| i.keyword.chars().all(|c| !c.is_lowercase()))
        .count();
    let lower = instrs
        .iter()
        .filter(|i| i.keyword.chars().all(|c| !c.is_uppercase()))
        .count();
    let want_upper = upper >= lower;
    for ins in instrs {
        let ok = if want_upper {
            ins.keyword.chars().all(|c| !c.is_lowercase())
        } else {
            ins.keyword.chars().all(|c| !c.is_uppercase())
        };
        if !ok {
            let expected = if want_upper {
                ins.keyword.to_ascii_uppercase()
            } else {
                ins.keyword.to_ascii_lowercase()
            };
            let fix = || {
                Fix::safe(
                    format!("write {expected}").as_str(),
                    vec![Edit::replace(ins.keyword_span, expected.as_str())],
                )
            };
            out.push(
                Diagnostic::new(
                    ins.keyword_span,
                    format!("`{}` differs from the file's keyword case: `{expected}`", ins.keyword),
                )
                .with_fix(fix),
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
        assert_eq!(spans(&RULE, "FROM a:1\nrun x\nRUN y\n"), ["run"]);
        assert_eq!(spans(&RULE, "from a:1\nRun x\nrun y\n"), ["Run"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "from a:1\nrun x\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\n");
        // BuildKit neither counts nor checks the ARGs before the first FROM
        silent(&RULE, "arg V=1\nFROM a:$V\nRUN x\n");
        assert_eq!(spans(&RULE, "run x\nRUN y\nRUN z\n"), ["run"]);
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nrun x\nRUN y\n"),
            "FROM a:1\nRUN x\nRUN y\n"
        );
        assert_eq!(
            fix_converges(&RULE, "from a:1\nRun x\nrun y\nOnBuild Run z\n"),
            "from a:1\nrun x\nrun y\nonbuild Run z\n"
        );
    }
}
