//! Lint time, measured with criterion (never by timed tests):
//! - the largest Dockerfile of `../shared/corpus/dockerfile`;
//! - a generated 1,000-line Dockerfile (target: at most 2 ms natively).
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dockwise_rules::{lint, LintOptions};
use std::hint::black_box;
use std::path::PathBuf;

fn shared() -> PathBuf {
    std::env::var("DOCKWISE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// The largest corpus Dockerfile, by size.
fn largest_corpus_dockerfile() -> (String, String) {
    let dir = shared().join("corpus/dockerfile");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| (e.metadata().map(|m| m.len()).unwrap_or(0), e.path()))
        .collect();
    files.sort();
    let (_, path) = files.pop().expect("corpus is empty");
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    (name, std::fs::read_to_string(&path).expect("utf-8"))
}

#[path = "thousand.rs"]
mod thousand;
use thousand::thousand_lines;

fn bench(c: &mut Criterion) {
    let opts = LintOptions::default();
    let (name, largest) = largest_corpus_dockerfile();
    let mut g = c.benchmark_group("lint");
    g.throughput(Throughput::Bytes(largest.len() as u64));
    g.bench_function(
        format!("largest corpus Dockerfile ({name}, {} lines)", largest.lines().count()),
        |b| b.iter(|| lint(black_box(&largest), &opts)),
    );
    let big = thousand_lines();
    assert_eq!(big.lines().count(), 1000);
    assert!(!lint(&big, &opts).has_syntax_errors());
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("generated 1000-line Dockerfile", |b| {
        b.iter(|| lint(black_box(&big), &opts))
    });
    g.bench_function("parse only, 1000 lines", |b| {
        b.iter(|| dockwise_syntax::dockerfile::parse(black_box(&big)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
