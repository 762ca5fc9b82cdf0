//! The page's side of checking. The checks run in a worker (the library,
//! `lib/dockwise.js`, behind `worker.js`); its findings arrive as the
//! library's JSON objects (the CLI's fields plus `from`/`to`, UTF-16 offsets
//! for the editor, on findings and fix edits). The editor and an embedding
//! page get those objects as they are; the page's own lists read them into
//! the core's [`Located`].

use crate::bridge::{field, object};
use dockwise_rules::report::{Located, LocatedEdit, LocatedFix, Range};
use dockwise_rules::{rules, Applicability, Severity};
use wasm_bindgen::JsValue;

fn num(v: &JsValue, key: &str) -> Option<u32> {
    field(v, key).as_f64().map(|n| n as u32)
}

fn range(v: &JsValue) -> Option<Range> {
    Some(Range {
        line: num(v, "line")?,
        column: num(v, "column")?,
        end_line: num(v, "end_line")?,
        end_column: num(v, "end_column")?,
    })
}

fn located_fix(v: &JsValue) -> Option<LocatedFix> {
    let edits = js_sys::Array::from(&field(v, "edits"))
        .iter()
        .map(|e| {
            Some(LocatedEdit {
                range: range(&e)?,
                replacement: field(&e, "replacement").as_string()?,
                from: num(&e, "from")?,
                to: num(&e, "to")?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let applicability = if field(v, "applicability").as_string()? == "safe" {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Some(LocatedFix {
        applicability,
        title: field(v, "title").as_string()?,
        edits,
    })
}

/// One finding of the checker's answer, read into the core's payload type.
pub fn located(v: &JsValue) -> Option<Located> {
    let fix = field(v, "fix");
    Some(Located {
        file: String::new(),
        rule: rules::find(&field(v, "rule").as_string()?)?,
        severity: Severity::parse(&field(v, "severity").as_string()?)?,
        range: range(v)?,
        message: field(v, "message").as_string()?,
        instruction_line: num(v, "instruction_line"),
        fix: if fix.is_undefined() { None } else { located_fix(&fix) },
        related: Vec::new(),
        from: num(v, "from")?,
        to: num(v, "to")?,
    })
}

/// A fix's edits for the editor: `[{from, to, replacement}]` (UTF-16).
pub fn edits(fix: &LocatedFix) -> JsValue {
    fix.edits
        .iter()
        .map(|e| {
            object(&[
                ("from", e.from.into()),
                ("to", e.to.into()),
                ("replacement", e.replacement.as_str().into()),
            ])
        })
        .collect::<js_sys::Array>()
        .into()
}
