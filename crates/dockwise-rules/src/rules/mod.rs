//! The rule catalogue: every rule of every kind, in catalogue order. A rule
//! is one file under `dockerfile/`, `compose/` or `kubernetes/` holding its
//! metadata, docs, quiz, check and tests; registering it is one line in the
//! `rules!` list of its kind's `mod.rs`. Helpers shared by the rules of one
//! kind live in that kind's `helpers` module, helpers for every kind in
//! `shared`; a rule file never imports another rule file.

use crate::rule::Rule;

// Without the `checks` feature the rules keep their metadata only: their
// check functions and helpers are unused.
use dockwise_syntax::FileKind;

#[cfg_attr(not(feature = "checks"), allow(dead_code, unused_imports))]
pub mod compose;
#[cfg_attr(not(feature = "checks"), allow(dead_code, unused_imports))]
pub mod dockerfile;
#[cfg_attr(not(feature = "checks"), allow(dead_code, unused_imports))]
pub mod kubernetes;
#[cfg_attr(not(feature = "checks"), allow(dead_code, unused_imports))]
pub mod shared;

/// Every rule, by kind: Dockerfile, Compose, Kubernetes.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    dockerfile::RULES
        .iter()
        .copied()
        .chain(compose::RULES.iter().copied())
        .chain(kubernetes::RULES.iter().copied())
}

/// The rule whose findings are a file's syntax errors, per kind (each kind
/// has exactly one: tested).
pub fn syntax_rule(kind: FileKind) -> &'static Rule {
    all()
        .find(|r| r.kind == kind && r.is_syntax_error())
        .unwrap_or(&dockerfile::dl1000::RULE)
}

pub fn find(key: &str) -> Option<&'static Rule> {
    all().find(|r| r.is(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lint;
    use std::collections::HashSet;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut ids = HashSet::new();
        let mut names = HashSet::new();
        for r in all() {
            assert!(ids.insert(r.id), "duplicate id {}", r.id);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                r.name
            );
            let prefix_ok = match r.kind {
                FileKind::Dockerfile => {
                    r.id.starts_with("DL")
                        || r.id.starts_with("DW1")
                        || r.id.starts_with("DW4")
                        || r.id.starts_with("SC")
                }
                FileKind::Compose => r.id.starts_with("DW2"),
                FileKind::Kubernetes => r.id.starts_with("DW3"),
            };
            assert!(prefix_ok && r.id.len() == 6, "bad id {}", r.id);
            assert!(
                !r.title.is_empty() && !r.title.ends_with('.'),
                "{}: title must be one line without a full stop",
                r.id
            );
            for a in r.aliases {
                assert!(
                    !names.contains(a) || all().filter(|o| o.name == *a).all(|o| o.kind != r.kind),
                    "{}: alias {a} names another rule of its kind",
                    r.id
                );
            }
        }
    }

    #[test]
    fn each_kind_has_one_syntax_error_rule() {
        for kind in FileKind::ALL {
            let syntax: Vec<_> = all().filter(|r| r.kind == kind && r.is_syntax_error()).collect();
            assert_eq!(syntax.len(), 1, "{kind:?}: {syntax:?}");
            assert!(std::ptr::eq(syntax_rule(kind), syntax[0]));
        }
        assert_eq!(syntax_rule(FileKind::Dockerfile).id, "DL1000");
    }

    #[test]
    fn quizzes_have_three_or_four_choices_and_one_answer() {
        for r in all() {
            let n = r.quiz.choices.len();
            assert!((3..=4).contains(&n), "{}: {} choices", r.id, n);
            assert_eq!(
                r.quiz.choices.iter().filter(|c| c.correct).count(),
                1,
                "{}: exactly one correct choice",
                r.id
            );
            assert!(
                r.quiz.choices.iter().all(|c| !c.feedback.is_empty()),
                "{}: every choice needs feedback",
                r.id
            );
            assert!(
                r.docs.what.len() > 20 && r.docs.why.len() > 20 && r.docs.fix.len() > 10,
                "{}: docs too thin",
                r.id
            );
        }
    }

    /// A quiz cannot be passed blind: dealt as the page deals them (a fresh
    /// `learn::shuffled` order per showing), the answer sits at no one
    /// place in more than half of the quizzes, and it is the longest choice
    /// in at most 40 % of them. Feedback explains, it does not just repeat
    /// the verdict the page already shows.
    #[test]
    #[cfg(feature = "docs")]
    fn quizzes_cannot_be_passed_blind() {
        let quizzes: Vec<_> = all().map(|r| (r.id, &r.quiz)).collect();
        // three showings of every quiz, as three visits would see them
        let mut at = [0usize; 4];
        let mut shown = 0;
        for round in 0..3u64 {
            for (i, (_, q)) in quizzes.iter().enumerate() {
                let order = crate::learn::shuffled(q.choices.len(), round * 1_000 + i as u64);
                let place = order.iter().position(|&c| q.choices[c].correct).unwrap();
                at[place] += 1;
                shown += 1;
            }
        }
        assert!(
            at.iter().all(|&n| n * 2 <= shown),
            "the answer's places as shown: {at:?} of {shown}"
        );
        let longest: Vec<&str> = quizzes
            .iter()
            .filter(|(_, q)| {
                let len = |t: &str| t.chars().count();
                let answer = q.choices.iter().find(|c| c.correct).map(|c| len(c.text)).unwrap_or(0);
                q.choices.iter().filter(|c| !c.correct).all(|c| len(c.text) < answer)
            })
            .map(|(id, _)| *id)
            .collect();
        assert!(
            longest.len() * 10 <= quizzes.len() * 4,
            "the answer is the longest choice in {} of {} quizzes: {longest:?}",
            longest.len(),
            quizzes.len()
        );
        for (id, q) in &quizzes {
            for c in q.choices.iter() {
                let f = c.feedback.trim_start();
                assert!(
                    !crate::learn::starts_with_verdict(f),
                    "{id}: feedback starts with a verdict: {f}"
                );
                assert!(
                    !c.text.to_lowercase().contains("of the above"),
                    "{id}: choices are shuffled, so none may point at others"
                );
            }
        }
    }

    /// A rule's `fixes` says what its findings carry: its bad example gets
    /// fixes of that applicability, which converge (the fixed text parses,
    /// the finding is gone, a second round changes nothing); a rule without
    /// fixes offers none.
    #[test]
    fn every_fix_on_a_bad_example_converges() {
        use crate::diagnostics::Applicability;
        use crate::rule::Fixes;
        for r in all() {
            let opts = crate::options::LintOptions {
                kind: Some(r.kind),
                ..crate::config::example_options(r.docs.bad, Some(vec![r.id.to_string()]))
            };
            let bad = lint(r.docs.bad, &opts);
            let fixes: Vec<_> = bad
                .findings
                .iter()
                .filter(|f| std::ptr::eq(f.rule, r))
                .filter_map(|f| f.fix.as_ref())
                .collect();
            match r.fixes {
                Fixes::No => assert!(fixes.is_empty(), "{}: declares no fixes but offers {:?}", r.id, fixes),
                declared => {
                    assert!(
                        !fixes.is_empty(),
                        "{}: declares {declared:?} fixes but its bad example gets none",
                        r.id
                    );
                    for f in &fixes {
                        let ok = match declared {
                            Fixes::Safe => f.applicability == Applicability::Safe,
                            Fixes::Unsafe => f.applicability == Applicability::Unsafe,
                            _ => true,
                        };
                        assert!(
                            ok,
                            "{}: declares {declared:?} but offers a {:?} fix",
                            r.id, f.applicability
                        );
                    }
                    let once = crate::fix::fix(r.docs.bad, &opts, Applicability::Unsafe);
                    assert!(
                        once.changed() && !once.result.has_syntax_errors(),
                        "{}: fixed bad example:\n{}",
                        r.id,
                        once.text
                    );
                    assert!(
                        !once.result.findings.iter().any(|f| std::ptr::eq(f.rule, r)),
                        "{}: still fires:\n{}",
                        r.id,
                        once.text
                    );
                    let twice = crate::fix::fix(&once.text, &opts, Applicability::Unsafe);
                    assert!(!twice.changed(), "{}: a second round changed:\n{}", r.id, twice.text);
                }
            }
        }
    }

    /// The card can never teach what the checker disagrees with: every bad
    /// example fires its rule, every good example keeps it silent.
    #[test]
    fn every_docs_example_agrees_with_the_checker() {
        for r in all() {
            let only = |text: &str| crate::options::LintOptions {
                kind: Some(r.kind),
                ..crate::config::example_options(text, Some(vec![r.id.to_string()]))
            };
            let bad = lint(r.docs.bad, &only(r.docs.bad));
            assert!(
                bad.findings.iter().any(|f| std::ptr::eq(f.rule, r)),
                "{}: the bad example does not fire",
                r.id
            );
            let good = lint(r.docs.good, &only(r.docs.good));
            let fired: Vec<_> = good
                .findings
                .iter()
                .filter(|f| std::ptr::eq(f.rule, r) || std::ptr::eq(f.rule, syntax_rule(r.kind)))
                .map(|f| &f.message)
                .collect();
            assert!(fired.is_empty(), "{}: the good example is flagged: {:?}", r.id, fired);
        }
    }
}
