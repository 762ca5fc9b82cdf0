//! The `dockwise` binary: exit codes, JSON shape, standard input, errors.

// helpers outside #[test] fns unwrap too: a failed unwrap is a failed test
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/cli.rs"]
mod cli_support;
mod support;

use std::process::{Command, Output, Stdio};

/// The binary, run in the test's own working directory.
fn dockwise(args: &[&str], stdin: Option<&str>) -> Output {
    cli_support::dockwise_in(std::path::Path::new("."), args, stdin)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stdout)))
}

fn temp_file(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "dockwise-cli-{}-{}",
        std::process::id(),
        name.replace('/', "_")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn json_from_stdin_has_the_documented_fields() {
    let o = dockwise(&["lint", "--format", "json", "-"], Some("FROM python:latest\n"));
    assert_eq!(o.status.code(), Some(1), "a warning fails at the default threshold");
    let v = json(&o);
    let items = v.as_array().expect("an array");
    let f = items.iter().find(|f| f["rule"] == "DL3007").expect("DL3007");
    assert_eq!(f["file"], "-");
    assert_eq!(f["name"], "latest-tag");
    assert_eq!(f["severity"], "warning");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(1), Some(13)));
    assert_eq!((f["end_line"].as_u64(), f["end_column"].as_u64()), (Some(1), Some(19)));
    assert!(f["message"].as_str().unwrap().contains("latest"));
}

#[test]
fn failure_threshold_decides_the_exit_code() {
    let src = "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\nUSER 1001\n";
    // only an info finding (DL3015) here
    let o = dockwise(&["lint", "-f", "json", "-"], Some(src));
    let v = json(&o);
    assert!(v.as_array().unwrap().iter().all(|f| f["severity"] == "info"), "{v}");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        dockwise(&["lint", "--failure-threshold", "info", "-"], Some(src))
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        dockwise(
            &["lint", "--failure-threshold=none", "-"],
            Some("FROM a:latest\nUSER root\n")
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        dockwise(&["lint", "-t", "error", "-"], Some("FROM a:latest\nUSER 1\n"))
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn clean_file_exits_zero_and_says_so() {
    let p = temp_file(
        "Dockerfile",
        "FROM alpine:3.23@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\nUSER 10001\nCMD [\"/bin/app\"]\n",
    );
    let o = dockwise(&["lint", p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stdout).contains("No findings in 1 file."));
}

#[test]
fn text_output_underlines_the_span() {
    let o = dockwise(
        &["lint", "--stdin-name", "Dockerfile", "-"],
        Some("FROM node:latest\nUSER node\n"),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Dockerfile:1:11 warning[DL3007]"), "{out}");
    assert!(out.contains(" 1 | FROM node:latest\n   |           ^^^^^^\n"), "{out}");
}

#[test]
fn unparsable_file_exits_two_with_position_on_stderr() {
    let o = dockwise(
        &["lint", "--stdin-name", "Dockerfile", "-"],
        Some("FROM alpine:3.20\nENV PATH\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Dockerfile:2:5: syntax error:"), "{err}");
}

#[test]
fn usage_and_io_errors_exit_two() {
    assert_eq!(
        dockwise(&["lint", "--format", "xml", "-"], Some("FROM a:1\n"))
            .status
            .code(),
        Some(2)
    );
    assert_eq!(dockwise(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(
        dockwise(&["lint", "--ignore", "DL9999", "-"], Some("FROM a:1\n"))
            .status
            .code(),
        Some(2)
    );
    let o = dockwise(&["lint", "/nonexistent/Dockerfile"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read /nonexistent/Dockerfile"));
    let o = dockwise(&["lint", "-"], Some("\u{0}\u{1}FROM \u{ff}"));
    assert_ne!(o.status.code(), None, "no crash on odd bytes");
}

#[test]
fn ignore_option_and_pragmas() {
    let src = "FROM alpine:latest\nUSER 1\n";
    let o = dockwise(
        &["lint", "-f", "json", "--ignore", "latest-tag,pin-by-digest", "-"],
        Some(src),
    );
    assert_eq!(json(&o).as_array().unwrap().len(), 0);
    let o = dockwise(
        &["lint", "-f", "json", "--ignore", "DW1017", "-"],
        Some("# hadolint ignore=DL3007\nFROM alpine:latest\nUSER 1\n"),
    );
    assert_eq!(json(&o).as_array().unwrap().len(), 0);
    let o = dockwise(
        &["lint", "-f", "json", "--ignore", "DW1017", "--no-pragmas", "-"],
        Some("# hadolint ignore=DL3007\nFROM alpine:latest\nUSER 1\n"),
    );
    assert_eq!(json(&o).as_array().unwrap().len(), 1);
}

#[test]
fn rules_listing_and_rule_docs() {
    let o = dockwise(&["rules", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    let rows = v.as_array().unwrap();
    assert!(rows.len() >= 20);
    for r in rows {
        for k in ["id", "name", "severity", "kind", "title"] {
            assert!(r[k].is_string(), "{k} missing in {r}");
        }
    }
    let o = dockwise(&["rule", "DL3007"], None);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("Why it matters") && text.contains("FROM python:latest"),
        "{text}"
    );
    // the sources, as links
    assert!(
        text.contains("\nSources\n  ") && text.contains("<https://docs.docker.com/"),
        "{text}"
    );
    // the choices are dealt anew each time: the answer is not always first
    let answer = dockwise_rules::rules::find("DL3007")
        .unwrap()
        .quiz
        .choices
        .iter()
        .find(|c| c.correct)
        .unwrap()
        .text;
    let places: std::collections::BTreeSet<usize> = (0..12)
        .map(|_| {
            let o = dockwise(&["rule", "DL3007"], None);
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            let quiz = &text[text.find("Quick check:").unwrap()..];
            quiz.lines().position(|l| l.ends_with(answer)).unwrap()
        })
        .collect();
    assert!(places.len() > 1, "the answer was always at line {places:?}");
    let o = dockwise(&["rule", "latest-tag"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(dockwise(&["rule", "nope"], None).status.code(), Some(2));
}

#[test]
fn a_folder_is_searched_for_dockerfiles() {
    let p = temp_file("svc/Dockerfile.prod", "FROM alpine\nUSER 1\n");
    let dir = p.parent().unwrap().parent().unwrap();
    std::fs::write(dir.join("README.md"), "not a dockerfile").unwrap();
    let o = dockwise(&["lint", "-f", "json", dir.to_str().unwrap()], None);
    let v = json(&o);
    let files: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    assert!(
        files.iter().all(|f| f.ends_with("Dockerfile.prod")) && !files.is_empty(),
        "{files:?}"
    );
}

#[test]
fn compose_and_kubernetes_files_by_name_content_and_kind() {
    // a compose file, known by its name
    let compose = temp_file(
        "compose.yaml",
        "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
    );
    let o = dockwise(&["lint", "-f", "json", compose.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let rules: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"DW2002"), "{rules:?}");
    let f = v.as_array().unwrap().iter().find(|f| f["rule"] == "DW2002").unwrap();
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64(), f["end_column"].as_u64()),
        (Some(4), Some(17), Some(21))
    );

    // a manifest on standard input, known by its content
    let o = dockwise(
        &["lint", "-f", "json", "-"],
        Some("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: []\n"),
    );
    let v = json(&o);
    assert!(v.as_array().unwrap().iter().any(|f| f["rule"] == "DW3013"), "{v}");

    // --kind overrides detection; a YAML of neither kind says so
    let o = dockwise(&["lint", "--kind", "compose", "-"], Some("apiVersion: v1\nkind: Pod\n"));
    assert!(String::from_utf8_lossy(&o.stdout).contains("DW2001"));
    let o = dockwise(&["lint", "-"], Some("foo: bar\n"));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("neither a Compose file nor"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // broken YAML: exit 2, file:line:column on stderr
    let o = dockwise(
        &["lint", "--kind", "kubernetes", "--stdin-name", "pod.yaml", "-"],
        Some("apiVersion: v1\nkind: [Pod\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("pod.yaml:"), "{err}");

    // kube-linter's check names work as rule names
    let o = dockwise(
        &["lint", "--ignore", "host-pid", "-f", "json", "-"],
        Some("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: []\n"),
    );
    assert!(!json(&o).as_array().unwrap().iter().any(|f| f["rule"] == "DW3013"));
}

/// Every compose file and manifest of the corpus goes through the binary
/// without a crash: valid JSON out, exit 0, 1 or 2 (2 only for the file that
/// is not valid YAML), and never the internal-error message.
#[test]
fn every_corpus_yaml_file_through_the_cli() {
    for dir in ["compose", "k8s"] {
        let files: Vec<String> = support::files(&support::corpus(dir))
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let mut args = vec!["lint", "-q", "-f", "json", "-t", "none"];
        args.extend(files.iter().map(String::as_str));
        let o = dockwise(&args, None);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("internal error"), "{err}");
        let findings = json(&o);
        assert!(findings.as_array().unwrap().len() > 100, "{dir}: findings expected");
        let expected = if dir == "k8s" { 2 } else { 0 };
        assert_eq!(o.status.code(), Some(expected), "{dir}: {err}");
        if dir == "k8s" {
            assert_eq!(err.lines().count(), 1, "one file is not valid YAML: {err}");
            assert!(err.contains("producer-job.yaml:28:21: syntax error"), "{err}");
        }
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_on_every_command_exits_zero() {
    let o = dockwise(&["lint", "--help"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("--failure-threshold"), "{out}");
    // as informative as the old usage text: the levels, the config file search order, the exit statuses
    for want in ["error, warning, info, style, none", ".hadolint.yaml", "Exit status: 0"] {
        assert!(out.contains(want), "{want} missing in {out}");
    }
    assert_eq!(dockwise(&["lint", "-h"], None).status.code(), Some(0));

    let o = dockwise(&["rules", "--help"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("--with-docs"), "{}", stdout(&o));
    for argv in [
        &["rule", "--help"][..],
        &["samples", "--help"],
        &["--help"],
        &["-h"],
        &["help"],
        &["help", "lint"],
    ] {
        let o = dockwise(argv, None);
        assert_eq!(o.status.code(), Some(0), "{argv:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("Usage: dockwise"), "{argv:?}: {}", stdout(&o));
    }
}

#[test]
fn no_command_prints_the_help_and_exits_zero() {
    let o = dockwise(&[], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Usage: dockwise") && out.contains("lint"), "{out}");
}

#[test]
fn misspelt_option_exits_two_and_suggests_the_right_one() {
    let o = dockwise(&["lint", "--ignroe", "DL3007", "-"], Some("FROM a:1\n"));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("--ignroe") && err.contains("'--ignore'"), "{err}");
    assert!(o.stdout.is_empty(), "usage errors go to stderr");
}

#[test]
fn unknown_rule_name_is_a_usage_error_naming_it() {
    let o = dockwise(&["lint", "--ignore", "latest-tag,DL9999", "-"], Some("FROM a:1\n"));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("no rule named `DL9999` (see `dockwise rules`)"), "{err}");
}

#[test]
fn version_at_the_top_level() {
    let want = format!("dockwise {}", env!("CARGO_PKG_VERSION"));
    for argv in [&["-V"][..], &["--version"], &["version"]] {
        let o = dockwise(argv, None);
        assert_eq!(o.status.code(), Some(0), "{argv:?}");
        assert_eq!(stdout(&o).trim(), want, "{argv:?}");
    }
}

#[test]
fn dash_capital_v_inside_lint_is_verbose() {
    let o = dockwise(&["lint", "-V", "-"], Some("FROM python:latest\n"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("warning[DL3007]"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("dockwise: using config") || err.contains("dockwise: no config file found"),
        "{err}"
    );
}

#[test]
fn kind_spellings_and_format_aliases() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: []\n";
    for kind in ["kubernetes", "k8s", "K8S"] {
        let o = dockwise(&["lint", "--kind", kind, "-f", "json", "-"], Some(pod));
        assert!(
            json(&o).as_array().unwrap().iter().any(|f| f["rule"] == "DW3013"),
            "{kind}"
        );
    }
    let o = dockwise(&["lint", "--kind", "helm", "-"], Some(pod));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("dockerfile, compose, kubernetes"), "{}", stderr(&o));
    let o = dockwise(
        &["lint", "--format=tty", "--stdin-name", "Dockerfile", "-"],
        Some("FROM a:latest\n"),
    );
    assert!(stdout(&o).contains("Dockerfile:1:8 warning[DL3007]"), "{}", stdout(&o));
}

#[test]
fn double_dash_ends_the_options() {
    let o = dockwise(&["lint", "-q", "--", "--no-such-file"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read --no-such-file"), "{}", stderr(&o));
}

#[test]
fn the_command_line_threshold_beats_the_config_files() {
    let cfg = temp_file("threshold/.dockwise.yaml", "failure-threshold: error\n");
    let cfg = cfg.to_str().unwrap();
    let src = Some("FROM a:latest\nUSER 1\n"); // warnings, no error
    assert_eq!(dockwise(&["lint", "-c", cfg, "-"], src).status.code(), Some(0));
    assert_eq!(
        dockwise(&["lint", "--config", cfg, "-t", "warning", "-"], src)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        dockwise(&["lint", "-t", "warning", "--config", cfg, "-"], src)
            .status
            .code(),
        Some(1)
    );
}

// ---- robustness: output size, terminal safety, folder walks, write errors ----

/// How long a child may run before the watchdog kills it and fails the
/// test: a hang detector (a FIFO read, a symlink loop), not a timing target.
const WATCHDOG: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs dockwise with `stdin` and a watchdog: the test fails if the child
/// runs past [`WATCHDOG`] or writes more than `max_out` bytes to stdout
/// (it is killed then, so a regression cannot fill the memory or the disk).
fn dockwise_guarded(args: &[&str], stdin: Stdio, max_out: usize) -> Output {
    use std::io::Read;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockwise"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dockwise");
    let too_much = Arc::new(AtomicBool::new(false));
    let mut out = child.stdout.take().unwrap();
    let flag = Arc::clone(&too_much);
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            match out.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
            if buf.len() > max_out {
                flag.store(true, Ordering::SeqCst);
                break;
            }
        }
        buf
    });
    let mut err = child.stderr.take().unwrap();
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.by_ref().take(1 << 20).read_to_end(&mut buf);
        buf
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if too_much.load(Ordering::SeqCst) || start.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "dockwise {args:?}: {}",
                if too_much.load(Ordering::SeqCst) {
                    format!("more than {max_out} bytes of output")
                } else {
                    format!("still running after {WATCHDOG:?}")
                }
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

/// A fresh, empty folder for one test.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dockwise-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A compose file on one line: `services` services, each with `pad` bytes of
/// label text and five findings (no limits, healthcheck, cap_drop, read_only,
/// no-new-privileges), all on line 1.
fn one_line_compose(services: usize, pad: usize) -> String {
    let list: Vec<String> = (0..services)
        .map(|i| {
            format!(
                "s{i}: {{image: \"nginx:1.27\", labels: {{note: \"{}\"}}}}",
                "p".repeat(pad)
            )
        })
        .collect();
    format!("services: {{{}}}\n", list.join(", "))
}

/// A long line is shown as a window around each span: the report grows with
/// the number of findings, not with findings × line length (a 72 KB line
/// with 1,500 findings wrote ~100 MB, a 1 MB one with 200 findings ~200 MB).
#[test]
fn findings_on_a_long_line_show_a_window_of_it() {
    for (services, pad, max_out) in [(300, 200, 1 << 20), (40, 26_000, 1 << 20)] {
        let src = one_line_compose(services, pad);
        let p = temp_file(&format!("long-{services}/compose.yaml"), &src);
        let o = dockwise_guarded(&["lint", "--no-color", p.to_str().unwrap()], Stdio::null(), max_out);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        assert_eq!(out.matches("\n 1 | ").count(), services * 5, "{services} services");
        for l in out.lines().filter(|l| l.starts_with(" 1 | ")) {
            assert!(l.chars().count() <= 5 + 120, "{l}");
        }
        assert!(out.contains(" 1 | …"), "the line is cut on the left");
        // JSON holds the same findings, no source text
        let o = dockwise_guarded(&["lint", "-f", "json", p.to_str().unwrap()], Stdio::null(), max_out);
        assert_eq!(json(&o).as_array().unwrap().len(), services * 5);
    }
}

#[test]
fn the_caret_line_stays_under_the_span_in_a_window() {
    let src = format!(
        "FROM alpine:3.20\nRUN echo {} && \tsudo true && echo {}\nUSER 1\n",
        "a".repeat(3000),
        "b".repeat(3000)
    );
    let o = dockwise(
        &["lint", "--stdin-name", "Dockerfile", "--enable", "DL3004", "-"],
        Some(&src),
    );
    let out = stdout(&o);
    let at = out.find("error[DL3004]").expect("DL3004");
    let lines: Vec<&str> = out[at..].lines().collect();
    let (excerpt, carets) = (lines[2], lines[3]);
    assert!(excerpt.starts_with(" 2 | …") && excerpt.ends_with('…'), "{excerpt}");
    let col = carets.find('^').unwrap();
    // the excerpt is ASCII after the gutter, but for the two `…` (one column each)
    let shown: Vec<char> = excerpt.chars().collect();
    let under: String = shown[col..col + carets.matches('^').count()].iter().collect();
    assert_eq!(under, "sudo", "{excerpt}\n{carets}");
}

/// Nothing from the input reaches the terminal raw: no escape sequence, no
/// bell, no bidi override, no line break that could forge a finding.
#[test]
fn control_characters_in_names_and_text_are_escaped() {
    let raw = |o: &Output| -> Vec<String> {
        [&o.stdout, &o.stderr]
            .iter()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .filter(|s| {
                s.chars()
                    .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c) || c == '\u{2066}')
            })
            .collect()
    };
    // the issue's reproducer, in a folder whose name would forge a finding
    let dir = temp_dir("inject");
    let sub = dir.join("x\u{1b}[2J\nDockerfile:9:9 error[DL3007] forged\n");
    std::fs::create_dir_all(&sub).unwrap();
    let file = sub.join("Dockerfile");
    std::fs::write(&file, "FROM alpine\u{1b}]0;PWNED\u{7}:3\n").unwrap();
    let o = dockwise(&["lint", "--no-color", file.to_str().unwrap()], None);
    assert_eq!(raw(&o), Vec::<String>::new());
    let out = stdout(&o);
    assert!(out.contains("FROM alpine\\x1b]0;PWNED\\x07:3"), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("Dockerfile:9:9")), "{out}");
    assert!(
        out.contains("x\\x1b[2J\\nDockerfile:9:9 error[DL3007] forged\\n/Dockerfile:1:6 "),
        "{out}"
    );
    // the JSON keeps the name as it is (escaped the JSON way)
    let o = dockwise(&["lint", "-f", "json", file.to_str().unwrap()], None);
    assert_eq!(json(&o)[0]["file"], file.to_str().unwrap());

    // the folder walk, the syntax error line and the summary
    std::fs::write(sub.join("Dockerfile.bad"), "FROM alpine:3.20\nENV \u{202e}PATH\n").unwrap();
    let o = dockwise(&["lint", "--no-color", dir.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(raw(&o), Vec::<String>::new());
    assert!(
        !stderr(&o).lines().any(|l| l.starts_with("Dockerfile:9:9")),
        "{}",
        stderr(&o)
    );

    // --stdin-name, a YAML `\e` escape in a message, a bidi override
    let o = dockwise(
        &["lint", "--stdin-name", "a\u{1b}]0;x\u{7}\u{9b}31m.yaml", "-"],
        Some("services:\n  a:\n    image: \"\\e]0;PWNED\\a\\u202e\"\n"),
    );
    assert_eq!(raw(&o), Vec::<String>::new());
    assert!(stdout(&o).contains("`\\x1b]0;PWNED\\x07\\u{202e}`"), "{}", stdout(&o));
    assert!(stdout(&o).contains("a\\x1b]0;x\\x07\\u{9b}31m.yaml:"), "{}", stdout(&o));

    // errors and warnings on stderr: unreadable file, config warnings, unknown rule, usage
    let cfg = temp_file(
        "inject-cfg/\u{1b}[2J.yaml",
        "\"\\e]0;t\\a\": 1\nignored: [\"\\e[2J\"]\n",
    );
    for args in [
        vec!["lint", "/nonexistent/\u{1b}]0;x\u{7}"],
        vec!["lint", "-V", "-c", cfg.to_str().unwrap(), file.to_str().unwrap()],
        vec!["rule", "\u{1b}[2J\u{7}"],
        vec!["lint", "--ignore", "\u{1b}[2J"],
        vec!["lint", "--\u{1b}[2J"],
    ] {
        let o = dockwise(&args, None);
        assert_eq!(raw(&o), Vec::<String>::new(), "{args:?}");
        assert!(stderr(&o).contains("\\x1b"), "{args:?}: {}", stderr(&o));
    }
}

#[cfg(unix)]
#[test]
fn a_folder_walk_does_not_follow_symlink_loops() {
    let dir = temp_dir("loop");
    std::fs::write(dir.join("Dockerfile"), "FROM alpine:latest\nUSER 1\n").unwrap();
    std::fs::create_dir(dir.join("svc")).unwrap();
    std::fs::write(dir.join("svc/compose.yaml"), "services:\n  a:\n    image: nginx\n").unwrap();
    for (link, to) in [("a", "."), ("b", "."), ("c", "."), ("svc/up", "..")] {
        std::os::unix::fs::symlink(to, dir.join(link)).unwrap();
    }
    // a link to a file is still checked
    std::os::unix::fs::symlink("Dockerfile", dir.join("Dockerfile.link")).unwrap();
    let o = dockwise_guarded(&["lint", "-f", "json", dir.to_str().unwrap()], Stdio::null(), 1 << 20);
    let v = json(&o);
    let mut files: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    files.dedup();
    let d = dir.display();
    assert_eq!(
        files,
        [
            format!("{d}/Dockerfile"),
            format!("{d}/Dockerfile.link"),
            format!("{d}/svc/compose.yaml")
        ]
    );
    let per_file = |f: &str| v.as_array().unwrap().iter().filter(|x| x["file"] == f).count();
    let once = json(&dockwise(&["lint", "-f", "json", &format!("{d}/Dockerfile")], None));
    assert_eq!(per_file(&format!("{d}/Dockerfile")), once.as_array().unwrap().len());
    assert!(stderr(&o).contains("not following"), "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(1));

    // a folder named on the command line through a link is walked
    let link = dir.with_file_name(format!("{}-link", dir.file_name().unwrap().to_str().unwrap()));
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&dir, &link).unwrap();
    let o = dockwise_guarded(&["lint", "-f", "json", link.to_str().unwrap()], Stdio::null(), 1 << 20);
    let v = json(&o);
    let want = format!("{}/Dockerfile", link.display());
    assert_eq!(
        v.as_array()
            .unwrap()
            .iter()
            .filter(|f| f["file"] == want.as_str())
            .count(),
        per_file(&format!("{d}/Dockerfile"))
    );
    assert!(
        !stderr(&o).contains(&format!("not following {}:", link.display())),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_skipped_and_one_named_is_refused() {
    let dir = temp_dir("fifo");
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM alpine:3.23@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\nUSER 10001\nCMD [\"/bin/app\"]\n",
    )
    .unwrap();
    let fifo = dir.join("Dockerfile.pipe");
    mkfifo(&fifo);
    let o = dockwise_guarded(&["lint", dir.to_str().unwrap()], Stdio::null(), 1 << 20);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("No findings in 1 file."), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("skipping") && err.contains("Dockerfile.pipe") && err.contains("FIFO"),
        "{err}"
    );

    let o = dockwise_guarded(&["lint", fifo.to_str().unwrap()], Stdio::null(), 1 << 20);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a regular file (a FIFO)"), "{}", stderr(&o));
    // a config file is read the same way
    let o = dockwise_guarded(
        &[
            "lint",
            "-c",
            fifo.to_str().unwrap(),
            dir.join("Dockerfile").to_str().unwrap(),
        ],
        Stdio::null(),
        1 << 20,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[cfg(target_os = "linux")]
#[test]
fn devices_and_endless_input_are_refused() {
    let o = dockwise_guarded(&["lint", "/dev/zero"], Stdio::null(), 1 << 20);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a regular file (a character device)"),
        "{}",
        stderr(&o)
    );
    // standard input: read up to the cap, then refused
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let o = dockwise_guarded(&["lint", "-"], Stdio::from(zero), 1 << 20);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("larger than the 8 MB limit"), "{}", stderr(&o));
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_it_is_read() {
    // sparse: 9 MB on paper, nothing on the disk
    let p = temp_file("big/Dockerfile", "");
    std::fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_len(9 << 20)
        .unwrap();
    let o = dockwise_guarded(&["lint", p.to_str().unwrap()], Stdio::null(), 1 << 20);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("larger than the 8 MB limit (9437184 bytes)"),
        "{}",
        stderr(&o)
    );
}

/// `dockwise rules | head -c1`: the reader goes away; the command ends
/// without a panic or a message. The outputs are larger than a pipe's
/// buffer, so the writes really meet the closed pipe.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    let big = temp_file("pipe/compose.yaml", &one_line_compose(200, 10));
    let mut yaml_lines = String::from("services:\n");
    for i in 0..400 {
        yaml_lines.push_str(&format!("  s{i}:\n    image: nginx\n"));
    }
    let many = temp_file("pipe-many/compose.yaml", &yaml_lines);
    for args in [
        &["rules"][..],
        &["rules", "-f", "json", "--with-docs"],
        &["samples"],
        &["rule", "DL3007"],
        &["--help"],
        &["lint", "--no-color", big.to_str().unwrap()],
        &["lint", "-f", "json", many.to_str().unwrap()],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dockwise"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut one = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut one).unwrap();
        // the pipe is closed here
        let o = child.wait_with_output().unwrap();
        assert_ne!(o.status.code(), Some(101), "{args:?}");
        assert!(o.status.code().is_some(), "{args:?}: killed by a signal");
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

/// `dockwise ... >/dev/full`: the output is lost, so the command says so and exits 2.
#[cfg(target_os = "linux")]
#[test]
fn a_write_error_is_reported_and_exits_two() {
    let p = temp_file("full/Dockerfile", "FROM alpine:latest\n");
    let p = p.to_str().unwrap();
    for args in [
        &["lint", p][..],
        &["lint", "-f", "json", p],
        &["lint", "-t", "none", p],
        &["rules"],
        &["rules", "-f", "json"],
        &["rule", "DL3007"],
        &["samples"],
        &["--help"],
        &[],
        &["--version"],
    ] {
        let full = std::fs::File::create("/dev/full").unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_dockwise"))
            .args(args)
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot write to standard output"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(!stderr(&o).contains("panicked"), "{args:?}");
    }
}

/// The config's `dockerignore:` patterns apply when no `.dockerignore` is
/// found beside the Dockerfile; one found there wins.
#[test]
fn the_configs_dockerignore_applies_without_a_dockerignore_file() {
    let dir = temp_dir("dockerignore");
    let cfg = dir.join("dockwise.yaml");
    std::fs::write(&cfg, "dockerignore: [\".env\", \"*.pem\"]\n").unwrap();
    std::fs::create_dir(dir.join("app")).unwrap();
    let dockerfile = dir.join("app/Dockerfile");
    std::fs::write(&dockerfile, "FROM alpine:3.20\nCOPY .env /app/\nUSER 1\n").unwrap();
    let dw1016 = |o: &Output| {
        json(o)
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "DW1016")
            .count()
    };
    let args = [
        "lint",
        "-f",
        "json",
        "-c",
        cfg.to_str().unwrap(),
        dockerfile.to_str().unwrap(),
    ];
    assert_eq!(dw1016(&dockwise(&args, None)), 1, "the config's patterns");
    // standard input has no folder: the config's patterns too
    let o = dockwise(
        &["lint", "-f", "json", "-c", cfg.to_str().unwrap(), "-"],
        Some("FROM alpine:3.20\nCOPY .env /app/\nUSER 1\n"),
    );
    assert_eq!(dw1016(&o), 1);
    std::fs::write(dir.join("app/.dockerignore"), "node_modules\n").unwrap();
    assert_eq!(
        dw1016(&dockwise(&args, None)),
        0,
        "the .dockerignore beside the file wins"
    );
    std::fs::write(dir.join("app/.dockerignore"), ".env\n").unwrap();
    let o = dockwise(&["lint", "-f", "json", dockerfile.to_str().unwrap()], None);
    assert_eq!(dw1016(&o), 1, "and applies without a config");
}

/// DW1033: a Dockerfile read from disk with no `.dockerignore` beside it
/// (and no config patterns) has a context known to have none, so `COPY .`
/// is reported; with one beside it, with the config's patterns, or from
/// standard input, nothing is known and nothing is said. A config can state
/// it with `dockerignore: false`.
#[test]
fn copying_the_whole_context_without_a_dockerignore() {
    let dir = temp_dir("no-dockerignore");
    std::fs::create_dir(dir.join("app")).unwrap();
    let dockerfile = dir.join("app/Dockerfile");
    let text = "FROM alpine:3.23\nWORKDIR /app\nCOPY . .\nUSER 1\n";
    std::fs::write(&dockerfile, text).unwrap();
    let dw1033 = |o: &Output| {
        json(o)
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "DW1033")
            .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
            .collect::<Vec<_>>()
    };
    let lint = |extra: &[&str], stdin: Option<&str>| {
        let mut args = vec!["lint", "-f", "json"];
        args.extend_from_slice(extra);
        dockwise(&args, stdin)
    };
    let path = dockerfile.to_str().unwrap();
    assert_eq!(
        dw1033(&lint(&[path], None)),
        [(3, 6)],
        "no .dockerignore beside the file"
    );
    // standard input: the context is unknown
    assert!(dw1033(&lint(&["-"], Some(text))).is_empty());
    // the config's patterns stand for a .dockerignore
    let patterns = dir.join("patterns.yaml");
    std::fs::write(&patterns, "dockerignore: [.git, .env]\n").unwrap();
    assert!(dw1033(&lint(&["-c", patterns.to_str().unwrap(), path], None)).is_empty());
    // `dockerignore: false` states there is none, even for standard input
    let none = dir.join("none.yaml");
    std::fs::write(&none, "dockerignore: false\n").unwrap();
    assert_eq!(dw1033(&lint(&["-c", none.to_str().unwrap(), "-"], Some(text))).len(), 1);
    // a `<name>.dockerignore` or a `.dockerignore` beside the file
    std::fs::write(dir.join("app/Dockerfile.dockerignore"), ".git\n").unwrap();
    assert!(dw1033(&lint(&[path], None)).is_empty(), "Dockerfile.dockerignore");
    std::fs::remove_file(dir.join("app/Dockerfile.dockerignore")).unwrap();
    std::fs::write(dir.join("app/.dockerignore"), ".git\n.env\n").unwrap();
    assert!(dw1033(&lint(&[path], None)).is_empty(), ".dockerignore");
    // and it wins over `dockerignore: false`
    assert!(dw1033(&lint(&["-c", none.to_str().unwrap(), path], None)).is_empty());
    // an empty .dockerignore is still one: the author chose what to send
    std::fs::write(dir.join("app/.dockerignore"), "").unwrap();
    assert!(dw1033(&lint(&[path], None)).is_empty(), "an empty .dockerignore");
    // a folder walk judges each Dockerfile by its own folder
    std::fs::create_dir(dir.join("other")).unwrap();
    std::fs::write(dir.join("other/Dockerfile"), text).unwrap();
    let o = lint(&[dir.to_str().unwrap()], None);
    let files: Vec<String> = json(&o)
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "DW1033")
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("other/Dockerfile"), "{files:?}");
}

#[test]
fn fix_from_standard_input_writes_the_fixed_text() {
    let o = dockwise(
        &["lint", "--fix", "-"],
        Some("FROM alpine:3.20\nRUN apk add curl\nUSER 1000\n"),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        out, "FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 1000\n",
        "{out}"
    );
    // what remains decides the exit status: an unpinned package is a warning
    assert_eq!(o.status.code(), Some(1));
    let o = dockwise(
        &["lint", "--fix", "-t", "error", "-"],
        Some("FROM alpine:3.20\nRUN apk add curl\nUSER 1000\n"),
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn fix_in_place_then_nothing_left_to_fix() {
    let p = temp_file(
        "fixme/Dockerfile",
        "FROM debian:12-slim\nRUN apt-get update && apt-get install curl\nUSER 1000\n",
    );
    let o = dockwise(&["lint", "--fix", p.to_str().unwrap()], None);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Fixed "), "{out}");
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert!(
        fixed.contains("--no-install-recommends") && fixed.contains("-y"),
        "{fixed}"
    );
    // the report describes what remains: no finding that had a safe fix
    assert!(!out.contains("DL3015") && !out.contains("DL3014"), "{out}");
    // a second run changes nothing
    let o = dockwise(&["lint", "--fix", p.to_str().unwrap()], None);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("Fixed "));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), fixed);
}

#[test]
fn diff_prints_the_changes_and_writes_nothing() {
    let src = "FROM debian:12-slim\nRUN apt-get install curl\nUSER 1000\n";
    let p = temp_file("diffme/Dockerfile", src);
    let o = dockwise(&["lint", "--diff", p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1), "something to change");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("-RUN apt-get install curl\n+RUN apt-get install"), "{out}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), src, "--diff writes nothing");
    // unsafe fixes only with --unsafe-fixes
    let o = dockwise(
        &["lint", "--diff", "-"],
        Some("FROM alpine:3.20\nCMD node server.js\nUSER 1000\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let o = dockwise(
        &["lint", "--diff", "--unsafe-fixes", "-"],
        Some("FROM alpine:3.20\nCMD node server.js\nUSER 1000\n"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("+CMD [\"node\", \"server.js\"]"));
    // --unsafe-fixes alone is a usage error; --fix and --diff exclude each other
    assert_eq!(
        dockwise(&["lint", "--unsafe-fixes", "-"], Some(src)).status.code(),
        Some(2)
    );
    assert_eq!(
        dockwise(&["lint", "--fix", "--diff", "-"], Some(src)).status.code(),
        Some(2)
    );
}

#[test]
fn json_findings_carry_their_fix() {
    let o = dockwise(
        &["lint", "-f", "json", "-"],
        Some("FROM alpine:3.20\nRUN apk add curl\n"),
    );
    let v = json(&o);
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "DL3019")
        .expect("DL3019");
    assert_eq!(f["fix"]["applicability"], "safe");
    let e = &f["fix"]["edits"][0];
    assert_eq!((e["line"].as_u64(), e["column"].as_u64()), (Some(2), Some(12)), "{f}");
    assert_eq!(e["replacement"], " --no-cache");
}

/// The repository's own Dockerfile (the CLI as an image) follows every rule:
/// linted in place, with its .dockerignore, the default rules and no
/// config. (The hadolint comparison script checks hadolint agrees.)
#[test]
fn the_repository_dockerfile_is_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let file = root.join("Dockerfile");
    assert!(
        root.join(".dockerignore").is_file(),
        "the build context needs its .dockerignore"
    );
    let o = dockwise(&["lint", "-f", "json", file.to_str().unwrap()], None);
    assert_eq!(
        json(&o),
        serde_json::json!([]),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success());
    // its one silenced rule says why
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("dockwise ignore=DW1017 # digest not checked"));
}

/// `dockwise lsp` speaks the language server protocol on standard input and
/// output: initialize, shutdown and exit end it with status 0 (the server
/// itself is tested in crates/dockwise-lsp).
#[test]
fn lsp_subcommand_answers_initialize_and_exits() {
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let input = [
        frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    let o = dockwise(&["lsp"], Some(&input));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}\n{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("\"capabilities\"") && out.contains("\"id\":2"), "{out}");
}

/// Completion scripts and manual pages come from the clap definitions, so
/// they name every subcommand and option the binary has.
#[test]
fn completions_and_manual_pages() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = dockwise(&["completions", shell], None);
        let s = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{shell}");
        for word in ["lint", "rules", "failure-threshold", "sarif"] {
            assert!(s.contains(word), "{shell}: no {word}");
        }
    }
    // the bash script parses
    let script = dockwise(&["completions", "bash"], None).stdout;
    let path = temp_file("dockwise.bash", &String::from_utf8_lossy(&script));
    let bash = Command::new("bash").arg("-n").arg(&path).status().unwrap();
    assert!(bash.success());
    let o = dockwise(&["man"], None);
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(
        page.contains(".TH dockwise 1") && page.contains("completions"),
        "{page}"
    );
    let o = dockwise(&["man", "lint"], None);
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(page.contains(".TH dockwise-lint 1"), "{page}");
    assert!(page.contains("failure\\-threshold") && page.contains("report\\-suppressed"));
    for sub in ["lint", "rules", "rule", "samples", "completions", "lsp"] {
        let o = dockwise(&["man", sub], None);
        assert!(o.status.success(), "{sub}: {}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(dockwise(&["man", "nope"], None).status.code(), Some(2));
    assert_eq!(dockwise(&["completions", "tcsh"], None).status.code(), Some(2));
}
