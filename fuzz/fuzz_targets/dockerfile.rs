//! Read any text as a Dockerfile: the parser, the stage model (with every
//! RUN's shell script) and every Dockerfile rule. Must never panic, hang or
//! overflow the stack (however deep ONBUILD, substitutions or variable
//! defaults nest), and every span must be a range of the input on character
//! boundaries; positions come from the line index's checkpoints and must be
//! what counting from the line's start gives.
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run dockerfile -- -dict=dict/dockerfile.dict`.
#![no_main]

use dockwise_rules::{lint, FileKind, LintOptions};
use dockwise_syntax::dockerfile::{parse, Model};
use dockwise_syntax::span::Span;
use libfuzzer_sys::fuzz_target;

fn check_span(span: Span, text: &str, what: &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    assert!(s <= e && e <= text.len(), "{what}: bad span {span:?}");
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "{what}: span inside a character {span:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let df = parse(text);
    for ins in &df.instructions {
        check_span(ins.span, text, "instruction");
        check_span(ins.keyword_span, text, "keyword");
    }
    let model = Model::new(text, &df);
    for script in model.scripts.iter().flatten() {
        for c in &script.commands {
            check_span(c.span, text, "command");
            c.words.iter().for_each(|w| check_span(w.span, text, "word"));
        }
        if let Some(at) = script.too_deep {
            check_span(at, text, "too deep");
        }
    }
    let result = lint(
        text,
        &LintOptions {
            kind: Some(FileKind::Dockerfile),
            ..Default::default()
        },
    );
    for f in &result.findings {
        check_span(f.span, text, f.rule.id);
        // the position of a finding: from a checkpoint, as from the line's start
        let p = result.lines.position(text, f.span.start);
        let start = result.lines.line_span(text, p.line as usize - 1).start as usize;
        let prefix = &text[start.min(f.span.start as usize)..f.span.start as usize];
        assert_eq!(p.column as usize, prefix.chars().count() + 1, "column of {f:?}");
        assert_eq!(
            p.utf16_column as usize,
            prefix.chars().map(char::len_utf16).sum::<usize>(),
            "UTF-16 column of {f:?}"
        );
    }
});
