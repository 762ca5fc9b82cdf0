//! The fix contract on the whole corpus (Dockerfiles, compose files,
//! manifests): after every fix, safe and unsafe, the file still parses,
//! every finding that had a fix is gone, a second run changes nothing, and
//! no finding of another rule appears unless it is listed below (and in the
//! README's fix section). Run with `--nocapture` for the counts the README
//! quotes.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use dockwise_rules::fix::{fix, Fixed};
use dockwise_rules::{lint, Applicability, FileKind, LintOptions};
use std::collections::{BTreeMap, BTreeSet};

/// Rules that may appear after fixing, with the rule whose fix brings them
/// and why (the README's "Fixes" section says the same).
const MAY_APPEAR: &[(&str, &str, &str)] = &[
    // `apt` becomes `apt-get`, and the apt-get rules then apply to it
    ("DL3027", "DL3008", "apt-get install without pinned versions"),
    ("DL3027", "DL3015", "apt-get install without --no-install-recommends"),
    ("DL3027", "DL3014", "apt-get install without -y"),
    ("DL3027", "DL3009", "apt lists after apt-get update"),
];

fn options(kind: FileKind) -> LintOptions {
    LintOptions {
        kind: Some(kind),
        ..Default::default()
    }
}

fn rule_ids(r: &dockwise_rules::LintResult) -> BTreeSet<&'static str> {
    r.findings.iter().map(|f| f.rule.id).collect()
}

#[derive(Default)]
struct Counts {
    files: usize,
    findings: usize,
    fixable_safe: usize,
    fixable_unsafe: usize,
    gone_by_safe: usize,
}

#[test]
fn every_corpus_file_converges_under_every_fix() {
    let mut problems = Vec::new();
    let mut counts: BTreeMap<&str, Counts> = BTreeMap::new();
    for (dir, kind) in [
        ("dockerfile", FileKind::Dockerfile),
        ("compose", FileKind::Compose),
        ("k8s", FileKind::Kubernetes),
    ] {
        let c = counts.entry(dir).or_default();
        for path in support::files(&support::corpus(dir)) {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let src = std::fs::read_to_string(&path).unwrap();
            let before = lint(&src, &options(kind));
            c.files += 1;
            c.findings += before.findings.len();
            for f in &before.findings {
                match f.fix.as_ref().map(|x| x.applicability) {
                    Some(Applicability::Safe) => c.fixable_safe += 1,
                    Some(Applicability::Unsafe) => c.fixable_unsafe += 1,
                    None => {}
                }
            }
            let safe: Fixed = fix(&src, &options(kind), Applicability::Safe);
            c.gone_by_safe += before.findings.len().saturating_sub(safe.result.findings.len());
            let fixed = fix(&src, &options(kind), Applicability::Unsafe);
            let errors = |r: &dockwise_rules::LintResult| r.findings.iter().filter(|f| f.is_syntax_error()).count();
            if errors(&fixed.result) > errors(&before) {
                problems.push(format!("{name}: the fixed file has new syntax errors:\n{}", fixed.text));
                continue;
            }
            let left: Vec<_> = fixed
                .result
                .findings
                .iter()
                .filter(|f| f.fix.is_some())
                .map(|f| f.rule.id)
                .collect();
            if !left.is_empty() {
                problems.push(format!("{name}: findings with a fix are left after fixing: {left:?}"));
            }
            if fix(&fixed.text, &options(kind), Applicability::Unsafe).changed() {
                problems.push(format!("{name}: a second run changes the file again"));
            }
            let (old, new) = (rule_ids(&before), rule_ids(&fixed.result));
            for id in new.difference(&old) {
                let allowed = MAY_APPEAR
                    .iter()
                    .any(|(by, appears, _)| *appears == *id && old.contains(by));
                if !allowed {
                    problems.push(format!("{name}: fixing brought a finding of {id}"));
                }
            }
        }
    }
    for (dir, c) in &counts {
        println!(
            "{dir}: {} files, {} findings, {} with a safe fix, {} with an unsafe fix; safe fixes remove {} ({:.1}%)",
            c.files,
            c.findings,
            c.fixable_safe,
            c.fixable_unsafe,
            c.gone_by_safe,
            100.0 * c.gone_by_safe as f64 / c.findings.max(1) as f64
        );
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(counts["dockerfile"].files >= 90 && counts["compose"].files >= 40 && counts["k8s"].files >= 80);
}
