//! The reader's cursor: the `Parser` state, character classes, peeking,
//! blanks, line breaks, comments, document markers, `skip_lines`, the
//! nesting guard and the error helper. No grammar lives here.

use super::{Duplicate, Node, YamlError, MAX_DEPTH, MAX_DUPLICATES, R};
use crate::span::Span;
use std::collections::HashMap;

pub(super) struct Parser<'a> {
    pub(super) s: &'a str,
    pub(super) b: &'a [u8],
    pub(super) pos: usize,
    pub(super) depth: usize,
    pub(super) anchors: HashMap<String, (Node, usize)>,
    pub(super) alias_nodes: usize,
    /// Duplicate keys are errors (else they are recorded in `duplicates`).
    pub(super) strict: bool,
    pub(super) duplicates: Vec<Duplicate>,
}

pub(super) fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

pub(super) fn is_break(c: u8) -> bool {
    c == b'\n' || c == b'\r'
}

pub(super) fn flow_indicator(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

impl<'a> Parser<'a> {
    pub(super) fn err<T>(&self, at: usize, message: impl Into<String>) -> R<T> {
        Err(YamlError {
            message: message.into(),
            span: Span::from_usize(at, at),
        })
    }

    /// Records a duplicate key (up to [`MAX_DUPLICATES`]; past that the later
    /// entries still win, they are just not listed).
    pub(super) fn duplicate(&mut self, key: &Node, first: Span, merge: bool) {
        if self.duplicates.len() < MAX_DUPLICATES {
            self.duplicates.push(Duplicate {
                key: key.scalar_text().unwrap_or_default(),
                span: key.span,
                first,
                merge,
            });
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    pub(super) fn peek_at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    pub(super) fn eof(&self) -> bool {
        self.pos >= self.b.len()
    }

    /// Is the byte after `i` a separator (blank, line break or end)?
    pub(super) fn sep_after(&self, i: usize) -> bool {
        self.peek_at(i + 1).is_none_or(|c| is_blank(c) || is_break(c))
    }

    pub(super) fn line_start(&self, at: usize) -> usize {
        self.b[..at.min(self.b.len())]
            .iter()
            .rposition(|&c| c == b'\n')
            .map(|i| i + 1)
            .unwrap_or(0)
    }

    pub(super) fn col(&self) -> usize {
        self.pos - self.line_start(self.pos)
    }

    pub(super) fn at_eol(&self) -> bool {
        self.peek().is_none_or(is_break)
    }

    pub(super) fn skip_blanks(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.pos += 1;
        }
    }

    /// Skips blanks and a trailing comment on this line.
    pub(super) fn skip_to_eol(&mut self) {
        self.skip_blanks();
        if self.peek() == Some(b'#') {
            while self.peek().is_some_and(|c| !is_break(c)) {
                self.pos += 1;
            }
        }
    }

    pub(super) fn skip_break(&mut self) {
        if self.peek() == Some(b'\r') {
            self.pos += 1;
        }
        if self.peek() == Some(b'\n') {
            self.pos += 1;
        }
    }

    /// Skips blank lines and comment lines; stops at the first significant
    /// character. A tab used for indentation is an error.
    pub(super) fn skip_lines(&mut self) -> R<()> {
        loop {
            let line = self.line_start(self.pos);
            while self.peek() == Some(b' ') {
                self.pos += 1;
            }
            if self.peek() == Some(b'\t') {
                // tabs may appear in a line that holds only a comment or nothing
                let mut i = self.pos;
                while self.peek_at(i).is_some_and(is_blank) {
                    i += 1;
                }
                match self.peek_at(i) {
                    None => {
                        self.pos = i;
                        return Ok(());
                    }
                    Some(c) if is_break(c) || c == b'#' => self.pos = i,
                    _ if self.pos == line || self.b[line..self.pos].iter().all(|&c| c == b' ') => {
                        return self.err(self.pos, "a tab cannot indent YAML: use spaces");
                    }
                    _ => self.pos = i,
                }
            }
            match self.peek() {
                Some(b'#') => self.skip_to_eol(),
                Some(c) if is_break(c) => self.skip_break(),
                _ => return Ok(()),
            }
        }
    }

    pub(super) fn doc_marker(&self, m: &[u8]) -> bool {
        self.col() == 0 && self.b[self.pos..].starts_with(m) && self.sep_after(self.pos + 2)
    }

    pub(super) fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(self.pos, format!("the document nests deeper than {MAX_DEPTH} levels"));
        }
        Ok(())
    }
}
