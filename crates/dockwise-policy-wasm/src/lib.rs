//! The playground's policy module: `evaluate` runs Rego policies over a
//! file's input document and answers JSON, findings in the library's shape
//! (the CLI's fields plus `from`/`to`, UTF-16 offsets for the editor) with
//! `policy: true`; `inputDocument` is the document itself. Answers are JSON
//! text, read with `JSON.parse` by the page: nothing here touches the DOM.

use dockwise_policy::{located, Format, Policy, PolicyError, Syntax};
use dockwise_syntax::FileKind;
use serde_json::{json, Value};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// A policy's text and syntax, and what compiling it gave.
type Compiled = (String, Syntax, Result<Policy, Vec<PolicyError>>);

thread_local! {
    /// The last policy compiled: typing in the Dockerfile evaluates it
    /// again without compiling it again.
    static COMPILED: RefCell<Option<Compiled>> = const { RefCell::new(None) };
}

fn error_json(e: &PolicyError) -> Value {
    json!({ "file": e.file, "line": e.line, "column": e.column, "message": e.message })
}

fn kind_of(kind: &str) -> FileKind {
    FileKind::parse(kind).unwrap_or(FileKind::Dockerfile)
}

/// Evaluates `policy` (one file, `policy.rego`) in `syntax` (`auto`, `v0`,
/// `v1`) over `text`, a file of `kind`. Answers
/// `{errors: [{file, line, column, message}], findings: [...], packages: [...], syntax}`.
#[wasm_bindgen]
pub fn evaluate(policy: &str, syntax: &str, kind: &str, text: &str) -> String {
    let syntax = Syntax::parse(syntax).unwrap_or_default();
    let kind = kind_of(kind);
    COMPILED.with(|cell| {
        let mut cell = cell.borrow_mut();
        let fresh = !matches!(&*cell, Some((p, s, _)) if p == policy && *s == syntax);
        if fresh {
            let files = [("policy.rego".to_string(), policy.to_string())];
            *cell = Some((policy.to_string(), syntax, Policy::compile(&files, syntax)));
        }
        let Some((_, _, compiled)) = cell.as_mut() else {
            return String::from("{}");
        };
        let answer = match compiled {
            Err(errors) => json!({ "errors": errors.iter().map(error_json).collect::<Vec<_>>(), "findings": [] }),
            Ok(p) => {
                let doc = dockwise_policy::input(kind, text, Format::Dockwise);
                let used = p.syntaxes.first().map(|(_, s)| s.as_str()).unwrap_or("v1");
                match p.evaluate(&doc, text, "policy.rego") {
                    Err(e) => json!({ "errors": [error_json(&e)], "findings": [], "syntax": used }),
                    Ok(found) => {
                        let findings: Vec<Value> = located::located("", text, kind, &found)
                            .iter()
                            .map(|l| {
                                let mut v = serde_json::to_value(l).unwrap_or(Value::Null);
                                if let Value::Object(o) = &mut v {
                                    o.insert("from".into(), l.from.into());
                                    o.insert("to".into(), l.to.into());
                                    o.insert("policy".into(), true.into());
                                }
                                v
                            })
                            .collect();
                        json!({ "errors": [], "findings": findings, "packages": p.packages(), "syntax": used })
                    }
                }
            }
        };
        answer.to_string()
    })
}

/// The input document of `text` (a file of `kind`), as indented JSON.
#[wasm_bindgen(js_name = inputDocument)]
pub fn input_document(kind: &str, text: &str) -> String {
    dockwise_policy::input(kind_of(kind), text, Format::Dockwise).to_json_pretty()
}

/// The starter policies: `[{name, text}]` as JSON.
#[wasm_bindgen]
pub fn starters() -> String {
    let list: Vec<Value> = dockwise_policy::STARTERS
        .iter()
        .map(|(name, text)| json!({ "name": name, "text": text }))
        .collect();
    Value::Array(list).to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn findings_and_errors_as_json() {
        let policy = dockwise_policy::STARTERS[0].1;
        let v: Value = serde_json::from_str(&evaluate(policy, "auto", "dockerfile", "FROM python:latest\n")).unwrap();
        assert_eq!(v["findings"].as_array().unwrap().len(), 3, "{v}");
        assert_eq!(v["findings"][0]["rule"], "docker.security");
        assert_eq!(v["findings"][0]["policy"], true);
        assert!(v["findings"][0]["from"].is_number());
        let v: Value =
            serde_json::from_str(&evaluate("package a\ndeny contains x if {\n", "v1", "dockerfile", "")).unwrap();
        assert!(v["errors"][0]["line"].as_u64().unwrap() > 0, "{v}");
        let doc: Value = serde_json::from_str(&input_document("dockerfile", "FROM node:20\n")).unwrap();
        assert_eq!(doc["User"], "root");
        assert!(
            serde_json::from_str::<Value>(&starters())
                .unwrap()
                .as_array()
                .unwrap()
                .len()
                >= 4
        );
    }
}
