//! Text for a terminal: every character that a terminal would act on
//! instead of showing is shown as an escape. File names, messages, source
//! excerpts and anything else that comes from the input go through
//! [`escape`] before they reach a terminal, so a file cannot set the
//! window title, hide text, move the cursor or forge a line of the report.
//!
//! Escaped: C0 controls (`\n`, `\r`, `\t`, others as `\x1b`), DEL (`\x7f`),
//! C1 controls U+0080–U+009F (`\u{9b}`) and the bidirectional overrides and
//! isolates U+202A–U+202E and U+2066–U+2069 (`\u{202e}`), which reorder
//! what is shown. A backslash is not escaped: the output is for reading, not
//! for parsing back (JSON is for that).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Must `c` be shown as an escape?
#[inline]
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends the visible form of `c` (`\n`, `\x1b`, `\u{202e}`...), for a
/// character that [`is_unsafe`]; any other character is appended as it is.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0'..='\x1f' | '\x7f' => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if is_unsafe(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// The width in columns of the visible form of an unsafe character.
pub fn escaped_width(c: char) -> usize {
    match c {
        '\n' | '\r' | '\t' => 2,
        '\0'..='\x1f' | '\x7f' => 4,
        c => format!("{:x}", c as u32).len() + 4,
    }
}

/// `s` with every unsafe character escaped (borrowed when there is none),
/// ready for a terminal: one line stays one line.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_keeping(s, |_| false)
}

/// Like [`escape`], but keeps the line breaks: for text of several lines
/// whose breaks are its own (a usage message), not for text from the input.
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    escape_keeping(s, |c| c == '\n')
}

/// Like [`escape`], but keeps line breaks and tabs: for a file's own text
/// shown on a terminal (a diff, a fixed file), whose layout must survive.
pub fn escape_text(s: &str) -> Cow<'_, str> {
    escape_keeping(s, |c| c == '\n' || c == '\t')
}

fn escape_keeping(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let unsafe_at = |c: char| is_unsafe(c) && !keep(c);
    let Some(first) = s.find(unsafe_at) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if unsafe_at(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_become_visible() {
        assert_eq!(
            escape("FROM alpine\x1b]0;PWNED\x07:3"),
            "FROM alpine\\x1b]0;PWNED\\x07:3"
        );
        assert_eq!(escape("a\nb\rc\td\0e\x7f"), "a\\nb\\rc\\td\\x00e\\x7f");
        assert_eq!(escape("x\u{9b}31m\u{85}"), "x\\u{9b}31m\\u{85}");
        assert_eq!(
            escape("abc\u{202e}fed\u{2066}\u{2069}"),
            "abc\\u{202e}fed\\u{2066}\\u{2069}"
        );
        assert_eq!(escape_lines("a\nb\x1b"), "a\nb\\x1b");
        for c in ['\n', '\x1b', '\u{9b}', '\u{202e}'] {
            let mut s = String::new();
            push_escaped(&mut s, c);
            assert_eq!(s.len(), escaped_width(c), "{s}");
        }
    }

    #[test]
    fn ordinary_text_is_borrowed() {
        for s in [
            "",
            "Dockerfile:1:13 warning[DL3007]",
            "é ü 中文 \\x1b `latest`",
            "\u{a0}\u{2028}",
        ] {
            assert!(matches!(escape(s), Cow::Borrowed(_)), "{s}");
        }
    }
}
