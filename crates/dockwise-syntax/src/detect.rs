//! Which kind of file is this? File names first where there is one (the
//! CLI), the content otherwise: a Dockerfile starts with an instruction, a
//! Kubernetes manifest has top-level `apiVersion`/`kind`, a Compose file a
//! top-level `services:`.

use crate::kind::FileKind;

/// The kind a file name implies, if it implies one.
pub fn from_name(path: &str) -> Option<FileKind> {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path).to_ascii_lowercase();
    let yaml = base.ends_with(".yml") || base.ends_with(".yaml");
    if base == "dockerfile"
        || base == "containerfile"
        || base.starts_with("dockerfile.")
        || base.ends_with(".dockerfile")
        || base.starts_with("containerfile.")
    {
        Some(FileKind::Dockerfile)
    } else if yaml
        && (base.starts_with("compose.")
            || base.starts_with("docker-compose")
            || base.contains(".compose.")
            || base.starts_with("compose-"))
    {
        Some(FileKind::Compose)
    } else {
        None
    }
}

/// Is this line a YAML mapping key (`name:` followed by a space or the end)?
fn yaml_key(line: &str) -> Option<&str> {
    let line = line.strip_prefix("- ").unwrap_or(line);
    let colon = line.find(':')?;
    let key = line[..colon].trim_matches(|c| c == '"' || c == '\'');
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'));
    let after = &line[colon + 1..];
    (ok && (after.is_empty() || after.starts_with([' ', '\t']))).then_some(key)
}

/// Does the line start with a Dockerfile instruction keyword and a blank?
fn is_instruction(line: &str) -> bool {
    line.split_once([' ', '\t'])
        .is_some_and(|(k, _)| crate::dockerfile::Kind::from_keyword(k) != crate::dockerfile::Kind::Unknown)
}

/// The kind of a text, from its content.
pub fn from_content(text: &str) -> FileKind {
    let mut first = None;
    let (mut compose, mut k8s) = (false, false);
    for line in text.lines() {
        let t = line.trim_end();
        if t.trim_start().is_empty() || t.trim_start().starts_with('#') {
            continue;
        }
        if first.is_none() && is_instruction(t) {
            // a Dockerfile starts with an instruction; a YAML file never does
            return FileKind::Dockerfile;
        }
        first.get_or_insert(t);
        if t.starts_with([' ', '\t']) {
            continue;
        }
        match yaml_key(t) {
            Some("apiVersion" | "kind") => k8s = true,
            Some("services") => compose = true,
            _ => {}
        }
    }
    let Some(first) = first else {
        return FileKind::Dockerfile;
    };
    let yaml =
        first.starts_with("---") || first.starts_with("- ") || first.starts_with('{') || yaml_key(first).is_some();
    if k8s {
        FileKind::Kubernetes
    } else if compose || yaml {
        // YAML that is neither: linted as Compose, whose first rule explains
        // that there is no `services:` (nor `apiVersion`/`kind`).
        FileKind::Compose
    } else {
        FileKind::Dockerfile
    }
}

/// The kind of a file: its name when that decides, else its content.
pub fn detect(path: Option<&str>, text: &str) -> FileKind {
    path.and_then(from_name).unwrap_or_else(|| from_content(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_name() {
        assert_eq!(from_name("app/Dockerfile"), Some(FileKind::Dockerfile));
        assert_eq!(from_name("api.Dockerfile"), Some(FileKind::Dockerfile));
        assert_eq!(from_name("Dockerfile.prod"), Some(FileKind::Dockerfile));
        assert_eq!(from_name("compose.yaml"), Some(FileKind::Compose));
        assert_eq!(from_name("docker-compose.dev.yml"), Some(FileKind::Compose));
        assert_eq!(from_name("deploy.yaml"), None);
    }

    #[test]
    fn by_content() {
        assert_eq!(
            from_content("# syntax=docker/dockerfile:1\nFROM alpine\n"),
            FileKind::Dockerfile
        );
        assert_eq!(from_content("from alpine\nrun echo a:b\n"), FileKind::Dockerfile);
        assert_eq!(
            from_content("version: '3.8'\nservices:\n  web:\n    image: nginx\n"),
            FileKind::Compose
        );
        assert_eq!(
            from_content("# a pod\n---\napiVersion: v1\nkind: Pod\n"),
            FileKind::Kubernetes
        );
        assert_eq!(
            from_content("x-common: &c\n  restart: always\nservices: {}\n"),
            FileKind::Compose
        );
        // YAML of another kind: Compose, whose DW2001 says what is missing
        assert_eq!(from_content("foo: bar\n"), FileKind::Compose);
        assert_eq!(from_content(""), FileKind::Dockerfile);
        // a heredoc writing YAML does not make the Dockerfile a YAML file
        assert_eq!(
            from_content("FROM alpine\nCOPY <<EOF /app/compose.yaml\nservices:\n  web: {}\nEOF\n"),
            FileKind::Dockerfile
        );
        assert_eq!(from_content("ARG: 1\nservices: {}\n"), FileKind::Compose);
    }
}
