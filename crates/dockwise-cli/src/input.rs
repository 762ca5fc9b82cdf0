//! What to check and reading it: the files of a folder, and reading a file
//! or standard input within the size cap.
//!
//! A folder is walked with `walkdir`, without following symbolic links to
//! folders (so a link loop cannot make the walk endless, and no file is
//! found twice through links), in name order, leaving out hidden entries,
//! `node_modules` and `target`. Only regular files are read: a FIFO would
//! block, a device may never end. A file larger than [`MAX_BYTES`] is
//! refused before it is read, and no read takes more than that.

use crate::output::{esc, note};
use dockwise_syntax::detect;
use std::fs::{File, FileType, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The largest input read: the YAML reader's document cap, for every kind.
pub const MAX_BYTES: usize = dockwise_syntax::yaml::MAX_BYTES;

/// One input: a path, or standard input.
pub struct Input {
    pub name: String,
    pub path: Option<PathBuf>,
}

/// Left out of a folder walk: hidden entries (but a file named
/// `.dockerfile`), `node_modules` and `target`.
fn left_out(name: &str) -> bool {
    name.starts_with('.') && name != ".dockerfile" || matches!(name, "node_modules" | "target")
}

/// Is a file of this name checked when found in a folder? Dockerfiles and
/// compose files by name, and every YAML file when `yaml_kind` (`--kind
/// kubernetes` or `compose`).
fn picked(name: &str, yaml_kind: bool) -> bool {
    detect::from_name(name).is_some() || (yaml_kind && (name.ends_with(".yaml") || name.ends_with(".yml")))
}

/// Adds the files to check in `dir` to `out`. Says on stderr what it skips
/// (files that are not regular, links to folders); returns false when some
/// of the folder could not be read.
pub fn collect(dir: &Path, out: &mut Vec<Input>, yaml_kind: bool) -> bool {
    let mut ok = true;
    let walk = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !left_out(&e.file_name().to_string_lossy()));
    for entry in walk {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().unwrap_or(dir).display().to_string();
                let why = err.io_error().map_or_else(|| err.to_string(), io::Error::to_string);
                note!("dockwise: cannot read {}: {}", esc(&path), esc(&why));
                ok = false;
                continue;
            }
        };
        let ft = e.file_type();
        // the folder asked for (walked even through a link), and folders within it
        if e.depth() == 0 || ft.is_dir() {
            continue;
        }
        let path = e.path();
        let shown = path.display().to_string();
        let name = e.file_name().to_string_lossy();
        let picked = picked(&name, yaml_kind);
        if ft.is_symlink() {
            match std::fs::metadata(path) {
                Ok(m) if m.is_dir() => {
                    note!("dockwise: not following {}: a symbolic link to a folder", esc(&shown));
                    continue;
                }
                _ if !picked => continue,
                Ok(m) if !m.is_file() => {
                    note!("dockwise: skipping {}: {}", esc(&shown), not_regular(&m.file_type()));
                    continue;
                }
                // a link to a file is checked; a broken one is an error when read
                _ => {}
            }
        } else if !picked {
            continue;
        } else if !ft.is_file() {
            note!("dockwise: skipping {}: {}", esc(&shown), not_regular(&ft));
            continue;
        }
        out.push(Input {
            name: shown,
            path: Some(path.to_path_buf()),
        });
    }
    ok
}

/// Why a file that is not regular is not read.
fn not_regular(ft: &FileType) -> String {
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            Some("a FIFO")
        } else if ft.is_socket() {
            Some("a socket")
        } else if ft.is_char_device() {
            Some("a character device")
        } else if ft.is_block_device() {
            Some("a block device")
        } else {
            None
        }
    };
    #[cfg(not(unix))]
    let what: Option<&str> = None;
    match what {
        _ if ft.is_dir() => "a folder".into(),
        Some(w) => format!("not a regular file ({w})"),
        None => "not a regular file".into(),
    }
}

fn too_large(len: Option<u64>) -> String {
    let limit = MAX_BYTES >> 20;
    match len {
        Some(n) => format!("larger than the {limit} MB limit ({n} bytes)"),
        None => format!("larger than the {limit} MB limit"),
    }
}

/// A regular file of at most [`MAX_BYTES`]: checked from its metadata before it is read.
fn check(m: &Metadata) -> Result<(), String> {
    if !m.is_file() {
        return Err(not_regular(&m.file_type()));
    }
    if m.len() > MAX_BYTES as u64 {
        return Err(too_large(Some(m.len())));
    }
    Ok(())
}

/// The text of an input; the error says why it cannot be had.
pub fn read(input: &Input) -> Result<String, String> {
    match &input.path {
        Some(p) => read_file(p),
        None => read_capped(io::stdin().lock(), 0),
    }
}

/// The text of the regular file at `path` (following links), of at most
/// [`MAX_BYTES`]. A FIFO or a device is refused without being opened.
pub fn read_file(path: &Path) -> Result<String, String> {
    let m = std::fs::metadata(path).map_err(|e| e.to_string())?;
    check(&m)?;
    let file = File::open(path).map_err(|e| e.to_string())?;
    // the file opened is still the one checked
    check(&file.metadata().map_err(|e| e.to_string())?)?;
    read_capped(file, m.len())
}

/// Reads at most [`MAX_BYTES`] + 1 bytes, so a file that grows while it is
/// read (or standard input that never ends) cannot exhaust memory.
fn read_capped(r: impl Read, expected: u64) -> Result<String, String> {
    let mut bytes = Vec::with_capacity(expected.min(MAX_BYTES as u64) as usize);
    r.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > MAX_BYTES {
        return Err(too_large(None));
    }
    String::from_utf8(bytes).map_err(|e| format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
}

/// Where a Dockerfile's build context keeps its `.dockerignore`, in the
/// order BuildKit looks: `<file>.dockerignore`, then `.dockerignore` beside it.
fn dockerignore_places(path: &Path) -> Vec<std::path::PathBuf> {
    let own = path
        .file_name()
        .map(|n| format!("{}.dockerignore", n.to_string_lossy()));
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    own.map(|o| dir.join(o))
        .into_iter()
        .chain(std::iter::once(dir.join(".dockerignore")))
        .collect()
}

/// The `.dockerignore` of a Dockerfile's build context, if one is found:
/// `<file>.dockerignore`, else `.dockerignore` beside it.
pub fn dockerignore_for(path: &Path) -> Option<String> {
    dockerignore_places(path)
        .into_iter()
        .find(|p| p.is_file())
        .and_then(|p| read_file(&p).ok())
}

/// Is there anything at either place (even one that cannot be read)? Only
/// when there is not is the context known to have no `.dockerignore`.
pub fn has_dockerignore(path: &Path) -> bool {
    dockerignore_places(path).iter().any(|p| p.exists() || p.is_symlink())
}

/// The variables of the `.env` file beside a compose file, as Compose reads
/// them to decide `${VAR}` references; None when there is none (or it
/// cannot be read). Its values may be secrets: they are handed to the rules,
/// which never quote them, and never printed here.
pub fn dot_env_for(path: &Path) -> Option<Vec<(String, String)>> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let env = dir.join(".env");
    env.is_file()
        .then(|| read_file(&env).ok())
        .flatten()
        .map(|t| parse_dot_env(&t))
}

/// `KEY=value` lines (`export KEY=value` too): `#` starts a comment line, or
/// a comment after an unquoted value when a space comes before it; single
/// quotes keep the text as it is, double quotes understand `\n`, `\"` and
/// `\\`. Lines that are none of these are skipped.
fn parse_dot_env(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").unwrap_or(line);
        if line.starts_with('#') {
            continue;
        }
        let Some((key, raw)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        {
            continue;
        }
        let raw = raw.trim();
        let value = if let Some(rest) = raw.strip_prefix('\'') {
            rest.find('\'').map_or(rest, |end| &rest[..end]).to_string()
        } else if let Some(rest) = raw.strip_prefix('"') {
            let mut v = String::new();
            let mut chars = rest.chars();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('n') => v.push('\n'),
                        Some(o) => v.push(o),
                        None => {}
                    },
                    c => v.push(c),
                }
            }
            v
        } else {
            let end = raw.find(" #").or_else(|| raw.find("\t#")).unwrap_or(raw.len());
            raw[..end].trim_end().to_string()
        };
        out.push((key.to_string(), value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_env_lines() {
        let env = parse_dot_env(
            "# settings\nTAG=1.2 # pinned\nexport REG=ghcr.io\nQUOTED=\"a b\\\"c\"\nRAW='x#y $z'\nEMPTY=\nnot a line\n",
        );
        let get = |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("TAG"), Some("1.2"));
        assert_eq!(get("REG"), Some("ghcr.io"));
        assert_eq!(get("QUOTED"), Some("a b\"c"));
        assert_eq!(get("RAW"), Some("x#y $z"));
        assert_eq!(get("EMPTY"), Some(""));
        assert_eq!(env.len(), 5);
    }

    #[test]
    fn the_documented_cap() {
        // the README ("The CLI") and `dockwise lint --help` say 8 MB
        assert_eq!(MAX_BYTES, 8 << 20);
        assert_eq!(too_large(None), "larger than the 8 MB limit");
    }

    #[test]
    fn what_a_folder_walk_leaves_out_and_picks() {
        for name in [".git", ".env", ".hadolint.yaml", "node_modules", "target"] {
            assert!(left_out(name), "{name}");
        }
        for name in [".dockerfile", "src", "Dockerfile", "targets"] {
            assert!(!left_out(name), "{name}");
        }
        assert!(picked("Dockerfile", false) && picked("compose.yaml", false));
        assert!(!picked("pod.yaml", false) && picked("pod.yaml", true) && picked("pod.yml", true));
        assert!(!picked("README.md", true));
    }
}
