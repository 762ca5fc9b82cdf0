//! Read arbitrary text as YAML: must never panic or hang, errors must point
//! inside the input, and every node's span must be a valid range of it.
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run yaml -- -dict=dict/yaml.dict`.
#![no_main]

use dockwise_syntax::yaml::{parse, Node, Value};
use libfuzzer_sys::fuzz_target;

fn check(n: &Node, text: &str) {
    let (s, e) = (n.span.start as usize, n.span.end as usize);
    assert!(s <= e && e <= text.len(), "bad span {:?}", n.span);
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "span inside a character {:?}",
        n.span
    );
    match &n.value {
        Value::Seq(items) => items.iter().for_each(|i| check(i, text)),
        Value::Map(entries) => entries.iter().for_each(|(k, v)| {
            check(k, text);
            check(v, text)
        }),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse(text) {
        Ok(docs) => docs.iter().for_each(|d| check(d, text)),
        Err(e) => assert!((e.span.start as usize) <= text.len(), "error past the end {e:?}"),
    }
});
