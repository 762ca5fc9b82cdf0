//! Byte spans into the source text, and the line index that turns them into
//! 1-based lines and columns (in characters for terminals, in UTF-16 code units
//! for the browser editor).

use serde::Serialize;

/// A half-open byte range `start..end` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }

    pub fn from_usize(start: usize, end: usize) -> Self {
        Span::new(start as u32, end as u32)
    }

    pub fn len(&self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(&self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The text this span covers, or "" when the span does not fit the text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

/// Maps offsets in an instruction's logical text (its physical lines joined,
/// continuation characters and comment lines removed) back to the source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// (logical offset, source offset) at the start of each contiguous piece.
    segments: Vec<(u32, u32)>,
}

impl OffsetMap {
    pub fn contiguous(source_start: u32) -> Self {
        OffsetMap {
            segments: vec![(0, source_start)],
        }
    }

    pub fn push(&mut self, logical: u32, source: u32) {
        self.segments.push((logical, source));
    }

    /// Source offset of the logical offset `l` (a start position).
    pub fn start(&self, l: u32) -> u32 {
        let i = self.segments.partition_point(|&(lo, _)| lo <= l);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(&(lo, src)) => src + (l - lo),
            None => self.segments.first().map(|s| s.1).unwrap_or(0),
        }
    }

    /// Source offset of the logical offset `l` used as an exclusive end: an end
    /// on a piece boundary stays at the end of the earlier piece.
    pub fn end(&self, l: u32) -> u32 {
        if l == 0 {
            return self.start(0);
        }
        let i = self.segments.partition_point(|&(lo, _)| lo < l);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(&(lo, src)) => src + (l - lo),
            None => self.start(l),
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let (s, e) = (start as u32, end as u32);
        let ss = self.start(s);
        Span::new(ss, self.end(e).max(ss))
    }
}

/// A position in the source: 1-based line, 1-based column counted in
/// characters, and the 0-based column in UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub utf16_column: u32,
}

/// Start offsets of every line, for offset → line/column conversion.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0u32];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex {
            starts,
            len: source.len() as u32,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of the 0-based line `line`, without its line break.
    pub fn line_span(&self, source: &str, line: usize) -> Span {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.starts.get(line + 1).map(|s| s - 1).unwrap_or(self.len);
        if end > start && source.as_bytes().get(end as usize - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    pub fn position(&self, source: &str, offset: u32) -> Position {
        let offset = clamp_to_char_boundary(source, offset.min(self.len));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let prefix = source.get(start as usize..offset as usize).unwrap_or("");
        Position {
            line: line as u32 + 1,
            column: prefix.chars().count() as u32 + 1,
            utf16_column: prefix.chars().map(char::len_utf16).sum::<usize>() as u32,
        }
    }
}

/// Moves `offset` back to the nearest UTF-8 character boundary.
pub fn clamp_to_char_boundary(source: &str, mut offset: u32) -> u32 {
    while offset > 0 && !source.is_char_boundary(offset as usize) {
        offset -= 1;
    }
    offset
}

/// Converts byte offsets to UTF-16 offsets from the start of the text, in one
/// forward pass over sorted queries. Used by the browser editor bridge.
pub fn utf16_offset(source: &str, offset: u32) -> u32 {
    let offset = clamp_to_char_boundary(source, offset.min(source.len() as u32));
    source[..offset as usize].chars().map(char::len_utf16).sum::<usize>() as u32
}

/// Converts many byte offsets to UTF-16 offsets in one pass over the text
/// (the browser editor counts UTF-16 code units). Output order = input order.
pub fn utf16_offsets(source: &str, offsets: &[u32]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![0u32; offsets.len()];
    let mut units = 0u32;
    let mut chars = source.char_indices().peekable();
    for i in order {
        let target = offsets[i] as usize;
        while let Some(&(b, c)) = chars.peek() {
            if b >= target {
                break;
            }
            units += c.len_utf16() as u32;
            chars.next();
        }
        out[i] = units;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let src = "FROM a\nRUN é☃x\r\nCMD 😀y";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 3);
        let p = idx.position(src, 0);
        assert_eq!((p.line, p.column, p.utf16_column), (1, 1, 0));
        let x = src.find('x').unwrap() as u32;
        let p = idx.position(src, x);
        assert_eq!((p.line, p.column, p.utf16_column), (2, 7, 6));
        let y = src.find('y').unwrap() as u32;
        let p = idx.position(src, y);
        // the emoji is one character but two UTF-16 code units
        assert_eq!((p.line, p.column, p.utf16_column), (3, 6, 6));
        assert_eq!(idx.line_span(src, 1).text(src), "RUN é☃x");
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        let src = "é";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, 1).column, 1);
        assert_eq!(idx.position(src, 99).column, 2);
        assert_eq!(utf16_offset(src, 99), 1);
    }

    #[test]
    fn many_offsets_in_one_pass() {
        let src = "a😀b\né";
        let offs = [src.len() as u32, 0, 5, 1, 7];
        let got = utf16_offsets(src, &offs);
        let want: Vec<u32> = offs.iter().map(|&o| utf16_offset(src, o)).collect();
        assert_eq!(got, want);
    }
}
