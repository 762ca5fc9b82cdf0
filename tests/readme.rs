//! The README is always true: it lists every rule with its name and
//! severity, and CI runs the test command the README names.

use std::path::Path;

fn repo_file(p: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(p);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn readme_lists_every_rule() {
    let readme = repo_file("README.md");
    for r in dockwise_core::rules::all() {
        let row = format!("| {} | `{}` | {} |", r.id, r.name, r.severity.as_str());
        assert!(readme.contains(&row), "README.md is missing the row for {}: {row}", r.id);
    }
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = repo_file("README.md");
    let ci = repo_file(".ci/run");
    assert!(ci.contains("scripts/test.sh"), ".ci/run must call scripts/test.sh");
    assert!(readme.contains("scripts/test.sh") && readme.contains("scripts/serve.sh"));
}
