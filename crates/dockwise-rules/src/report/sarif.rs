//! SARIF 2.1.0 (what GitHub code scanning, Azure DevOps and many IDE
//! viewers read): one run whose `tool.driver` lists every rule that ran,
//! with its card (what, why, fix, a bad and a good example) as `help`, and
//! one result per finding.
//!
//! Positions are the findings' own ([`Located`]): 1-based lines and columns
//! counting characters (Unicode code points), so the run says
//! `"columnKind": "unicodeCodePoints"` (SARIF's other choice, UTF-16 code
//! units, differs only for characters outside the Basic Multilingual
//! Plane, such as emoji). Ends are exclusive, as SARIF's are.
//!
//! A finding's fix becomes a SARIF `fix` (each edit a replacement: a
//! deleted region, possibly empty, and the inserted text), with its
//! applicability (`safe` or `unsafe`) in the fix's properties. When the
//! caller asks for suppressions, findings silenced by ignore comments are
//! results too, with `"suppressions": [{"kind": "inSource"}]`, and every
//! other result has an empty `suppressions` array (SARIF: "not
//! suppressed"); without it no result has one ("suppression unknown").

use super::ci::{fingerprints, uri, CheckedFile};
use super::{Located, LocatedEdit, Range};
use crate::diagnostics::Severity;
use crate::rule::Rule;
use dockwise_syntax::FileKind;
use serde_json::{json, Map, Value};
use std::io::{self, Write};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF level of a severity: info and style are notes.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

fn text(s: &str) -> Value {
    json!({ "text": s })
}

fn region(r: &Range) -> Value {
    json!({
        "startLine": r.line,
        "startColumn": r.column,
        "endLine": r.end_line,
        "endColumn": r.end_column,
    })
}

/// A code block for Markdown: a fence longer than any run of backticks in
/// the code.
fn code_block(lang: &str, code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{}\n{fence}", code.trim_end_matches('\n'))
}

/// The rule's card as SARIF `help`: plain text and Markdown.
fn help(r: &Rule) -> Value {
    let d = &r.docs;
    let lang = match r.kind {
        FileKind::Dockerfile => "dockerfile",
        FileKind::Compose | FileKind::Kubernetes => "yaml",
    };
    let mut plain = vec![r.title.to_string()];
    let mut md = vec![format!("**{}** `{}`: {}", r.id, r.name, r.title)];
    for (head, body) in [
        ("What it checks", d.what),
        ("Why it matters", d.why),
        ("How to fix it", d.fix),
    ] {
        if !body.is_empty() {
            plain.push(format!("{head}: {body}"));
            md.push(format!("### {head}\n\n{body}"));
        }
    }
    for (head, code) in [("Bad", d.bad), ("Good", d.good)] {
        if !code.is_empty() {
            plain.push(format!("{head}:\n{}", code.trim_end_matches('\n')));
            md.push(format!("### {head}\n\n{}", code_block(lang, code)));
        }
    }
    if !r.standard.is_empty() {
        let links: Vec<String> = r
            .standard
            .iter()
            .map(|s| format!("- [{}]({})", s.title, s.url))
            .collect();
        let urls: Vec<String> = r.standard.iter().map(|s| format!("{} <{}>", s.title, s.url)).collect();
        plain.push(format!("Sources: {}", urls.join("; ")));
        md.push(format!("### Sources\n\n{}", links.join("\n")));
    }
    json!({ "text": plain.join("\n\n"), "markdown": md.join("\n\n") })
}

/// A `reportingDescriptor` for a rule.
fn descriptor(r: &Rule) -> Value {
    let what = if r.docs.what.is_empty() { r.title } else { r.docs.what };
    let mut tags: Vec<&str> = r.tags.iter().map(|t| t.as_str()).collect();
    tags.push(r.kind.as_str());
    let mut d = json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": text(r.title),
        "fullDescription": text(what),
        "help": help(r),
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "tags": tags },
    });
    if let (Some(s), Some(o)) = (r.standard.first(), d.as_object_mut()) {
        o.insert("helpUri".into(), Value::from(s.url));
    }
    if !r.aliases.is_empty() {
        if let Some(p) = d.get_mut("properties").and_then(Value::as_object_mut) {
            p.insert("aliases".into(), json!(r.aliases));
        }
    }
    d
}

fn physical(file: &str, r: &Range) -> Value {
    json!({
        "artifactLocation": { "uri": uri(file) },
        "region": region(r),
    })
}

fn replacement(e: &LocatedEdit) -> Value {
    json!({
        "deletedRegion": region(&e.range),
        "insertedContent": text(&e.replacement),
    })
}

/// What the SARIF of a set of files needs besides them.
pub struct Run<'a> {
    /// The rules that ran (any rule a finding names is added if missing).
    pub rules: &'a [&'static Rule],
    /// Report suppressed findings (the files' `suppressed`), and mark every
    /// result as suppressed or not.
    pub suppressions: bool,
}

fn result(f: &Located, index: usize, fingerprint: String, suppressed: Option<bool>) -> Value {
    let mut o = Map::new();
    o.insert("ruleId".into(), Value::from(f.rule.id));
    o.insert("ruleIndex".into(), Value::from(index));
    o.insert("level".into(), Value::from(level(f.severity)));
    o.insert("message".into(), text(&f.message));
    o.insert(
        "locations".into(),
        json!([{ "physicalLocation": physical(&f.file, &f.range) }]),
    );
    o.insert("partialFingerprints".into(), json!({ "dockwise/v1": fingerprint }));
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i + 1,
                    "physicalLocation": physical(&f.file, &r.range),
                    "message": text(&r.message),
                })
            })
            .collect();
        o.insert("relatedLocations".into(), Value::Array(related));
    }
    if let Some(fix) = &f.fix {
        o.insert(
            "fixes".into(),
            json!([{
                "description": text(&fix.title),
                "artifactChanges": [{
                    "artifactLocation": { "uri": uri(&f.file) },
                    "replacements": fix.edits.iter().map(replacement).collect::<Vec<_>>(),
                }],
                "properties": { "applicability": fix.applicability },
            }]),
        );
    }
    match suppressed {
        Some(true) => {
            o.insert("suppressions".into(), json!([{ "kind": "inSource" }]));
        }
        Some(false) => {
            o.insert("suppressions".into(), json!([]));
        }
        None => {}
    }
    Value::Object(o)
}

/// The SARIF log of `files`.
pub fn log(files: &[CheckedFile], run: &Run) -> Value {
    let mut rules: Vec<&'static Rule> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut add = |r: &'static Rule, rules: &mut Vec<&'static Rule>| -> usize {
        *index.entry(r.id).or_insert_with(|| {
            rules.push(r);
            rules.len() - 1
        })
    };
    for r in run.rules {
        add(r, &mut rules);
    }
    let mut results = Vec::new();
    for file in files {
        let mut all: Vec<(&Located, bool)> = file.findings.iter().map(|f| (f, false)).collect();
        if run.suppressions {
            all.extend(file.suppressed.iter().map(|f| (f, true)));
        }
        let refs: Vec<&Located> = all.iter().map(|(f, _)| *f).collect();
        for ((f, suppressed), fp) in all.iter().zip(fingerprints(file, &refs)) {
            let i = add(f.rule, &mut rules);
            results.push(result(f, i, fp, run.suppressions.then_some(*suppressed)));
        }
    }
    let mut driver = json!({
        "name": "dockwise",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
    });
    // the project's address, when the workspace's Cargo.toml gives one
    let home = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")];
    if let (Some(u), Some(o)) = (home.iter().find(|u| !u.is_empty()), driver.as_object_mut()) {
        o.insert("informationUri".into(), Value::from(*u));
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The SARIF log of `files`, as pretty JSON.
pub fn write(out: &mut impl Write, files: &[CheckedFile], run: &Run) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(files, run))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lint;
    use crate::options::LintOptions;
    use crate::report::ci::tests::{checked, latest};
    use crate::report::located;

    fn ran(files: &[CheckedFile]) -> Vec<&'static Rule> {
        let mut r: Vec<&'static Rule> = files.iter().flat_map(|f| f.findings.iter().map(|x| x.rule)).collect();
        r.dedup_by_key(|r| r.id);
        r
    }

    fn sarif(files: &[CheckedFile], suppressions: bool) -> Value {
        log(
            files,
            &Run {
                rules: &ran(files),
                suppressions,
            },
        )
    }

    #[test]
    fn one_run_with_the_driver_and_its_rules() {
        let f = latest("Dockerfile");
        let v = sarif(std::slice::from_ref(&f), false);
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["runs"].as_array().unwrap().len(), 1);
        let run = &v["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let d = &run["tool"]["driver"];
        assert_eq!(d["name"], "dockwise");
        assert_eq!(d["version"], env!("CARGO_PKG_VERSION"));
        let rule = d["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "DL3007")
            .unwrap();
        let dl3007 = crate::rules::find("DL3007").unwrap();
        assert_eq!(rule["name"], "latest-tag");
        assert_eq!(rule["shortDescription"]["text"], dl3007.title);
        assert_eq!(rule["fullDescription"]["text"], dl3007.docs.what);
        assert_eq!(rule["helpUri"], dl3007.standard[0].url);
        assert_eq!(rule["defaultConfiguration"]["level"], "warning");
        assert!(rule["properties"]["tags"]
            .as_array()
            .unwrap()
            .contains(&json!("dockerfile")));
        let md = rule["help"]["markdown"].as_str().unwrap();
        for part in [
            dl3007.docs.what,
            dl3007.docs.why,
            dl3007.docs.fix,
            dl3007.docs.bad.trim_end(),
        ] {
            assert!(md.contains(part), "{part} not in {md}");
        }
        assert!(md.contains("```dockerfile\n"), "{md}");
        assert!(rule["help"]["text"].as_str().unwrap().contains(dl3007.docs.why));
        // each result points at its rule
        for r in run["results"].as_array().unwrap() {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(d["rules"][i]["id"], r["ruleId"]);
            assert!(r.get("suppressions").is_none());
        }
    }

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(level(Severity::Style), "note");
    }

    #[test]
    fn regions_count_characters_and_uris_are_encoded() {
        // `é` is 2 bytes and 1 UTF-16 unit, `🐳` 4 bytes and 2 UTF-16 units: columns count characters
        let src = "FROM a\u{e9}\u{1f433}:latest\n";
        let f = checked("my dir/Dockerfile", src);
        let x = f.findings.iter().find(|x| x.rule.id == "DL3007").unwrap();
        let v = sarif(std::slice::from_ref(&f), false);
        let r = v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == "DL3007")
            .unwrap();
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "my%20dir/Dockerfile");
        let region = &loc["region"];
        assert_eq!(
            (
                region["startLine"].as_u64(),
                region["startColumn"].as_u64(),
                region["endLine"].as_u64(),
                region["endColumn"].as_u64()
            ),
            (Some(1), Some(10), Some(1), Some(16)),
            "`latest` is characters 10 to 15 (in UTF-16 units it would be 11 to 16)"
        );
        assert_eq!(region["startColumn"], x.range.column);
        assert_eq!(region["endColumn"], x.range.end_column);
        assert_eq!(r["level"], "warning");
        assert_eq!(r["message"]["text"], x.message);
        assert_eq!(r["partialFingerprints"]["dockwise/v1"].as_str().map(str::len), Some(32));
    }

    #[test]
    fn fixes_are_replacements() {
        let src = "FROM a:1\nRUN apt-get install -y curl\n";
        let r = lint(
            src,
            &LintOptions {
                only: Some(vec!["DL3015".into()]),
                ..Default::default()
            },
        );
        let findings = located("Dockerfile", src, &r);
        let fix = findings[0].fix.clone().unwrap();
        let f = CheckedFile {
            name: "Dockerfile".into(),
            source: src.into(),
            findings,
            suppressed: Vec::new(),
        };
        let v = sarif(&[f], false);
        let sf = &v["runs"][0]["results"][0]["fixes"][0];
        assert_eq!(sf["description"]["text"], fix.title.as_str());
        assert_eq!(sf["properties"]["applicability"], "safe");
        let change = &sf["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "Dockerfile");
        let rep = &change["replacements"][0];
        let e = &fix.edits[0];
        assert_eq!(rep["insertedContent"]["text"], e.replacement.as_str());
        assert_eq!(rep["deletedRegion"]["startLine"], e.range.line);
        assert_eq!(rep["deletedRegion"]["startColumn"], e.range.column);
        assert_eq!(rep["deletedRegion"]["endColumn"], e.range.end_column);
    }

    #[test]
    fn suppressed_findings_when_asked() {
        let mut f = latest("Dockerfile");
        let s = f.findings.remove(0);
        f.suppressed.push(s);
        let without = sarif(std::slice::from_ref(&f), false);
        let n = f.findings.len();
        assert_eq!(without["runs"][0]["results"].as_array().unwrap().len(), n);
        let with = sarif(std::slice::from_ref(&f), true);
        let results = with["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), n + 1);
        let kinds: Vec<&Value> = results.iter().map(|r| &r["suppressions"]).collect();
        assert_eq!(
            kinds.iter().filter(|k| **k == &json!([{"kind": "inSource"}])).count(),
            1
        );
        assert_eq!(kinds.iter().filter(|k| **k == &json!([])).count(), n);
    }

    #[test]
    fn rules_that_ran_without_findings_are_listed_and_an_empty_run_is_valid() {
        let dl3008 = crate::rules::find("DL3008").unwrap();
        let v = log(
            &[],
            &Run {
                rules: &[dl3008],
                suppressions: false,
            },
        );
        assert_eq!(v["runs"][0]["results"], json!([]));
        assert_eq!(v["runs"][0]["tool"]["driver"]["rules"][0]["id"], "DL3008");
        let v = log(
            &[],
            &Run {
                rules: &[],
                suppressions: false,
            },
        );
        assert_eq!(v["runs"][0]["tool"]["driver"]["rules"], json!([]));
    }

    #[test]
    fn markdown_code_blocks_outlast_backticks() {
        assert_eq!(code_block("yaml", "a: 1\n"), "```yaml\na: 1\n```");
        assert_eq!(code_block("", "x ```` y"), "`````\nx ```` y\n`````");
    }
}
