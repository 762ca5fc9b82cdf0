//! The text report: `file:line:col severity[ID] message`, then the source
//! line with the span underlined.
//!
//! A line wider than [`WIDTH`] columns is shown as a window around the span,
//! cut with `…` (as rustc and ruff do), so the report grows with the number
//! of findings, never with the length of a line. Tabs are shown as four
//! spaces and everything a terminal would act on is escaped
//! ([`super::terminal`]), so the caret line stays under its span.

use super::terminal;
use crate::diagnostics::Severity;
use crate::engine::LintResult;
use dockwise_syntax::span::{clamp_to_char_boundary, LineIndex};
use std::fmt::Display;
use std::io::{self, Write};

/// The most columns of a source line the report shows, `…` included.
pub const WIDTH: usize = 120;
/// How a tab is shown (and counted).
const TAB: &str = "    ";
/// Columns of text kept before a span that is itself wider than the window.
const LEFT_CONTEXT: usize = 10;
/// At most this many characters are looked at on each side of a span (zero-width ones count too).
const MAX_CHARS: usize = 2 * WIDTH;

struct Paint {
    on: bool,
}

impl Paint {
    fn write<W: Write + ?Sized>(&self, w: &mut W, code: &str, s: impl Display) -> io::Result<()> {
        if self.on {
            write!(w, "\x1b[{code}m{s}\x1b[0m")
        } else {
            write!(w, "{s}")
        }
    }
}

/// Text report: `file:line:col severity[ID] message`, then the source line
/// with the span underlined (first line of a multi-line span).
pub fn text(file: &str, source: &str, result: &LintResult, color: bool) -> String {
    let mut out = Vec::new();
    // writing to a Vec cannot fail
    let _ = write_text(&mut out, file, source, result, color);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The text report, written to `out` finding by finding.
pub fn write_text<W: Write + ?Sized>(
    out: &mut W,
    file: &str,
    source: &str,
    result: &LintResult,
    color: bool,
) -> io::Result<()> {
    let paint = Paint { on: color };
    let file = terminal::escape(file);
    let mut cursor = Cursor::default();
    for f in &result.findings {
        let (line_no, column) = cursor.position(source, &result.lines, f.span.start);
        let sev_code = match f.severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Style => "1;35",
        };
        let line = line_no + 1;
        paint.write(out, "1", &file)?;
        write!(out, ":{line}:{column} ")?;
        paint.write(out, sev_code, format_args!("{}[{}]", f.severity.as_str(), f.rule.id))?;
        writeln!(out, " {}", terminal::escape(&f.message))?;

        let line_span = result.lines.line_span(source, line_no);
        let line_text = line_span.text(source);
        let at = |offset: u32| {
            let o = (offset.max(line_span.start) - line_span.start) as usize;
            clamp_to_char_boundary(line_text, o.min(line_text.len()) as u32) as usize
        };
        let from = at(f.span.start);
        let to = at(f.span.end.max(f.span.start)).max(from);
        let window = Window::of(line_text, from, to);

        let gutter = line.to_string();
        let pad = " ".repeat(gutter.len());
        write!(out, " {pad} ")?;
        paint.write(out, "34", "|")?;
        write!(out, "\n ")?;
        paint.write(out, "34", &gutter)?;
        write!(out, " ")?;
        paint.write(out, "34", "|")?;
        write!(out, " ")?;
        if window.left_cut {
            write!(out, "…")?;
        }
        write_source(out, &line_text[window.start..window.end])?;
        if window.right_cut {
            write!(out, "…")?;
        }
        write!(out, "\n {pad} ")?;
        paint.write(out, "34", "|")?;
        write!(out, " {:1$}", "", window.pad)?;
        paint.write(out, sev_code, "^".repeat(window.carets))?;
        write!(out, "\n {pad} ")?;
        paint.write(out, "34", "=")?;
        writeln!(out, " {}: {}\n", f.rule.name, f.rule.title)?;
    }
    Ok(())
}

/// Line and column of offsets taken in increasing order, counting only the
/// characters since the previous offset on the same line: findings come
/// sorted, so a line with many findings is not counted again for each.
#[derive(Default)]
struct Cursor {
    line: usize,
    offset: usize,
    column: usize,
}

impl Cursor {
    /// 0-based line and 1-based column (characters) of `offset`, as [`LineIndex::position`].
    fn position(&mut self, source: &str, lines: &LineIndex, offset: u32) -> (usize, usize) {
        let offset = clamp_to_char_boundary(source, offset.min(source.len() as u32));
        let line = lines.line_of(offset);
        let offset = offset as usize;
        if self.column == 0 || self.line != line || self.offset > offset {
            let start = (lines.line_span(source, line).start as usize).min(offset);
            *self = Cursor {
                line,
                offset: start,
                column: 1,
            };
        }
        self.column += source.get(self.offset..offset).map_or(0, |s| s.chars().count());
        self.offset = offset;
        (line, self.column)
    }
}

/// What part of a line is shown: `start..end` (bytes), whether text is cut
/// on either side, and where the carets go (columns after the gutter).
#[derive(Debug, PartialEq, Eq)]
struct Window {
    start: usize,
    end: usize,
    left_cut: bool,
    right_cut: bool,
    pad: usize,
    carets: usize,
}

impl Window {
    /// The window of `line` for the span `from..to` (bytes, on char boundaries).
    fn of(line: &str, from: usize, to: usize) -> Window {
        // trailing white space is not shown (the carets may go past the text)
        let shown = line.trim_end().len();
        let right_limit = shown.max(to);
        let (left_start, left_w) = back(line, from, WIDTH);
        let (span_end, span_w) = forward(line, from, to, WIDTH);
        let (right_end, right_w) = forward(line, to, right_limit, WIDTH);
        if left_start == 0 && span_end == to && right_end == right_limit && left_w + span_w + right_w <= WIDTH {
            return Window {
                start: 0,
                end: shown,
                left_cut: false,
                right_cut: false,
                pad: left_w,
                carets: span_w.max(1),
            };
        }
        // room for the text between the two `…`: the span, cut if it must be
        // (keeping a little of what precedes it), then text on both sides
        let room = WIDTH - 2;
        let (span_end, span_w) = forward(line, from, to, span_w.min(room - left_w.min(LEFT_CONTEXT)));
        let rest = room - span_w;
        let (start, left_w, end) = if span_end < to {
            let (start, left_w) = back(line, from, left_w.min(rest));
            (start, left_w, span_end)
        } else {
            let (start, left_w) = back(line, from, left_w.min((rest / 2).max(rest.saturating_sub(right_w))));
            (start, left_w, forward(line, to, right_limit, rest - left_w).0)
        };
        let left_cut = start > 0;
        Window {
            start,
            end,
            left_cut,
            right_cut: end < shown,
            pad: usize::from(left_cut) + left_w,
            carets: span_w.max(1),
        }
    }
}

/// Walks back from `end` over at most `max_w` columns: the first byte taken and the columns taken.
fn back(line: &str, end: usize, max_w: usize) -> (usize, usize) {
    let (mut start, mut w) = (end, 0);
    for (i, c) in line[..end].char_indices().rev().take(MAX_CHARS) {
        let cw = width(c);
        if w + cw > max_w {
            break;
        }
        (start, w) = (i, w + cw);
    }
    (start, w)
}

/// Walks forward from `start` to at most `limit` over at most `max_w` columns: the byte after
/// the last one taken and the columns taken.
fn forward(line: &str, start: usize, limit: usize, max_w: usize) -> (usize, usize) {
    let (mut end, mut w) = (start, 0);
    for (i, c) in line[start..limit].char_indices().take(MAX_CHARS) {
        let cw = width(c);
        if w + cw > max_w {
            break;
        }
        (end, w) = (start + i + c.len_utf8(), w + cw);
    }
    (end, w)
}

/// The columns a character takes as the report shows it.
fn width(c: char) -> usize {
    match c {
        ' '..='~' => 1,
        '\t' => TAB.len(),
        c if terminal::is_unsafe(c) => terminal::escaped_width(c),
        c if is_zero_width(c) => 0,
        c if is_wide(c) => 2,
        _ => 1,
    }
}

/// Combining marks and zero-width characters (the common ranges).
fn is_zero_width(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5bd}'
        | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{200b}'..='\u{200f}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe00}'..='\u{fe0f}' | '\u{fe20}'..='\u{fe2f}' | '\u{feff}')
}

/// East Asian wide and full-width characters, and emoji (the common ranges).
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{303e}' | '\u{3041}'..='\u{33ff}'
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{a000}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}' | '\u{1f300}'..='\u{1f64f}'
        | '\u{1f900}'..='\u{1f9ff}' | '\u{20000}'..='\u{3fffd}')
}

/// Writes source text as the report shows it: tabs as spaces, anything a
/// terminal would act on escaped.
fn write_source<W: Write + ?Sized>(out: &mut W, s: &str) -> io::Result<()> {
    let mut rest = s;
    while let Some(i) = rest.find(terminal::is_unsafe) {
        out.write_all(&rest.as_bytes()[..i])?;
        let c = rest[i..].chars().next().unwrap_or('\0');
        if c == '\t' {
            out.write_all(TAB.as_bytes())?;
        } else {
            let mut e = String::new();
            terminal::push_escaped(&mut e, c);
            out.write_all(e.as_bytes())?;
        }
        rest = &rest[i + c.len_utf8()..];
    }
    out.write_all(rest.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lint;
    use crate::options::LintOptions;
    use crate::report::located;

    #[test]
    fn text_underlines_the_span() {
        let src = "FROM python:latest\n";
        let r = lint(
            src,
            &LintOptions {
                only: Some(vec!["DL3007".into()]),
                ..Default::default()
            },
        );
        let t = text("Dockerfile", src, &r, false);
        assert!(t.starts_with("Dockerfile:1:13 warning[DL3007] "), "{t}");
        assert!(t.contains(" 1 | FROM python:latest\n   |             ^^^^^^\n"), "{t}");
        let j = located("Dockerfile", src, &r);
        assert_eq!(
            (
                j[0].range.line,
                j[0].range.column,
                j[0].range.end_line,
                j[0].range.end_column
            ),
            (1, 13, 1, 19)
        );
    }

    /// The excerpt and caret lines of the report for `line` with the span
    /// at `needle` (its first occurrence).
    fn shown(line: &str, needle: &str) -> (String, String) {
        let from = line.find(needle).unwrap();
        let w = Window::of(line, from, from + needle.len());
        let mut excerpt = Vec::new();
        write_source(&mut excerpt, &line[w.start..w.end]).unwrap();
        let excerpt = format!(
            "{}{}{}",
            if w.left_cut { "…" } else { "" },
            String::from_utf8(excerpt).unwrap(),
            if w.right_cut { "…" } else { "" }
        );
        (excerpt, format!("{}{}", " ".repeat(w.pad), "^".repeat(w.carets)))
    }

    /// The text above the carets, in the excerpt.
    fn underlined(excerpt: &str, carets: &str) -> String {
        let pad = carets.find('^').unwrap();
        excerpt.chars().skip(pad).take(carets.len() - pad).collect()
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_span() {
        let line = format!("RUN echo {} TARGET {}", "a".repeat(5000), "b".repeat(5000));
        let (excerpt, carets) = shown(&line, "TARGET");
        assert!(excerpt.starts_with('…') && excerpt.ends_with('…'), "{excerpt}");
        assert!(excerpt.chars().count() <= WIDTH, "{}", excerpt.chars().count());
        assert_eq!(underlined(&excerpt, &carets), "TARGET");

        // near either end, the cut is only on the other side
        let (excerpt, carets) = shown(&line, "RUN");
        assert!(
            excerpt.starts_with("RUN echo aaa") && excerpt.ends_with("a…"),
            "{excerpt}"
        );
        assert_eq!((excerpt.chars().count(), carets.as_str()), (WIDTH - 1, "^^^"));
        let end = format!("{} END", "x".repeat(1000));
        let (excerpt, carets) = shown(&end, "END");
        assert!(excerpt.starts_with('…') && excerpt.ends_with("x END"), "{excerpt}");
        assert_eq!(underlined(&excerpt, &carets), "END");

        // a span wider than the window: its start, with a little before it
        let line = format!("{}{}", "c".repeat(500), "S".repeat(1000));
        let (excerpt, carets) = shown(&line, &"S".repeat(1000));
        assert!(
            excerpt.starts_with(&format!("…{}S", "c".repeat(LEFT_CONTEXT))),
            "{excerpt}"
        );
        assert!(excerpt.ends_with("S…") && excerpt.chars().count() == WIDTH, "{excerpt}");
        assert_eq!(carets.trim_start().len(), WIDTH - 2 - LEFT_CONTEXT);
        assert_eq!(underlined(&excerpt, &carets), "S".repeat(WIDTH - 2 - LEFT_CONTEXT));

        // a short line is shown whole, as before, without its trailing white space
        assert_eq!(
            shown("FROM python:latest   ", "latest"),
            ("FROM python:latest".to_string(), format!("{}^^^^^^", " ".repeat(12)))
        );
        assert_eq!(
            shown("FROM a:1   ", "  "),
            ("FROM a:1".to_string(), format!("{}^^", " ".repeat(8)))
        );
        let long = format!("RUN {} \\   ", "x".repeat(300));
        let (excerpt, carets) = shown(&long, "   ");
        assert!(excerpt.starts_with('…') && excerpt.ends_with("x \\   "), "{excerpt}");
        assert_eq!(underlined(&excerpt, &carets), "   ");
    }

    #[test]
    fn tabs_controls_and_wide_characters_keep_the_carets_aligned() {
        let (excerpt, carets) = shown("\tRUN\x1b[2J echo 中文 \u{202e}X", "X");
        assert_eq!(excerpt, "    RUN\\x1b[2J echo 中文 \\u{202e}X");
        // 中文 is four columns wide
        assert_eq!(carets.find('^'), Some(excerpt.chars().count() + 2 - 1));
        let (excerpt, carets) = shown(&format!("{}\t\x07 X", "中".repeat(400)), "X");
        assert!(
            excerpt.starts_with('…') && excerpt.ends_with("中    \\x07 X"),
            "{excerpt}"
        );
        assert!(carets.len() <= WIDTH, "{carets}");
    }

    #[test]
    fn many_findings_on_one_long_line_stay_small() {
        // one finding per service, all on one line of ~100 KB
        let services: Vec<String> = (0..5_000).map(|i| format!("s{i}: {{image: x}}")).collect();
        let src = format!("services: {{{}}}\n", services.join(", "));
        let r = lint(
            &src,
            &LintOptions {
                only: Some(vec!["DW2006".into()]),
                ..Default::default()
            },
        );
        assert!(r.findings.len() >= 5_000, "{}", r.findings.len());
        let t = text("compose.yaml", &src, &r, false);
        assert!(t.len() < 800 * r.findings.len(), "{} bytes", t.len());
        // the columns are right at the far end of the line too
        let last = r.findings.last().unwrap().span.start as usize;
        let want = format!("compose.yaml:1:{} ", src[..last].chars().count() + 1);
        assert!(t.contains(&want), "{want}");
    }
}
