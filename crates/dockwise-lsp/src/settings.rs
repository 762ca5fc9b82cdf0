//! What the checks run with: each workspace folder's config file (the
//! core's [`Config`]: `.dockwise.yaml`, else `.hadolint.yaml`, as the CLI
//! looks in the current folder) plus the client's settings
//! (initializationOptions, or `workspace/didChangeConfiguration`).

use dockwise_rules::config::Config;
use dockwise_rules::LintOptions;
use lsp_types::Uri;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The config files looked for in a workspace folder, first found wins.
pub const CONFIG_NAMES: [&str; 4] = [".dockwise.yaml", ".dockwise.yml", ".hadolint.yaml", ".hadolint.yml"];

/// A config file larger than this is refused (the CLI's input cap).
const MAX_CONFIG: u64 = 8 * 1024 * 1024;

/// Settings the client gives: `{"ignore": [...], "enable": [...],
/// "trustedRegistries": [...]}`, at the top level or under `dockwise`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientSettings {
    pub ignore: Vec<String>,
    pub enable: Vec<String>,
    pub trusted_registries: Vec<String>,
}

fn names(v: &Value, keys: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for k in keys {
        match v.get(k) {
            Some(Value::Array(items)) => out.extend(items.iter().filter_map(|i| i.as_str().map(str::to_string))),
            Some(Value::String(s)) => out.extend(s.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty())),
            _ => {}
        }
    }
    out
}

impl ClientSettings {
    /// The settings in `v`, if it holds any of ours (a client may send
    /// other sections, which must not reset these).
    pub fn find_in(v: &Value) -> Option<ClientSettings> {
        const KEYS: [&str; 7] = [
            "dockwise",
            "ignore",
            "ignored",
            "enable",
            "enabled",
            "trustedRegistries",
            "trusted-registries",
        ];
        KEYS.iter()
            .any(|k| v.get(k).is_some())
            .then(|| ClientSettings::from_json(v))
    }

    pub fn from_json(v: &Value) -> ClientSettings {
        let v = v.get("dockwise").unwrap_or(v);
        ClientSettings {
            ignore: names(v, &["ignore", "ignored"]),
            enable: names(v, &["enable", "enabled"]),
            trusted_registries: names(v, &["trustedRegistries", "trusted-registries"]),
        }
    }
}

/// A workspace folder and the config found in it.
#[derive(Clone, Debug)]
pub struct Folder {
    pub path: PathBuf,
    pub config: Option<Config>,
}

/// The path of a `file:` URI (percent-decoded), or `None`.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().is_some_and(|s| s.as_str().eq_ignore_ascii_case("file")) {
        return None;
    }
    let path = uri.path().as_estr().decode().into_string().ok()?.into_owned();
    // Windows: file:///C:/x has the path /C:/x
    let b = path.as_bytes();
    if b.len() > 2 && b[0] == b'/' && b[2] == b':' && b[1].is_ascii_alphabetic() {
        return Some(PathBuf::from(&path[1..]));
    }
    Some(PathBuf::from(path))
}

/// A name for a document: its path, else the URI's last segment decoded
/// (an `untitled:` buffer).
pub fn display_path(uri: &Uri) -> String {
    match file_path(uri) {
        Some(p) => p.to_string_lossy().into_owned(),
        None => uri
            .path()
            .as_estr()
            .decode()
            .into_string()
            .map(|s| s.into_owned())
            .unwrap_or_default(),
    }
}

/// Reads a folder's config: `Ok(None)` when it has none; `Err` with a
/// message to show when one is unreadable or invalid.
pub fn read_config(folder: &Path) -> Result<Option<(PathBuf, Config)>, String> {
    let Some(path) = CONFIG_NAMES.iter().map(|n| folder.join(n)).find(|p| p.is_file()) else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let mut text = String::new();
    std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_CONFIG + 1).read_to_string(&mut text))
        .map_err(|e| format!("dockwise: cannot read {shown}: {e}"))?;
    if text.len() as u64 > MAX_CONFIG {
        return Err(format!("dockwise: {shown} is larger than 8 MB"));
    }
    let (config, warnings) =
        Config::parse(&text).map_err(|e| format!("{shown}:{}:{}: config error: {}", e.line, e.column, e.message))?;
    // unknown keys and rule names are warnings: the config is used
    for w in &warnings {
        crate::log(&format!("{shown}:{}:{}: {}", w.line, w.column, w.message));
    }
    Ok(Some((path, config)))
}

/// The build context of a Dockerfile on disk, as the CLI reads it (and
/// BuildKit): `<file>.dockerignore`, else `.dockerignore` beside it; with
/// neither and no patterns from the config, the context is known to have
/// none (DW1033). Nothing is known when the folder does not exist.
pub fn apply_build_context(o: &mut LintOptions, path: &Path) {
    let Some(dir) = path.parent().filter(|d| d.is_dir()) else {
        return;
    };
    let own = path
        .file_name()
        .map(|n| dir.join(format!("{}.dockerignore", n.to_string_lossy())));
    let places: Vec<PathBuf> = own.into_iter().chain([dir.join(".dockerignore")]).collect();
    let found = places.iter().find(|p| p.is_file()).and_then(|p| {
        let mut text = String::new();
        let read = std::fs::File::open(p).and_then(|f| f.take(MAX_CONFIG + 1).read_to_string(&mut text));
        (read.is_ok() && text.len() as u64 <= MAX_CONFIG).then_some(text)
    });
    match found {
        Some(text) => {
            o.dockerignore = Some(text);
            o.no_dockerignore = false;
        }
        None if o.dockerignore.is_none() && !places.iter().any(|p| p.exists() || p.is_symlink()) => {
            o.no_dockerignore = true;
        }
        None => {}
    }
}

/// Is `path` one of the config files?
pub fn is_config_file(path: &str) -> bool {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    CONFIG_NAMES.contains(&base)
}

/// Everything the options come from.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub folders: Vec<Folder>,
    pub client: ClientSettings,
}

impl Settings {
    /// Re-reads every folder's config; returns the messages to show.
    pub fn reload(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        for f in &mut self.folders {
            f.config = match read_config(&f.path) {
                Ok(c) => c.map(|(_, c)| c),
                Err(e) => {
                    problems.push(e);
                    None
                }
            };
        }
        problems
    }

    /// The folder holding `path` (the deepest), else the first folder.
    fn folder_of(&self, path: Option<&Path>) -> Option<&Folder> {
        let inside = path.and_then(|p| {
            self.folders
                .iter()
                .filter(|f| p.starts_with(&f.path))
                .max_by_key(|f| f.path.components().count())
        });
        inside.or_else(|| self.folders.first())
    }

    /// The lint options for a document at `path`.
    pub fn options_for(&self, path: Option<&Path>) -> LintOptions {
        let mut o = LintOptions {
            ignored: self.client.ignore.clone(),
            enabled: self.client.enable.clone(),
            trusted_registries: self.client.trusted_registries.clone(),
            ..Default::default()
        };
        if let Some(c) = self.folder_of(path).and_then(|f| f.config.as_ref()) {
            c.apply(&mut o);
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn client_settings_at_the_top_or_under_dockwise() {
        let a = ClientSettings::from_json(&serde_json::json!({"ignore": ["DL3008"], "enable": "DL3057, DW2024"}));
        assert_eq!(a.ignore, ["DL3008"]);
        assert_eq!(a.enable, ["DL3057", "DW2024"]);
        let b = ClientSettings::from_json(&serde_json::json!({"dockwise": {"ignored": ["latest-tag"]}}));
        assert_eq!(b.ignore, ["latest-tag"]);
        assert_eq!(ClientSettings::from_json(&Value::Null), ClientSettings::default());
        assert_eq!(ClientSettings::find_in(&serde_json::json!({"yaml": {}})), None);
        assert!(ClientSettings::find_in(&serde_json::json!({"dockwise": {}})).is_some());
    }

    #[test]
    fn file_uris_become_paths() {
        let u = Uri::from_str("file:///tmp/a%20b/Dockerfile").unwrap();
        assert_eq!(file_path(&u), Some(PathBuf::from("/tmp/a b/Dockerfile")));
        let w = Uri::from_str("file:///C:/x/Dockerfile").unwrap();
        assert_eq!(file_path(&w), Some(PathBuf::from("C:/x/Dockerfile")));
        let u = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(file_path(&u), None);
        assert_eq!(display_path(&u), "Untitled-1");
        assert!(is_config_file("/w/.hadolint.yaml") && !is_config_file("/w/compose.yaml"));
    }
}
