//! Where lint time and allocations go on the benchmark's 1,000-line
//! Dockerfile, phase by phase and rule by rule:
//! `cargo run --release -p dockwise-rules --example phases`.
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../benches/thousand.rs"]
mod thousand;

use dockwise_rules::rules;
use dockwise_rules::{Check, Context, FileKind, LintOptions, Reporter};
use dockwise_syntax::dockerfile::{self, Model};
use std::sync::atomic::Ordering::Relaxed;
use std::time::Instant;

// Counting allocations needs a global allocator, which is unsafe code.
#[allow(unsafe_code)]
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    pub static ALLOCS: AtomicUsize = AtomicUsize::new(0);

    pub struct Counting;

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            ALLOCS.fetch_add(1, Relaxed);
            unsafe { System.alloc(l) }
        }
        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            unsafe { System.dealloc(p, l) }
        }
        unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
            ALLOCS.fetch_add(1, Relaxed);
            unsafe { System.realloc(p, l, n) }
        }
    }

    #[global_allocator]
    static A: Counting = Counting;
}
use counting::ALLOCS;

const N: usize = 200;

/// Mean milliseconds and allocations of `f` over N runs.
fn measure<T>(mut f: impl FnMut() -> T) -> (f64, usize) {
    let a = ALLOCS.load(Relaxed);
    let t = Instant::now();
    for _ in 0..N {
        std::hint::black_box(f());
    }
    (
        t.elapsed().as_secs_f64() * 1000.0 / N as f64,
        (ALLOCS.load(Relaxed) - a) / N,
    )
}

fn main() {
    let text = thousand::thousand_lines();
    let opts = LintOptions {
        kind: Some(FileKind::Dockerfile),
        ..Default::default()
    };
    let df = dockerfile::parse(&text);
    let model = Model::new(&text, &df);
    let cx = Context::new(&model, &opts);
    let show = |what: &str, (ms, allocs): (f64, usize)| println!("{what:28} {ms:7.3} ms {allocs:7} allocations");
    // warm up first: the first few hundred runs are slower (caches, clock)
    measure(|| dockwise_rules::lint(&text, &opts));
    show(
        "whole lint (kind detected)",
        measure(|| dockwise_rules::lint(&text, &LintOptions::default())),
    );
    show(
        "whole lint (kind given)",
        measure(|| dockwise_rules::lint(&text, &opts)),
    );
    show("detect kind", measure(|| dockwise_syntax::detect::from_content(&text)));
    show("parse", measure(|| dockerfile::parse(&text)));
    show("model", measure(|| Model::new(&text, &df)));
    show("pragmas", measure(|| dockwise_rules::pragma::Pragmas::collect(&model)));
    let mut per = Vec::new();
    let mut total = (0.0, 0);
    for rule in rules::all().filter(|r| r.kind == FileKind::Dockerfile) {
        if let Check::Dockerfile(check) = rule.check {
            let m = measure(|| {
                let mut out = Reporter::new();
                check(&cx, &mut out);
                out
            });
            total.0 += m.0;
            total.1 += m.1;
            per.push((m, rule.id));
        }
    }
    show("rules, together", total);
    per.sort_by(|a, b| b.0 .0.total_cmp(&a.0 .0));
    for (m, id) in per.iter().take(15) {
        show(&format!("  {id}"), *m);
    }
}
