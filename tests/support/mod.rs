//! Locating the shared corpus (`../shared` next to the repository, or
//! `$DOCKWISE_SHARED`). Tests fail loudly when it is missing: a corpus test
//! that silently passes without its corpus would prove nothing.
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn shared() -> PathBuf {
    if let Ok(p) = std::env::var("DOCKWISE_SHARED") {
        return PathBuf::from(p);
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let p = repo.join("../shared");
    assert!(
        p.join("corpus").is_dir(),
        "the shared corpus was not found at {} (set DOCKWISE_SHARED to its folder)",
        p.display()
    );
    p.canonicalize().unwrap_or(p)
}

pub fn corpus(sub: &str) -> PathBuf {
    shared().join("corpus").join(sub)
}

/// Sorted files of a directory (non-recursive), failing if there are none.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no files in {}", dir.display());
    v
}

pub fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no folders in {}", dir.display());
    v
}
