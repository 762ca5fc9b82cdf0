//! Runs lint over a file many times, for profilers (valgrind --tool=callgrind).
//! Usage: cargo run --release --example profile_lint -- FILE [ITERATIONS]
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    let text = std::fs::read_to_string(&path).expect("utf-8 file");
    let opts = dockwise_core::LintOptions::default();
    let mut total = 0;
    for _ in 0..n {
        total += dockwise_core::lint(std::hint::black_box(&text), &opts).findings.len();
    }
    println!("{total}");
}
