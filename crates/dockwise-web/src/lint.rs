//! Runs the core over the editor's text and shapes findings for the page:
//! UTF-16 offsets for the editor, 1-based line/column for the list.

use dockwise_core::span::utf16_offsets;
use dockwise_core::{lint, FileKind, LintOptions, Rule, Severity};

#[derive(Clone, Debug)]
pub struct FindingView {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    /// UTF-16 offsets into the editor's document.
    pub from: u32,
    pub to: u32,
    pub line: u32,
    pub column: u32,
}

impl PartialEq for FindingView {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self.rule, o.rule) && self.from == o.from && self.to == o.to && self.message == o.message && self.severity == o.severity
    }
}


pub struct Outcome {
    pub kind: FileKind,
    pub findings: Vec<FindingView>,
    pub lines: usize,
    pub empty: bool,
}

pub fn check(text: &str, options: &LintOptions) -> Outcome {
    if text.trim().is_empty() {
        return Outcome { kind: options.kind.unwrap_or(FileKind::Dockerfile), findings: Vec::new(), lines: text.lines().count(), empty: true };
    }
    let result = lint(text, options);
    let offsets: Vec<u32> = result.findings.iter().flat_map(|f| [f.span.start, f.span.end]).collect();
    let utf16 = utf16_offsets(text, &offsets);
    let findings = result
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let p = result.lines.position(text, f.span.start);
            FindingView {
                rule: f.rule,
                severity: f.severity,
                message: f.message.clone(),
                from: utf16[2 * i],
                to: utf16[2 * i + 1],
                line: p.line,
                column: p.column,
            }
        })
        .collect();
    Outcome { kind: result.kind, findings, lines: result.lines.line_count(), empty: false }
}

/// What the editor bridge receives: `[{from, to, severity, message, rule, name}]`.
pub fn diagnostics(findings: &[FindingView]) -> js_sys::Array {
    use wasm_bindgen::JsValue;
    let set = |o: &js_sys::Object, k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), &v);
    };
    findings
        .iter()
        .map(|f| {
            let o = js_sys::Object::new();
            set(&o, "from", f.from.into());
            set(&o, "to", f.to.into());
            set(&o, "severity", f.severity.as_str().into());
            set(&o, "message", f.message.as_str().into());
            set(&o, "rule", f.rule.id.into());
            set(&o, "name", f.rule.name.into());
            JsValue::from(o)
        })
        .collect()
}

/// The editor's highlighting for a kind.
pub fn language(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Dockerfile => "dockerfile",
        _ => "yaml",
    }
}

/// The kind's name for people.
pub fn kind_label(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Dockerfile => "Dockerfile",
        FileKind::Compose => "Compose",
        FileKind::Kubernetes => "Kubernetes",
    }
}

/// What an embedding page receives with `findings-changed`.
pub fn summary(findings: &[FindingView]) -> js_sys::Array {
    use crate::bridge::object;
    findings
        .iter()
        .map(|f| {
            object(&[
                ("rule", f.rule.id.into()),
                ("name", f.rule.name.into()),
                ("severity", f.severity.as_str().into()),
                ("line", f.line.into()),
                ("column", f.column.into()),
                ("message", f.message.as_str().into()),
            ])
        })
        .collect()
}
