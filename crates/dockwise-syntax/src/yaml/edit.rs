//! Editing YAML text in place. An [`Editor`] answers with the edits (a byte
//! span of the text and its replacement) that set or add a key under a block
//! mapping, append an item to a block list, delete a mapping entry or a list
//! item with its lines, quote or unquote a scalar, or reorder the entries of
//! a collection, leaving every other byte as it was: comments, quoting,
//! blank lines, line endings (`\n` or `\r\n`). New lines follow the file's
//! own style ([`Style`]: the indentation unit and whether `- ` items are
//! indented under their key).
//!
//! It refuses (answers `None`) rather than guess: flow collections
//! (`{a: 1}`, `[a]`; an empty `{}` or `[]` may be replaced whole), anchors,
//! aliases and tags on the way to the place it edits, keys brought in by a
//! merge key (`<<`), multi-line scalars it cannot replace safely, a block
//! scalar kept with its trailing blank lines (`|+`) where new lines would
//! go, lone `\r` line breaks, and anything else it cannot place exactly. A
//! missing edit is fine; a broken file is not.
//!
//! It knows nothing of rules: callers turn the edits into fixes.

use super::{parse, Node, Value};
use crate::span::Span;
use std::cell::Cell;

/// One edit: replace the bytes of the span with the string (an empty span
/// inserts, an empty string deletes).
pub type Edit = (Span, String);

/// How a file writes its block collections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Spaces per level of a nested block mapping.
    pub indent: usize,
    /// `- ` items sit deeper than their key (`key:\n  - a`), not at its
    /// column (`key:\n- a`).
    pub indented_sequences: bool,
    /// Lines end with `\r\n`.
    pub crlf: bool,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            indent: 2,
            indented_sequences: true,
            crlf: false,
        }
    }
}

impl Style {
    /// The style most of the file uses: the most common step between a
    /// `key:` line and its nested keys (2 when there is none), the more
    /// common placement of `- ` items under their key (indented when none),
    /// and the first line break's kind. Block scalar bodies are skipped.
    pub fn detect(text: &str) -> Style {
        let mut steps = [0usize; 9];
        let (mut indented, mut flush) = (0usize, 0usize);
        // (column of the line's key, the line opens a block: ends with `:`)
        let mut prev: Option<(usize, bool)> = None;
        // inside a block scalar whose header line is indented this much
        let mut scalar: Option<usize> = None;
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let content = line.trim_start_matches(' ');
            let indent = line.len() - content.len();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            if let Some(s) = scalar {
                if indent > s {
                    continue;
                }
                scalar = None;
            }
            if indent == 0 && (content.starts_with("---") || content.starts_with("...")) {
                prev = None;
                continue;
            }
            let dash = content == "-" || content.starts_with("- ");
            if let Some((key_col, true)) = prev {
                if dash {
                    if indent > key_col {
                        indented += 1;
                    } else if indent == key_col {
                        flush += 1;
                    }
                } else if indent > key_col && indent - key_col < steps.len() {
                    steps[indent - key_col] += 1;
                }
            }
            let code = code_of(content).trim_end();
            let key_col = if dash {
                indent + 1 + (content.len() - 1 - content[1..].trim_start_matches(' ').len())
            } else {
                indent
            };
            prev = Some((key_col, code.ends_with(':')));
            if is_block_scalar_header(code.rsplit(' ').next().unwrap_or("")) {
                scalar = Some(indent);
            }
        }
        let indent = (1..steps.len())
            .filter(|&s| steps[s] > 0)
            .max_by_key(|&s| (steps[s], std::cmp::Reverse(s)))
            .unwrap_or(2);
        Style {
            indent,
            indented_sequences: indented >= flush,
            crlf: text
                .find('\n')
                .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r'),
        }
    }

    pub fn newline(&self) -> &'static str {
        if self.crlf {
            "\r\n"
        } else {
            "\n"
        }
    }
}

/// `|`, `>-`, `|2+`...: a block scalar header.
fn is_block_scalar_header(token: &str) -> bool {
    let mut chars = token.chars();
    matches!(chars.next(), Some('|' | '>')) && chars.all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

/// A value to write: scalars are raw YAML text (quoted by the caller where
/// needed, and may end with a comment: `512m  # placeholder`); mappings and
/// lists are written in block style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum New {
    Scalar(String),
    Map(Vec<(String, New)>),
    Seq(Vec<New>),
}

impl New {
    pub fn scalar(raw: impl Into<String>) -> New {
        New::Scalar(raw.into())
    }

    /// A mapping of one key: `New::entry("drop", New::Seq(...))`.
    pub fn entry(key: impl Into<String>, value: New) -> New {
        New::Map(vec![(key.into(), value)])
    }

    /// `value` under the keys of `path`, outermost first.
    fn nested(path: &[&str], value: &New) -> New {
        match path.split_first() {
            None => value.clone(),
            Some((k, rest)) => New::entry(*k, New::nested(rest, value)),
        }
    }
}

/// Where a key that a mapping lacks is added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// After the mapping's last entry.
    Last,
    /// Right under the key that holds the mapping (before its first entry);
    /// in a list item (`- name: a`), right after its first entry when that
    /// is a one-line `key: value`; else (the document itself) as `Last`.
    /// Fixes that add keys to one mapping in two places can be applied in
    /// the same round.
    First,
}

/// What a mapping's value looks like in the text, for editing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `key:` with nothing after it.
    Nothing,
    /// `{}`, `[]`, `~` or `null` on the key's line.
    Empty,
    /// A scalar on one line, plain or quoted.
    Scalar,
    /// A block mapping with its keys at this column.
    Map(usize),
    /// A block list with its `-` at this column.
    Seq(usize),
    /// Anything else: flow collections, aliases, anchors, tags, block or
    /// multi-line scalars.
    Other,
}

/// Edits YAML text; see the module documentation.
pub struct Editor<'a> {
    text: &'a str,
    /// The file's style and whether its line breaks can be edited (no lone
    /// `\r`), found on first use.
    style: Cell<Option<(Style, bool)>>,
}

impl<'a> Editor<'a> {
    pub fn new(text: &'a str) -> Editor<'a> {
        Editor {
            text,
            style: Cell::new(None),
        }
    }

    /// An editor that writes new lines in `style` (the file's own is
    /// otherwise detected on first use).
    pub fn with_style(text: &'a str, style: Style) -> Editor<'a> {
        Editor {
            text,
            style: Cell::new(Some((style, usable(text)))),
        }
    }

    pub fn style(&self) -> Style {
        self.state().0
    }

    fn state(&self) -> (Style, bool) {
        if let Some(s) = self.style.get() {
            return s;
        }
        let s = (Style::detect(self.text), usable(self.text));
        self.style.set(Some(s));
        s
    }

    fn nl(&self) -> &'static str {
        self.style().newline()
    }

    /// Sets `path` (keys, outermost first) under the block mapping `map` to
    /// `value`: replaces the scalar there, fills a key with no value (or
    /// `{}`), or adds the missing keys after the mapping's last entry.
    pub fn set(&self, map: &Node, path: &[&str], value: &New) -> Option<Vec<Edit>> {
        self.set_at(map, path, value, Place::Last)
    }

    /// [`Editor::set`], adding a missing key at `place`.
    pub fn set_at(&self, map: &Node, path: &[&str], value: &New, place: Place) -> Option<Vec<Edit>> {
        if !self.state().1 {
            return None;
        }
        let col = self.map_col(map)?;
        let (first, rest) = path.split_first()?;
        match self.own(map, first).ok()? {
            None => self.insert(map, col, first, &New::nested(rest, value), place),
            Some((k, v)) if rest.is_empty() => self.replace_value(k, v, value),
            Some((k, v)) => match self.shape(k, v) {
                Shape::Map(_) => self.set_at(v, rest, value, place),
                Shape::Nothing | Shape::Empty if v.as_seq().is_none() => {
                    self.replace_value(k, v, &New::nested(rest, value))
                }
                _ => None,
            },
        }
    }

    /// Appends `item` to the block list at `path` under `map`, creating the
    /// list (and the keys above it) when absent or empty.
    pub fn append(&self, map: &Node, path: &[&str], item: &New) -> Option<Vec<Edit>> {
        self.append_at(map, path, item, Place::Last)
    }

    /// [`Editor::append`], adding a missing key at `place`.
    pub fn append_at(&self, map: &Node, path: &[&str], item: &New, place: Place) -> Option<Vec<Edit>> {
        if !self.state().1 {
            return None;
        }
        let col = self.map_col(map)?;
        let (first, rest) = path.split_first()?;
        let list = New::Seq(vec![item.clone()]);
        match self.own(map, first).ok()? {
            None => self.insert(map, col, first, &New::nested(rest, &list), place),
            Some((k, v)) => match self.shape(k, v) {
                Shape::Map(_) if !rest.is_empty() => self.append_at(v, rest, item, place),
                Shape::Nothing => self.replace_value(k, v, &New::nested(rest, &list)),
                // `[]` or `~` becomes the list, `{}` or `~` the mapping above it
                Shape::Empty
                    if (rest.is_empty() && v.as_map().is_none()) || (!rest.is_empty() && v.as_seq().is_none()) =>
                {
                    self.replace_value(k, v, &New::nested(rest, &list))
                }
                Shape::Seq(dash) if rest.is_empty() => {
                    let items = v.as_seq()?;
                    let last = items.last()?;
                    if self.keeps_trailing_lines(last) {
                        return None;
                    }
                    let at = self.line_end(v.span.end as usize);
                    let mut out = String::new();
                    self.render_items(&mut out, dash, std::slice::from_ref(item));
                    Some(vec![(Span::from_usize(at, at), out)])
                }
                _ => None,
            },
        }
    }

    /// Deletes the entry at `path` under `map` (its last key, in the block
    /// mapping the others lead to) with its lines. Refused when the key
    /// shares its line with a `- ` (the first key of a list item), when the
    /// mapping has a merge key (the merged value would show through) or
    /// when the entry defines an anchor.
    pub fn remove(&self, map: &Node, path: &[&str]) -> Option<Vec<Edit>> {
        let (key, above) = path.split_last()?;
        let map = self.resolve(map, above)?;
        let col = self.map_col(map)?;
        let (k, v) = self.own(map, key).ok()??;
        if self.has_merge_key(map, col) {
            return None;
        }
        let ks = k.span.start as usize;
        let ls = self.line_start(ks);
        if !self.text[ls..ks].bytes().all(|c| c == b' ') {
            return None;
        }
        let end = self.next_line(self.line_end(k.span.end.max(v.span.end) as usize));
        if defines_anchor(&self.text[ls..end]) {
            return None;
        }
        Some(vec![(Span::from_usize(ls, end), String::new())])
    }

    /// Deletes item `index` of the block list at `path` under `map` with its
    /// lines. Refused when the item does not start on its `- ` line or
    /// defines an anchor.
    pub fn remove_item(&self, map: &Node, path: &[&str], index: usize) -> Option<Vec<Edit>> {
        let seq = self.resolve(map, path)?;
        let col = self.seq_col(seq)?;
        let item = seq.as_seq()?.get(index)?;
        let start = item.span.start as usize;
        let ls = self.line_start(start);
        if item.span.is_empty() || !self.dash_prefix(&self.text[ls..start], col) {
            return None;
        }
        let end = self.next_line(self.line_end(item.span.end as usize));
        if defines_anchor(&self.text[ls..end]) {
            return None;
        }
        Some(vec![(Span::from_usize(ls, end), String::new())])
    }

    /// Replaces item `index` of the block list at `path` under `map`, a
    /// one-line scalar on its `- ` line, with the raw text `raw`.
    pub fn replace_item(&self, map: &Node, path: &[&str], index: usize, raw: &str) -> Option<Vec<Edit>> {
        let seq = self.resolve(map, path)?;
        let col = self.seq_col(seq)?;
        let item = seq.as_seq()?.get(index)?;
        let start = item.span.start as usize;
        let ls = self.line_start(start);
        let ok = self.dash_prefix(&self.text[ls..start], col)
            && self.one_line_scalar(item)
            && !item.span.text(self.text).starts_with('*');
        ok.then(|| vec![(item.span, raw.to_string())])
    }

    /// Item `index` of the block list at `path` under `map`, for editing
    /// inside it (a list item that is a mapping).
    pub fn item<'n>(&self, map: &'n Node, path: &[&str], index: usize) -> Option<&'n Node> {
        let seq = self.resolve(map, path)?;
        self.seq_col(seq)?;
        seq.as_seq()?.get(index)
    }

    /// The node at `path` under `map`, each step written in place: block
    /// mappings on the way, no alias, anchor or tag, nothing merged in.
    fn resolve<'n>(&self, map: &'n Node, path: &[&str]) -> Option<&'n Node> {
        if !self.state().1 {
            return None;
        }
        let mut at = map;
        if path.is_empty() && !self.clean_before(at.span.start as usize) {
            return None;
        }
        for key in path {
            self.map_col(at)?;
            let (k, v) = self.own(at, key).ok()??;
            let s = v.span.start as usize;
            if v.span.text(self.text).starts_with('*') || !self.clean_before(s) || s < k.span.end as usize {
                return None;
            }
            at = v;
        }
        Some(at)
    }

    /// Quotes the plain one-line scalar `node` (double quotes, or single
    /// ones when it holds `"` or `\`); the string stays the same.
    pub fn quote(&self, node: &Node) -> Option<Vec<Edit>> {
        let raw = node.span.text(self.text);
        if node.quoted || !self.one_line_scalar(node) || node.scalar_text().as_deref() != Some(raw) {
            return None;
        }
        if raw.is_empty() || raw.starts_with(['*', '&', '!', '|', '>']) {
            return None;
        }
        let quoted = if raw.contains(['"', '\\']) {
            format!("'{}'", raw.replace('\'', "''"))
        } else {
            format!("\"{raw}\"")
        };
        Some(vec![(node.span, quoted)])
    }

    /// Removes the quotes of the one-line quoted string `node` when the
    /// plain form reads as the same string, in block and in flow context,
    /// and is not a YAML 1.1 boolean or number (`yes`, `1:30`).
    pub fn unquote(&self, node: &Node) -> Option<Vec<Edit>> {
        let s = node.as_str()?;
        if !node.quoted || !self.one_line_scalar(node) || s.is_empty() || s.chars().any(char::is_control) {
            return None;
        }
        if s.bytes().all(|c| c.is_ascii_digit() || b":._+-".contains(&c)) {
            return None;
        }
        let reads_same = |doc: String| {
            parse(&doc).ok().is_some_and(|d| {
                d.len() == 1
                    && d[0].as_seq().is_some_and(|items| {
                        items.len() == 1
                            && !items[0].quoted
                            && items[0].as_str() == Some(s)
                            && items[0].as_bool().is_none()
                    })
            })
        };
        // after `- ` it is a block list item; anywhere else it may be in a flow collection
        let before = self.text[..node.span.start as usize].trim_end_matches(' ');
        let block = before.ends_with('-') && !before.ends_with("--");
        (reads_same(format!("- {s}\n")) && (block || reads_same(format!("[{s}]"))))
            .then(|| vec![(node.span, s.to_string())])
    }

    /// Puts the entries of the block mapping or list at `path` under `map`
    /// (or the items of a one-line flow list) in the order `order` (a permutation of their
    /// indices), each entry moving with its lines, its comments included.
    /// Refused when a comment sits between two entries (or just above the
    /// first, or just below the last) since it may be about either, and
    /// when an anchor is defined in what moves. Blank lines between entries
    /// stay where they are.
    pub fn reorder(&self, map: &Node, path: &[&str], order: &[usize]) -> Option<Vec<Edit>> {
        let node = self.resolve(map, path)?;
        let n = match &node.value {
            Value::Seq(items) => items.len(),
            Value::Map(entries) => entries.len(),
            _ => return None,
        };
        let mut seen = vec![false; n];
        if order.len() != n || n < 2 || !order.iter().all(|&i| i < n && !std::mem::replace(&mut seen[i], true)) {
            return None;
        }
        let (start, end) = (node.span.start as usize, node.span.end as usize);
        if self.text.as_bytes().get(start) == Some(&b'[') {
            return self.reorder_flow(node, order);
        }
        // each entry's lines
        let mut chunks: Vec<(usize, usize)> = Vec::with_capacity(n);
        match &node.value {
            Value::Seq(items) => {
                let col = self.seq_col(node)?;
                for item in items {
                    let s = item.span.start as usize;
                    let ls = self.line_start(s);
                    if item.span.is_empty() || !self.dash_prefix(&self.text[ls..s], col) {
                        return None;
                    }
                    chunks.push((ls, self.next_line(self.line_end(item.span.end as usize))));
                }
            }
            Value::Map(entries) => {
                let col = self.map_col(node)?;
                for (k, v) in entries {
                    let s = k.span.start as usize;
                    let ls = self.line_start(s);
                    if !self.inside(k, node) || s - ls != col || !self.text[ls..s].bytes().all(|c| c == b' ') {
                        return None;
                    }
                    chunks.push((ls, self.next_line(self.line_end(k.span.end.max(v.span.end) as usize))));
                }
            }
            _ => return None,
        }
        let col = start - self.line_start(start);
        let blank = |a: usize, b: usize| self.text[a..b].bytes().all(|c| matches!(c, b' ' | b'\r' | b'\n'));
        if chunks.windows(2).any(|w| w[0].1 > w[1].0 || !blank(w[0].1, w[1].0)) {
            return None;
        }
        let (first, last) = (chunks[0].0, chunks[n - 1].1);
        // nothing of the collection (a dropped duplicate) before its first entry
        if first != self.line_start(start) {
            return None;
        }
        // a comment right above the first entry or right below the last may be about it
        if first > 0 {
            let above = self.line_start(first - 1);
            if self.text[above..first].trim_start().starts_with('#') {
                return None;
            }
        }
        let mut at = last;
        while at < self.text.len() {
            let le = self.line_end(at);
            let line = &self.text[at..le];
            let content = line.trim_start_matches(' ');
            if content.is_empty() {
                at = self.next_line(le);
                continue;
            }
            if content.starts_with('#') && line.len() - content.len() >= col {
                return None;
            }
            break;
        }
        let region = &self.text[first..last];
        if defines_anchor(region) || keeps_trailing_lines(region) || last < end {
            return None;
        }
        let nl = self.nl();
        let mut out = String::with_capacity(region.len() + nl.len());
        for (slot, &i) in order.iter().enumerate() {
            let (a, b) = chunks[i];
            out.push_str(&self.text[a..b]);
            if !self.text[a..b].ends_with('\n') {
                out.push_str(nl);
            }
            if let Some(next) = chunks.get(slot + 1) {
                out.push_str(&self.text[chunks[slot].1..next.0]);
            }
        }
        if !region.ends_with('\n') {
            out.truncate(out.len() - nl.len());
        }
        (out != region).then(|| vec![(Span::from_usize(first, last), out)])
    }

    fn reorder_flow(&self, node: &Node, order: &[usize]) -> Option<Vec<Edit>> {
        let items = node.as_seq()?;
        let region = node.span.text(self.text);
        if region.contains(['\n', '\r', '#']) || defines_anchor(region) || !self.clean_before(node.span.start as usize)
        {
            return None;
        }
        if items
            .iter()
            .any(|i| i.span.is_empty() || matches!(i.value, Value::Map(_)))
        {
            return None;
        }
        let (first, last) = (items[0].span.start as usize, items[items.len() - 1].span.end as usize);
        let mut out = String::new();
        for (slot, &i) in order.iter().enumerate() {
            out.push_str(items[i].span.text(self.text));
            if let Some(next) = items.get(slot + 1) {
                out.push_str(&self.text[items[slot].span.end as usize..next.span.start as usize]);
            }
        }
        (out != self.text[first..last]).then(|| vec![(Span::from_usize(first, last), out)])
    }

    /// The lines of a block mapping entry whose key starts at `key`: its
    /// key line and the lines of its value (more indented, or `- ` items at
    /// the key's column under an empty key line), without the blank and
    /// comment lines that follow. For entries the model no longer holds (a
    /// duplicate key's first entry); the caller checks the result reads as
    /// meant.
    pub fn entry_lines(&self, key: Span) -> Option<Span> {
        if !self.state().1 {
            return None;
        }
        let ks = key.start as usize;
        let ls = self.line_start(ks);
        if ks > self.text.len() || !self.text[ls..ks].bytes().all(|c| c == b' ') {
            return None;
        }
        let col = ks - ls;
        let key_line_end = self.line_end(ks);
        let after_key = self.text[(key.end as usize).min(key_line_end)..key_line_end].trim_start();
        let value_on_line = code_of(after_key.strip_prefix(':')?).trim();
        let list_may_follow = value_on_line.is_empty();
        let mut end = self.next_line(key_line_end);
        let mut at = end;
        while at < self.text.len() {
            let le = self.line_end(at);
            let content = self.text[at..le].trim_start_matches(' ');
            let indent = le - at - content.len();
            if content.is_empty() || content.starts_with('#') {
                at = self.next_line(le);
                continue;
            }
            let item = content == "-" || content.starts_with("- ");
            if indent > col || (list_may_follow && indent == col && item) {
                end = self.next_line(le);
                at = end;
                continue;
            }
            break;
        }
        Some(Span::from_usize(ls, end))
    }

    // --- where things are ---

    fn line_start(&self, at: usize) -> usize {
        let at = at.min(self.text.len());
        self.text.as_bytes()[..at]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1)
    }

    /// The end of the line holding `at`, before its line break.
    fn line_end(&self, at: usize) -> usize {
        let b = self.text.as_bytes();
        let at = at.min(b.len());
        match b[at..].iter().position(|&c| c == b'\n') {
            Some(i) if i > 0 && b[at + i - 1] == b'\r' => at + i - 1,
            Some(i) => at + i,
            None => b.len(),
        }
    }

    /// The start of the line after the one holding `at` (or the end).
    fn next_line(&self, at: usize) -> usize {
        let b = self.text.as_bytes();
        let at = at.min(b.len());
        b[at..].iter().position(|&c| c == b'\n').map_or(b.len(), |i| at + i + 1)
    }

    /// Is nothing but a key's `:`, a list's `-` or a document start (and
    /// blanks, line breaks, comments) before `at`? Anchors, tags and flow
    /// indicators are something.
    fn clean_before(&self, at: usize) -> bool {
        let mut end = at.min(self.text.len());
        loop {
            let ls = self.line_start(end);
            let code = code_of(&self.text[ls..end])
                .trim_matches([' ', '\t', '\r'])
                .trim_start_matches('\u{feff}');
            if code.is_empty() {
                if ls == 0 {
                    return true;
                }
                end = ls - 1;
                continue;
            }
            return code.ends_with(':') || code == "-" || code.ends_with(" -") || code == "---";
        }
    }

    /// `  - ` (the dash at `col`) before an item on its line.
    fn dash_prefix(&self, prefix: &str, col: usize) -> bool {
        prefix.len() > col + 1
            && prefix.as_bytes()[..col].iter().all(|&c| c == b' ')
            && prefix.as_bytes()[col] == b'-'
            && prefix.as_bytes()[col + 1..].iter().all(|&c| c == b' ')
    }

    fn inside(&self, n: &Node, outer: &Node) -> bool {
        n.span.start >= outer.span.start && n.span.end <= outer.span.end
    }

    /// The column of the keys of a block mapping written in place (not an
    /// alias, not flow, no anchor or tag, keys one per line).
    fn map_col(&self, map: &Node) -> Option<usize> {
        let entries = map.as_map().filter(|e| !e.is_empty())?;
        let start = map.span.start as usize;
        let first = *self.text.as_bytes().get(start)?;
        if matches!(first, b'{' | b'[' | b'*' | b'?' | b'&' | b'!' | b'|' | b'>' | b'-') {
            return None;
        }
        let ls = self.line_start(start);
        let prefix = &self.text[ls..start];
        let indent = prefix.len() - prefix.trim_start_matches(' ').len();
        let plain = indent == prefix.len();
        if !(plain || self.dash_prefix(prefix, indent)) || !self.clean_before(start) {
            return None;
        }
        let col = start - ls;
        for (k, _) in entries.iter().filter(|(k, _)| self.inside(k, map)) {
            let s = k.span.start as usize;
            let kls = self.line_start(s);
            if s - kls != col || (s != start && !self.text[kls..s].bytes().all(|c| c == b' ')) {
                return None;
            }
        }
        Some(col)
    }

    /// The column of the dashes of a block list written in place.
    fn seq_col(&self, seq: &Node) -> Option<usize> {
        seq.as_seq().filter(|i| !i.is_empty())?;
        let start = seq.span.start as usize;
        if self.text.as_bytes().get(start) != Some(&b'-') {
            return None;
        }
        let ls = self.line_start(start);
        (self.text[ls..start].bytes().all(|c| c == b' ') && self.clean_before(start)).then_some(start - ls)
    }

    /// The entry `key` of `map`: Ok(None) when absent, Err when it comes
    /// from a merge key or an alias (it is written somewhere else).
    fn own<'n>(&self, map: &'n Node, key: &str) -> Result<Option<(&'n Node, &'n Node)>, ()> {
        match map.entry(key) {
            None => Ok(None),
            Some((k, v)) if self.inside(k, map) => Ok(Some((k, v))),
            Some(_) => Err(()),
        }
    }

    fn shape(&self, key: &Node, v: &Node) -> Shape {
        let (s, e) = (v.span.start as usize, v.span.end as usize);
        let raw = v.span.text(self.text);
        if raw.starts_with('*') || !self.clean_before(s) || s < key.span.end as usize {
            return Shape::Other;
        }
        if v.is_null() && v.span.is_empty() {
            return if self.text[..s].ends_with(':') && s >= key.span.end as usize {
                Shape::Nothing
            } else {
                Shape::Other
            };
        }
        let same_line = !self.text[key.span.end as usize..e].contains('\n');
        let empty = match &v.value {
            Value::Map(m) => m.is_empty(),
            Value::Seq(i) => i.is_empty(),
            Value::Null => true,
            _ => false,
        };
        if empty {
            return if same_line { Shape::Empty } else { Shape::Other };
        }
        match &v.value {
            Value::Map(_) => match self.map_col(v) {
                Some(c) if c > self.col(key.span.start as usize) => Shape::Map(c),
                _ => Shape::Other,
            },
            Value::Seq(_) => self.seq_col(v).map_or(Shape::Other, Shape::Seq),
            _ if self.one_line_scalar(v) => Shape::Scalar,
            _ => Shape::Other,
        }
    }

    fn col(&self, at: usize) -> usize {
        at - self.line_start(at)
    }

    fn one_line_scalar(&self, n: &Node) -> bool {
        let raw = n.span.text(self.text);
        !matches!(n.value, Value::Map(_) | Value::Seq(_))
            && !raw.is_empty()
            && !raw.contains(['\n', '\r'])
            && !raw.starts_with(['|', '>', '{', '['])
    }

    /// Is the last value of this node (deepest last) a block scalar that
    /// keeps its trailing blank lines (`|+`)? New lines after it would cut
    /// them off.
    fn keeps_trailing_lines(&self, n: &Node) -> bool {
        let last = match &n.value {
            Value::Map(m) => m.iter().rev().find(|(k, _)| self.inside(k, n)).map(|(_, v)| v),
            Value::Seq(items) => items.last(),
            _ => {
                let raw = n.span.text(self.text);
                return raw.starts_with(['|', '>']) && keeps_trailing_lines(raw.lines().next().unwrap_or(""));
            }
        };
        last.is_some_and(|v| self.keeps_trailing_lines(v))
    }

    /// Does the block mapping have a `<<` key of its own?
    fn has_merge_key(&self, map: &Node, col: usize) -> bool {
        let (start, end) = (map.span.start as usize, self.line_end(map.span.end as usize));
        let mut at = self.line_start(start);
        while at < end {
            let le = self.line_end(at);
            let line = &self.text[at..le];
            let key = if at == self.line_start(start) {
                &self.text[start..le]
            } else {
                line.get(col..).unwrap_or("")
            };
            if line.len() - line.trim_start_matches(' ').len() <= col
                && key.starts_with("<<")
                && key[2..].trim_start().starts_with(':')
            {
                return true;
            }
            at = self.next_line(le);
        }
        false
    }

    /// Where a key added at the top of `map` goes: the end of the line of
    /// the key that holds it, or in a list item the end of its first entry
    /// when that is a one-line scalar (None for the document).
    fn head(&self, map: &Node) -> Option<usize> {
        let start = map.span.start as usize;
        let ls = self.line_start(start);
        if !self.text[ls..start].bytes().all(|c| c == b' ') {
            // `- name: a`: after the first entry
            let (k, v) = map.as_map()?.first()?;
            let end = v.span.end as usize;
            let one_line = self.inside(k, map) && !self.text[start..end].contains('\n');
            return (one_line && self.one_line_scalar(v)).then(|| self.line_end(end));
        }
        if ls == 0 {
            return None;
        }
        let mut at = ls - 1;
        loop {
            let pls = self.line_start(at);
            let code = code_of(&self.text[pls..self.line_end(pls)]).trim();
            if code.is_empty() {
                if pls == 0 {
                    return None;
                }
                at = pls - 1;
                continue;
            }
            return code.ends_with(':').then(|| self.line_end(pls));
        }
    }

    // --- writing ---

    /// Adds `key: value` to the block mapping `map` (keys at `col`).
    fn insert(&self, map: &Node, col: usize, key: &str, value: &New, place: Place) -> Option<Vec<Edit>> {
        let mut out = String::new();
        self.render_entry(&mut out, col, key, value);
        let at = match (place, self.head(map)) {
            (Place::First, Some(at)) => at,
            _ => {
                if self.keeps_trailing_lines(map) {
                    return None;
                }
                self.line_end(map.span.end as usize)
            }
        };
        Some(vec![(Span::from_usize(at, at), out)])
    }

    /// Writes `value` as the value of the existing entry (`k`, `v`).
    fn replace_value(&self, k: &Node, v: &Node, value: &New) -> Option<Vec<Edit>> {
        let key_col = self.col(k.span.start as usize);
        let (s, e) = (v.span.start as usize, v.span.end as usize);
        match (self.shape(k, v), value) {
            (Shape::Scalar | Shape::Empty, New::Scalar(raw)) => Some(vec![(v.span, raw.clone())]),
            (Shape::Nothing, New::Scalar(raw)) => Some(vec![(Span::from_usize(s, s), format!(" {raw}"))]),
            (Shape::Nothing, _) => {
                let at = self.line_end(s);
                Some(vec![(Span::from_usize(at, at), self.render_children(key_col, value))])
            }
            (Shape::Empty, _) => {
                // `key: {}  # note` becomes `key:  # note` and the block below it
                let colon = self.text[..s].trim_end_matches(' ').len();
                if !self.text[..colon].ends_with(':') {
                    return None;
                }
                let at = self.line_end(e);
                let children = self.render_children(key_col, value);
                if at == e {
                    Some(vec![(Span::from_usize(colon, e), children)])
                } else {
                    Some(vec![
                        (Span::from_usize(colon, e), String::new()),
                        (Span::from_usize(at, at), children),
                    ])
                }
            }
            _ => None,
        }
    }

    /// The lines under a key at `key_col` holding `value` (a collection).
    fn render_children(&self, key_col: usize, value: &New) -> String {
        let mut out = String::new();
        match value {
            New::Map(entries) => {
                for (k, v) in entries {
                    self.render_entry(&mut out, key_col + self.style().indent, k, v);
                }
            }
            New::Seq(items) => self.render_items(&mut out, self.seq_dash_col(key_col), items),
            New::Scalar(raw) => {
                out.push(' ');
                out.push_str(raw);
            }
        }
        out
    }

    fn seq_dash_col(&self, key_col: usize) -> usize {
        let s = self.style();
        if s.indented_sequences {
            key_col + s.indent
        } else {
            key_col
        }
    }

    /// `key: value` at `col`, each line preceded by a line break.
    fn render_entry(&self, out: &mut String, col: usize, key: &str, value: &New) {
        out.push_str(self.nl());
        out.push_str(&" ".repeat(col));
        out.push_str(key);
        out.push(':');
        match value {
            New::Scalar(raw) => {
                out.push(' ');
                out.push_str(raw);
            }
            _ => out.push_str(&self.render_children(col, value)),
        }
    }

    /// List items with their `-` at `dash`, each line preceded by a line break.
    fn render_items(&self, out: &mut String, dash: usize, items: &[New]) {
        for item in items {
            match item {
                New::Scalar(raw) => {
                    out.push_str(self.nl());
                    out.push_str(&" ".repeat(dash));
                    out.push_str("- ");
                    out.push_str(raw);
                }
                New::Map(entries) => {
                    let mut body = String::new();
                    for (k, v) in entries {
                        self.render_entry(&mut body, dash + 2, k, v);
                    }
                    // the first key goes on the dash's line
                    let lead = format!("{}{}", self.nl(), " ".repeat(dash + 2));
                    out.push_str(self.nl());
                    out.push_str(&" ".repeat(dash));
                    out.push_str("- ");
                    out.push_str(body.strip_prefix(&lead).unwrap_or(&body));
                }
                New::Seq(inner) => {
                    out.push_str(self.nl());
                    out.push_str(&" ".repeat(dash));
                    out.push('-');
                    self.render_items(out, dash + 2, inner);
                }
            }
        }
    }
}

/// A line without its comment (`#` at its start or after a blank). A `#`
/// inside quotes is taken for a comment too, which only ever makes the
/// editor refuse.
fn code_of(line: &str) -> &str {
    let b = line.as_bytes();
    let at = (0..b.len()).find(|&i| b[i] == b'#' && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t'));
    &line[..at.unwrap_or(b.len())]
}

/// Does this text define an anchor (`&name` where a node may start)? Also
/// true for `&&` in a plain scalar, which only ever makes the editor refuse.
fn defines_anchor(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'&'
            && (i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b'-' | b':'))
            && b.get(i + 1)
                .is_some_and(|&c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
    })
}

/// Does this text hold a block scalar header that keeps trailing lines
/// (`|+`, `>2+`)?
fn keeps_trailing_lines(text: &str) -> bool {
    text.split([' ', '\n', '\r', '\t'])
        .any(|t| is_block_scalar_header(t) && t.contains('+'))
}

/// No lone `\r` line breaks (the editor counts lines by `\n`).
fn usable(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).all(|i| b[i] != b'\r' || b.get(i + 1) == Some(&b'\n'))
}

/// Two nodes hold the same value (spans and quoting aside).
pub fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| same_value(k1, k2) && same_value(v1, v2))
        }
        (x, y) => x == y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse_lenient;

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut edits = edits.to_vec();
        edits.sort_by_key(|(s, _)| (s.start, s.end));
        let mut out = String::new();
        let mut at = 0;
        for (s, r) in &edits {
            assert!(s.start as usize >= at, "overlapping edits {edits:?}");
            out.push_str(&text[at..s.start as usize]);
            out.push_str(r);
            at = s.end as usize;
        }
        out.push_str(&text[at..]);
        out
    }

    /// Runs `f` on document `doc` of `text`; the edited text must parse.
    fn edit_doc(text: &str, doc: usize, f: impl Fn(&Editor, &Node) -> Option<Vec<Edit>>) -> Option<String> {
        let docs = parse_lenient(text).unwrap().docs;
        let e = Editor::new(text);
        let edits = f(&e, &docs[doc])?;
        let out = apply(text, &edits);
        if let Err(err) = crate::yaml::parse(&out) {
            panic!("the edit broke the file: {err:?}\n{out}");
        }
        Some(out)
    }

    fn edit(text: &str, f: impl Fn(&Editor, &Node) -> Option<Vec<Edit>>) -> Option<String> {
        edit_doc(text, 0, f)
    }

    fn at<'n>(root: &'n Node, path: &[&str]) -> &'n Node {
        root.path(path).unwrap()
    }

    fn s(raw: &str) -> New {
        New::scalar(raw)
    }

    #[test]
    fn style_is_detected() {
        let st = Style::detect("a:\n  b:\n    c: 1\n  d:\n  - x\n");
        assert_eq!((st.indent, st.indented_sequences, st.crlf), (2, false, false));
        let st = Style::detect("a:\n    b: 1\n    l:\n        - x\n    m:\n        - y\n");
        assert_eq!((st.indent, st.indented_sequences), (4, true));
        assert!(Style::detect("a:\r\n  b: 1\r\n").crlf);
        // block scalar bodies do not vote
        let st = Style::detect("a: |\n      x:\n         y\nb:\n  c: 1\n");
        assert_eq!(st.indent, 2);
        // list items with keys: the keys after the dash count from the dash
        let st = Style::detect("items:\n  - name: a\n    spec:\n      x: 1\n");
        assert_eq!((st.indent, st.indented_sequences), (2, true));
        assert_eq!(Style::detect(""), Style::default());
        assert_eq!(Style::detect("# nothing\n"), Style::default());
    }

    #[test]
    fn a_missing_key_goes_after_the_last_entry() {
        let text = "services:\n  web:\n    image: x:1  # pinned\n\n  db:\n    image: y\n";
        let out = edit(text, |e, r| {
            e.set(at(r, &["services", "web"]), &["read_only"], &s("true"))
        });
        assert_eq!(
            out.unwrap(),
            "services:\n  web:\n    image: x:1  # pinned\n    read_only: true\n\n  db:\n    image: y\n"
        );
        // the whole path is created, in the file's indentation
        let text = "spec:\n    containers:\n    -   name: a\n        image: x\n";
        let out = edit(text, |e, r| {
            let c = &r.path(&["spec", "containers"]).unwrap().as_seq().unwrap()[0];
            e.set(c, &["securityContext", "allowPrivilegeEscalation"], &s("false"))
        });
        assert_eq!(
            out.unwrap(),
            "spec:\n    containers:\n    -   name: a\n        image: x\n        securityContext:\n            allowPrivilegeEscalation: false\n"
        );
        // into an existing nested mapping, with what follows it kept
        let text = "c:\n  securityContext:\n    runAsUser: 1000\n  image: x\n";
        let out = edit(text, |e, r| {
            e.set(
                at(r, &["c"]),
                &["securityContext", "capabilities", "drop"],
                &New::Seq(vec![s("ALL")]),
            )
        });
        assert_eq!(
            out.unwrap(),
            "c:\n  securityContext:\n    runAsUser: 1000\n    capabilities:\n      drop:\n        - ALL\n  image: x\n"
        );
    }

    #[test]
    fn an_existing_scalar_is_replaced_and_its_comment_kept() {
        let text = "a:\n  b: true  # why\n  c: \"x\"\n";
        assert_eq!(
            edit(text, |e, r| e.set(r, &["a", "b"], &s("false"))).unwrap(),
            "a:\n  b: false  # why\n  c: \"x\"\n"
        );
        assert_eq!(
            edit(text, |e, r| e.set(r, &["a", "c"], &s("Always"))).unwrap(),
            "a:\n  b: true  # why\n  c: Always\n"
        );
        // a value on the line below its key
        let text = "a:\n  b:\n    0\n";
        assert_eq!(
            edit(text, |e, r| e.set(r, &["a", "b"], &s("1"))).unwrap(),
            "a:\n  b:\n    1\n"
        );
    }

    #[test]
    fn a_key_without_value_or_with_an_empty_one_is_filled() {
        assert_eq!(
            edit("a:\n  sc:\n  x: 1\n", |e, r| e.set(r, &["a", "sc", "k"], &s("v"))).unwrap(),
            "a:\n  sc:\n    k: v\n  x: 1\n"
        );
        assert_eq!(
            edit("a:\n  b:\n", |e, r| e.set(r, &["a", "b"], &s("v"))).unwrap(),
            "a:\n  b: v\n"
        );
        assert_eq!(
            edit("a:\n  sc:  # later\n", |e, r| e.set(r, &["a", "sc", "k"], &s("v"))).unwrap(),
            "a:\n  sc:  # later\n    k: v\n"
        );
        // `{}`, `[]` and `~`: replaced whole, a comment after them kept
        assert_eq!(
            edit("c:\n  sc: {}\n", |e, r| e.set(r, &["c", "sc", "k"], &s("v"))).unwrap(),
            "c:\n  sc:\n    k: v\n"
        );
        assert_eq!(
            edit("c:\n  sc: {}  # none yet\n", |e, r| e.set(
                r,
                &["c", "sc", "k"],
                &s("v")
            ))
            .unwrap(),
            "c:\n  sc:  # none yet\n    k: v\n"
        );
        assert_eq!(
            edit("c:\n  l: []\n", |e, r| e.append(r, &["c", "l"], &s("x"))).unwrap(),
            "c:\n  l:\n    - x\n"
        );
        assert_eq!(
            edit("c:\n  l: ~\n", |e, r| e.append(r, &["c", "l"], &s("x"))).unwrap(),
            "c:\n  l:\n    - x\n"
        );
        assert_eq!(
            edit("c: {}\n", |e, r| e.set(r, &["c", "k"], &s("v"))).unwrap(),
            "c:\n  k: v\n"
        );
        assert_eq!(edit("c: ~\n", |e, r| e.set(r, &["c"], &s("1"))).unwrap(), "c: 1\n");
        // a list is not a mapping, nor the reverse
        assert_eq!(edit("c:\n  l: []\n", |e, r| e.set(r, &["c", "l", "k"], &s("v"))), None);
        assert_eq!(edit("c:\n  m: {}\n", |e, r| e.append(r, &["c", "m"], &s("v"))), None);
    }

    #[test]
    fn line_endings_and_the_last_line() {
        // CRLF stays CRLF
        let text = "a:\r\n  b: 1\r\nc: 2\r\n";
        assert_eq!(
            edit(text, |e, r| e.set(r, &["a", "x", "y"], &s("z"))).unwrap(),
            "a:\r\n  b: 1\r\n  x:\r\n    y: z\r\nc: 2\r\n"
        );
        assert_eq!(
            edit(text, |e, r| e.set(r, &["a", "b"], &s("3"))).unwrap(),
            "a:\r\n  b: 3\r\nc: 2\r\n"
        );
        assert_eq!(edit(text, |e, r| e.remove(r, &["c"])).unwrap(), "a:\r\n  b: 1\r\n");
        assert_eq!(
            edit("a:\r\n  sc: {}\r\n", |e, r| e.set(r, &["a", "sc", "k"], &s("v"))).unwrap(),
            "a:\r\n  sc:\r\n    k: v\r\n"
        );
        // no line break at the end: none is added
        assert_eq!(
            edit("a:\n  b: 1", |e, r| e.set(r, &["a", "c"], &s("2"))).unwrap(),
            "a:\n  b: 1\n  c: 2"
        );
        assert_eq!(edit("a: 1\nb:\n  c: 2", |e, r| e.remove(r, &["b"])).unwrap(), "a: 1\n");
        assert_eq!(
            edit("l:\n- b\n- a", |e, r| e.reorder(r, &["l"], &[1, 0])).unwrap(),
            "l:\n- a\n- b"
        );
        // lone carriage returns: no edit
        assert_eq!(edit("a:\r  b: 1\r", |e, r| e.set(r, &["a", "c"], &s("2"))), None);
    }

    #[test]
    fn documents_are_edited_apart() {
        let text = "kind: A\nspec:\n  x: 1\n---\nkind: B\nspec:\n  x: 2\n";
        assert_eq!(
            edit_doc(text, 0, |e, r| e.set(r, &["spec", "y"], &s("3"))).unwrap(),
            "kind: A\nspec:\n  x: 1\n  y: 3\n---\nkind: B\nspec:\n  x: 2\n"
        );
        assert_eq!(
            edit_doc(text, 1, |e, r| e.set(r, &["spec", "y"], &s("3"))).unwrap(),
            "kind: A\nspec:\n  x: 1\n---\nkind: B\nspec:\n  x: 2\n  y: 3\n"
        );
        // the document itself takes new top-level keys at its end, before `---`
        assert_eq!(
            edit_doc(text, 0, |e, r| e.set(r, &["z"], &s("1"))).unwrap(),
            "kind: A\nspec:\n  x: 1\nz: 1\n---\nkind: B\nspec:\n  x: 2\n"
        );
        assert_eq!(
            edit_doc("a: 1\n...\n---\nb: 2\n", 0, |e, r| e.remove(r, &["a"])).unwrap(),
            "...\n---\nb: 2\n"
        );
    }

    #[test]
    fn a_key_can_go_first() {
        let text = "spec:  # the pod\n  # about containers\n  containers:\n  - name: a\n";
        assert_eq!(
            edit(text, |e, r| e.set_at(
                at(r, &["spec"]),
                &["automount"],
                &s("false"),
                Place::First
            ))
            .unwrap(),
            "spec:  # the pod\n  automount: false\n  # about containers\n  containers:\n  - name: a\n"
        );
        // a list item: after its first entry, when that is one line
        let item = |r: &Node| r.path(&["spec", "containers"]).unwrap().as_seq().unwrap()[0].clone();
        let text = "spec:\n  containers:\n  - name: a  # web\n    image: x\n";
        assert_eq!(
            edit(text, |e, r| e.set_at(&item(r), &["sc", "p"], &s("false"), Place::First)).unwrap(),
            "spec:\n  containers:\n  - name: a  # web\n    sc:\n      p: false\n    image: x\n"
        );
        let text = "spec:\n  containers:\n  - args:\n    - x\n    image: x\n";
        assert_eq!(
            edit(text, |e, r| e.set_at(&item(r), &["sc"], &s("1"), Place::First)).unwrap(),
            "spec:\n  containers:\n  - args:\n    - x\n    image: x\n    sc: 1\n"
        );
        // the document: after its last entry
        assert_eq!(
            edit("a: 1\n", |e, r| e.set_at(r, &["b"], &s("2"), Place::First)).unwrap(),
            "a: 1\nb: 2\n"
        );
    }

    #[test]
    fn lists_are_written_in_the_files_style() {
        let flush = "spec:\n  containers:\n  - name: a\n    image: x\n";
        let c = |r: &Node| r.path(&["spec", "containers"]).unwrap().as_seq().unwrap()[0].clone();
        assert_eq!(
            edit(flush, |e, r| e.append(&c(r), &["securityContext", "capabilities", "drop"], &s("ALL"))).unwrap(),
            "spec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n"
        );
        // appended to an existing block list, after its last item and comment
        let text = "a:\n  l:\n  - x\n  - y  # c\nb: 1\n";
        assert_eq!(
            edit(text, |e, r| e.append(r, &["a", "l"], &s("z"))).unwrap(),
            "a:\n  l:\n  - x\n  - y  # c\n  - z\nb: 1\n"
        );
        // a list of mappings
        let text = "a:\n  b: 1\n";
        let probe = New::Map(vec![("name".into(), s("x")), ("port".into(), s("80"))]);
        assert_eq!(
            edit(text, |e, r| e.set(r, &["a", "ports"], &New::Seq(vec![probe.clone()]))).unwrap(),
            "a:\n  b: 1\n  ports:\n    - name: x\n      port: 80\n"
        );
        // a flow list is left alone
        assert_eq!(edit("a:\n  l: [x]\n", |e, r| e.append(r, &["a", "l"], &s("z"))), None);
        assert_eq!(edit("a:\n  l: x\n", |e, r| e.append(r, &["a", "l"], &s("z"))), None);
    }

    #[test]
    fn what_cannot_be_edited_safely_is_refused() {
        // flow mappings on the path
        assert_eq!(edit("a: {b: 1}\n", |e, r| e.set(r, &["a", "c"], &s("2"))), None);
        assert_eq!(edit("a: {b: 1}\n", |e, r| e.set(at(r, &["a"]), &["c"], &s("2"))), None);
        assert_eq!(
            edit("l:\n- {name: a}\n", |e, r| e.set(
                &at(r, &["l"]).as_seq().unwrap()[0],
                &["c"],
                &s("2")
            )),
            None
        );
        // aliases and anchors: the edit would reach every use
        let text = "x: &x\n  b: 1\ny: *x\n";
        assert_eq!(edit(text, |e, r| e.set(r, &["y", "c"], &s("2"))), None);
        assert_eq!(edit(text, |e, r| e.set(at(r, &["y"]), &["c"], &s("2"))), None);
        assert_eq!(edit(text, |e, r| e.set(r, &["x", "c"], &s("2"))), None);
        assert_eq!(edit(text, |e, r| e.set(at(r, &["x"]), &["c"], &s("2"))), None);
        assert_eq!(edit("x: &v 1\n", |e, r| e.set(r, &["x"], &s("2"))), None);
        assert_eq!(edit("x: !!str 1\n", |e, r| e.set(r, &["x"], &s("2"))), None);
        // merge keys: a merged key is written elsewhere; a new key is fine
        let text = "x: &x\n  b: 1\ny:\n  <<: *x\n  c: 2\n";
        assert_eq!(edit(text, |e, r| e.set(r, &["y", "b"], &s("3"))), None);
        assert_eq!(
            edit(text, |e, r| e.set(r, &["y", "d"], &s("3"))).unwrap(),
            "x: &x\n  b: 1\ny:\n  <<: *x\n  c: 2\n  d: 3\n"
        );
        assert_eq!(edit(text, |e, r| e.remove(r, &["y", "c"])), None);
        // multi-line and block scalars
        assert_eq!(
            edit("a:\n  b: one\n    two\n", |e, r| e.set(r, &["a", "b"], &s("x"))),
            None
        );
        assert_eq!(
            edit("a:\n  b: 'one\n    two'\n", |e, r| e.set(r, &["a", "b"], &s("x"))),
            None
        );
        assert_eq!(edit("a:\n  b: |\n    x\n", |e, r| e.set(r, &["a", "b"], &s("x"))), None);
        // a kept block scalar ends the mapping: new lines would join it
        assert_eq!(
            edit("a:\n  b: |+\n    x\n\n", |e, r| e.set(r, &["a", "c"], &s("x"))),
            None
        );
        assert!(edit("a:\n  b: |\n    x\n\n", |e, r| e.set(r, &["a", "c"], &s("x"))).is_some());
        // a scalar does not become a mapping
        assert_eq!(edit("a:\n  b: 1\n", |e, r| e.set(r, &["a", "b", "c"], &s("x"))), None);
        // nor a mapping a scalar
        assert_eq!(
            edit("a:\n  b:\n    c: 1\n", |e, r| e.set(r, &["a", "b"], &s("x"))),
            None
        );
    }

    #[test]
    fn entries_and_items_are_deleted_with_their_lines() {
        let text = "# compose\nversion: '3.8'  # old\nservices:\n  a:\n    image: x\n";
        assert_eq!(
            edit(text, |e, r| e.remove(r, &["version"])).unwrap(),
            "# compose\nservices:\n  a:\n    image: x\n"
        );
        let text = "a:\n  sc:\n    p: true\n    # note\n    q: 1\n  b: 2\n";
        assert_eq!(edit(text, |e, r| e.remove(r, &["a", "sc"])).unwrap(), "a:\n  b: 2\n");
        assert_eq!(
            edit(text, |e, r| e.remove(r, &["a", "sc", "q"])).unwrap(),
            "a:\n  sc:\n    p: true\n    # note\n  b: 2\n"
        );
        // the first key of a list item shares the `- ` line
        let text = "l:\n- a: 1\n  b: 2\n";
        assert_eq!(
            edit(text, |e, r| e.remove(&at(r, &["l"]).as_seq().unwrap()[0], &["a"])),
            None
        );
        assert_eq!(
            edit(text, |e, r| e.remove(&at(r, &["l"]).as_seq().unwrap()[0], &["b"])).unwrap(),
            "l:\n- a: 1\n"
        );
        // an anchor others use is not deleted
        assert_eq!(edit("a: &a 1\nb: *a\n", |e, r| e.remove(r, &["a"])), None);
        assert_eq!(edit("a: 1\n", |e, r| e.remove(r, &["zz"])), None);
        // list items
        let text = "env:\n- name: A\n  value: '1'\n- name: B\n  value: '2'\n- name: A\n  value: '3'\n";
        assert_eq!(
            edit(text, |e, r| e.remove_item(r, &["env"], 0)).unwrap(),
            "env:\n- name: B\n  value: '2'\n- name: A\n  value: '3'\n"
        );
        assert_eq!(
            edit(text, |e, r| e.remove_item(r, &["env"], 2)).unwrap(),
            "env:\n- name: A\n  value: '1'\n- name: B\n  value: '2'\n"
        );
        assert_eq!(edit("env: [a, b]\n", |e, r| e.remove_item(r, &["env"], 0)), None);
        assert_eq!(edit("l:\n-\n  a: 1\n", |e, r| e.remove_item(r, &["l"], 0)), None);
        // replacing an item
        assert_eq!(
            edit("o:\n  - a\n  - no-new-privileges:false  # x\n", |e, r| e.replace_item(
                r,
                &["o"],
                1,
                "no-new-privileges:true"
            ))
            .unwrap(),
            "o:\n  - a\n  - no-new-privileges:true  # x\n"
        );
        assert_eq!(edit("o: [a]\n", |e, r| e.replace_item(r, &["o"], 0, "b")), None);
    }

    #[test]
    fn quoting_keeps_the_string() {
        let text = "ports:\n  - 80:80\n  - 443  # tls\n  - a\"b\n  - \"8080:80\"\n  - 0x1F\n";
        let q = |i: usize| edit(text, |e, r| e.quote(&at(r, &["ports"]).as_seq().unwrap()[i]));
        assert_eq!(q(0).unwrap(), text.replace("- 80:80", "- \"80:80\""));
        assert_eq!(q(1).unwrap(), text.replace("- 443", "- \"443\""));
        assert_eq!(q(2).unwrap(), text.replace("- a\"b", "- 'a\"b'"));
        assert_eq!(q(3), None, "already quoted");
        assert_eq!(q(4), None, "0x1F is 31: quoting would change it");
        let text = "p: &p 1\nports:\n  - *p\n";
        assert_eq!(
            edit(text, |e, r| e.quote(&at(r, &["ports"]).as_seq().unwrap()[0])),
            None
        );
        // inside a flow list too
        assert_eq!(
            edit("ports: [80:80]\n", |e, r| e
                .quote(&at(r, &["ports"]).as_seq().unwrap()[0]))
            .unwrap(),
            "ports: [\"80:80\"]\n"
        );
    }

    #[test]
    fn unquoting_only_when_the_plain_form_reads_the_same() {
        let un = |v: &str| {
            let text = format!("volumes:\n  - {v}\n");
            edit(&text, |e, r| e.unquote(&at(r, &["volumes"]).as_seq().unwrap()[0]))
                .map(|t| t.trim_start_matches("volumes:\n  - ").trim_end().to_string())
        };
        assert_eq!(
            un("\"./site:/usr/share/nginx/html:ro\"").as_deref(),
            Some("./site:/usr/share/nginx/html:ro")
        );
        assert_eq!(un("'data:/data'").as_deref(), Some("data:/data"));
        assert_eq!(un("'a,b:/c'").as_deref(), Some("a,b:/c"));
        assert_eq!(un("\"${DATA:-./d}:/d\"").as_deref(), Some("${DATA:-./d}:/d"));
        for v in [
            "\"a #b:/c\"",
            "\"#x:/y\"",
            "\"- x\"",
            "\"a: b\"",
            "\"yes\"",
            "\"on\"",
            "\"1:30\"",
            "\"80\"",
            "\"null\"",
            "\"[x]\"",
            "\" x\"",
            "\"*x\"",
            "\"&x\"",
            "\"!x\"",
            "\"\"",
            "\"a\\tb\"",
            "'a\n  b'",
            "plain",
        ] {
            assert_eq!(un(v), None, "{v}");
        }
    }

    #[test]
    fn entries_move_with_their_lines() {
        // a block list
        let text = "depends_on:\n  - redis  # cache\n  - db\nx: 1\n";
        assert_eq!(
            edit(text, |e, r| e.reorder(r, &["depends_on"], &[1, 0])).unwrap(),
            "depends_on:\n  - db\n  - redis  # cache\nx: 1\n"
        );
        // a block mapping: each entry with its body and inner comments; blank lines stay put
        let text =
            "services:\n  web:\n    image: w\n    # inner\n    ports: [\"80\"]\n\n  api:\n    image: a\nvolumes: {}\n";
        assert_eq!(
            edit(text, |e, r| e.reorder(r, &["services"], &[1, 0])).unwrap(),
            "services:\n  api:\n    image: a\n\n  web:\n    image: w\n    # inner\n    ports: [\"80\"]\nvolumes: {}\n"
        );
        // list items that are mappings
        let text = "ports:\n  - target: 443\n    published: 8443\n  - target: 80\n    published: 8080\n";
        assert_eq!(
            edit(text, |e, r| e.reorder(r, &["ports"], &[1, 0])).unwrap(),
            "ports:\n  - target: 80\n    published: 8080\n  - target: 443\n    published: 8443\n"
        );
        // a one-line flow list keeps its spacing
        assert_eq!(
            edit("d: [ z,b ,a ]\n", |e, r| e.reorder(r, &["d"], &[2, 1, 0])).unwrap(),
            "d: [ a,b ,z ]\n"
        );
        // CRLF and no final line break
        assert_eq!(
            edit("m:\r\n  b: 1\r\n  a: 2", |e, r| e.reorder(r, &["m"], &[1, 0])).unwrap(),
            "m:\r\n  a: 2\r\n  b: 1"
        );
        // the order it has already: no edit
        assert_eq!(edit("d:\n- a\n- b\n", |e, r| e.reorder(r, &["d"], &[0, 1])), None);
    }

    #[test]
    fn reordering_refuses_what_it_cannot_move_reliably() {
        let refused = |text: &str, path: &[&str]| {
            assert_eq!(edit(text, |e, r| e.reorder(r, path, &[1, 0])), None, "{text}");
        };
        // a comment between entries, above the first or below the last may be about either
        refused("s:\n  b: 1\n  # about a\n  a: 2\n", &["s"]);
        refused("s:\n  # about b\n  b: 1\n  a: 2\n", &["s"]);
        refused("s:\n  b: 1\n  a: 2\n  # after a\nt: 1\n", &["s"]);
        // an anchor defined in what moves: its alias could come first
        refused("s:\n  b: &x 1\n  a: *x\n", &["s"]);
        // a merge key among the entries
        refused("x: &x {k: 1}\ns:\n  b: 1\n  <<: *x\n  a: 2\n", &["s"]);
        // a duplicate key the reading dropped sits between the others
        refused("s:\n  b: 1\n  a: 2\n  b: 3\n", &["s"]);
        // multi-line flow lists, flow mappings
        refused("d: [z,\n  a]\n", &["d"]);
        refused("d: {z: 1, a: 2}\n", &["d"]);
        assert_eq!(
            edit("l:\n  - \"${A:-x}:/d\"\n", |e, r| e
                .unquote(&at(r, &["l"]).as_seq().unwrap()[0]))
            .unwrap(),
            "l:\n  - ${A:-x}:/d\n"
        );
        assert_eq!(
            edit("l: [\"${A}:/d\"]\n", |e, r| e
                .unquote(&at(r, &["l"]).as_seq().unwrap()[0])),
            None
        );
        // a kept block scalar's trailing lines
        refused("s:\n  b: |+\n    x\n\n  a: 1\n", &["s"]);
        // not a permutation
        assert_eq!(edit("d: [b, a]\n", |e, r| e.reorder(r, &["d"], &[0, 0])), None);
        assert_eq!(edit("d: [b, a]\n", |e, r| e.reorder(r, &["d"], &[1])), None);
    }

    #[test]
    fn the_lines_of_an_entry_the_model_dropped() {
        let text = "c:\n  env:\n  - name: A\n    value: x\n  # next\n  env:\n  - name: B\n";
        let e = Editor::new(text);
        let first = text.find("env").unwrap() as u32;
        let span = e.entry_lines(Span::new(first, first + 3)).unwrap();
        assert_eq!(span.text(text), "  env:\n  - name: A\n    value: x\n");
        let text = "a:\n  image: x\n  ports:\n    - 80\n  image: y\n";
        let e = Editor::new(text);
        let first = text.find("image").unwrap() as u32;
        assert_eq!(
            e.entry_lines(Span::new(first, first + 5)).unwrap().text(text),
            "  image: x\n"
        );
        // a key inside a flow mapping has no lines of its own
        let text = "a: {x: 1, x: 2}\n";
        let at = text.find('x').unwrap() as u32;
        assert_eq!(Editor::new(text).entry_lines(Span::new(at, at + 1)), None);
    }

    #[test]
    fn values_compare_without_spans() {
        let a = parse_lenient("a: [1, {b: 'x'}]\n").unwrap().docs;
        let b = parse_lenient("\na:\n  - 1\n  - b: x\n").unwrap().docs;
        assert!(same_value(&a[0], &b[0]));
        let c = parse_lenient("a: [1, {b: y}]\n").unwrap().docs;
        assert!(!same_value(&a[0], &c[0]));
    }
}
