//! The build picture on the real-world Dockerfiles of `../shared/corpus`:
//! every file gets a picture (with a cache view) without a panic, its final
//! stage is used, every edge points at an earlier stage or a node that
//! exists, and the places fall inside the text.
// Test code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "build")]

use dockwise_rules::build::{picture, Options, Source};
use std::path::PathBuf;

fn corpus() -> PathBuf {
    let shared = match std::env::var("DOCKWISE_SHARED") {
        Ok(p) => PathBuf::from(p),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let dir = shared.join("corpus/dockerfile");
    assert!(
        dir.is_dir(),
        "the shared corpus was not found at {} (set DOCKWISE_SHARED to its folder)",
        dir.display()
    );
    dir
}

#[test]
fn every_corpus_dockerfile_gets_a_picture() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(files.len() >= 90, "expected the whole corpus, found {}", files.len());
    let (mut multi, mut unused, mut fixes) = (0, 0, 0);
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        for edited in [
            "src/app.py",
            "requirements.txt",
            "package-lock.json",
            "go.mod",
            "nginx.conf",
        ] {
            let p = picture(
                &text,
                &Options {
                    edited: Some(edited),
                    dockerignore: None,
                },
            );
            let Some(last) = p.final_stage else {
                assert!(p.stages.is_empty(), "{name}");
                continue;
            };
            assert!(p.stages[last].used && p.stages[last].is_final, "{name}");
            assert_eq!(p.stages.iter().filter(|s| s.is_final).count(), 1, "{name}");
            for e in &p.edges {
                match e.from {
                    Source::Stage { index } => assert!(index < e.to, "{name}: edge {e:?}"),
                    Source::Image { index } => assert!(index < p.externals.len(), "{name}"),
                    Source::Missing { .. } => {}
                }
            }
            for s in &p.instructions {
                assert!(
                    s.place.from <= s.place.to && s.place.to as usize <= text.len(),
                    "{name}"
                );
                assert!(s.place.line <= s.place.end_line, "{name}");
            }
            let cache = p.cache.as_ref().unwrap();
            // only the stages the final stage needs are rebuilt, in order
            assert!(cache.rebuilds.iter().all(|r| p.stages[r.stage].used), "{name}");
            assert!(
                cache.rebuilds.windows(2).all(|w| w[0].instruction < w[1].instruction),
                "{name}: {:?}",
                cache.rebuilds
            );
            fixes += cache.fixes.len();
            if edited == "src/app.py" {
                multi += usize::from(p.stages.len() > 1);
                unused += p.stages.iter().filter(|s| !s.used).count();
            }
        }
    }
    // the corpus has multi-stage builds, and some whose order costs installs
    assert!(multi > 10, "{multi} multi-stage files");
    assert!(fixes > 0);
    eprintln!(
        "{} files: {multi} multi-stage, {unused} unused stages, {fixes} order fixes over 5 edited paths",
        files.len()
    );
}
