//! The Dockerfile parser against BuildKit's own parser test cases
//! (`../shared/corpus/parser-edge`): every positive case parses and, where
//! BuildKit ships an expected AST (`result`), our tree prints the same; every
//! negative case fails with an error that names a line and column.
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use dockwise_syntax::dockerfile::{dump::dump, parse};
use dockwise_syntax::span::LineIndex;

#[test]
fn positive_cases_parse_like_buildkit() {
    let mut compared = 0;
    let mut failures = Vec::new();
    for dir in support::subdirs(&support::corpus("parser-edge/testfiles")) {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(dir.join("Dockerfile")).expect("Dockerfile");
        let df = parse(&src);
        if !df.errors.is_empty() {
            failures.push(format!("{name}: unexpected errors {:?}", df.errors));
            continue;
        }
        if let Ok(expected) = std::fs::read_to_string(dir.join("result")) {
            compared += 1;
            let got = dump(&df);
            if got.trim() != expected.trim() {
                failures.push(format!("{name}:\n--- expected\n{}\n--- got\n{}", expected.trim(), got));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(compared >= 30, "only {compared} cases had a result file");
}

#[test]
fn negative_cases_fail_with_a_position() {
    for dir in support::subdirs(&support::corpus("parser-edge/testfiles-negative")) {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(dir.join("Dockerfile")).unwrap_or_default();
        let df = parse(&src);
        assert!(!df.errors.is_empty(), "{name}: should fail to parse");
        let idx = LineIndex::new(&src);
        for e in &df.errors {
            let p = idx.position(&src, e.span.start);
            assert!(p.line >= 1 && p.column >= 1, "{name}: {e:?}");
            eprintln!("{name}: {}:{}: {}", p.line, p.column, e.message);
        }
    }
}
