//! Which kind of file is this? File names first where there is one (the
//! CLI), the content otherwise: a Dockerfile starts with an instruction, a
//! Kubernetes manifest has top-level `apiVersion`/`kind`, a Compose file a
//! top-level `services:`. JSON (and YAML written as one flow mapping) is
//! judged by the keys of its outermost object: `kubectl get -o json` output,
//! a `List` of items included, is Kubernetes; `{"services": ...}` is Compose.

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

/// The keys of the outermost `{...}` object that starts at byte `at` (JSON,
/// or a YAML flow mapping: keys may be plain or quoted). Strings, nested
/// collections and `#` comments are skipped; reading stops where the object
/// closes, or at the end of a broken text.
fn object_keys(text: &str, at: usize) -> Vec<&str> {
    let b = text.as_bytes();
    let mut keys = Vec::new();
    let (mut depth, mut expect_key) = (0usize, false);
    let mut i = at;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'') => {
                let mut j = i + 1;
                loop {
                    match b.get(j) {
                        None => break,
                        // `\"` in a double-quoted string, `''` in a single-quoted one
                        Some(b'\\') if q == b'"' => j += 2,
                        Some(b'\'') if q == b'\'' && b.get(j + 1) == Some(&b'\'') => j += 2,
                        Some(&c) if c == q => break,
                        Some(_) => j += 1,
                    }
                }
                if depth == 1 && expect_key {
                    keys.push(text.get(i + 1..j.min(b.len())).unwrap_or(""));
                    expect_key = false;
                }
                i = j + 1;
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                expect_key = depth == 1 && b[i] == b'{';
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            b',' => expect_key = depth == 1,
            b'#' if i == 0 || b[i - 1].is_ascii_whitespace() => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            c if c.is_ascii_whitespace() => {}
            _ if depth == 1 && expect_key => {
                let end = b[i..]
                    .iter()
                    .position(|&c| matches!(c, b':' | b',' | b'}' | b'\n'))
                    .map_or(b.len(), |n| i + n);
                keys.push(text.get(i..end).unwrap_or("").trim_end());
                expect_key = false;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

/// Where the first document starts with `{`: the byte offset of that brace
/// (past comments, blank lines, directives and a `---` marker).
fn opening_brace(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let skip = t.is_empty() || t.starts_with('#') || t.starts_with('%') || t == "---" || t == "\u{feff}";
        if !skip {
            let lead = line.len() - line.trim_start_matches([' ', '\t', '\u{feff}']).len();
            let rest = &line[lead..];
            let rest_at = offset + lead;
            return match rest.strip_prefix("---") {
                Some(after) if after.starts_with([' ', '\t']) => {
                    let inner = after.trim_start();
                    inner
                        .starts_with('{')
                        .then(|| rest_at + 3 + (after.len() - inner.len()))
                }
                _ => rest.starts_with('{').then_some(rest_at),
            };
        }
        offset += line.len();
    }
    None
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
    // JSON, or YAML written as one flow mapping: the outermost object's keys
    if let Some(at) = opening_brace(text) {
        let keys = object_keys(text, at);
        let has = |k: &str| keys.contains(&k);
        if has("apiVersion") && has("kind") {
            return FileKind::Kubernetes;
        }
        compose = compose || has("services");
    }
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

    #[test]
    fn json_by_the_keys_of_its_outer_object() {
        // `kubectl get deploy -o json`: the keys are indented inside the braces
        let list = "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"apiVersion\": \"apps/v1\",\n            \"kind\": \"Deployment\",\n            \"metadata\": {\"name\": \"web\"}\n        }\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\"resourceVersion\": \"\"}\n}\n";
        assert_eq!(from_content(list), FileKind::Kubernetes);
        let pod = "{\n\t\"kind\": \"Pod\",\n\t\"apiVersion\": \"v1\",\n\t\"spec\": {\"containers\": []}\n}";
        assert_eq!(from_content(pod), FileKind::Kubernetes);
        assert_eq!(
            from_content("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{\"a\":\"{b}\"}}"),
            FileKind::Kubernetes
        );
        // a YAML flow mapping after a marker and a comment, plain keys
        assert_eq!(
            from_content("# pod\n--- {apiVersion: v1, kind: Pod}\n"),
            FileKind::Kubernetes
        );
        // nested `kind` keys (a Compose service's build, a value) do not count
        let compose = "{\n  \"services\": {\n    \"web\": {\"image\": \"nginx:1.27\", \"labels\": {\"kind\": \"x\", \"apiVersion\": \"y\"}}\n  }\n}\n";
        assert_eq!(from_content(compose), FileKind::Compose);
        // strings holding braces, quotes and commas do not confuse the scan
        assert_eq!(
            object_keys(
                "{\"a\": \"x}\\\"{,\", b: [1, {c: 2}], 'd''e': 3 # note, f: 4\n, g: 5}",
                0
            ),
            ["a", "b", "d''e", "g"]
        );
        // broken JSON: still no panic, still a kind
        assert_eq!(
            from_content("{\"apiVersion\": \"v1\", \"kind\": "),
            FileKind::Kubernetes
        );
        assert_eq!(from_content("{\"x\": [1, 2"), FileKind::Compose);
    }
}
