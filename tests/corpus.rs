//! Real-world files from `../shared/corpus`: every Dockerfile parses without
//! a syntax error, and linting any file never panics.

mod support;

use dockwise_core::{lint, FileKind, LintOptions};

#[test]
fn every_corpus_dockerfile_parses() {
    let mut failures = Vec::new();
    let files = support::files(&support::corpus("dockerfile"));
    for path in &files {
        let src = std::fs::read_to_string(path).expect("utf-8 Dockerfile");
        let df = dockwise_core::dockerfile::parse(&src);
        if !df.errors.is_empty() {
            failures.push(format!("{}: {:?}", path.display(), df.errors));
        }
        let r = lint(&src, &LintOptions { kind: Some(FileKind::Dockerfile), ..Default::default() });
        for f in &r.findings {
            assert!(f.span.end as usize <= src.len() && f.span.start <= f.span.end, "{}: bad span {:?}", path.display(), f);
            assert!(src.is_char_boundary(f.span.start as usize) && src.is_char_boundary(f.span.end as usize));
        }
    }
    assert!(failures.is_empty(), "{} files failed to parse:\n{}", failures.len(), failures.join("\n"));
    assert!(files.len() >= 90, "expected the whole corpus, found {}", files.len());
}
