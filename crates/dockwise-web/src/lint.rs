//! The page's side of checking. The checks run in a worker (the library,
//! `lib/dockwise.js`, behind `worker.js`); its findings arrive as the
//! library's JSON objects (the CLI's fields plus `from`/`to`, UTF-16 offsets
//! for the editor, on findings and fix edits). The editor and an embedding
//! page get those objects as they are; the page's own lists read them into
//! the core's [`Located`].

use crate::bridge::object;
use dockwise_rules::report::{Located, LocatedEdit, LocatedFix, Range};
use dockwise_rules::{rules, Applicability, Rule, Severity};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsValue;

thread_local! {
    /// The field names as JavaScript strings, made once: a check with
    /// 50,000 findings reads half a million fields, and turning each name
    /// into a JavaScript string again cost more than the rest of the reading.
    static KEYS: RefCell<HashMap<&'static str, JsValue>> = RefCell::new(HashMap::new());
    /// The rules by the ids the checker gives (a search of the catalogue per
    /// finding adds up at 50,000).
    static RULES: RefCell<HashMap<String, &'static Rule>> = RefCell::new(HashMap::new());
}

fn rule(id: &str) -> Option<&'static Rule> {
    RULES.with(|cache| {
        if let Some(r) = cache.borrow().get(id) {
            return Some(*r);
        }
        // not in the catalogue: a policy's package (`docker.security`)
        let r = rules::find(id)
            .unwrap_or_else(|| dockwise_policy::located::rule(id, dockwise_syntax::FileKind::Dockerfile));
        cache.borrow_mut().insert(id.to_string(), r);
        Some(r)
    })
}

/// Field `key` of the object `v` (undefined if it has none).
fn field(v: &JsValue, key: &'static str) -> JsValue {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        let k = keys.entry(key).or_insert_with(|| JsValue::from_str(key));
        js_sys::Reflect::get(v, k).unwrap_or(JsValue::UNDEFINED)
    })
}

fn num(v: &JsValue, key: &'static str) -> Option<u32> {
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

/// A count read from JavaScript: a whole number from 0 up, else None.
fn count(n: f64) -> Option<u32> {
    (n.is_finite() && n >= 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
}

/// One finding of the checker's answer, read into the core's payload type.
/// Two calls into JavaScript per finding (its numbers, then its rule,
/// severity and message as one string), and the fix's fields when it has
/// one: reading field by field made a check with 50,000 findings spend
/// some 200 ms here.
pub fn located(v: &JsValue) -> Option<Located> {
    let mut n = [0f64; 8];
    crate::bridge::finding_numbers(v, &mut n);
    let text = crate::bridge::finding_text(v);
    let mut parts = text.splitn(3, '\0');
    let (id, severity, message) = (parts.next()?, parts.next()?, parts.next()?);
    let fix = if n[7] > 0.0 {
        located_fix(&field(v, "fix"))
    } else {
        None
    };
    Some(Located {
        file: String::new(),
        rule: rule(id)?,
        severity: Severity::parse(severity)?,
        range: Range {
            line: count(n[0])?,
            column: count(n[1])?,
            end_line: count(n[2])?,
            end_column: count(n[3])?,
        },
        message: message.to_string(),
        instruction_line: count(n[6]),
        fix,
        related: Vec::new(),
        from: count(n[4])?,
        to: count(n[5])?,
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
