//! The text report: `file:line:col severity[ID] message`, then the source
//! line with the span underlined.

use crate::diagnostics::Severity;
use crate::engine::LintResult;

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
        let sev_code = match f.severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Style => "1;35",
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
        let before: String = line_text
            .get(..from)
            .unwrap_or("")
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let width = line_text
            .get(from..to.max(from))
            .map(|s| s.chars().count())
            .unwrap_or(0)
            .max(1);
        let display_line = line_text.trim_end();
        out.push_str(&format!(" {pad} {}\n", paint.wrap("34", "|")));
        out.push_str(&format!(
            " {} {} {}\n",
            paint.wrap("34", &gutter),
            paint.wrap("34", "|"),
            display_line
        ));
        out.push_str(&format!(
            " {pad} {} {}{}\n",
            paint.wrap("34", "|"),
            before,
            paint.wrap(sev_code, &"^".repeat(width))
        ));
        out.push_str(&format!(
            " {pad} {} {}: {}\n\n",
            paint.wrap("34", "="),
            f.rule.name,
            f.rule.title
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lint;
    use crate::options::LintOptions;
    use crate::report::located;

    #[test]
    fn text_underlines_the_span() {
        let src = "FROM python:latest\n";
        let r = lint(
            src,
            &LintOptions {
                only: Some(vec!["DL3007".into()]),
                ..Default::default()
            },
        );
        let t = text("Dockerfile", src, &r, false);
        assert!(t.starts_with("Dockerfile:1:13 warning[DL3007] "), "{t}");
        assert!(t.contains(" 1 | FROM python:latest\n   |             ^^^^^^\n"), "{t}");
        let j = located("Dockerfile", src, &r);
        assert_eq!(
            (
                j[0].range.line,
                j[0].range.column,
                j[0].range.end_line,
                j[0].range.end_column
            ),
            (1, 13, 1, 19)
        );
    }
}
