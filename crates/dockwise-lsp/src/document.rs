//! An open document's text and the UTF-16 positions LSP speaks: applying
//! incremental changes (ranges in UTF-16 code units, LSP's default
//! encoding) and placing the core's findings, which
//! [`dockwise_rules::report::Located`] already gives as 1-based lines plus
//! UTF-16 offsets from the start of the text.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// The byte offset of an LSP position (line, UTF-16 column) in `text`. A
/// line past the end is the end of the text; a column past the end of its
/// line is the line's end (as the protocol asks); a column inside a
/// surrogate pair is moved back to the character's start.
pub fn offset_at(text: &str, pos: Position) -> usize {
    let mut start = 0usize;
    for _ in 0..pos.line {
        match text.get(start..).and_then(|rest| rest.find('\n')) {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = text.get(start..).unwrap_or("");
    let line_end = rest.find('\n').map_or(rest.len(), |i| i);
    let line = rest.get(..line_end).unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        let next = units + c.len_utf16() as u32;
        if next > pos.character {
            return start + i;
        }
        units = next;
    }
    start + line.len()
}

/// Applies one `didChange` event: a range replaces that range, no range
/// replaces the whole text. Ranges out of order (end before start) are
/// taken as the empty range at the start.
pub fn apply_change(text: &mut String, change: &TextDocumentContentChangeEvent) {
    match change.range {
        None => text.clone_from(&change.text),
        Some(r) => {
            let s = offset_at(text, r.start);
            let e = offset_at(text, r.end).max(s);
            text.replace_range(s..e, &change.text);
        }
    }
}

/// Where each line starts, in bytes and in UTF-16 code units: turns the
/// core's UTF-16 offsets into LSP positions.
#[derive(Clone, Debug)]
pub struct Lines {
    bytes: Vec<usize>,
    utf16: Vec<u32>,
    len_utf16: u32,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let (mut bytes, mut utf16) = (vec![0usize], vec![0u32]);
        let mut units = 0u32;
        for (i, c) in text.char_indices() {
            units += c.len_utf16() as u32;
            if c == '\n' {
                bytes.push(i + 1);
                utf16.push(units);
            }
        }
        Lines {
            bytes,
            utf16,
            len_utf16: units,
        }
    }

    /// The LSP position of the UTF-16 offset `offset`, on the 1-based
    /// `line` the core located it on.
    pub fn position(&self, line: u32, offset: u32) -> Position {
        let l = (line.max(1) - 1) as usize;
        let start = self.utf16.get(l).copied().unwrap_or(self.len_utf16);
        Position::new(l as u32, offset.saturating_sub(start))
    }

    /// The LSP range from UTF-16 offsets and the core's 1-based lines.
    pub fn range(&self, line: u32, from: u32, end_line: u32, to: u32) -> Range {
        Range::new(self.position(line, from), self.position(end_line, to))
    }

    /// The LSP position of a 1-based line and 1-based column counted in
    /// characters (the core's `report::Range`, for places that carry no
    /// UTF-16 offsets): the characters before the column, counted in UTF-16.
    pub fn char_position(&self, text: &str, line: u32, column: u32) -> Position {
        let l = (line.max(1) - 1) as usize;
        let start = self.bytes.get(l).copied().unwrap_or(text.len());
        let units: usize = text
            .get(start..)
            .unwrap_or("")
            .chars()
            .take_while(|&c| c != '\n')
            .take(column.max(1) as usize - 1)
            .map(char::len_utf16)
            .sum();
        Position::new(l as u32, units as u32)
    }

    /// The range covering the whole text.
    pub fn whole(&self) -> Range {
        let last = self.utf16.len().saturating_sub(1);
        let start = self.utf16.get(last).copied().unwrap_or(0);
        Range::new(
            Position::new(0, 0),
            Position::new(last as u32, self.len_utf16.saturating_sub(start)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn positions_count_utf16_units() {
        let text = "FROM a\nRUN 😀é x\r\nCMD y";
        // the emoji is two UTF-16 units, é one
        assert_eq!(offset_at(text, Position::new(1, 4)), text.find('😀').unwrap());
        assert_eq!(offset_at(text, Position::new(1, 6)), text.find('é').unwrap());
        assert_eq!(offset_at(text, Position::new(1, 8)), text.find(" x").unwrap() + 1);
        // inside the pair: back to the emoji's start; past the line: its end (before \r)
        assert_eq!(offset_at(text, Position::new(1, 5)), text.find('😀').unwrap());
        assert_eq!(offset_at(text, Position::new(1, 99)), text.find('\r').unwrap());
        assert_eq!(offset_at(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn incremental_changes_apply_in_utf16() {
        let mut t = String::from("FROM 😀:latest\nRUN x\n");
        apply_change(&mut t, &change(0, 8, 0, 14, "1.0"));
        assert_eq!(t, "FROM 😀:1.0\nRUN x\n");
        apply_change(&mut t, &change(1, 4, 1, 5, "apt-get install -y curl"));
        assert_eq!(t, "FROM 😀:1.0\nRUN apt-get install -y curl\n");
        apply_change(&mut t, &change(2, 0, 2, 0, "USER app\n"));
        assert!(t.ends_with("USER app\n"));
        // reversed range: an insertion at the start
        apply_change(&mut t, &change(0, 4, 0, 0, "#"));
        assert!(t.starts_with("FROM#"));
        apply_change(
            &mut t,
            &TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "FROM b\n".into(),
            },
        );
        assert_eq!(t, "FROM b\n");
    }

    #[test]
    fn lines_place_offsets() {
        let text = "é😀\nab\n";
        let l = Lines::new(text);
        assert_eq!(l.position(2, 4), Position::new(1, 0));
        assert_eq!(l.position(2, 5), Position::new(1, 1));
        assert_eq!(l.char_position(text, 1, 3), Position::new(0, 3));
        assert_eq!(l.whole(), Range::new(Position::new(0, 0), Position::new(2, 0)));
    }
}
