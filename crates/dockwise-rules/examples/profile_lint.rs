//! Runs lint over a file many times, for profilers (perf, valgrind).
//! Usage: cargo run --release --example profile_lint -- FILE|thousand [ITERATIONS]
//! (`thousand`: the benchmark's generated 1,000-line Dockerfile).
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../benches/thousand.rs"]
mod thousand;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file, or `thousand`");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    let text = if path == "thousand" {
        thousand::thousand_lines()
    } else {
        std::fs::read_to_string(&path).expect("utf-8 file")
    };
    let opts = dockwise_rules::LintOptions::default();
    let mut total = 0;
    for _ in 0..n {
        total += dockwise_rules::lint(std::hint::black_box(&text), &opts).findings.len();
    }
    println!("{total}");
}
