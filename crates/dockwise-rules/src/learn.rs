//! Spot-the-problem challenges, scored by the engine: the learner marks
//! lines, the checker says which were real problems. The page's practice
//! panel only draws what this returns.

use crate::engine::lint;
use crate::options::LintOptions;
use crate::report::{located, Located};
use dockwise_syntax::FileKind;

/// One line the checker flags, with the findings on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub line: u32,
    pub findings: Vec<Located>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    /// Problem lines, in order, each with its findings.
    pub problems: Vec<Problem>,
    /// Marked lines that are problems.
    pub found: Vec<u32>,
    /// Problem lines left unmarked.
    pub missed: Vec<u32>,
    /// Marked lines the checker has nothing against.
    pub false_alarms: Vec<u32>,
}

/// Scores the lines a learner `marked` (1-based) in a challenge's `text`:
/// a problem line is one where a finding of the challenge's `rules` starts.
pub fn score(text: &str, kind: FileKind, rules: &[String], marked: &[u32]) -> Score {
    let result = lint(
        text,
        &LintOptions {
            kind: Some(kind),
            ..Default::default()
        },
    );
    // findings come sorted by position, so problem lines come in order
    let mut problems: Vec<Problem> = Vec::new();
    for f in located("", text, &result)
        .into_iter()
        .filter(|f| rules.iter().any(|r| f.rule.is(r)))
    {
        match problems.last_mut() {
            Some(p) if p.line == f.range.line => p.findings.push(f),
            _ => problems.push(Problem {
                line: f.range.line,
                findings: vec![f],
            }),
        }
    }
    let is_problem = |l: u32| problems.iter().any(|p| p.line == l);
    let lines = result.lines.line_count() as u32;
    Score {
        found: problems.iter().map(|p| p.line).filter(|l| marked.contains(l)).collect(),
        missed: problems
            .iter()
            .map(|p| p.line)
            .filter(|l| !marked.contains(l))
            .collect(),
        false_alarms: (1..=lines).filter(|l| marked.contains(l) && !is_problem(*l)).collect(),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_found_missed_or_false_alarms() {
        let text = "FROM python:latest\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD python app.py\n";
        let rules = vec!["DL3007".to_string(), "DL3025".to_string()];
        let s = score(text, FileKind::Dockerfile, &rules, &[1, 2, 2]);
        assert_eq!(s.problems.iter().map(|p| p.line).collect::<Vec<_>>(), [1, 5]);
        assert_eq!(s.found, [1]);
        assert_eq!(s.missed, [5]);
        assert_eq!(s.false_alarms, [2]);
        assert_eq!(s.problems[0].findings[0].rule.id, "DL3007");
        // rules outside the challenge's list are not scored
        let s = score(text, FileKind::Dockerfile, &["DL3007".to_string()], &[]);
        assert_eq!(s.missed, [1]);
    }
}
