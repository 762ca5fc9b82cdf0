//! GitLab Code Quality JSON (a `codequality` report artifact): an array of
//! issues, each with `description`, `check_name`, `fingerprint`,
//! `severity` and `location.path` / `location.lines.begin` (and `end`),
//! as <https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format>
//! lists them, plus `type` and `engine_name` (Code Climate's).
//!
//! Severities: a syntax error is `blocker`, an error `critical`, a warning
//! `major`, info `minor`, style `info`. The fingerprint
//! ([`super::ci::fingerprints`]) comes from the file's path, the rule and the
//! text of the finding's lines, never from line numbers, so GitLab keeps
//! matching an issue across commits that edit other lines of the file.

use super::ci::{fingerprints, relative_path, CheckedFile};
use super::Located;
use crate::diagnostics::Severity;
use serde_json::{json, Value};
use std::io::{self, Write};

/// GitLab's severity of a finding.
pub fn severity(f: &Located) -> &'static str {
    if f.is_syntax_error() {
        return "blocker";
    }
    match f.severity {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "minor",
        Severity::Style => "info",
    }
}

/// The Code Quality issues of `files`.
pub fn issues(files: &[CheckedFile]) -> Value {
    let mut out = Vec::new();
    for file in files {
        let findings: Vec<&Located> = file.findings.iter().collect();
        for (f, fingerprint) in findings.iter().zip(fingerprints(file, &findings)) {
            out.push(json!({
                "type": "issue",
                "engine_name": "dockwise",
                "check_name": f.rule.id,
                "description": format!("{}: {} ({})", f.rule.id, f.message, f.rule.name),
                "fingerprint": fingerprint,
                "severity": severity(f),
                "location": {
                    "path": relative_path(&file.name),
                    "lines": {"begin": f.range.line, "end": f.range.end_line},
                },
            }));
        }
    }
    Value::Array(out)
}

/// The report, as pretty JSON.
pub fn write(out: &mut impl Write, files: &[CheckedFile]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &issues(files))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ci::tests::{checked, latest};

    #[test]
    fn documented_fields() {
        let f = checked("./app/Dockerfile", "FROM python:latest\nRUN apt-get install curl\n");
        let v = issues(std::slice::from_ref(&f));
        let items = v.as_array().unwrap();
        assert_eq!(items.len(), f.findings.len());
        for (i, x) in items.iter().zip(&f.findings) {
            assert_eq!(i["check_name"], x.rule.id);
            assert!(i["description"].as_str().unwrap().contains(&x.message));
            assert_eq!(i["location"]["path"], "app/Dockerfile");
            assert_eq!(i["location"]["lines"]["begin"], x.range.line);
            assert_eq!(i["location"]["lines"]["end"], x.range.end_line);
            assert!(["info", "minor", "major", "critical", "blocker"].contains(&i["severity"].as_str().unwrap()));
            assert_eq!(i["fingerprint"].as_str().unwrap().len(), 32);
        }
        let latest = items.iter().find(|i| i["check_name"] == "DL3007").unwrap();
        assert_eq!(latest["severity"], "major");
    }

    #[test]
    fn severities() {
        let f = checked("compose.yaml", "services:\n  a: [\n");
        assert!(f.findings[0].is_syntax_error());
        assert_eq!(severity(&f.findings[0]), "blocker");
        let mut x = latest("Dockerfile").findings.remove(0);
        for (s, want) in [
            (Severity::Error, "critical"),
            (Severity::Warning, "major"),
            (Severity::Info, "minor"),
            (Severity::Style, "info"),
        ] {
            x.severity = s;
            assert_eq!(severity(&x), want);
        }
    }

    #[test]
    fn an_empty_run_is_an_empty_array() {
        let mut v = Vec::new();
        write(&mut v, &[]).unwrap();
        assert_eq!(String::from_utf8(v).unwrap(), "[]\n");
    }
}
