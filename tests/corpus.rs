//! Real-world files from `../shared/corpus`: every Dockerfile parses without
//! a syntax error, and linting any file never panics.
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use dockwise_rules::{lint, FileKind, LintOptions};

#[test]
fn every_corpus_dockerfile_parses() {
    let mut failures = Vec::new();
    let files = support::files(&support::corpus("dockerfile"));
    for path in &files {
        let src = std::fs::read_to_string(path).expect("utf-8 Dockerfile");
        let df = dockwise_syntax::dockerfile::parse(&src);
        if !df.errors.is_empty() {
            failures.push(format!("{}: {:?}", path.display(), df.errors));
        }
        let r = lint(
            &src,
            &LintOptions {
                kind: Some(FileKind::Dockerfile),
                ..Default::default()
            },
        );
        for f in &r.findings {
            assert!(
                f.span.end as usize <= src.len() && f.span.start <= f.span.end,
                "{}: bad span {:?}",
                path.display(),
                f
            );
            assert!(src.is_char_boundary(f.span.start as usize) && src.is_char_boundary(f.span.end as usize));
        }
    }
    assert!(
        failures.is_empty(),
        "{} files failed to parse:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(files.len() >= 90, "expected the whole corpus, found {}", files.len());
}

/// Every compose file and Kubernetes manifest of the corpus is recognised as
/// its kind from its content, and checks without a panic, with valid spans.
/// Only files that are not valid YAML (checked by hand) may have syntax errors.
#[test]
fn every_corpus_yaml_file_is_detected_and_checked() {
    const INVALID_YAML: &[&str] = &[
        // a list item indented deeper than its siblings' key (PyYAML agrees)
        "GoogleCloudPlatform_kubernetes-engine-samples__ai-ml_gke-model-armor_preparing-the-model_producer-job.yaml",
    ];
    let mut problems = Vec::new();
    let mut count = 0;
    for (dir, kind) in [("compose", FileKind::Compose), ("k8s", FileKind::Kubernetes)] {
        for path in support::files(&support::corpus(dir)) {
            count += 1;
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let src = std::fs::read_to_string(&path).expect("utf-8");
            let detected = dockwise_syntax::detect::from_content(&src);
            if detected != kind {
                problems.push(format!("{name}: detected as {detected:?}"));
            }
            let r = lint(
                &src,
                &LintOptions {
                    kind: Some(kind),
                    ..Default::default()
                },
            );
            for f in &r.findings {
                assert!(
                    f.span.end as usize <= src.len() && f.span.start <= f.span.end,
                    "{name}: bad span {f:?}"
                );
                assert!(src.is_char_boundary(f.span.start as usize) && src.is_char_boundary(f.span.end as usize));
            }
            let syntax = r
                .findings
                .iter()
                .any(|f| std::ptr::eq(f.rule, dockwise_rules::rules::syntax_rule(kind)));
            if syntax != INVALID_YAML.contains(&name.as_str()) {
                problems.push(format!(
                    "{name}: syntax error {syntax}: {:?}",
                    r.findings.first().map(|f| &f.message)
                ));
            }
            if kind == FileKind::Compose && r.findings.iter().any(|f| f.rule.id == "DW2001") {
                problems.push(format!("{name}: no services found"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(count >= 125, "expected the whole corpus, found {count} files");
}
