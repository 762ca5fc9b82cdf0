//! The `dockwise` binary: exit codes, JSON shape, standard input, errors.

// helpers outside #[test] fns unwrap too: a failed unwrap is a failed test
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn dockwise(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockwise"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dockwise");
    if let Some(s) = stdin {
        // the binary may exit (a usage error) before reading: a broken pipe is fine
        let _ = child.stdin.take().unwrap().write_all(s.as_bytes());
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
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
        "FROM alpine:3.20@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\nUSER 10001\nCMD [\"/bin/app\"]\n",
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
