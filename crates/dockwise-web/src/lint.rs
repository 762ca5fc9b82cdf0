//! Runs the core over the editor's text and turns its findings into the one
//! payload the page hands to JavaScript (the editor's marks, the embed
//! messages, the practice panel).

use dockwise_rules::report::{located, Located};
use dockwise_rules::{lint, LintOptions};
use dockwise_syntax::FileKind;
use wasm_bindgen::JsValue;

pub struct Outcome {
    pub kind: FileKind,
    pub findings: Vec<Located>,
    pub lines: usize,
    /// The text is blank: the core checked nothing.
    pub blank: bool,
}

pub fn check(text: &str, options: &LintOptions) -> Outcome {
    let result = lint(text, options);
    Outcome {
        kind: result.kind,
        findings: located("", text, &result),
        lines: result.lines.line_count(),
        blank: result.blank,
    }
}

/// A finding for JavaScript: `{rule, name, severity, message, line, column,
/// end_line, end_column, from, to, syntax_error}` (`from`/`to` in UTF-16
/// code units, the rest as in the CLI's JSON).
pub fn payload(f: &Located) -> JsValue {
    crate::bridge::object(&[
        ("rule", f.rule.id.into()),
        ("name", f.rule.name.into()),
        ("severity", f.severity.as_str().into()),
        ("message", f.message.as_str().into()),
        ("line", f.range.line.into()),
        ("column", f.range.column.into()),
        ("end_line", f.range.end_line.into()),
        ("end_column", f.range.end_column.into()),
        ("from", f.from.into()),
        ("to", f.to.into()),
        ("syntax_error", f.is_syntax_error().into()),
    ])
}

/// A list of findings for JavaScript.
pub fn payloads(findings: &[Located]) -> js_sys::Array {
    findings.iter().map(payload).collect()
}
