//! What the CI report formats ([`super::sarif`], [`super::checkstyle`],
//! [`super::github`], [`super::gitlab`]) read: every checked file with its
//! text and its located findings, and what they share (paths, stable
//! fingerprints). Positions are always the [`Located`] ones: 1-based lines,
//! 1-based columns counting characters (Unicode scalar values), ends
//! exclusive.

use super::Located;

/// One checked file, as the report writers receive it.
#[derive(Clone, Debug, Default)]
pub struct CheckedFile {
    /// The name the file was given by (a path relative to where the command
    /// ran, an absolute path, or the name given to standard input).
    pub name: String,
    /// Its text (the fixed text after `--fix`): fingerprints read it.
    pub source: String,
    /// Its findings, located, in position order.
    pub findings: Vec<Located>,
    /// Findings that ignore comments silence, when they were asked for
    /// (SARIF reports them as suppressed); empty otherwise.
    pub suppressed: Vec<Located>,
}

/// A file name as a path relative to the repository root, as CI hosts want
/// it: `./` prefixes are dropped.
pub fn relative_path(name: &str) -> &str {
    let mut p = name;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.trim_start_matches('/');
    }
    p
}

/// A file name as a URI reference: a relative path stays relative, an
/// absolute one becomes a `file://` URI; every byte outside the unreserved
/// characters and `/` is percent-encoded (RFC 3986, UTF-8).
pub fn uri(name: &str) -> String {
    let p = relative_path(name);
    let mut out = String::with_capacity(p.len() + 8);
    if p.starts_with('/') {
        out.push_str("file://");
    }
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// FNV-1a, 128 bits: a fixed, documented hash (unlike std's `DefaultHasher`,
/// which may change between Rust releases), so a fingerprint is the same
/// on every machine and in every version of Dockwise.
fn fnv1a_128(parts: &[&[u8]]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    for part in parts {
        for b in part.iter().chain(&[0u8]) {
            h ^= u128::from(*b);
            h = h.wrapping_mul(PRIME);
        }
    }
    h
}

/// The lines of a text, without their line breaks (`\n` or `\r\n`).
fn lines(source: &str) -> Vec<&str> {
    source.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect()
}

/// What a finding's fingerprint is made of, besides the file and the rule:
/// the text of the lines it covers, each trimmed of surrounding white
/// space, and the words it underlines. Never a line or column number, so
/// lines added or removed above it, or a change of indentation, keep it.
fn content_key(lines: &[&str], f: &Located) -> String {
    let r = f.range;
    let first = r.line.max(1) as usize;
    // a span that ends at the start of a line does not cover that line
    let last = if r.end_line > r.line && r.end_column <= 1 {
        r.end_line - 1
    } else {
        r.end_line
    }
    .max(r.line) as usize;
    let covered: Vec<&str> = (first..=last)
        .filter_map(|n| lines.get(n - 1))
        .map(|l| l.trim())
        .collect();
    let underlined: String = if r.line == r.end_line {
        lines
            .get(first - 1)
            .map(|l| {
                l.chars()
                    .skip(r.column.saturating_sub(1) as usize)
                    .take(r.end_column.saturating_sub(r.column) as usize)
                    .collect()
            })
            .unwrap_or_default()
    } else {
        String::new()
    };
    format!("{}\n{}", covered.join("\n"), underlined.trim())
}

/// A stable fingerprint for each of `findings` of `file` (32 hex digits):
/// FNV-1a-128 of the file's path, the rule's id, the trimmed text of the
/// lines the finding covers and the words it underlines, and how many
/// earlier findings of the list share all of these (so two identical lines
/// get two fingerprints). Editing other lines, or moving the finding's
/// lines up or down, does not change it; editing the lines themselves does.
pub fn fingerprints(file: &CheckedFile, findings: &[&Located]) -> Vec<String> {
    let lines = lines(&file.source);
    let path = relative_path(&file.name);
    let mut seen: std::collections::HashMap<u128, u32> = std::collections::HashMap::new();
    findings
        .iter()
        .map(|f| {
            let key = content_key(&lines, f);
            let base = fnv1a_128(&[path.as_bytes(), f.rule.id.as_bytes(), key.as_bytes()]);
            let n = seen.entry(base).or_insert(0);
            let h = fnv1a_128(&[&base.to_le_bytes(), &n.to_le_bytes()]);
            *n += 1;
            format!("{h:032x}")
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::engine::lint;
    use crate::options::LintOptions;
    use crate::report::located;

    pub(crate) fn checked(name: &str, source: &str) -> CheckedFile {
        let r = lint(source, &LintOptions::default());
        CheckedFile {
            name: name.into(),
            source: source.into(),
            findings: located(name, source, &r),
            suppressed: Vec::new(),
        }
    }

    /// `FROM python:latest` with its DL3007 finding alone.
    pub(crate) fn latest(name: &str) -> CheckedFile {
        let mut f = checked(name, "FROM python:latest\n");
        f.findings.retain(|x| x.rule.id == "DL3007");
        assert_eq!(f.findings.len(), 1);
        f
    }

    fn prints(f: &CheckedFile) -> Vec<(String, String)> {
        let all: Vec<&Located> = f.findings.iter().collect();
        f.findings
            .iter()
            .map(|x| x.rule.id.to_string())
            .zip(fingerprints(f, &all))
            .collect()
    }

    #[test]
    fn paths_and_uris() {
        assert_eq!(relative_path("./a/Dockerfile"), "a/Dockerfile");
        assert_eq!(relative_path(".//./x"), "x");
        assert_eq!(uri("./dir one/Dockerfile"), "dir%20one/Dockerfile");
        assert_eq!(uri("é#?%.yaml"), "%C3%A9%23%3F%25.yaml");
        assert_eq!(uri("/abs/a b"), "file:///abs/a%20b");
    }

    #[test]
    fn fingerprints_survive_edits_elsewhere_and_differ_per_finding() {
        let a = checked("Dockerfile", "FROM python:latest\nRUN apt-get install curl\n");
        let b = checked(
            "./Dockerfile",
            "# a comment above\n\nFROM python:latest\n\n   RUN apt-get install curl\n",
        );
        let (pa, pb) = (prints(&a), prints(&b));
        assert!(!pa.is_empty());
        assert_eq!(pa, pb, "moved lines and indentation keep the fingerprints");
        let mut fps: Vec<&String> = pa.iter().map(|(_, f)| f).collect();
        fps.sort();
        fps.dedup();
        assert_eq!(fps.len(), pa.len(), "unique within the file: {pa:?}");
        assert!(pa.iter().all(|(_, f)| f.len() == 32));
        // the finding's own line changing changes it; another file gives others
        let c = checked("Dockerfile", "FROM python:latest\nRUN apt-get install wget\n");
        let pc = prints(&c);
        assert_eq!(pa[0], pc[0], "FROM line unchanged");
        assert_ne!(pa.last(), pc.last());
        let d = checked("other/Dockerfile", "FROM python:latest\nRUN apt-get install curl\n");
        assert_ne!(prints(&d)[0], pa[0]);
    }

    #[test]
    fn identical_lines_get_distinct_fingerprints() {
        let f = checked("Dockerfile", "FROM a:latest\nFROM a:latest\n");
        let p = prints(&f);
        let latest: Vec<&String> = p.iter().filter(|(r, _)| r == "DL3007").map(|(_, f)| f).collect();
        assert_eq!(latest.len(), 2);
        assert_ne!(latest[0], latest[1]);
    }
}
