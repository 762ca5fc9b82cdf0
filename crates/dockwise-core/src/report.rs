//! Report formats: JSON objects with 1-based lines and columns, and a text
//! view that shows each finding under its source line.

use crate::engine::{Finding, LintResult};
use crate::span::LineIndex;
use serde::Serialize;

/// One finding as the CLI's JSON and the browser see it. Lines and columns
/// are 1-based; columns count characters. `end_*` is exclusive.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Located {
    pub file: String,
    pub rule: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub message: String,
    /// Line where the instruction holding the finding starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instruction_line: Option<u32>,
}

pub fn locate(file: &str, source: &str, lines: &LineIndex, f: &Finding) -> Located {
    let s = lines.position(source, f.span.start);
    let e = lines.position(source, f.span.end);
    Located {
        file: file.to_string(),
        rule: f.rule.id,
        name: f.rule.name,
        severity: f.severity.as_str(),
        line: s.line,
        column: s.column,
        end_line: e.line,
        end_column: e.column,
        message: f.message.clone(),
        instruction_line: f.anchor.map(|a| lines.position(source, a).line),
    }
}

pub fn located(file: &str, source: &str, result: &LintResult) -> Vec<Located> {
    result.findings.iter().map(|f| locate(file, source, &result.lines, f)).collect()
}

pub fn json(items: &[Located]) -> String {
    serde_json::to_string_pretty(items).unwrap_or_else(|_| String::from("[]"))
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Text report: `file:line:col severity[ID] message`, then the source line
/// with the span underlined (first line of a multi-line span).
pub fn text(file: &str, source: &str, result: &LintResult, color: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    for f in &result.findings {
        let start = result.lines.position(source, f.span.start);
        let sev = f.severity.as_str();
        let sev_code = match sev {
            "error" => "1;31",
            "warning" => "1;33",
            "info" => "1;36",
            _ => "1;35",
        };
        out.push_str(&format!(
            "{}:{}:{} {} {}\n",
            paint.wrap("1", file),
            start.line,
            start.column,
            paint.wrap(sev_code, &format!("{sev}[{}]", f.rule.id)),
            f.message,
        ));
        let line_no = start.line as usize - 1;
        let line_span = result.lines.line_span(source, line_no);
        let line_text = line_span.text(source);
        let gutter = format!("{}", start.line);
        let pad = " ".repeat(gutter.len());
        let from = (f.span.start.max(line_span.start) - line_span.start) as usize;
        let to = (f.span.end.min(line_span.end).max(f.span.start) - line_span.start) as usize;
        let before: String = line_text.get(..from).unwrap_or("").chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
        let width = line_text.get(from..to.max(from)).map(|s| s.chars().count()).unwrap_or(0).max(1);
        let display_line = line_text.trim_end();
        out.push_str(&format!(" {pad} {}\n", paint.wrap("34", "|")));
        out.push_str(&format!(" {} {} {}\n", paint.wrap("34", &gutter), paint.wrap("34", "|"), display_line));
        out.push_str(&format!(" {pad} {} {}{}\n", paint.wrap("34", "|"), before, paint.wrap(sev_code, &"^".repeat(width))));
        out.push_str(&format!(" {pad} {} {}: {}\n\n", paint.wrap("34", "="), f.rule.name, f.rule.title));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{lint, LintOptions};

    #[test]
    fn text_underlines_the_span() {
        let src = "FROM python:latest\n";
        let r = lint(src, &LintOptions { only: Some(vec!["DL3007".into()]), ..Default::default() });
        let t = text("Dockerfile", src, &r, false);
        assert!(t.starts_with("Dockerfile:1:13 warning[DL3007] "), "{t}");
        assert!(t.contains(" 1 | FROM python:latest\n   |             ^^^^^^\n"), "{t}");
        let j = located("Dockerfile", src, &r);
        assert_eq!((j[0].line, j[0].column, j[0].end_line, j[0].end_column), (1, 13, 1, 19));
    }
}
