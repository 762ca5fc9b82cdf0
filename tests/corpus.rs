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

/// A YAML node as JSON, the way `kubectl get -o json` writes an object.
fn to_json(n: &dockwise_syntax::yaml::Node) -> serde_json::Value {
    use dockwise_syntax::yaml::Value;
    match &n.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => (*b).into(),
        Value::Int(i) => (*i).into(),
        Value::Float(f) => f.parse::<f64>().map_or_else(|_| f.clone().into(), Into::into),
        Value::Str(s) => s.clone().into(),
        Value::Seq(items) => items.iter().map(to_json).collect(),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| (k.scalar_text().unwrap_or_default(), to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

/// `kubectl get -o json` output of every corpus manifest (its objects as the
/// items of a `List`) is recognised as Kubernetes and gets the same findings
/// per rule as the YAML; every compose file written as JSON is Compose.
#[test]
fn corpus_files_written_as_json_keep_their_kind_and_findings() {
    use std::collections::BTreeMap;
    let per_rule = |text: &str, kind: FileKind| {
        let mut counts = BTreeMap::new();
        for f in lint(
            text,
            &LintOptions {
                kind: Some(kind),
                disable_pragmas: true,
                ..Default::default()
            },
        )
        .findings
        {
            *counts.entry(f.rule.id).or_insert(0) += 1;
        }
        counts
    };
    let mut problems = Vec::new();
    let mut compared = 0;
    for (dir, kind) in [("k8s", FileKind::Kubernetes), ("compose", FileKind::Compose)] {
        for path in support::files(&support::corpus(dir)) {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let src = std::fs::read_to_string(&path).expect("utf-8");
            let Ok(parsed) = dockwise_syntax::yaml::parse_lenient(&src) else {
                continue;
            };
            let objects: Vec<_> = parsed.docs.iter().filter(|d| d.as_map().is_some()).collect();
            if objects.len() != parsed.docs.iter().filter(|d| !d.is_null()).count() || objects.is_empty() {
                continue; // documents that are not mappings have no JSON object form
            }
            let json = if kind == FileKind::Kubernetes {
                let items: Vec<_> = objects.iter().map(|d| to_json(d)).collect();
                serde_json::json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}})
            } else {
                to_json(objects[0])
            };
            let json = serde_json::to_string_pretty(&json).unwrap();
            let detected = dockwise_syntax::detect::from_content(&json);
            if detected != kind {
                problems.push(format!("{name} as JSON: detected as {detected:?}"));
                continue;
            }
            if kind == FileKind::Kubernetes {
                let (yaml, json) = (per_rule(&src, kind), per_rule(&json, kind));
                if yaml != json {
                    problems.push(format!("{name}: YAML {yaml:?}\n  JSON {json:?}"));
                }
                compared += 1;
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(compared >= 50, "only {compared} manifests compared");
}

/// The corpus's kustomize patches (an overlay's partial Deployment, a
/// `$patch: delete`) are fragments: nothing they leave out is reported,
/// while kustomize bases (whole objects) still are.
#[test]
fn corpus_kustomize_patches_get_no_missing_findings() {
    const PATCHES: &[&str] = &[
        "GoogleCloudPlatform_kubernetes-engine-samples__workloads_migrate-x86-app-to-multi-arch_k8s_overlays_multiarch_add_multiarch_support.yaml",
        "GoogleCloudPlatform_microservices-demo__kustomize_components_without-loadgenerator_delete-loadgenerator.patch.yaml",
    ];
    const BASE: &str = "GoogleCloudPlatform_microservices-demo__kustomize_base_loadgenerator.yaml";
    let lint_file = |name: &str| {
        let src = std::fs::read_to_string(support::corpus("k8s").join(name)).expect("corpus file");
        let r = lint(
            &src,
            &LintOptions {
                kind: Some(FileKind::Kubernetes),
                ..Default::default()
            },
        );
        r.findings.iter().map(|f| f.rule.id).collect::<Vec<_>>()
    };
    for name in PATCHES {
        let ids = lint_file(name);
        assert!(ids.is_empty(), "{name}: {ids:?}");
    }
    assert!(
        lint_file(BASE).contains(&"DW3024"),
        "a whole Deployment is still checked"
    );
}
