//! The one finding payload ([`Located`]: what the CLI's JSON, the editor,
//! the findings list and a lesson's embed messages all receive); the text
//! report for terminals is in [`text`].

pub mod checkstyle;
pub mod ci;
pub mod github;
pub mod gitlab;
pub mod sarif;
pub mod terminal;
mod text;
pub mod triage;

pub use text::text;
pub use text::write_text;

use crate::diagnostics::{Applicability, Severity};
use crate::engine::LintResult;
use crate::finding::Finding;
use crate::rule::Rule;
use dockwise_syntax::span::{utf16_offsets, LineIndex, Span};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A place in the file: 1-based lines, 1-based columns counting
/// characters, `end_*` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Range {
    pub fn of(source: &str, lines: &LineIndex, span: Span) -> Range {
        let (s, e) = (lines.position(source, span.start), lines.position(source, span.end));
        Range {
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
        }
    }
}

/// One edit of a fix, located like a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedEdit {
    pub range: Range,
    pub replacement: String,
    /// The range as UTF-16 offsets from the start of the text (for the
    /// browser editor). Not part of the JSON.
    pub from: u32,
    pub to: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedFix {
    pub applicability: Applicability,
    pub title: String,
    pub edits: Vec<LocatedEdit>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedRelated {
    pub range: Range,
    pub message: String,
}

/// One finding as every consumer sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub file: String,
    pub rule: &'static Rule,
    pub severity: Severity,
    pub range: Range,
    pub message: String,
    /// Line where the instruction (or service, or object) holding the
    /// finding starts.
    pub instruction_line: Option<u32>,
    pub fix: Option<LocatedFix>,
    pub related: Vec<LocatedRelated>,
    /// The span as UTF-16 offsets from the start of the text (what the
    /// browser editor counts). Not part of the JSON.
    pub from: u32,
    pub to: u32,
}

impl Located {
    /// Is this finding one of the file's syntax errors?
    pub fn is_syntax_error(&self) -> bool {
        self.rule.is_syntax_error()
    }
}

/// Are these rules quiet in a file that parses? (A lesson task is solved
/// when the learner's edits make its rules quiet and leave no syntax error.)
pub fn quiet(findings: &[Located], rules: &[&'static Rule]) -> bool {
    !findings
        .iter()
        .any(|f| f.is_syntax_error() || rules.iter().any(|r| std::ptr::eq(*r, f.rule)))
}

fn range_json(r: &Range) -> [(&'static str, u32); 4] {
    [
        ("line", r.line),
        ("column", r.column),
        ("end_line", r.end_line),
        ("end_column", r.end_column),
    ]
}

struct EditJson<'a>(&'a LocatedEdit);

impl Serialize for EditJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Edit", 5)?;
        for (k, v) in range_json(&self.0.range) {
            o.serialize_field(k, &v)?;
        }
        o.serialize_field("replacement", &self.0.replacement)?;
        o.end()
    }
}

struct FixJson<'a>(&'a LocatedFix);

impl Serialize for FixJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Fix", 3)?;
        o.serialize_field("applicability", &self.0.applicability)?;
        o.serialize_field("title", &self.0.title)?;
        o.serialize_field("edits", &self.0.edits.iter().map(EditJson).collect::<Vec<_>>())?;
        o.end()
    }
}

struct RelatedJson<'a>(&'a LocatedRelated);

impl Serialize for RelatedJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Related", 5)?;
        for (k, v) in range_json(&self.0.range) {
            o.serialize_field(k, &v)?;
        }
        o.serialize_field("message", &self.0.message)?;
        o.end()
    }
}

/// The CLI's JSON object: `file`, `rule`, `name`, `severity`, `line`,
/// `column`, `end_line`, `end_column`, `message`, and when there is one
/// `instruction_line`, `syntax_error: true`, `fix`, `related`.
impl Serialize for Located {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Finding", 13)?;
        o.serialize_field("file", &self.file)?;
        o.serialize_field("rule", self.rule.id)?;
        o.serialize_field("name", self.rule.name)?;
        o.serialize_field("severity", &self.severity)?;
        for (k, v) in range_json(&self.range) {
            o.serialize_field(k, &v)?;
        }
        o.serialize_field("message", &self.message)?;
        if let Some(l) = self.instruction_line {
            o.serialize_field("instruction_line", &l)?;
        }
        if self.is_syntax_error() {
            o.serialize_field("syntax_error", &true)?;
        }
        if let Some(f) = &self.fix {
            o.serialize_field("fix", &FixJson(f))?;
        }
        if !self.related.is_empty() {
            o.serialize_field("related", &self.related.iter().map(RelatedJson).collect::<Vec<_>>())?;
        }
        o.end()
    }
}

/// The byte offsets whose UTF-16 offsets [`locate`] needs, in the order it
/// takes them: the finding's start and end, then each fix edit's.
fn utf16_needs(f: &Finding) -> impl Iterator<Item = u32> + '_ {
    let edits = f
        .fix
        .iter()
        .flat_map(|x| x.edits.iter())
        .flat_map(|e| [e.span.start, e.span.end]);
    [f.span.start, f.span.end].into_iter().chain(edits)
}

/// Locates one finding. `utf16` yields the UTF-16 offsets of
/// [`utf16_needs`], in that order.
pub fn locate(
    file: &str,
    source: &str,
    lines: &LineIndex,
    f: &Finding,
    utf16: &mut impl Iterator<Item = u32>,
) -> Located {
    let range = |span| Range::of(source, lines, span);
    let mut next = || utf16.next().unwrap_or(0);
    let (from, to) = (next(), next());
    Located {
        file: file.to_string(),
        rule: f.rule,
        severity: f.severity,
        range: range(f.span),
        message: f.message.clone(),
        instruction_line: f.anchor.map(|a| lines.position(source, a).line),
        fix: f.fix.as_ref().map(|fix| LocatedFix {
            applicability: fix.applicability,
            title: fix.title.clone(),
            edits: fix
                .edits
                .iter()
                .map(|e| LocatedEdit {
                    range: range(e.span),
                    replacement: e.replacement.clone(),
                    from: next(),
                    to: next(),
                })
                .collect(),
        }),
        related: f
            .related
            .iter()
            .map(|r| LocatedRelated {
                range: range(r.span),
                message: r.message.clone(),
            })
            .collect(),
        from,
        to,
    }
}

/// Every finding of a result, located.
pub fn located(file: &str, source: &str, result: &LintResult) -> Vec<Located> {
    let offsets: Vec<u32> = result.findings.iter().flat_map(utf16_needs).collect();
    let mut utf16 = utf16_offsets(source, &offsets).into_iter();
    result
        .findings
        .iter()
        .map(|f| locate(file, source, &result.lines, f, &mut utf16))
        .collect()
}

pub fn json(items: &[Located]) -> String {
    serde_json::to_string_pretty(items).unwrap_or_else(|_| String::from("[]"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostic, Edit, Fix};
    use crate::engine::lint;
    use crate::options::LintOptions;

    #[test]
    fn quiet_means_the_rules_are_silent_and_the_file_parses() {
        let rules = [crate::rules::find("DL3007").unwrap()];
        let check = |src: &str| {
            let r = lint(src, &LintOptions::default());
            quiet(&located("Dockerfile", src, &r), &rules)
        };
        assert!(!check("FROM alpine:latest\n"));
        assert!(check("FROM alpine:3.20\n"));
        // other rules may still speak; a syntax error never counts as solved
        assert!(check("FROM alpine:3.20\nRUN apk add curl\n"));
        assert!(!check("FROM alpine:3.20\nRUN <<EOF\n"));
    }

    #[test]
    fn the_json_form_of_a_finding() {
        let src = "FROM é:latest\n";
        let r = lint(
            src,
            &LintOptions {
                only: Some(vec!["DL3007".into()]),
                ..Default::default()
            },
        );
        let j = located("Dockerfile", src, &r);
        let v = serde_json::to_value(&j[0]).unwrap();
        assert_eq!(v["rule"], "DL3007");
        assert_eq!(v["name"], "latest-tag");
        assert_eq!(v["severity"], "warning");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64(), v["end_column"].as_u64()),
            (Some(1), Some(8), Some(14))
        );
        assert_eq!(v["instruction_line"], 1);
        // absent parts stay out of the JSON, and the editor's offsets are not in it
        for k in ["fix", "related", "syntax_error", "from", "to"] {
            assert!(v.get(k).is_none(), "{k}: {v}");
        }
        // UTF-16 offsets for the editor: `é` is one code unit, two bytes
        assert_eq!((j[0].from, j[0].to), (7, 13));
    }

    #[test]
    fn a_fix_and_related_places_are_located_like_the_finding() {
        let src = "FROM a:1\nRUN apt-get install curl\n";
        let mut r = lint(
            src,
            &LintOptions {
                only: Some(vec!["DL3014".into()]),
                ..Default::default()
            },
        );
        let at = src.find("curl").unwrap() as u32;
        let d = Diagnostic::new(r.findings[0].span, "x")
            .with_fix(|| Fix::safe("add -y", vec![Edit::insert(at, "-y ")]))
            .with_related(dockwise_syntax::Span::new(0, 4), "the stage starts here");
        r.findings[0].fix = d.fix;
        r.findings[0].related = d.related;
        let loc = located("Dockerfile", src, &r);
        let edit = &loc[0].fix.as_ref().unwrap().edits[0];
        assert_eq!(
            (edit.from, edit.to),
            (at, at),
            "UTF-16 offsets of the edit, for the editor"
        );
        let v = serde_json::to_value(&loc[0]).unwrap();
        assert_eq!(v["fix"]["applicability"], "safe");
        assert_eq!(v["fix"]["title"], "add -y");
        let e = &v["fix"]["edits"][0];
        assert_eq!(
            (
                e["line"].as_u64(),
                e["column"].as_u64(),
                e["end_line"].as_u64(),
                e["end_column"].as_u64()
            ),
            (Some(2), Some(21), Some(2), Some(21))
        );
        assert_eq!(e["replacement"], "-y ");
        assert!(e.get("from").is_none(), "the editor's offsets are not in the JSON");
        assert_eq!(v["related"][0]["message"], "the stage starts here");
        assert_eq!(
            (v["related"][0]["line"].as_u64(), v["related"][0]["end_column"].as_u64()),
            (Some(1), Some(5))
        );
    }

    #[test]
    fn syntax_errors_say_so_in_the_json() {
        let src = "services:\n  a: [\n";
        let r = lint(src, &LintOptions::default());
        let v = serde_json::to_value(located("compose.yaml", src, &r)).unwrap();
        assert_eq!(v[0]["rule"], "DW2000");
        assert_eq!(v[0]["syntax_error"], true);
    }
}
