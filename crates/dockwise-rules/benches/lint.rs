//! Lint time, measured with criterion (never by timed tests):
//! - the largest Dockerfile of `../shared/corpus/dockerfile`;
//! - a generated 1,000-line Dockerfile (target: at most 2 ms natively);
//! - `scaling/...`: the same kind of input at sizes n, 2n and 4n, so that
//!   the time per byte (criterion's throughput) shows whether lint time grows
//!   linearly: a one-line file, a file of up to 200,000 lines, and a file
//!   with up to 100,000 findings (linted and every finding located, as the
//!   CLI and the editor do). Run only these with `-- scaling`.
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dockwise_rules::report::located;
use dockwise_rules::{lint, LintOptions};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

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

#[path = "manifest_set.rs"]
mod manifest_set;
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

/// A compose file on one line (minified JSON) of about `bytes` bytes: one
/// service with an environment of as many entries as fit.
fn one_line_compose(bytes: usize) -> String {
    let mut s = String::from("{\"services\":{\"app\":{\"image\":\"nginx:1.27\",\"environment\":{");
    let mut i = 0;
    while s.len() < bytes {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!("\"VAR_{i}\":\"value {i}\""));
        i += 1;
    }
    s.push_str("}}}}");
    s
}

/// The generated 1,000-line Dockerfile repeated to `lines` lines (a stage
/// every 24 lines or so, continued RUNs, heredocs, JSON and shell forms).
fn many_lines(lines: usize) -> String {
    let block = thousand_lines();
    block.repeat(lines / 1000)
}

/// One RUN of `n` `cd /x` (each is a DL3003 finding), on one line.
fn many_findings(n: usize) -> String {
    format!("FROM alpine:3.20\nRUN {}\n", vec!["cd /x"; n].join(" && "))
}

fn scaling(c: &mut Criterion) {
    let opts = LintOptions::default();
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for kb in [512, 1024, 2048] {
        let text = one_line_compose(kb << 10);
        assert!(!text.contains('\n') && !lint(&text, &opts).has_syntax_errors());
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("one-line compose (JSON)", format!("{kb} KB")),
            &text,
            |b, t| b.iter(|| lint(black_box(t), &opts)),
        );
    }
    for lines in [50_000, 100_000, 200_000] {
        let text = many_lines(lines);
        assert_eq!(text.lines().count(), lines);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("Dockerfile lines", lines), &text, |b, t| {
            b.iter(|| lint(black_box(t), &opts))
        });
    }
    for n in [25_000, 50_000, 100_000] {
        let text = many_findings(n);
        assert!(lint(&text, &opts).findings.len() >= n);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("findings, lint and locate", n), &text, |b, t| {
            b.iter(|| {
                let r = lint(black_box(t), &opts);
                located("Dockerfile", t, &r)
            })
        });
    }
    // a Kubernetes manifest set: about 1,000, 2,000 and 4,000 objects, every
    // rule on, the cross-object rules looking references up in the index
    let k8s = LintOptions {
        enabled: dockwise_rules::rules::all().map(|r| r.id.to_string()).collect(),
        kind: Some(dockwise_syntax::FileKind::Kubernetes),
        ..Default::default()
    };
    for apps in [112, 224, 448] {
        let text = manifest_set::manifest_set(apps);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("manifest set, objects", apps * 9), &text, |b, t| {
            b.iter(|| lint(black_box(t), &k8s))
        });
    }
    g.finish();
}

criterion_group!(benches, bench, scaling);
criterion_main!(benches);
