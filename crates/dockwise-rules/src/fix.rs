//! Applying fixes. A finding may carry a [`Fix`] (edits applied together, a
//! title, an [`Applicability`]); [`fix`] applies every fix allowed at the
//! requested applicability, in rounds, until nothing changes:
//!
//! - within a round, fixes are taken in position order and a fix whose
//!   edits overlap an earlier one's waits for the next round (edits that
//!   only meet, or insert at the same place, go together);
//! - a round that would add a syntax error is retried fix by fix, and a fix
//!   that breaks the file is dropped (and reported as such);
//! - rounds are bounded ([`MAX_ROUNDS`]), so two fixes that undo each other
//!   cannot loop.
//!
//! The result says what was applied and holds the findings that remain.

use crate::diagnostics::{Applicability, Edit, Fix};
use crate::engine::{lint, LintResult};
use crate::options::LintOptions;
use crate::rule::Rule;
use dockwise_syntax::Span;

/// At most this many rounds of fixing.
pub const MAX_ROUNDS: usize = 10;

/// One fix that was applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub rule: &'static Rule,
    pub title: String,
    pub applicability: Applicability,
}

#[derive(Debug)]
pub struct Fixed {
    /// The text after every applied fix.
    pub text: String,
    /// The fixes applied, round after round, each in position order.
    pub applied: Vec<Applied>,
    /// Fixes left out because applying them made the file unparsable.
    pub rejected: Vec<Applied>,
    /// How many rounds changed the text.
    pub rounds: usize,
    /// The findings of the fixed text.
    pub result: LintResult,
}

impl Fixed {
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
}

/// Is a fix of this applicability applied at `level`? (`Safe`: safe fixes
/// only; `Unsafe`: both.)
fn allowed(fix: &Fix, level: Applicability) -> bool {
    fix.applicability <= level
}

/// Do two edits overlap? Replacements that only meet do not, nor do two
/// insertions at the same place (they are applied in the order taken); an
/// insertion inside a replaced range does.
fn overlap(a: Span, b: Span) -> bool {
    let shared = a.start.max(b.start) < a.end.min(b.end);
    let inside = |ins: Span, r: Span| ins.is_empty() && r.start < ins.start && ins.start < r.end;
    shared || inside(a, b) || inside(b, a)
}

/// Does any edit of `fix` overlap an edit already taken?
fn clashes(fix: &Fix, taken: &[Span]) -> bool {
    fix.edits.iter().any(|e| taken.iter().any(|t| overlap(e.span, *t)))
}

/// Applies sorted, non-overlapping edits.
fn apply_edits(source: &str, edits: &[&Edit]) -> Option<String> {
    let mut out = String::with_capacity(source.len());
    let mut at = 0usize;
    for e in edits {
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        if s < at || t > source.len() || !source.is_char_boundary(s) || !source.is_char_boundary(t) {
            return None;
        }
        out.push_str(&source[at..s]);
        out.push_str(&e.replacement);
        at = t;
    }
    out.push_str(&source[at..]);
    Some(out)
}

fn syntax_errors(r: &LintResult) -> usize {
    r.findings.iter().filter(|f| f.is_syntax_error()).count()
}

/// Applies every fix allowed at `level` to `source`, in rounds, until
/// nothing changes (or [`MAX_ROUNDS`]). The file's kind is decided once,
/// from the original text (a fix never changes what kind of file it is).
pub fn fix(source: &str, options: &LintOptions, level: Applicability) -> Fixed {
    let first = lint(source, options);
    let options = LintOptions {
        kind: Some(first.kind),
        ..options.clone()
    };
    let mut text = source.to_string();
    let mut result = first;
    let (mut applied, mut rejected, mut rounds) = (Vec::new(), Vec::new(), 0);
    while rounds < MAX_ROUNDS {
        let mut chosen: Vec<(&'static Rule, &Fix)> = Vec::new();
        let mut taken: Vec<Span> = Vec::new();
        let mut candidates: Vec<(&'static Rule, &Fix)> = result
            .findings
            .iter()
            .filter_map(|f| Some((f.rule, f.fix.as_ref()?)))
            .filter(|(_, x)| allowed(x, level))
            .collect();
        candidates.sort_by_key(|(_, x)| (x.span().start, x.span().end));
        for (rule, x) in candidates {
            if rejected
                .iter()
                .any(|r: &Applied| std::ptr::eq(r.rule, rule) && r.title == x.title)
            {
                continue;
            }
            // the same fix offered by several findings (one SHELL line for
            // a stage's pipes) is applied once
            if clashes(x, &taken) || chosen.iter().any(|(_, c)| c.edits == x.edits) {
                continue;
            }
            taken.extend(x.edits.iter().map(|e| e.span));
            chosen.push((rule, x));
        }
        if chosen.is_empty() {
            break;
        }
        let before = syntax_errors(&result);
        let record = |(rule, x): &(&'static Rule, &Fix)| Applied {
            rule,
            title: x.title.clone(),
            applicability: x.applicability,
        };
        let attempt = |set: &[(&'static Rule, &Fix)]| -> Option<(String, LintResult)> {
            let mut all: Vec<&Edit> = set.iter().flat_map(|(_, x)| x.edits.iter()).collect();
            all.sort_by_key(|e| (e.span.start, e.span.end));
            let t = apply_edits(&text, &all)?;
            let r = lint(&t, &options);
            (syntax_errors(&r) <= before && t != text).then_some((t, r))
        };
        let (next, round) = match attempt(&chosen) {
            Some(next) => (next, chosen.iter().map(record).collect::<Vec<_>>()),
            // together they break the file: find the first that does not, drop those before it
            None => match chosen.iter().position(|c| attempt(std::slice::from_ref(c)).is_some()) {
                Some(i) => {
                    rejected.extend(chosen[..i].iter().map(record));
                    let Some(next) = attempt(&chosen[i..=i]) else { break };
                    (next, vec![record(&chosen[i])])
                }
                None => {
                    rejected.extend(chosen.iter().map(record));
                    continue;
                }
            },
        };
        (text, result) = next;
        applied.extend(round);
        rounds += 1;
    }
    Fixed {
        text,
        applied,
        rejected,
        rounds,
        result,
    }
}

/// A change the playground's Harden view offers: one finding's fix, in the
/// current text's byte offsets.
#[derive(Clone, Debug)]
pub struct Proposal {
    pub rule: &'static Rule,
    pub fix: Fix,
    /// Clashes with an earlier proposal: it can be taken in a later round.
    pub clashes: bool,
}

/// What hardening a text would do: the fixes on offer now (every rule's,
/// safe and unsafe, in position order), the fully hardened text (all fixes,
/// all rounds), and the findings by concern before and after.
#[derive(Debug)]
pub struct Hardening {
    pub proposals: Vec<Proposal>,
    pub hardened: Fixed,
    /// Findings per tag (a finding counts for each tag of its rule), in
    /// [`crate::diagnostics::Tag::ALL`] order.
    pub before: Vec<(crate::diagnostics::Tag, usize)>,
    pub after: Vec<(crate::diagnostics::Tag, usize)>,
}

fn by_concern(r: &LintResult) -> Vec<(crate::diagnostics::Tag, usize)> {
    crate::diagnostics::Tag::ALL
        .iter()
        .map(|t| {
            (
                *t,
                r.findings
                    .iter()
                    .filter(|f| !f.is_syntax_error() && f.rule.tags.contains(t))
                    .count(),
            )
        })
        .collect()
}

/// Everything hardening `source` would change.
pub fn harden(source: &str, options: &LintOptions) -> Hardening {
    let now = lint(source, options);
    let mut taken: Vec<Span> = Vec::new();
    let mut proposals: Vec<Proposal> = now
        .findings
        .iter()
        .filter_map(|f| {
            Some(Proposal {
                rule: f.rule,
                fix: f.fix.clone()?,
                clashes: false,
            })
        })
        .collect();
    proposals.sort_by_key(|p| (p.fix.span().start, p.fix.span().end));
    // the same fix offered by several findings is one proposal
    let mut seen: Vec<Vec<crate::diagnostics::Edit>> = Vec::new();
    proposals.retain(|p| {
        let fresh = !seen.contains(&p.fix.edits);
        if fresh {
            seen.push(p.fix.edits.clone());
        }
        fresh
    });
    for p in &mut proposals {
        p.clashes = clashes(&p.fix, &taken);
        if !p.clashes {
            taken.extend(p.fix.edits.iter().map(|e| e.span));
        }
    }
    let hardened = fix(source, options, Applicability::Unsafe);
    Hardening {
        before: by_concern(&now),
        after: by_concern(&hardened.result),
        proposals,
        hardened,
    }
}

/// A unified diff of `old` and `new` (3 lines of context), headed with
/// `--- a/<path>` and `+++ b/<path>`; empty when the texts are equal.
pub fn unified_diff(old: &str, new: &str, path: &str) -> String {
    if old == new {
        return String::new();
    }
    let diff = similar::TextDiff::from_lines(old, new);
    diff.unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::finding::Finding;
    use crate::rules;

    #[test]
    fn nothing_to_fix_changes_nothing() {
        let src = "FROM alpine:3.20\nUSER 1000\n";
        let f = fix(src, &LintOptions::default(), Applicability::Unsafe);
        assert!(!f.changed());
        assert_eq!(f.text, src);
        assert_eq!(f.rounds, 0);
    }

    #[test]
    fn clashing_edits_wait_for_the_next_round() {
        let r = Span::new(0, 4);
        assert!(overlap(Span::new(2, 6), r), "overlapping replacements");
        assert!(overlap(Span::new(2, 2), r), "an insertion inside a replaced range");
        assert!(!overlap(Span::new(4, 6), r), "replacements that only meet");
        assert!(!overlap(Span::new(4, 4), r), "an insertion where a replacement ends");
        assert!(
            !overlap(Span::new(3, 3), Span::new(3, 3)),
            "two insertions at the same place"
        );
        let fix = Fix::safe("t", vec![Edit::insert(9, "x"), Edit::replace(Span::new(1, 3), "y")]).unwrap();
        assert!(clashes(&fix, &[Span::new(2, 5)]), "any edit of the fix counts");
        assert!(!clashes(&fix, &[Span::new(5, 8)]));
    }

    #[test]
    fn two_flags_added_at_the_same_place_go_in_one_round() {
        // DL3014 (-y) and DL3015 (--no-install-recommends) both insert after `install`
        let src = "FROM debian:12-slim\nRUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*\nUSER 1000\n";
        let f = fix(src, &LintOptions::default(), Applicability::Safe);
        assert_eq!(f.rounds, 1, "{}", f.text);
        assert!(
            f.text.contains("apt-get install --no-install-recommends -y curl")
                || f.text.contains("apt-get install -y --no-install-recommends curl"),
            "{}",
            f.text
        );
    }

    #[test]
    fn edits_that_do_not_fit_are_refused() {
        let e = Edit::replace(Span::new(2, 99), "x");
        assert_eq!(apply_edits("abc", &[&e]), None);
        let a = Edit::insert(1, "x");
        let b = Edit::insert(0, "y");
        assert_eq!(apply_edits("abc", &[&a, &b]), None, "edits must come sorted");
    }

    #[test]
    fn hardening_with_nothing_to_fix() {
        let src = "FROM alpine:3.20\nUSER 1000\n";
        let h = harden(src, &LintOptions::default());
        assert!(h.proposals.is_empty());
        assert_eq!(h.hardened.text, src);
        assert_eq!(h.before, h.after);
        assert_eq!(h.before.len(), 5);
    }

    #[test]
    fn diff_of_a_fix() {
        let d = unified_diff("FROM a\nRUN x\nUSER 1\n", "FROM a\nRUN y\nUSER 1\n", "Dockerfile");
        assert!(
            d.starts_with("--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n"),
            "{d}"
        );
        assert!(d.contains("-RUN x\n+RUN y\n"), "{d}");
        assert_eq!(unified_diff("same\n", "same\n", "x"), "");
    }

    #[test]
    fn a_fix_is_applied_only_at_its_level() {
        let fix_of = |app| Fix::new(app, "t", vec![Edit::insert(0, "# x\n")]).unwrap();
        assert!(allowed(&fix_of(Applicability::Safe), Applicability::Safe));
        assert!(!allowed(&fix_of(Applicability::Unsafe), Applicability::Safe));
        assert!(allowed(&fix_of(Applicability::Unsafe), Applicability::Unsafe));
        // a finding's fix is data: the engine carries it through
        let rule = rules::find("DL3007").unwrap();
        let f = Finding::new(
            rule,
            Diagnostic::new(Span::new(0, 1), "m").with_fix(|| Some(fix_of(Applicability::Safe))),
        );
        assert!(f.fix.is_some());
    }
}
