//! Hostile input: every recursive path of the parsers is bounded, whatever
//! the nesting, and positions on long lines stay cheap.
//!
//! - Nesting: 100,000 levels of each kind (ONBUILD, subshells, groups,
//!   `$(`, backticks, `$((`, `${`, heredocs in substitutions, variable
//!   defaults, YAML `[`, `{`, `? `, `- `, properties on their own lines, an
//!   alias bomb) are linted on a thread with a [`SMALL_STACK`] stack (what
//!   one nesting level costs is bounded by the limits, not by the input),
//!   and where a limit is passed the finding that says so is asserted.
//! - Positions: the bound is structural, not a timing: a position on a long
//!   line is counted from a checkpoint at most `CHECKPOINT_BYTES` before it
//!   (`LineIndex::counted_from`), checked for every finding of a 1 MB
//!   single-line compose file and of a RUN with 100,000 `cd`.
//! - Hang detector only: the whole pipeline (lint, then every finding
//!   located as the CLI and the editor do) runs on a watchdog thread that
//!   must finish within [`WATCHDOG`] even in a debug build; a quadratic cost
//!   on these inputs takes minutes. Besides the long lines: 20,000 of each
//!   thing rules once searched for every other one (stages, `--from`,
//!   pragmas, ENV keys, pipes, heredocs, YAML comments, merge keys, ports).
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockwise_rules::report::located;
use dockwise_rules::{lint, FileKind, LintOptions, LintResult};
use dockwise_syntax::span::CHECKPOINT_BYTES;
use std::sync::mpsc;
use std::time::Duration;

/// Levels of nesting in every reproducer.
const DEEP: usize = 100_000;
/// The stack Dockerfiles are linted with in these tests: a quarter of a test
/// thread's in a debug build (which needs about 220 KB for 64 levels of
/// `$(`), 256 KB in a release build (90 KB needed).
const SMALL_STACK: usize = if cfg!(debug_assertions) { 512 << 10 } else { 256 << 10 };
/// The stack YAML is linted with: 200 levels of `? ` take about 2 MB in a
/// debug build and 280 KB in a release build, under the 1 MB a browser's
/// WebAssembly stack has.
const YAML_STACK: usize = if cfg!(debug_assertions) { 4 << 20 } else { 1 << 20 };
/// A generous bound for a hang detector (debug build, loaded machine).
const WATCHDOG: Duration = Duration::from_secs(60);

fn options(kind: FileKind) -> LintOptions {
    LintOptions {
        kind: Some(kind),
        ..Default::default()
    }
}

/// Lints `src` on a thread with a small stack; a stack overflow aborts the
/// test binary, so getting a result back is the assertion.
fn lint_small_stack(src: String, kind: FileKind) -> (String, LintResult) {
    std::thread::Builder::new()
        .stack_size(if kind == FileKind::Dockerfile {
            SMALL_STACK
        } else {
            YAML_STACK
        })
        .spawn(move || {
            let r = lint(&src, &options(kind));
            (src, r)
        })
        .unwrap()
        .join()
        .unwrap()
}

/// The rule ids of the findings, with the text under each.
fn findings(src: &str, r: &LintResult) -> Vec<(&'static str, String)> {
    r.findings
        .iter()
        .map(|f| (f.rule.id, f.span.text(src).chars().take(20).collect()))
        .collect()
}

fn has(src: &str, r: &LintResult, id: &str) -> bool {
    findings(src, r).iter().any(|(i, _)| *i == id)
}

#[test]
fn onbuild_100000_deep_is_one_level_and_dl3043() {
    let src = format!("FROM a:1\n{}RUN x\n", "ONBUILD ".repeat(DEEP));
    let (src, r) = lint_small_stack(src, FileKind::Dockerfile);
    let f = r.findings.iter().find(|f| f.rule.id == "DL3043").expect("DL3043");
    // the second ONBUILD, where BuildKit refuses the file
    let p = r.position(&src, f.span.start);
    assert_eq!((p.line, p.column, f.span.text(&src)), (2, 9, "ONBUILD"));
    assert!(!r.has_syntax_errors(), "{:?}", findings(&src, &r));
}

#[test]
fn shell_nesting_100000_deep_is_bounded() {
    let n = DEEP;
    let cases: Vec<(&str, String, bool)> = vec![
        ("$(", format!("{}curl x | sh{}", "$(".repeat(n), ")".repeat(n)), true),
        ("\"$(", format!("echo {}id{}", "\"$(".repeat(n), ")\"".repeat(n)), true),
        ("`$(", format!("echo {}id{}", "`$(".repeat(n), ")`".repeat(n)), true),
        ("(", format!("{}ls{}", "(".repeat(n), ")".repeat(n)), false),
        ("( $(", format!("{}echo $(id){}", "(".repeat(n), ")".repeat(n)), true),
        ("{", format!("{}ls; {}", "{ ".repeat(n), "}; ".repeat(n)), false),
        ("`", format!("echo {}", "`ls` ".repeat(n)), false),
        ("$((", format!("echo {}1{}", "$((".repeat(n), "))".repeat(n)), false),
        ("${", format!("echo {}x{}", "${a:-".repeat(n), "}".repeat(n)), false),
        (
            "${$(",
            format!("echo {}x{}", "${a:-$(".repeat(n), ")}".repeat(n)),
            false,
        ),
        ("unclosed $(", "$(".repeat(n), true),
        ("unclosed (", "(".repeat(n), false),
        ("unclosed `", "`".repeat(n), false),
        ("unclosed ${", "${".repeat(n), false),
        ("unclosed \"", "\"$(".repeat(n), true),
        // on continuation lines: a physical line may not pass 1 MB
        (
            "case",
            format!("{}x{}", "case a in b) $( \\\n".repeat(n), ") ;; esac \\\n".repeat(n)),
            true,
        ),
    ];
    for (what, script, too_deep) in cases {
        let src = format!("FROM a:1\nRUN {script}\n");
        let (src, r) = lint_small_stack(src, FileKind::Dockerfile);
        assert_eq!(has(&src, &r, "DW1031"), too_deep, "{what}: {:?}", findings(&src, &r));
        if too_deep {
            let f = r.findings.iter().find(|f| f.rule.id == "DW1031").unwrap();
            assert!(f.span.text(&src).starts_with(['$', '`']), "{what}");
            assert!(f.message.contains("64 levels"), "{what}");
        }
    }
    // here-documents inside substitutions, in a RUN heredoc script and in exec form
    let body = "$(cat <<EOF ".repeat(n) + &")".repeat(n) + "\n" + &"x\nEOF\n".repeat(n);
    let src = format!("FROM a:1\nRUN <<SCRIPT\n{body}SCRIPT\n");
    let (src, r) = lint_small_stack(src, FileKind::Dockerfile);
    assert!(has(&src, &r, "DW1031"), "{:?}", findings(&src, &r));
    let src = format!(
        "FROM a:1\nRUN [\"sh\", \"-c\", \"{}id{}\"]\n",
        "$(".repeat(n),
        ")".repeat(n)
    );
    let (src, r) = lint_small_stack(src, FileKind::Dockerfile);
    assert!(has(&src, &r, "DW1031"), "{:?}", findings(&src, &r));
    let src = format!("FROM a:1\nCMD {}id{}\n", "$(".repeat(n), ")".repeat(n));
    let (src, r) = lint_small_stack(src, FileKind::Dockerfile);
    assert!(has(&src, &r, "DW1031"), "{:?}", findings(&src, &r));
}

#[test]
fn variable_defaults_100000_deep_are_read_flat() {
    let nest = format!("{}x{}", "${a:-".repeat(DEEP), "}".repeat(DEEP));
    for src in [
        format!("ARG A={nest}\nFROM a:1\n"),
        format!("FROM {nest}\n"),
        format!("FROM a:1\nENV A={nest}\nRUN echo $A\n"),
        format!("FROM a:1\nARG B={nest}\nCOPY --chown=$B {nest} /x\nWORKDIR {nest}\nUSER {nest}\n"),
        format!("FROM a:1\nLABEL a={nest}\nEXPOSE {nest}\nVOLUME {nest}\n"),
    ] {
        let (src, r) = lint_small_stack(src, FileKind::Dockerfile);
        // no limit is passed: whatever is found, the file is linted
        let _ = findings(&src, &r);
    }
}

#[test]
fn yaml_nesting_100000_deep_is_refused_with_a_position() {
    let cases: Vec<(&str, String)> = vec![
        ("[", "[".repeat(DEEP)),
        ("{", "{".repeat(DEEP)),
        ("{a: [", "{a: [".repeat(DEEP)),
        ("services: [", format!("services: {}", "[".repeat(DEEP))),
        ("- ", format!("{}x\n", "- ".repeat(DEEP))),
        ("? ", format!("{}x\n", "? ".repeat(DEEP))),
        ("[{a: ", format!("{}x\n", "[{a: ".repeat(DEEP))),
        ("- - [", format!("- - {}x\n", "[".repeat(DEEP))),
        ("&a lines", "&a\n".repeat(DEEP) + "x\n"),
        ("!!str lines", "!!str\n".repeat(DEEP) + "x\n"),
        ("- &a lines", "- &a\n".repeat(DEEP) + "x\n"),
    ];
    for (what, text) in cases {
        for kind in [FileKind::Compose, FileKind::Kubernetes] {
            let (src, r) = lint_small_stack(text.clone(), kind);
            let syntax: Vec<_> = r.findings.iter().filter(|f| f.is_syntax_error()).collect();
            assert_eq!(syntax.len(), 1, "{what}: {:?}", findings(&src, &r));
            assert!(
                syntax[0].message.contains("deeper than 200"),
                "{what}: {}",
                syntax[0].message
            );
            assert!((syntax[0].span.start as usize) < src.len(), "{what}");
        }
    }
    // block mappings: each level is indented one more column, so 8 MB holds
    // about 4,000 levels; the limit is passed long before
    let text: String = (0..4000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    let (src, r) = lint_small_stack(text, FileKind::Compose);
    assert!(r.has_syntax_errors(), "{:?}", findings(&src, &r));
    assert!(r.findings[0].message.contains("deeper than 200"));
    // anchors built on aliases of each other: each alias copies a deep tree
    let mut text = format!("x-0: &a0 {}x{}\n", "[".repeat(150), "]".repeat(150));
    for i in 1..40 {
        text.push_str(&format!(
            "x-{i}: &a{i} {}*a{}{}\n",
            "[".repeat(150),
            i - 1,
            "]".repeat(150)
        ));
    }
    let (src, r) = lint_small_stack(text, FileKind::Compose);
    let f = &r.findings[0];
    assert!(f.is_syntax_error(), "{:?}", findings(&src, &r));
    assert_eq!(f.message, "alias `*a0` nests the document deeper than 200 levels");
    assert!(src[f.span.start as usize..].starts_with("*a0"));
}

#[test]
fn yaml_alias_bomb_is_refused_with_a_position() {
    let mut text = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i", "j"])
    {
        text.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 10].join(",")
        ));
    }
    let (src, r) = lint_small_stack(text, FileKind::Compose);
    let f = &r.findings[0];
    assert!(
        f.is_syntax_error() && f.message.contains("billion laughs"),
        "{:?}",
        findings(&src, &r)
    );
    assert!(f.span.text(&src).is_empty() && src[f.span.start as usize..].starts_with('*'));
}

/// Runs `f` on a thread that must finish within [`WATCHDOG`].
fn within_watchdog<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(WATCHDOG) {
        Ok(v) => v,
        Err(e) => panic!("{what}: no result within {WATCHDOG:?} ({e}): a super-linear cost?"),
    }
}

/// Lints and locates every finding (as the CLI and the editor do), then
/// checks that every position was counted from at most `CHECKPOINT_BYTES`
/// before it. Returns the number of findings.
fn lint_and_locate(what: &'static str, src: String) -> usize {
    within_watchdog(what, move || {
        let r = lint(&src, &LintOptions::default());
        let located = located("f", &src, &r);
        assert_eq!(located.len(), r.findings.len());
        for f in &r.findings {
            for offset in [f.span.start, f.span.end] {
                let from = r.lines.counted_from(&src, offset);
                assert!(
                    offset - from <= CHECKPOINT_BYTES,
                    "{what}: {offset} counted from {from}"
                );
            }
        }
        r.findings.len()
    })
}

#[test]
fn a_1_mb_single_line_compose_file() {
    let services: Vec<String> = (0..40_000)
        .map(|i| format!("\"s{i}\":{{\"image\":\"nginx\"}}"))
        .collect();
    let src = format!("{{\"services\":{{{}}}}}", services.join(","));
    assert!(src.len() > 1 << 20 && !src.contains('\n'));
    assert!(lint_and_locate("1 MB compose", src) >= 40_000);
}

#[test]
fn a_run_of_100000_cd() {
    let src = format!("FROM a:1\nRUN {}\n", vec!["cd /x"; DEEP].join(" && "));
    assert!(lint_and_locate("100,000 cd", src) >= DEEP);
}

/// Many of each thing a rule or the engine once searched for every other
/// one (stages by name, `--from`, pragmas, ENV keys, pipes, heredocs, YAML
/// comments, merge keys, ports): linear now, quadratic before (minutes at
/// these sizes in a debug build). A hang detector, not a timing.
#[test]
fn many_of_everything_is_linear() {
    let n = 20_000;
    let mut df = String::from("FROM alpine:3.20 AS s0\n");
    for i in 1..n {
        df.push_str(&format!(
            "# hadolint ignore=DL3003\n# dockwise global ignore=DW90{i}\nFROM alpine:3.20 AS s{i}\nCOPY --from=s{} /a /b\n",
            i / 2
        ));
    }
    let keys: Vec<String> = (0..n).map(|i| format!("K{i}=$K{}", i + 1)).collect();
    df.push_str(&format!("ENV {}\n", keys.join(" ")));
    df.push_str(&format!("RUN {}\n", vec!["curl -s x"; n].join(" | ")));
    let markers: Vec<String> = (0..n).map(|i| format!("<<E{i}")).collect();
    df.push_str(&format!("RUN {}\n", markers.join(" ")));
    for i in 0..n {
        df.push_str(&format!("ls\nE{i}\n"));
    }
    assert!(lint_and_locate("many Dockerfile things", df) > n);

    let mut compose = String::from("x-base: &base\n");
    for i in 0..n {
        compose.push_str(&format!("  k{i}: v\n"));
    }
    compose.push_str("services:\n  app:\n    <<: *base\n    image: nginx\n  web:\n    image: nginx\n    ports:\n");
    for i in 0..n {
        compose.push_str(&format!(
            "      # dockwise ignore=DW2018\n      # c\n      - \"{}:80\"\n",
            1000 + i
        ));
    }
    assert!(lint_and_locate("many compose things", compose) > 0);
}

/// A chain of 20,000 stages, each built FROM the one before: rules ask
/// every stage what it inherits, and a lineage holds at most 64 stages, so
/// this is linear (an unbounded walk took 35 s for 10,000 stages in a debug
/// build). Within the bound, inheritance is still seen: the USER set 60
/// stages back keeps DL3002 and DW1001 quiet.
#[test]
fn a_chain_of_20000_stages_is_linear() {
    let mut df = String::from("FROM alpine:3.20 AS s0\nUSER app\n");
    for i in 1..20_000 {
        df.push_str(&format!("FROM s{} AS s{i}\nRUN echo {i}\n", i - 1));
    }
    assert!(lint_and_locate("a chain of 20,000 stages", df) > 0);
    let mut near = String::from("FROM alpine:3.20 AS s0\nUSER app\n");
    for i in 1..60 {
        near.push_str(&format!("FROM s{} AS s{i}\nRUN echo {i}\n", i - 1));
    }
    let r = lint(&near, &LintOptions::default());
    assert!(
        !has(&near, &r, "DW1001") && !has(&near, &r, "DL3002"),
        "{:?}",
        findings(&near, &r)
    );
}

/// The shell checks (ShellCheck codes) on a RUN with many of each thing
/// they relate to one another: negations and the commands after them, `cd`
/// inside tested compounds, a chain of assignments each naming the next
/// (the split-words analysis propagates along it), loops, backticks,
/// quotes. Linear: a hang detector, not a timing.
#[test]
fn shell_checks_are_linear() {
    let n = 20_000;
    let mut run = String::new();
    for i in 0..n {
        run.push_str(&format!(
            "! grep -q x /f{i}; (cd /d{i}; make) && a{i}=$a{}; for f in x{i}; do echo `id` '$v' \"$f\"; done; [ $? -eq 0 ]; \\\n",
            i + 1
        ));
    }
    run.push_str("echo $a0");
    let src = format!("FROM a:1\nRUN {run}\n");
    let found = lint_and_locate("many shell things", src);
    assert!(found > 4 * n, "{found}");
}
