//! The CI report formats of `dockwise lint` over the whole corpus: SARIF
//! against the official SARIF 2.1.0 schema and Microsoft's SARIF
//! multitool, checkstyle parsed as XML, GitLab Code Quality against its
//! documented fields, GitHub workflow commands' escaping, and `--output`.

// helpers outside #[test] fns unwrap too: a failed unwrap is a failed test
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../../tests/support/cli.rs"]
mod cli_support;
#[path = "../../../tests/support/mod.rs"]
mod support;

use cli_support::dockwise_in;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dockwise(args: &[&str], stdin: Option<&str>) -> Output {
    dockwise_in(&std::env::temp_dir(), args, stdin)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dockwise-ci-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file of the corpus (Dockerfiles, Compose files, manifests and the
/// parser's edge cases), named on the command line so each is checked:
/// relative to the shared folder (where the corpus runs are started, as CI
/// names files relative to the repository), and one absolute path.
fn corpus_files() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.is_file() && p.extension().is_none_or(|e| e != "md") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    let shared = support::shared();
    walk(&shared.join("corpus"), &mut files);
    assert!(files.len() > 100, "a corpus of {} files", files.len());
    let mut files: Vec<PathBuf> = files
        .into_iter()
        .map(|p| p.strip_prefix(&shared).map(Path::to_path_buf).unwrap_or(p))
        .collect();
    files.push(extra_file().to_path_buf());
    files.into_iter().map(|p| p.display().to_string()).collect()
}

/// One more file for the corpus runs: a name that XML and URIs must
/// escape, an ignore comment (a suppressed finding), non-ASCII text and a
/// finding with a fix. Written once per test process.
fn extra_file() -> &'static Path {
    static FILE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let p = scratch("extra").join("we&ird <name>'s %20.Dockerfile");
        std::fs::write(
            &p,
            "# hadolint ignore=DL3007\nFROM python:latest\nRUN echo \"\u{e9}\u{1f433}\" && apt-get install -y curl\n",
        )
        .unwrap();
        p
    })
}

/// `dockwise lint --format F` over the corpus (exit 1: findings; 2: some
/// parser edge cases do not parse, which is reported too).
fn lint_corpus(extra: &[&str]) -> Output {
    let files = corpus_files();
    let mut args: Vec<&str> = vec!["lint", "-t", "none"];
    args.extend(extra);
    args.extend(files.iter().map(String::as_str));
    let o = dockwise_in(&support::shared(), &args, None);
    assert!(
        matches!(o.status.code(), Some(0 | 2)),
        "{:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn corpus_json() -> Vec<Value> {
    let o = lint_corpus(&["--format", "json"]);
    serde_json::from_slice::<Value>(&o.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The SARIF 2.1.0 schema shipped in npm's `@microsoft/sarif-multitool`
/// (in its platform package), if `npm ci` has installed it.
fn sarif_schema() -> Option<PathBuf> {
    let dir = repo().join("node_modules/@microsoft");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("sarif-2.1.0.json")))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.into_iter().next()
}

#[test]
fn sarif_of_the_corpus_is_valid_sarif_2_1_0() {
    let Some(schema_path) = sarif_schema() else {
        eprintln!(
            "SKIPPED: node_modules/@microsoft/sarif-multitool-*/sarif-2.1.0.json is missing: \
             run `npm ci` at the repository root (scripts/test.sh does) to validate SARIF"
        );
        return;
    };
    let dir = scratch("sarif");
    let out = dir.join("corpus.sarif");
    let o = lint_corpus(&[
        "--format",
        "sarif",
        "--report-suppressed",
        "--output",
        out.to_str().unwrap(),
    ]);
    let summary = stdout(&o);
    assert!(summary.contains("Report written to"), "{summary}");
    let text = std::fs::read_to_string(&out).unwrap();
    let log: Value = serde_json::from_str(&text).unwrap();

    // (1) the official schema (draft 2020-12), formats (uri...) asserted too
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{}: {e}", schema_path.display()));
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).take(20).collect();
    assert!(
        errors.is_empty(),
        "not valid against {}:\n{}",
        schema_path.display(),
        errors.join("\n")
    );

    // the same findings as the JSON output, each pointing at its rule
    let json = corpus_json();
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    let unsuppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r["suppressions"] == serde_json::json!([]))
        .collect();
    assert_eq!(unsuppressed.len(), json.len());
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r["suppressions"] == serde_json::json!([{"kind": "inSource"}]))
        .collect();
    assert_eq!(unsuppressed.len() + suppressed.len(), results.len());
    assert!(
        suppressed.iter().any(|r| r["ruleId"] == "DL3007"
            && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("/we%26ird%20%3Cname%3E%27s%20%2520.Dockerfile"))),
        "the extra file's silenced DL3007 is a suppressed result"
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for (r, j) in unsuppressed.iter().zip(&json) {
        assert_eq!(r["ruleId"], j["rule"]);
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], j["rule"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], j["line"]);
        assert_eq!(region["startColumn"], j["column"]);
        assert_eq!(region["endLine"], j["end_line"]);
        assert_eq!(region["endColumn"], j["end_column"]);
        assert_eq!(r["fixes"].is_array(), j.get("fix").is_some());
    }
    let fps: std::collections::HashSet<&str> = results
        .iter()
        .map(|r| r["partialFingerprints"]["dockwise/v1"].as_str().unwrap())
        .collect();
    let files: std::collections::HashSet<&Value> = results
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        .collect();
    assert!(fps.len() == results.len(), "fingerprints are unique");
    assert!(files.len() > 100);
    assert!(files
        .iter()
        .any(|u| u.as_str().is_some_and(|u| u.starts_with("corpus/dockerfile/"))));

    // (2) Microsoft's SARIF multitool: no error-level result. Its own
    // binary, beside the schema (npm's `bin.js` wrapper runs it through a
    // shell, which mangles arguments)
    let tool = ["Sarif.Multitool", "Sarif.Multitool.exe"]
        .iter()
        .map(|n| schema_path.with_file_name(n))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("no Sarif.Multitool beside {}", schema_path.display()));
    let checked = dir.join("validation.sarif");
    let _ = std::fs::remove_file(&checked);
    let v = Command::new(&tool)
        .args(["validate", "--output"])
        .arg(&checked)
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", tool.display()));
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&checked).unwrap_or_else(|e| {
        panic!(
            "the multitool wrote no report ({e}): {}\n{}",
            String::from_utf8_lossy(&v.stdout),
            String::from_utf8_lossy(&v.stderr)
        )
    }))
    .unwrap();
    let found: Vec<String> = report["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "error")
        .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
        .chain(
            // the tool's own failures (a rule that crashed, an unreadable file)
            report["runs"][0]["invocations"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|i| i["toolExecutionNotifications"].as_array().into_iter().flatten())
                .filter(|n| n["level"] == "error")
                .map(|n| format!("tool: {}", n["message"])),
        )
        .take(20)
        .collect();
    assert!(
        found.is_empty(),
        "sarif-multitool validate found errors:\n{}",
        found.join("\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn checkstyle_of_the_corpus_parses_as_xml() {
    use quick_xml::events::Event;
    let o = lint_corpus(&["--format", "checkstyle"]);
    let json = corpus_json();
    let mut reader = quick_xml::Reader::from_reader(o.stdout.as_slice());
    let mut buf = Vec::new();
    let (mut files, mut errors, mut depth_ok) = (0, Vec::new(), true);
    let mut current: Option<String> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .unwrap_or_else(|e| panic!("not XML: {e}"));
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let mut attrs = std::collections::HashMap::new();
                for a in e.attributes() {
                    let a = a.unwrap();
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned();
                    attrs.insert(String::from_utf8(a.key.as_ref().to_vec()).unwrap(), value);
                }
                match name.as_str() {
                    "checkstyle" => assert_eq!(attrs["version"], "4.3"),
                    "file" => {
                        files += 1;
                        current = Some(attrs["name"].clone());
                    }
                    "error" => {
                        depth_ok &= current.is_some();
                        errors.push((current.clone().unwrap_or_default(), attrs));
                    }
                    other => panic!("unexpected element {other}"),
                }
            }
            Event::End(e) if e.name().as_ref() == b"file" => current = None,
            _ => {}
        }
        buf.clear();
    }
    assert!(depth_ok, "every error is inside a file");
    assert_eq!(files, corpus_files().len(), "a file element per file");
    assert_eq!(errors.len(), json.len());
    for ((file, e), j) in errors.iter().zip(&json) {
        assert_eq!(file, j["file"].as_str().unwrap());
        assert_eq!(e["source"], j["rule"].as_str().unwrap());
        assert_eq!(
            e["message"],
            j["message"].as_str().unwrap(),
            "unescaped, the message is the same"
        );
        assert_eq!(e["line"], j["line"].to_string());
        assert_eq!(e["column"], j["column"].to_string());
        let want = match j["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "info",
        };
        assert_eq!(e["severity"], want);
    }
}

#[test]
fn gitlab_code_quality_of_the_corpus_has_the_documented_fields() {
    // https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
    let o = lint_corpus(&["--format", "gitlab"]);
    let issues: Value = serde_json::from_slice(&o.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    let json = corpus_json();
    assert_eq!(issues.len(), json.len());
    let mut fingerprints = std::collections::HashSet::new();
    for (i, j) in issues.iter().zip(&json) {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[key].as_str().is_some_and(|s| !s.is_empty()), "{key}: {i}");
        }
        assert_eq!(i["check_name"], j["rule"]);
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&i["severity"].as_str().unwrap()),
            "{i}"
        );
        let path = i["location"]["path"].as_str().unwrap();
        assert!(!path.starts_with("./"), "{path}");
        assert_eq!(path, j["file"].as_str().unwrap().trim_start_matches("./"));
        let begin = i["location"]["lines"]["begin"].as_u64().unwrap();
        assert!(begin >= 1 && Some(begin) == j["line"].as_u64());
        assert!(i["location"]["lines"]["end"].as_u64().unwrap() >= begin);
        assert!(
            fingerprints.insert(i["fingerprint"].as_str().unwrap().to_string()),
            "unique: {i}"
        );
    }
}

#[test]
fn gitlab_fingerprints_do_not_move_with_the_lines() {
    let a = dockwise(
        &["lint", "-f", "gitlab", "--stdin-name", "Dockerfile", "-"],
        Some("FROM python:latest\nRUN apt-get install curl\n"),
    );
    let b = dockwise(
        &["lint", "-f", "gitlab", "--stdin-name", "Dockerfile", "-"],
        Some("# build\n\nFROM python:latest\n\n# tools\nRUN apt-get install curl\n"),
    );
    let prints = |o: &Output| -> Vec<(String, String)> {
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| (i["check_name"].to_string(), i["fingerprint"].to_string()))
            .collect()
    };
    assert!(!prints(&a).is_empty());
    assert_eq!(prints(&a), prints(&b));
}

#[test]
fn github_commands_escape_what_they_carry() {
    // the name (a property) holds `%`, `,`, `:`, `::` and a line break; the
    // message (the data) quotes the image, with `%` and `::` in it
    let o = dockwise(
        &["lint", "-f", "github", "--stdin-name", "a%b,c::d\ne/Dockerfile", "-"],
        Some("FROM reg.io/a%b::c:latest\n"),
    );
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(!text.is_empty());
    for line in text.lines() {
        assert!(
            line.starts_with("::warning file=a%25b%2Cc%3A%3Ad%0Ae/Dockerfile,line=1,")
                || line.starts_with("::notice file=a%25b%2Cc%3A%3Ad%0Ae/Dockerfile,line=1,")
                || line.starts_with("::error file=a%25b%2Cc%3A%3Ad%0Ae/Dockerfile,line=1,"),
            "{line}"
        );
    }
    let latest = text
        .lines()
        .find(|l| l.contains("title=DL3007::"))
        .unwrap_or_else(|| panic!("{text}"));
    let (_, message) = latest.split_once("title=DL3007::").unwrap();
    assert!(message.contains("`reg.io/a%25b::c:latest`"), "{message}");
    for line in text.lines() {
        // the properties end at the first `::` after the command: with the title
        let (head, _) = line[2..].split_once("::").unwrap();
        assert!(head.contains(",title="), "{line}");
    }
}

#[test]
fn the_output_file_holds_the_report_and_the_terminal_the_summary() {
    let dir = scratch("output");
    let df = dir.join("Dockerfile");
    std::fs::write(&df, "FROM python:latest\n").unwrap();
    let report = dir.join("report.xml");
    let o = dockwise(
        &[
            "lint",
            "-f",
            "checkstyle",
            "-o",
            report.to_str().unwrap(),
            df.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "exit status unchanged by --output");
    let out = stdout(&o);
    assert!(out.contains(" in 1 file.\nReport written to "), "{out}");
    let xml = std::fs::read_to_string(&report).unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains("source=\"DL3007\""), "{xml}");
    // -q: nothing on the terminal
    let o = dockwise(
        &[
            "lint",
            "-q",
            "-f",
            "json",
            "-o",
            report.to_str().unwrap(),
            df.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!((o.status.code(), o.stdout.len()), (Some(1), 0));
    assert!(std::fs::read_to_string(&report).unwrap().starts_with("[\n"));
    // text too; an output that cannot be written is exit 2, before anything is checked
    let o = dockwise(
        &[
            "lint",
            "-o",
            dir.join("no/such/dir/r.txt").to_str().unwrap(),
            df.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write"));
    // --report-suppressed is for SARIF only
    let o = dockwise(&["lint", "--report-suppressed", df.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sarif_reports_silenced_findings_only_when_asked() {
    let src = "# dockwise ignore=DL3007\nFROM python:latest\n";
    let sarif = |extra: &[&str]| -> Value {
        let mut args = vec!["lint", "-f", "sarif", "--stdin-name", "Dockerfile"];
        args.extend(extra);
        args.push("-");
        serde_json::from_slice(&dockwise(&args, Some(src)).stdout).unwrap()
    };
    let plain = sarif(&[]);
    let results = plain["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .all(|r| r["ruleId"] != "DL3007" && r.get("suppressions").is_none()));
    let with = sarif(&["--report-suppressed"]);
    let results = with["runs"][0]["results"].as_array().unwrap();
    let latest = results.iter().find(|r| r["ruleId"] == "DL3007").unwrap();
    assert_eq!(latest["suppressions"], serde_json::json!([{"kind": "inSource"}]));
    assert!(results
        .iter()
        .filter(|r| r["ruleId"] != "DL3007")
        .all(|r| r["suppressions"] == serde_json::json!([])));
    // the silenced finding does not fail the run
    let o = dockwise(
        &[
            "lint",
            "-f",
            "sarif",
            "--report-suppressed",
            "-t",
            "error",
            "--stdin-name",
            "Dockerfile",
            "-",
        ],
        Some("# dockwise ignore=DL3007\nFROM python:3.12-slim\n"),
    );
    assert_eq!(o.status.code(), Some(0));
}
