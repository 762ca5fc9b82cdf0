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
    /// The lines the challenge scores, in order, each with its findings.
    pub problems: Vec<Problem>,
    /// Marked lines that are scored problems.
    pub found: Vec<u32>,
    /// Scored problem lines left unmarked.
    pub missed: Vec<u32>,
    /// Marked lines the challenge does not score but where another rule
    /// finds a real problem: a good catch, never a false alarm.
    pub also: Vec<Problem>,
    /// Marked lines the checker has nothing against.
    pub false_alarms: Vec<u32>,
}

/// Scores the lines a learner `marked` (1-based) in a challenge's `text`:
/// a scored problem line is one where a finding of the challenge's `rules`
/// starts. A marked line where any other rule (enabled by default) finds a
/// problem counts as a real problem too, never as a false alarm.
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
    let mut others: Vec<Problem> = Vec::new();
    for f in located("", text, &result) {
        let list = if rules.iter().any(|r| f.rule.is(r)) {
            &mut problems
        } else {
            &mut others
        };
        match list.last_mut() {
            Some(p) if p.line == f.range.line => p.findings.push(f),
            _ => list.push(Problem {
                line: f.range.line,
                findings: vec![f],
            }),
        }
    }
    let is_problem = |l: u32| problems.iter().any(|p| p.line == l);
    let also: Vec<Problem> = others
        .into_iter()
        .filter(|p| marked.contains(&p.line) && !is_problem(p.line))
        .collect();
    let lines = result.lines.line_count() as u32;
    Score {
        found: problems.iter().map(|p| p.line).filter(|l| marked.contains(l)).collect(),
        missed: problems
            .iter()
            .map(|p| p.line)
            .filter(|l| !marked.contains(l))
            .collect(),
        false_alarms: (1..=lines)
            .filter(|l| marked.contains(l) && !is_problem(*l) && !also.iter().any(|p| p.line == *l))
            .collect(),
        also,
        problems,
    }
}

/// Does quiz feedback open with a bare verdict ("Right:", "No.", "Not
/// quite")? The page already says whether the answer was right, so feedback
/// explains instead. "No exception exists..." is a sentence, not a verdict.
pub fn starts_with_verdict(feedback: &str) -> bool {
    let f = feedback.trim_start();
    f.starts_with("Not quite")
        || ["Right", "Correct", "No", "Wrong", "Yes", "Exactly", "Incorrect"]
            .iter()
            .any(|w| {
                f.strip_prefix(w).is_some_and(|rest| {
                    rest.is_empty() || rest.starts_with(['.', ',', ':', ';', '!']) || rest.starts_with(" -")
                })
            })
}

/// The order a quiz's `len` choices are shown in, for one showing: a
/// permutation drawn from `seed` (the page draws a fresh seed each time a
/// quiz is shown, so the answer is never at a fixed place).
pub fn shuffled(len: usize, seed: u64) -> Vec<usize> {
    // splitmix64: small, good enough to deal a few choices
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..len).collect();
    // Fisher-Yates
    for i in (1..len).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Spaced repetition for the quick check (Leitner boxes): a rule answered
/// wrongly goes back to box 1 and is asked again in the next round; each
/// right answer moves it up a box and asks it again later (after 1, 2, 4, 8
/// rounds); after box 4 it is known and left alone. Kept by the page as
/// text (`to_text`/`from_text`) with the rest of the learner's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    /// Rounds started so far.
    pub round: u32,
    /// `(rule, box, due round)`, for the rules in review.
    pub boxes: Vec<(String, u8, u32)>,
}

impl Review {
    const LAST_BOX: u8 = 4;

    /// Starts a round: returns the rules due in it, most overdue first, at
    /// most `max`.
    pub fn start_round(&mut self, max: usize) -> Vec<String> {
        self.round += 1;
        self.due(max)
    }

    /// The rules due now, most overdue first (then lowest box), at most `max`.
    pub fn due(&self, max: usize) -> Vec<String> {
        let mut due: Vec<&(String, u8, u32)> = self.boxes.iter().filter(|(_, _, d)| *d <= self.round).collect();
        due.sort_by_key(|(_, b, d)| (*d, *b));
        due.into_iter().take(max).map(|(id, _, _)| id.clone()).collect()
    }

    /// Records an answer: wrong goes to box 1 (due next round), right moves
    /// up a box (due 2^(box-1) rounds later), out of review past the last box.
    /// A right answer to a rule never missed does not put it in review.
    pub fn record(&mut self, id: &str, right: bool) {
        let at = self.boxes.iter().position(|(r, _, _)| r == id);
        match (at, right) {
            (None, true) => {}
            (None, false) => self.boxes.push((id.to_string(), 1, self.round + 1)),
            (Some(i), false) => self.boxes[i] = (id.to_string(), 1, self.round + 1),
            (Some(i), true) => {
                let next = self.boxes[i].1 + 1;
                if next > Self::LAST_BOX {
                    self.boxes.remove(i);
                } else {
                    self.boxes[i] = (id.to_string(), next, self.round + (1u32 << (next - 1)));
                }
            }
        }
    }

    /// The state as lines: `round N`, then `review ID BOX DUE`.
    pub fn to_text(&self) -> String {
        let mut out = format!("round {}\n", self.round);
        for (id, b, d) in &self.boxes {
            out.push_str(&format!("review {id} {b} {d}\n"));
        }
        out
    }

    /// Reads the lines `to_text` writes; other lines (and damaged ones) are
    /// skipped, so the page can keep them in the same text as its other
    /// progress.
    pub fn from_text(text: &str) -> Review {
        let mut r = Review::default();
        for line in text.lines() {
            let w: Vec<&str> = line.split_whitespace().collect();
            match w.as_slice() {
                ["round", n] => r.round = n.parse().unwrap_or(0),
                ["review", id, b, d] => {
                    if let (Ok(b), Ok(d)) = (b.parse::<u8>(), d.parse::<u32>()) {
                        if (1..=Self::LAST_BOX).contains(&b) && !r.boxes.iter().any(|(x, _, _)| x == id) {
                            r.boxes.push((id.to_string(), b, d));
                        }
                    }
                }
                _ => {}
            }
        }
        r
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
        // rules outside the challenge's list are not scored...
        let s = score(text, FileKind::Dockerfile, &["DL3007".to_string()], &[]);
        assert_eq!(s.missed, [1]);
        // ...but marking a line they flag is a good catch, not a false alarm
        let s = score(text, FileKind::Dockerfile, &["DL3007".to_string()], &[1, 2, 5]);
        assert_eq!(s.found, [1]);
        assert_eq!(s.also.iter().map(|p| p.line).collect::<Vec<_>>(), [5]);
        assert_eq!(s.also[0].findings[0].rule.id, "DL3025");
        assert_eq!(s.false_alarms, [2]);
    }

    #[test]
    fn verdicts_are_told_from_sentences() {
        for v in [
            "Right: it is.",
            "No. It is not",
            "Not quite: see",
            "Correct.",
            "Yes, because",
            "Wrong",
        ] {
            assert!(starts_with_verdict(v), "{v}");
        }
        for s in [
            "No exception exists",
            "Nothing is copied",
            "Rightly so",
            "Yesterday's image",
            "Correctness",
        ] {
            assert!(!starts_with_verdict(s), "{s}");
        }
    }

    #[test]
    fn a_shuffle_is_a_permutation_and_varies() {
        for len in 1..6 {
            for seed in 0..50 {
                let mut o = shuffled(len, seed);
                o.sort_unstable();
                assert_eq!(o, (0..len).collect::<Vec<_>>());
            }
        }
        // each of four places gets the first choice about a quarter of the time
        let mut at = [0usize; 4];
        for seed in 0..4000 {
            at[shuffled(4, seed).iter().position(|&i| i == 0).unwrap()] += 1;
        }
        assert!(at.iter().all(|&n| (800..1200).contains(&n)), "{at:?}");
    }

    #[test]
    fn a_missed_rule_comes_back_and_leaves_once_known() {
        let mut r = Review::default();
        assert!(r.start_round(3).is_empty());
        r.record("DL3007", false);
        r.record("DL3025", true); // right at once: not in review
        assert_eq!(r.due(3), Vec::<String>::new(), "not again in the same round");
        // round 2: due; right -> box 2, due two rounds later
        assert_eq!(r.start_round(3), ["DL3007"]);
        r.record("DL3007", true);
        assert!(r.start_round(3).is_empty());
        assert_eq!(r.start_round(3), ["DL3007"]);
        // wrong again: back to box 1
        r.record("DL3007", false);
        assert_eq!(r.start_round(3), ["DL3007"]);
        // right four times in a row, at growing intervals, then known
        let mut asked = Vec::new();
        for _ in 0..40 {
            if r.due(3).contains(&"DL3007".to_string()) {
                asked.push(r.round);
                r.record("DL3007", true);
            }
            r.start_round(3);
        }
        assert_eq!(asked.len(), 4, "{asked:?}");
        let gaps: Vec<u32> = asked.windows(2).map(|w| w[1] - w[0]).collect();
        assert_eq!(gaps, [2, 4, 8]);
        assert!(r.boxes.is_empty());
    }

    #[test]
    fn review_state_survives_as_text_and_damage_is_skipped() {
        let mut r = Review::default();
        r.start_round(3);
        r.record("DW2008", false);
        r.record("DW3017", false);
        let text = r.to_text();
        assert_eq!(Review::from_text(&text), r);
        let damaged = format!("streak 3\n{text}review X 9 1\nreview Y a b\nreview DW2008 2 5\n");
        assert_eq!(Review::from_text(&damaged), r);
        // most overdue first
        let mut r = Review::from_text("round 10\nreview A 3 9\nreview B 1 4\nreview C 1 11\n");
        assert_eq!(r.due(3), ["B", "A"]);
        assert_eq!(r.start_round(1), ["B"]);
    }
}
