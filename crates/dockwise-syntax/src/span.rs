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

/// Lines longer than this many bytes carry a checkpoint every this many
/// bytes, so a column on a long line is counted from the nearest checkpoint
/// before it instead of from the line's start: [`LineIndex::position`] reads
/// at most this many bytes, whatever the line's length.
pub const CHECKPOINT_BYTES: u32 = 256;

/// Characters and UTF-16 code units from the start of a line to a byte
/// offset inside it (a character boundary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Checkpoint {
    offset: u32,
    chars: u32,
    utf16: u32,
}

/// Start offsets of every line, for offset → line/column conversion; for
/// lines longer than [`CHECKPOINT_BYTES`], checkpoints every
/// [`CHECKPOINT_BYTES`] bytes, so that a lookup costs a binary search and at
/// most [`CHECKPOINT_BYTES`] bytes of counting, on any line.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
    /// The checkpoints of every long line, in offset order.
    checkpoints: Vec<Checkpoint>,
}

/// Characters and UTF-16 code units of a text (valid UTF-8: a character
/// outside the BMP, the only kind that takes two units, has 4 bytes, whose
/// first byte is 0xF0 or more).
fn count(text: &str) -> (u32, u32) {
    // one pass the compiler vectorizes: a character starts at every byte
    // that is not a continuation byte (0x80..=0xBF)
    let (mut chars, mut astral) = (0u32, 0u32);
    for &b in text.as_bytes() {
        chars += u32::from((b as i8) >= -0x40);
        astral += u32::from(b >= 0xF0);
    }
    (chars, chars + astral)
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0u32];
        let mut checkpoints = Vec::new();
        let mut line_start = 0usize;
        line_breaks(source.as_bytes(), |i| {
            if i - line_start > CHECKPOINT_BYTES as usize {
                add_checkpoints(source, line_start, i, &mut checkpoints);
            }
            line_start = i + 1;
            starts.push(line_start as u32);
        });
        if source.len() - line_start > CHECKPOINT_BYTES as usize {
            add_checkpoints(source, line_start, source.len(), &mut checkpoints);
        }
        LineIndex {
            starts,
            len: source.len() as u32,
            checkpoints,
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

    /// Where [`position`](Self::position) starts counting characters for
    /// `offset` (a character boundary on line `line`): the last checkpoint of
    /// the line at or before it, else the line's start. Never more than
    /// [`CHECKPOINT_BYTES`] before `offset`.
    fn checkpoint(&self, line: usize, offset: u32) -> Checkpoint {
        let start = self.starts.get(line).copied().unwrap_or(0);
        let line_start = Checkpoint {
            offset: start,
            chars: 0,
            utf16: 0,
        };
        if self.checkpoints.is_empty() {
            return line_start;
        }
        let i = self.checkpoints.partition_point(|c| c.offset <= offset);
        match i.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(&c) if c.offset >= start => c,
            _ => line_start,
        }
    }

    /// The byte offset from which [`position`](Self::position) counts the
    /// characters before `offset` (a checkpoint on a long line, else the
    /// line's start): the bytes it reads are `counted_from(offset)..offset`,
    /// at most [`CHECKPOINT_BYTES`] (plus 3 when `offset` is inside a character).
    pub fn counted_from(&self, source: &str, offset: u32) -> u32 {
        let offset = clamp_to_char_boundary(source, offset.min(self.len));
        self.checkpoint(self.line_of(offset), offset).offset
    }

    pub fn position(&self, source: &str, offset: u32) -> Position {
        let offset = clamp_to_char_boundary(source, offset.min(self.len));
        let line = self.line_of(offset);
        let from = self.checkpoint(line, offset);
        let (chars, utf16) = count(source.get(from.offset as usize..offset as usize).unwrap_or(""));
        Position {
            line: line as u32 + 1,
            column: from.chars + chars + 1,
            utf16_column: from.utf16 + utf16,
        }
    }
}

/// Calls `f` with the offset of every `\n` in `bytes`, in order, testing
/// eight bytes at once: a word without a line break is skipped whole.
fn line_breaks(bytes: &[u8], mut f: impl FnMut(usize)) {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const BREAKS: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        // a byte of `x` is zero where the chunk has a line break
        let x = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8])) ^ BREAKS;
        if x.wrapping_sub(ONES) & !x & HIGH != 0 {
            for (k, &b) in chunk.iter().enumerate() {
                if b == b'\n' {
                    f(base + k);
                }
            }
        }
        base += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        if b == b'\n' {
            f(base + k);
        }
    }
}

/// Checkpoints for the line `start..end` of `source`, every
/// [`CHECKPOINT_BYTES`] bytes (moved back to a character boundary).
fn add_checkpoints(source: &str, start: usize, end: usize, out: &mut Vec<Checkpoint>) {
    let (mut at, mut chars, mut utf16) = (start, 0u32, 0u32);
    loop {
        let next = clamp_to_char_boundary(source, (at + CHECKPOINT_BYTES as usize) as u32) as usize;
        if next >= end || next <= at {
            return;
        }
        let (c, u) = count(source.get(at..next).unwrap_or(""));
        chars += c;
        utf16 += u;
        out.push(Checkpoint {
            offset: next as u32,
            chars,
            utf16,
        });
        at = next;
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

    /// The column of `offset` counted from its line's start, the slow way.
    fn naive(src: &str, offset: u32) -> Position {
        let offset = clamp_to_char_boundary(src, offset.min(src.len() as u32)) as usize;
        let start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
        let prefix = &src[start..offset];
        Position {
            line: src[..offset].matches('\n').count() as u32 + 1,
            column: prefix.chars().count() as u32 + 1,
            utf16_column: prefix.chars().map(char::len_utf16).sum::<usize>() as u32,
        }
    }

    #[test]
    fn long_lines_are_counted_from_checkpoints_with_the_same_result() {
        // long lines of 1- to 4-byte characters, short lines, a CRLF, no final break
        let unit = "aé☃😀b";
        let long = unit.repeat(200);
        let src = format!("FROM x\n{long}\r\nRUN y\n\n{long}{long}");
        let idx = LineIndex::new(&src);
        assert!(!idx.checkpoints.is_empty());
        for offset in 0..=src.len() as u32 + 2 {
            assert_eq!(idx.position(&src, offset), naive(&src, offset), "at {offset}");
            let from = idx.counted_from(&src, offset);
            assert!(
                offset.min(src.len() as u32) - from <= CHECKPOINT_BYTES + 3,
                "at {offset}"
            );
        }
        // a short file has no checkpoints at all
        assert!(LineIndex::new("FROM a\nRUN b\n").checkpoints.is_empty());
    }

    #[test]
    fn line_breaks_are_found_in_every_position_of_a_word() {
        for text in [
            "",
            "\n",
            "a\nb",
            "\n\n\n\n\n\n\n\n\n",
            "abcdefg\nabcdefgh\n",
            "é😀\n\u{a0}\u{10a}\n",
        ] {
            for lead in 0..9 {
                let t = format!("{}{text}", "x".repeat(lead));
                let mut got = Vec::new();
                line_breaks(t.as_bytes(), |i| got.push(i));
                let want: Vec<usize> = t.match_indices('\n').map(|(i, _)| i).collect();
                assert_eq!(got, want, "{t:?}");
            }
        }
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
