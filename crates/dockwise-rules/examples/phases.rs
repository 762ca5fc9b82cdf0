//! Where lint time and allocations go on the benchmark's 1,000-line
//! Dockerfile, phase by phase and rule by rule:
//! `cargo run --release -p dockwise-rules --example phases`.
//! With a file (any kind; the number of runs defaults to 1):
//! `cargo run --release -p dockwise-rules --example phases -- FILE [RUNS]`:
//! how a hostile input's time splits, to find what grows faster than the input.
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../benches/thousand.rs"]
mod thousand;

use dockwise_rules::rules;
use dockwise_rules::{Check, Context, FileKind, LintOptions, Reporter};
use dockwise_syntax::compose::Compose;
use dockwise_syntax::dockerfile::{self, Model};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::span::LineIndex;
use std::sync::atomic::AtomicUsize;
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

/// Runs per measurement: 200 for the generated file, else from the command line.
static N: AtomicUsize = AtomicUsize::new(200);

/// Mean milliseconds and allocations of `f` over N runs.
fn measure<T>(mut f: impl FnMut() -> T) -> (f64, usize) {
    let n = N.load(Relaxed);
    let a = ALLOCS.load(Relaxed);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(f());
    }
    (
        t.elapsed().as_secs_f64() * 1000.0 / n as f64,
        (ALLOCS.load(Relaxed) - a) / n,
    )
}

fn show(what: &str, (ms, allocs): (f64, usize)) {
    println!("{what:28} {ms:9.3} ms {allocs:8} allocations");
}

/// Each rule of `kind` measured alone, total and slowest 15 printed.
fn rules_of(kind: FileKind, mut run: impl FnMut(Check, &mut Reporter)) {
    let mut per = Vec::new();
    let mut total = (0.0, 0);
    for rule in rules::all().filter(|r| r.kind == kind) {
        let m = measure(|| {
            let mut out = Reporter::new();
            run(rule.check, &mut out);
            out
        });
        total.0 += m.0;
        total.1 += m.1;
        per.push((m, rule.id));
    }
    show("rules, together", total);
    per.sort_by(|a, b| b.0 .0.total_cmp(&a.0 .0));
    for (m, id) in per.iter().take(15) {
        show(&format!("  {id}"), *m);
    }
}

/// A file given on the command line: its kind's phases and rules.
fn file(path: &str, runs: usize) {
    N.store(runs, Relaxed);
    let text = std::fs::read_to_string(path).expect("a UTF-8 file");
    let kind = dockwise_syntax::detect::detect(Some(path), &text);
    let opts = LintOptions {
        kind: Some(kind),
        ..Default::default()
    };
    println!("{path}: {kind:?}, {} bytes, {} lines", text.len(), text.lines().count());
    show("whole lint", measure(|| dockwise_rules::lint(&text, &opts)));
    let result = dockwise_rules::lint(&text, &opts);
    println!("{} findings", result.findings.len());
    show(
        "locate findings",
        measure(|| dockwise_rules::report::located("f", &text, &result)),
    );
    show("line index", measure(|| LineIndex::new(&text)));
    if kind == FileKind::Dockerfile {
        show("parse", measure(|| dockerfile::parse(&text)));
        let df = dockerfile::parse(&text);
        show("model", measure(|| Model::new(&text, &df)));
        let model = Model::new(&text, &df);
        show("pragmas", measure(|| dockwise_rules::pragma::Pragmas::collect(&model)));
        let cx = Context::new(&model, &opts);
        rules_of(kind, |check, out| {
            if let Check::Dockerfile(check) = check {
                check(&cx, out)
            }
        });
        return;
    }
    show("yaml", measure(|| dockwise_syntax::yaml::parse(&text)));
    let Ok(docs) = dockwise_syntax::yaml::parse(&text) else {
        return;
    };
    show(
        "pragmas",
        measure(|| dockwise_rules::pragma::LinePragmas::collect(&text)),
    );
    if kind == FileKind::Compose {
        show("model", measure(|| Compose::new(&text, &docs)));
        let c = Compose::new(&text, &docs);
        let cx = Context::new(&c, &opts);
        rules_of(kind, |check, out| {
            if let Check::Compose(check) = check {
                check(&cx, out)
            }
        });
    } else {
        show("model", measure(|| Manifests::new(&text, &docs)));
        let m = Manifests::new(&text, &docs);
        let cx = Context::new(&m, &opts);
        rules_of(kind, |check, out| {
            if let Check::Kubernetes(check) = check {
                check(&cx, out)
            }
        });
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    if let Some(path) = args.next() {
        let runs = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
        return file(&path, runs);
    }
    let text = thousand::thousand_lines();
    let opts = LintOptions {
        kind: Some(FileKind::Dockerfile),
        ..Default::default()
    };
    let df = dockerfile::parse(&text);
    let model = Model::new(&text, &df);
    let cx = Context::new(&model, &opts);
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
    rules_of(FileKind::Dockerfile, |check, out| {
        if let Check::Dockerfile(check) = check {
            check(&cx, out)
        }
    });
}
