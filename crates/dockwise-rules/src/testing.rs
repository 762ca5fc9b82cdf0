//! Helpers for the tests that sit beside each rule.

use crate::diagnostics::Applicability;
use crate::engine::lint;
use crate::finding::Finding;
use crate::fix::fix;
use crate::options::{LabelType, LintOptions};
use crate::rule::Rule;

/// Runs one rule over `src` (pragmas applied) and returns its findings.
pub fn run(rule: &'static Rule, src: &str) -> Vec<Finding> {
    let opts = LintOptions {
        only: Some(vec![rule.id.to_string()]),
        kind: Some(rule.kind),
        ..Default::default()
    };
    lint(src, &opts)
        .findings
        .into_iter()
        .filter(|f| std::ptr::eq(f.rule, rule))
        .collect()
}

/// The source text under each finding of `rule`.
pub fn spans<'a>(rule: &'static Rule, src: &'a str) -> Vec<&'a str> {
    run(rule, src).iter().map(|f| f.span.text(src)).collect()
}

#[track_caller]
pub fn fires(rule: &'static Rule, src: &str) {
    assert!(!run(rule, src).is_empty(), "{} should fire on:\n{src}", rule.id);
}

#[track_caller]
pub fn silent(rule: &'static Rule, src: &str) {
    let f = run(rule, src);
    assert!(
        f.is_empty(),
        "{} should stay silent on:\n{src}\nbut said: {:?}",
        rule.id,
        f.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
}

/// The source text under each finding of `rule`, run alone with `options`
/// (a label schema, trusted registries...).
pub fn spans_with<'a>(rule: &'static Rule, src: &'a str, options: LintOptions) -> Vec<&'a str> {
    let opts = LintOptions {
        only: Some(vec![rule.id.to_string()]),
        kind: Some(rule.kind),
        ..options
    };
    lint(src, &opts)
        .findings
        .iter()
        .filter(|f| std::ptr::eq(f.rule, rule))
        .map(|f| f.span.text(src))
        .collect()
}

/// Options whose label schema has one label of type `ty`.
pub fn schema(label: &str, ty: LabelType) -> LintOptions {
    LintOptions {
        label_schema: vec![(label.to_string(), ty)],
        ..Default::default()
    }
}

/// `src` after `rule`'s fixes (unsafe ones too), the rule running alone.
pub fn fixed(rule: &'static Rule, src: &str) -> String {
    let opts = LintOptions {
        only: Some(vec![rule.id.to_string()]),
        kind: Some(rule.kind),
        ..Default::default()
    };
    fix(src, &opts, Applicability::Unsafe).text
}

/// The fix contract on `src`: the rule fires, its fixes change the text, the
/// fixed text has no syntax error and no finding of the rule, and fixing
/// again changes nothing. Returns the fixed text.
#[track_caller]
pub fn fix_converges(rule: &'static Rule, src: &str) -> String {
    assert!(!run(rule, src).is_empty(), "{} should fire on:\n{src}", rule.id);
    let once = fixed(rule, src);
    assert_ne!(once, src, "{}: no fix applied to:\n{src}", rule.id);
    let after = lint(
        &once,
        &LintOptions {
            kind: Some(rule.kind),
            ..Default::default()
        },
    );
    assert!(
        !after.has_syntax_errors(),
        "{}: the fixed text does not parse:\n{once}",
        rule.id
    );
    let left = run(rule, &once);
    assert!(
        left.is_empty(),
        "{}: still fires after fixing:\n{once}\n{:?}",
        rule.id,
        left.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
    assert_eq!(fixed(rule, &once), once, "{}: a second round changed the text", rule.id);
    once
}
