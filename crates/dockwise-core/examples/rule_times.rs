//! Time spent per rule on the benchmark's 1,000-line Dockerfile, slowest
//! first: `cargo run --release -p dockwise-core --example rule_times`.

#[path = "../benches/thousand.rs"]
mod thousand;

use dockwise_core::{lint, rules, FileKind, LintOptions};
use std::time::Instant;

fn main() {
    let text = thousand::thousand_lines();
    let time = |opts: &LintOptions| {
        let start = Instant::now();
        for _ in 0..50 {
            std::hint::black_box(lint(&text, opts));
        }
        start.elapsed().as_secs_f64() * 1000.0 / 50.0
    };
    let base = time(&LintOptions { kind: Some(FileKind::Dockerfile), only: Some(vec!["DL1000".into()]), ..Default::default() });
    let all = time(&LintOptions { kind: Some(FileKind::Dockerfile), ..Default::default() });
    println!("parse + model, no rule: {base:.3} ms; every rule: {all:.3} ms");
    let mut per: Vec<(f64, &str)> = rules::all()
        .filter(|r| r.kind == FileKind::Dockerfile)
        .map(|r| (time(&LintOptions { kind: Some(FileKind::Dockerfile), only: Some(vec![r.id.into()]), ..Default::default() }) - base, r.id))
        .collect();
    per.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, id) in per.iter().take(12) {
        println!("{id:8} {ms:.3} ms");
    }
}
