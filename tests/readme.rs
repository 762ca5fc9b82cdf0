//! The README is always true: its rule table is exactly the catalogue, and CI
//! runs the test command the README names.
//!
//! `DOCKWISE_BLESS=1 cargo test -p dockwise-rules --test readme` rewrites the
//! table between the `rules:start` and `rules:end` markers.
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

#[test]
fn readme_rule_table_is_the_catalogue() {
    let readme = repo_file("README.md");
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme.find(start).expect("README has a rules:start marker") + start.len();
    let b = readme.find(end).expect("README has a rules:end marker");
    let want = table();
    if readme[a..b] != want {
        if std::env::var_os("DOCKWISE_BLESS").is_some() {
            let new = format!("{}{}{}", &readme[..a], want, &readme[b..]);
            std::fs::write(repo_path("README.md"), new).unwrap();
            return;
        }
        panic!(
            "README.md's rule table is out of date: run `DOCKWISE_BLESS=1 cargo test -p dockwise-rules --test readme`"
        );
    }
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = repo_file("README.md");
    let ci = repo_file(".ci/run");
    assert!(ci.contains("scripts/test.sh"), ".ci/run must call scripts/test.sh");
    assert!(readme.contains("scripts/test.sh") && readme.contains("scripts/serve.sh"));
}
