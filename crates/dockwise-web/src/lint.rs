//! Runs the core over the editor's text and turns its findings into the one
//! payload the page hands to JavaScript (the editor's marks, the embed
//! messages, the practice panel).

use crate::bridge::object;
use dockwise_rules::report::{located, Located, LocatedEdit, LocatedFix};
use dockwise_rules::{lint, Applicability, LintOptions};
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

/// Gives each finding the fix the library offers for it (`[{rule, from, to,
/// fix}]`, matched by rule and span). The edits keep only what the page
/// uses: their UTF-16 offsets and replacements.
pub fn attach_fixes(findings: &mut [Located], fixes: &JsValue) {
    use crate::bridge::field;
    let num = |v: &JsValue, k: &str| field(v, k).as_f64().map(|n| n as u32);
    for f in js_sys::Array::from(fixes).iter() {
        let (rule, from, to) = (field(&f, "rule").as_string(), num(&f, "from"), num(&f, "to"));
        let Some(target) = findings.iter_mut().find(|x| Some(x.rule.id) == rule.as_deref() && Some(x.from) == from && Some(x.to) == to) else {
            continue;
        };
        let fix = field(&f, "fix");
        let edits = js_sys::Array::from(&field(&fix, "edits"))
            .iter()
            .filter_map(|e| {
                Some(LocatedEdit {
                    range: target.range,
                    replacement: field(&e, "replacement").as_string()?,
                    from: num(&e, "from")?,
                    to: num(&e, "to")?,
                })
            })
            .collect();
        let applicability = if field(&fix, "applicability").as_string().as_deref() == Some("safe") {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        target.fix = Some(LocatedFix { applicability, title: field(&fix, "title").as_string().unwrap_or_default(), edits });
    }
}

/// A fix's edits for the editor: `[{from, to, replacement}]` (UTF-16).
pub fn edits(fix: &LocatedFix) -> JsValue {
    fix.edits
        .iter()
        .map(|e| object(&[("from", e.from.into()), ("to", e.to.into()), ("replacement", e.replacement.as_str().into())]))
        .collect::<js_sys::Array>()
        .into()
}

/// A finding for JavaScript: `{rule, name, severity, message, line, column,
/// end_line, end_column, from, to, syntax_error, fix?}` (`from`/`to` in UTF-16
/// code units, the rest as in the CLI's JSON; `fix`: `{applicability, title,
/// edits}`).
pub fn payload(f: &Located) -> JsValue {
    let fix = f.fix.as_ref().map(|x| {
        object(&[
            ("applicability", if x.applicability == Applicability::Safe { "safe" } else { "unsafe" }.into()),
            ("title", x.title.as_str().into()),
            ("edits", edits(x)),
        ])
    });
    object(&[
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
        ("fix", fix.unwrap_or(JsValue::UNDEFINED)),
    ])
}

/// A list of findings for JavaScript.
pub fn payloads(findings: &[Located]) -> js_sys::Array {
    findings.iter().map(payload).collect()
}
