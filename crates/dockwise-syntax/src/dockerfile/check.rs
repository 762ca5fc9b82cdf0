//! BuildKit's `# check=` directive: which of its build checks run, and how.
//!
//! At the top of the file, among the parser directives, it applies to the
//! whole file: `# check=skip=StageNameCasing,UndefinedVar`, `skip=all`,
//! `error=true` (a finding fails the build), `experimental=Name` or
//! `experimental=all` (checks that are off by default), joined by `;`.
//! Since Dockerfile frontend 1.21 a `# check=` comment among the comments
//! directly above an instruction applies to that instruction alone (its
//! `skip=` and `experimental=`; `error=` only counts at the top).
//!
//! In both places only the value's first word counts, so a note may follow
//! after a space: `# check=skip=UndefinedVar // set by the CI`.

use crate::span::Span;

/// The options of one `# check=` directive or comment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// `skip=all`.
    pub skip_all: bool,
    /// `skip=A,B`: the names as written.
    pub skip: Vec<String>,
    /// `error=true`.
    pub error: bool,
    /// `experimental=all`.
    pub experimental_all: bool,
    /// `experimental=A,B`.
    pub experimental: Vec<String>,
}

/// A name list of `skip=` or `experimental=`: `all`, or names split at `,`.
fn names(value: &str) -> (bool, Vec<String>) {
    let value = value.trim();
    if value == "all" {
        return (true, Vec::new());
    }
    let list = value.split(',').map(str::trim).filter(|n| !n.is_empty());
    (false, list.map(str::to_string).collect())
}

impl CheckOptions {
    /// Parses a directive's value as BuildKit does: its first word, at most
    /// three `key=value` parts separated by `;`, keys `skip`, `error` (a
    /// boolean) and `experimental`. An error names the part BuildKit rejects
    /// (BuildKit then refuses to build).
    pub fn parse(value: &str) -> Result<CheckOptions, String> {
        let word = value.split(' ').next().unwrap_or("").trim();
        let mut out = CheckOptions::default();
        if word.is_empty() {
            return Ok(out);
        }
        for part in word.splitn(3, ';') {
            let Some((key, value)) = part.split_once('=') else {
                return Err(format!("invalid check option `{part}`: expected key=value"));
            };
            match key.trim() {
                "skip" => (out.skip_all, out.skip) = names(value),
                "experimental" => (out.experimental_all, out.experimental) = names(value),
                "error" => {
                    out.error = parse_bool(value.trim())
                        .ok_or_else(|| format!("invalid check option `{part}`: error takes true or false"))?;
                }
                other => {
                    return Err(format!(
                        "invalid check option `{other}`: expected skip, error or experimental"
                    ))
                }
            }
        }
        Ok(out)
    }

    /// A comment above an instruction (its text after `#`, trimmed), if it is
    /// a valid `check=` directive.
    pub fn from_comment(text: &str) -> Option<CheckOptions> {
        let (name, value) = directive(text)?;
        if !name.eq_ignore_ascii_case("check") {
            return None;
        }
        CheckOptions::parse(value).ok()
    }
}

/// Go's strconv.ParseBool.
fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// `name = value` (BuildKit's `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`):
/// the name and the trimmed value.
fn directive(text: &str) -> Option<(&str, &str)> {
    let name_len = text.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(text.len());
    let name = &text[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let value = text[name_len..].trim_start().strip_prefix('=')?.trim();
    (!value.is_empty()).then_some((name, value))
}

/// The file's `# check=` directive, found as BuildKit's frontend finds it:
/// after a byte-order mark and a `#!` line, among the `#name=value` lines
/// that open the file (`#` in the first column, names `syntax`, `escape`
/// and `check`, each at most once). Returns the value and the span of the
/// directive's line.
pub fn file_directive(source: &str) -> Option<(&str, Span)> {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut offset = source.len() - body.len();
    let mut seen: Vec<String> = Vec::new();
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        if n == 0 && text.starts_with("#!") {
            continue;
        }
        let (name, value) = text.strip_prefix('#').and_then(|t| directive(t.trim_start()))?;
        let name = name.to_ascii_lowercase();
        if !matches!(name.as_str(), "syntax" | "escape" | "check") || seen.contains(&name) {
            return None;
        }
        if name == "check" {
            return Some((value, Span::from_usize(start, start + text.len())));
        }
        seen.push(name);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(value: &str) -> CheckOptions {
        CheckOptions::parse(value).unwrap()
    }

    #[test]
    fn parses_every_option() {
        assert_eq!(
            opts("skip=StageNameCasing, UndefinedVar"),
            CheckOptions {
                skip: vec!["StageNameCasing".into()],
                ..Default::default()
            },
            "only the first word counts"
        );
        assert_eq!(
            opts("skip=StageNameCasing,UndefinedVar;error=true"),
            CheckOptions {
                skip: vec!["StageNameCasing".into(), "UndefinedVar".into()],
                error: true,
                ..Default::default()
            }
        );
        let all = opts("skip=all;experimental=all;error=1");
        assert!(all.skip_all && all.experimental_all && all.error);
        assert_eq!(
            opts("experimental=InvalidDefinitionDescription").experimental,
            ["InvalidDefinitionDescription"]
        );
        assert_eq!(opts(""), CheckOptions::default());
        assert!(CheckOptions::parse("skip").is_err());
        assert!(CheckOptions::parse("error=maybe").is_err());
        assert!(CheckOptions::parse("ignore=all").is_err());
    }

    #[test]
    fn comments_above_instructions() {
        assert_eq!(
            CheckOptions::from_comment("check=skip=SecretsUsedInArgOrEnv // allow it").map(|o| o.skip),
            Some(vec!["SecretsUsedInArgOrEnv".to_string()])
        );
        assert!(CheckOptions::from_comment("check = skip=all").is_some_and(|o| o.skip_all));
        assert_eq!(CheckOptions::from_comment("checks=skip=all"), None);
        assert_eq!(CheckOptions::from_comment("check=bogus"), None);
        assert_eq!(CheckOptions::from_comment("a check=skip=all"), None);
    }

    #[test]
    fn finds_the_file_directive_where_buildkit_does() {
        let at = |src| file_directive(src).map(|(v, _)| v);
        assert_eq!(at("# check=skip=all\nFROM a\n"), Some("skip=all"));
        assert_eq!(at("#check=skip=all\nFROM a\n"), Some("skip=all"));
        assert_eq!(
            at("# syntax=docker/dockerfile:1\n# CHECK = error=true\nFROM a\n"),
            Some("error=true")
        );
        assert_eq!(
            at("#!/usr/bin/env buildctl\n# check=skip=all\nFROM a\n"),
            Some("skip=all")
        );
        assert_eq!(at("\u{feff}# check=skip=all\nFROM a\n"), Some("skip=all"));
        // after a blank line, a comment or an instruction it is a comment
        assert_eq!(at("\n# check=skip=all\nFROM a\n"), None);
        assert_eq!(at("# hello\n# check=skip=all\nFROM a\n"), None);
        assert_eq!(at("FROM a\n# check=skip=all\n"), None);
        assert_eq!(at("  # check=skip=all\nFROM a\n"), None);
        // a second syntax directive ends the directives
        assert_eq!(at("# syntax=a\n# syntax=b\n# check=skip=all\n"), None);
        let (_, span) = file_directive("# escape=`\n# check=skip=all\r\nFROM a\n").unwrap();
        assert_eq!(span, Span::new(11, 27));
    }
}
