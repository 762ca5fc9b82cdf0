//! Finding and reading the config file, the way hadolint does (plus
//! `.dockwise.yaml`, which wins when both exist).

use crate::output::esc;
use dockwise_rules::config::{Config, ConfigIssue};
use std::path::{Path, PathBuf};

pub struct Loaded {
    pub path: PathBuf,
    pub config: Config,
    pub warnings: Vec<ConfigIssue>,
}

fn candidates() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for name in [".dockwise.yaml", ".dockwise.yml", ".hadolint.yaml", ".hadolint.yml"] {
        v.push(PathBuf::from(name));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    if let Some(x) = xdg {
        for name in ["dockwise.yaml", "dockwise.yml", "hadolint.yaml", "hadolint.yml"] {
            v.push(x.join(name));
        }
    }
    if let Some(h) = home {
        for rel in [
            ".hadolint/hadolint.yaml",
            ".hadolint/hadolint.yml",
            "hadolint/config.yaml",
            "hadolint/config.yml",
            ".hadolint.yaml",
            ".hadolint.yml",
        ] {
            v.push(h.join(rel));
        }
    }
    v
}

/// The config to use: `explicit` if given (it must exist), else the first
/// file found. Errors are ready to print (`file:line:col: ...`, escaped for
/// a terminal). The file is read like an input: a regular file within the
/// size cap.
pub fn load(explicit: Option<&str>) -> Result<Option<Loaded>, String> {
    let path = match explicit {
        Some(p) => PathBuf::from(p),
        None => match candidates().into_iter().find(|p| p.is_file()) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    read(&path).map(Some)
}

fn read(path: &Path) -> Result<Loaded, String> {
    let shown = path.display().to_string();
    let text = crate::input::read_file(path)
        .map_err(|e| format!("dockwise: cannot read config {}: {}", esc(&shown), esc(&e)))?;
    let (config, warnings) = Config::parse(&text).map_err(|e| {
        format!(
            "{}:{}:{}: config error: {}",
            esc(&shown),
            e.line,
            e.column,
            esc(&e.message)
        )
    })?;
    Ok(Loaded {
        path: path.to_path_buf(),
        config,
        warnings,
    })
}
