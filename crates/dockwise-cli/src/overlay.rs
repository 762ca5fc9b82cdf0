//! Compose override files: `docker compose` merges `compose.override.yml`
//! (or `.yaml`; `docker-compose.override.yml` beside `docker-compose.yml`)
//! into the file beside it, so a finding is judged on the merged
//! configuration while it stays on the file and line where the value was
//! written.
//!
//! For a file of such a pair, the CLI lints both files and their merge
//! ([`dockwise_syntax::compose::merge`]), and keeps a finding of this file
//! only when the merge has it too: for a finding on a value (a `Place`),
//! the same rule, service and message; for one on something a service or the
//! file lacks, the same rule and service (reported on the base file alone,
//! once). What only the merge has (or what the override says when the
//! override is not checked in the same run) is reported on the base file at
//! the service's key, naming the override. `--no-override` checks each file
//! alone; `--fix` and `--diff` do too, since fixes edit one file.

use crate::input;
use dockwise_rules::rule::Scope;
use dockwise_rules::{lint, Finding, LintOptions, LintResult};
use dockwise_syntax::compose::{merge, Compose};
use dockwise_syntax::{yaml, FileKind, Span};
use std::path::{Path, PathBuf};

/// The names Compose reads by default, and the override each one takes.
const BASES: &[(&str, &[&str])] = &[
    ("compose.yaml", &["compose.override.yaml", "compose.override.yml"]),
    ("compose.yml", &["compose.override.yml", "compose.override.yaml"]),
    (
        "docker-compose.yaml",
        &["docker-compose.override.yaml", "docker-compose.override.yml"],
    ),
    (
        "docker-compose.yml",
        &["docker-compose.override.yml", "docker-compose.override.yaml"],
    ),
];

/// Which file of a pair this is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Base,
    Override,
}

/// The other file of the pair `path` belongs to, if it exists, and which
/// side `path` is on.
fn pair(path: &Path) -> Option<(Side, PathBuf)> {
    let name = path.file_name()?.to_str()?;
    let dir = path.parent().unwrap_or(Path::new(""));
    if let Some((_, overrides)) = BASES.iter().find(|(b, _)| *b == name) {
        return overrides
            .iter()
            .map(|o| dir.join(o))
            .find(|p| p.is_file())
            .map(|p| (Side::Base, p));
    }
    BASES
        .iter()
        .filter(|(_, o)| o.contains(&name))
        .map(|(b, _)| dir.join(b))
        .find(|b| b.is_file())
        .map(|b| (Side::Override, b))
}

/// What identifies a finding across the files and their merge.
#[derive(PartialEq, Eq)]
struct Key {
    rule: &'static str,
    service: String,
    /// The message, for findings on a value; empty for those on what is missing.
    message: String,
}

fn keys(text: &str, findings: &[Finding]) -> Vec<Key> {
    let docs = yaml::parse(text).unwrap_or_default();
    let compose = Compose::new(text, &docs);
    findings
        .iter()
        .map(|f| Key {
            rule: f.rule.id,
            service: compose
                .service_at(f.anchor.unwrap_or(f.span.start))
                .map(|s| s.name.to_string())
                .unwrap_or_default(),
            message: if f.rule.scope == Scope::Place {
                f.message.clone()
            } else {
                String::new()
            },
        })
        .collect()
}

/// Drops the findings of `result` (the lint of `text`, at `path`) that the
/// merge with the other file of its pair does not have, and, on the base
/// file, adds what only the merge has. `inputs` are the files of this run.
pub fn adjust(path: &Path, text: &str, result: &mut LintResult, options: &LintOptions, inputs: &[&Path]) {
    let Some((side, other_path)) = pair(path) else { return };
    let Ok(other) = input::read_file(&other_path) else {
        return;
    };
    let (base, over) = match side {
        Side::Base => (text, other.as_str()),
        Side::Override => (other.as_str(), text),
    };
    let (Ok(b), Ok(o)) = (yaml::parse(base), yaml::parse(over)) else {
        return;
    };
    let (Some(b), Some(o)) = (b.first(), o.first()) else {
        return;
    };
    if b.as_map().is_none() || o.as_map().is_none() {
        return;
    }
    let options = LintOptions {
        kind: Some(FileKind::Compose),
        ..options.clone()
    };
    let merged_text = merge::merged_json(b, o);
    let merged = lint(&merged_text, &options);
    let merged_keys = keys(&merged_text, &merged.findings);
    let other_result = lint(&other, &options);
    let (base_findings, over_findings) = match side {
        Side::Base => (&result.findings, &other_result.findings),
        Side::Override => (&other_result.findings, &result.findings),
    };
    let base_keys = keys(base, base_findings);
    let over_keys = keys(over, over_findings);
    let kept_base: Vec<bool> = base_keys.iter().map(|k| merged_keys.contains(k)).collect();
    let in_base = |k: &Key| base_keys.iter().zip(&kept_base).any(|(b, kept)| *kept && b == k);
    // the override's findings the merge has; those on what is missing only where the base has none
    let kept_over: Vec<bool> = over_keys
        .iter()
        .map(|k| merged_keys.contains(k) && (!k.message.is_empty() || !in_base(k)))
        .collect();
    match side {
        Side::Override => {
            let mut i = 0;
            result.findings.retain(|_| {
                i += 1;
                kept_over.get(i - 1).copied().unwrap_or(true)
            });
        }
        Side::Base => {
            let mut i = 0;
            result.findings.retain(|_| {
                i += 1;
                kept_base.get(i - 1).copied().unwrap_or(true)
            });
            // what only the merge has (and the override's own, when it is not checked too)
            let over_checked = inputs.iter().any(|p| same_file(p, &other_path));
            // findings an ignore comment silences in either file stay silenced in the merge
            let raw = LintOptions {
                disable_pragmas: true,
                ..options.clone()
            };
            let mut silenced = keys(base, &lint(base, &raw).findings);
            silenced.extend(keys(over, &lint(over, &raw).findings));
            silenced.retain(|k| !base_keys.contains(k) && !over_keys.contains(k));
            let covered = |k: &Key| {
                in_base(k)
                    || over_checked && over_keys.iter().zip(&kept_over).any(|(o, kept)| *kept && o == k)
                    || silenced.contains(k)
            };
            let docs = yaml::parse(base).unwrap_or_default();
            let compose = Compose::new(base, &docs);
            let over_name = other_path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().to_string());
            let mut added = false;
            for (f, k) in merged.findings.iter().zip(&merged_keys) {
                if covered(k) {
                    continue;
                }
                let at = compose
                    .services
                    .iter()
                    .find(|s| s.name == k.service)
                    .map(|s| s.key.span)
                    .or_else(|| compose.top("services").map(|(key, _)| key.span))
                    .unwrap_or(Span::from_usize(0, 0));
                let mut moved = f.clone();
                moved.span = at;
                moved.anchor = Some(at.start);
                moved.fix = None;
                moved.related.clear();
                moved.message = format!("{} (with {over_name} merged)", f.message);
                result.findings.push(moved);
                added = true;
            }
            if added {
                result.findings.sort_by_key(|f| (f.span.start, f.span.end));
            }
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (rule, line) of each finding of the file `name` in a folder holding
    /// `files`, judged with its pair merged; `checked` are the files of the run.
    fn judged(files: &[(&str, &str)], name: &str, checked: &[&str]) -> Vec<(String, usize)> {
        let dir = std::env::temp_dir().join(format!(
            "dockwise-overlay-{}-{name}-{}",
            std::process::id(),
            files.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for (n, text) in files {
            std::fs::write(dir.join(n), text).unwrap();
        }
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let options = LintOptions {
            kind: Some(FileKind::Compose),
            ..Default::default()
        };
        let mut result = lint(&text, &options);
        let inputs: Vec<PathBuf> = checked.iter().map(|c| dir.join(c)).collect();
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        adjust(&path, &text, &mut result, &options, &inputs);
        std::fs::remove_dir_all(&dir).unwrap();
        result
            .findings
            .iter()
            .filter(|f| ["DW2002", "DW2006", "DW2013", "DW2035"].contains(&f.rule.id))
            .map(|f| {
                (
                    f.rule.id.to_string(),
                    result.position(&text, f.span.start).line as usize,
                )
            })
            .collect()
    }

    const BASE: &str = "services:\n  web:\n    image: web:latest\n    volumes:\n      - /etc:/cfg\n      - /root:/r\n  db:\n    image: pg:16.4\n    read_only: true\n";
    const OVER: &str = "services:\n  web:\n    image: web:1.2\n    read_only: true\n    volumes:\n      - ./cfg:/cfg:ro\n  db:\n    privileged: true\n";

    fn owned(v: &[(&str, usize)]) -> Vec<(String, usize)> {
        v.iter().map(|(r, l)| (r.to_string(), *l)).collect()
    }

    #[test]
    fn the_override_decides_what_the_base_is_judged_on() {
        // web's tag, /etc and read_only are settled by the override; /root is not;
        // db's privileged mode comes from the override, shown on the base when the
        // override is not checked too
        let files = [("compose.yml", BASE), ("compose.override.yml", OVER)];
        assert_eq!(
            judged(&files, "compose.yml", &["compose.yml"]),
            owned(&[("DW2035", 6), ("DW2002", 7)])
        );
        // both checked: the override's finding stays on its own line
        assert_eq!(
            judged(&files, "compose.yml", &["compose.yml", "compose.override.yml"]),
            owned(&[("DW2035", 6)])
        );
        assert_eq!(
            judged(&files, "compose.override.yml", &["compose.yml", "compose.override.yml"]),
            owned(&[("DW2002", 8)])
        );
    }

    #[test]
    fn only_the_default_names_pair() {
        let files = [("compose.prod.yml", BASE), ("compose.override.yml", OVER)];
        assert_eq!(judged(&files, "compose.prod.yml", &[]).len(), 4);
        let files = [("docker-compose.yaml", BASE), ("docker-compose.override.yml", OVER)];
        assert_eq!(
            judged(&files, "docker-compose.yaml", &[]),
            owned(&[("DW2035", 6), ("DW2002", 7)])
        );
    }
}
