//! The README is always true: its rule table is exactly the catalogue, and CI
//! runs the test command the README names.
//!
//! `DOCKWISE_BLESS=1 cargo test -p dockwise-rules --test readme` rewrites the
//! tables between the `rules:start`/`rules:end` and
//! `coverage:start`/`coverage:end` markers.
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

fn repo_path(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(p)
}

fn repo_file(p: &str) -> String {
    let path = repo_path(p);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn table() -> String {
    let mut s = String::from("| id | name | severity | kind | fix | title |\n|---|---|---|---|---|---|\n");
    for r in dockwise_rules::rules::all() {
        let sev = if r.enabled_by_default {
            r.severity.as_str().to_string()
        } else {
            format!("{} (off by default)", r.severity.as_str())
        };
        let fix = match r.fixes {
            dockwise_rules::Fixes::No => "",
            f => f.as_str(),
        };
        s.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            r.id,
            r.name,
            sev,
            r.kind.as_str(),
            fix,
            r.title.replace('|', "\\|")
        ));
    }
    s
}

/// The README's text between `<!-- NAME:start -->` and `<!-- NAME:end -->`
/// is `want` (rewritten with DOCKWISE_BLESS).
fn generated(name: &str, want: &str) {
    let readme = repo_file("README.md");
    let (start, end) = (format!("<!-- {name}:start -->\n"), format!("<!-- {name}:end -->"));
    let a = readme
        .find(&start)
        .unwrap_or_else(|| panic!("README has no {name}:start marker"))
        + start.len();
    let b = readme
        .find(&end)
        .unwrap_or_else(|| panic!("README has no {name}:end marker"));
    if readme[a..b] != *want {
        if std::env::var_os("DOCKWISE_BLESS").is_some() {
            let new = format!("{}{}{}", &readme[..a], want, &readme[b..]);
            std::fs::write(repo_path("README.md"), new).unwrap();
            return;
        }
        panic!("README.md's {name} table is out of date: run `DOCKWISE_BLESS=1 cargo test -p dockwise-rules --test readme`");
    }
}

#[test]
fn readme_rule_table_is_the_catalogue() {
    generated("rules", &table());
}

fn json(p: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(&repo_file(p)).unwrap()
}

fn ids(v: &serde_json::Value) -> String {
    let list: Vec<&str> = v
        .as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default();
    if list.is_empty() {
        "–".to_string()
    } else {
        list.join(", ")
    }
}

/// Every lesson topic and what covers it: rules, lesson questions (by
/// form), challenges and interview questions.
fn coverage() -> String {
    let questions = json("web/learn/questions.json");
    let mut s = String::from("| topic | rules | lesson questions | challenges | interview |\n|---|---|---|---|---|\n");
    for t in json("web/learn/topics.json") {
        let mine: Vec<&serde_json::Value> = questions.iter().filter(|q| q["topic"] == t["id"]).collect();
        let mut forms: Vec<&str> = mine.iter().filter_map(|q| q["form"].as_str()).collect();
        forms.sort_unstable();
        forms.dedup();
        s.push_str(&format!(
            "| {} | {} | {} ({}) | {} | {} |\n",
            t["title"].as_str().unwrap_or_default(),
            ids(&t["rules"]),
            mine.len(),
            forms.join(", "),
            ids(&t["challenges"]),
            ids(&t["interview"]),
        ));
    }
    s
}

#[test]
fn readme_coverage_table_is_the_lessons_content() {
    generated("coverage", &coverage());
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = repo_file("README.md");
    let ci = repo_file(".ci/run");
    assert!(ci.contains("scripts/test.sh"), ".ci/run must call scripts/test.sh");
    assert!(readme.contains("scripts/test.sh") && readme.contains("scripts/serve.sh"));
}
