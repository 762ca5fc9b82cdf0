//! Read any text as a shell script (a RUN's text): the lexer must never
//! panic, hang or overflow the stack, whatever the nesting of subshells,
//! groups, `$(...)`, backticks, `$((...))`, `${...}` and heredocs; every
//! span is a range of the input; pipeline numbers never decrease (which
//! `Script::piped_into` relies on) and `piped_into` answers what a search
//! of the later commands answers.
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run shell -- -dict=dict/shell.dict`.
#![no_main]

use dockwise_syntax::shell::Script;
use dockwise_syntax::span::{OffsetMap, Span};
use libfuzzer_sys::fuzz_target;

fn check_span(span: Span, text: &str, what: &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    assert!(s <= e && e <= text.len(), "{what}: bad span {span:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let script = Script::parse(text, &OffsetMap::contiguous(0), 0);
    for c in &script.commands {
        check_span(c.span, text, "command");
        for w in c.words.iter().chain(&c.assignments) {
            check_span(w.span, text, "word");
            assert_eq!(
                w.raw,
                &text[w.span.start as usize..w.span.end as usize],
                "raw text of {w:?}"
            );
        }
        for r in &c.redirects {
            check_span(r.span, text, "redirect");
            assert!(
                r.heredoc.is_none_or(|h| h < script.heredocs.len()),
                "heredoc index {r:?}"
            );
        }
    }
    if let Some(at) = script.too_deep {
        check_span(at, text, "too deep");
    }
    let pipelines: Vec<u32> = script.commands.iter().map(|c| c.pipeline).collect();
    assert!(pipelines.windows(2).all(|w| w[0] <= w[1]), "pipelines {pipelines:?}");
    // piped_into against a plain search (on the first commands: it is quadratic)
    for (i, c) in script.commands.iter().enumerate().take(64) {
        let fast = script.piped_into(c).count();
        let slow = script.commands[i + 1..]
            .iter()
            .filter(|d| d.pipeline == c.pipeline && d.depth == c.depth)
            .count();
        assert_eq!(fast, slow, "piped_into after command {i}");
    }
});
