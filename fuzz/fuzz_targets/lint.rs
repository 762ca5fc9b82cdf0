//! Parse and lint arbitrary text: must never panic, hang or return a span
//! outside the input. Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run lint -- -dict=dict/lint.dict`.
#![no_main]

use dockwise_rules::{lint, LintOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let result = lint(text, &LintOptions::default());
    for f in &result.findings {
        assert!(f.span.start <= f.span.end, "inverted span {f:?}");
        assert!((f.span.end as usize) <= text.len(), "span past the end {f:?}");
        assert!(
            text.is_char_boundary(f.span.start as usize) && text.is_char_boundary(f.span.end as usize),
            "span inside a character {f:?}"
        );
        let p = result.lines.position(text, f.span.start);
        assert!(p.line >= 1 && p.column >= 1);
    }
});
