//! Block context: the stream of documents, block nodes, block sequences and
//! mappings (with merge keys and the duplicate-key check, `KeySet`, which
//! flow mappings share: strict, an error; lenient, the later entry wins and
//! the pair is recorded), node properties (`&anchor`, `!tag`) and aliases.

use super::scanner::{flow_indicator, is_blank, is_break, Parser};
use super::{Node, Value, MAX_ALIAS_NODES, MAX_DEPTH, R};
use crate::span::Span;
use std::collections::HashMap;

/// The keys of a mapping seen so far: duplicates found in linear time.
#[derive(Default)]
pub(super) struct KeySet {
    /// Scalar keys by a hash of their kind and text: the entries with that
    /// hash (almost always one), compared for real on a match. Nothing is
    /// copied per key.
    scalars: HashMap<u64, Vec<usize>>,
    /// Entries whose key is a collection (rare): compared one by one.
    others: Vec<usize>,
    /// Entries replaced by a later one with the same key (lenient reading).
    dropped: Vec<usize>,
}

impl KeySet {
    /// The index of an earlier equal key, which from now on is entry `index`
    /// (the later one wins); otherwise `key` is recorded as entry `index`.
    pub(super) fn check(&mut self, key: &Value, index: usize, entries: &[(Node, Node)]) -> Option<usize> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        match key {
            Value::Null => return None,
            Value::Str(s) => (0u8, s).hash(&mut h),
            Value::Int(i) => (1u8, i).hash(&mut h),
            Value::Bool(b) => (2u8, b).hash(&mut h),
            // by text: `1.0` and `1.00` count as different keys here
            Value::Float(f) => (3u8, f).hash(&mut h),
            Value::Seq(_) | Value::Map(_) => {
                let at = self.others.iter().position(|&i| entries[i].0.value == *key);
                return match at {
                    Some(at) => Some(std::mem::replace(&mut self.others[at], index)),
                    None => {
                        self.others.push(index);
                        None
                    }
                };
            }
        }
        let bucket = self.scalars.entry(h.finish()).or_default();
        match bucket
            .iter_mut()
            .find(|i| entries.get(**i).is_some_and(|e| e.0.value == *key))
        {
            Some(earlier) => Some(std::mem::replace(earlier, index)),
            None => {
                bucket.push(index);
                None
            }
        }
    }

    /// Entry `index` gives way to a later entry with the same key.
    pub(super) fn drop_entry(&mut self, index: usize) {
        self.dropped.push(index);
    }

    /// The entries without those a later duplicate replaced, in file order.
    pub(super) fn kept(&self, entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
        if self.dropped.is_empty() {
            return entries;
        }
        let mut gone = vec![false; entries.len()];
        for &i in &self.dropped {
            gone[i] = true;
        }
        entries
            .into_iter()
            .zip(gone)
            .filter_map(|(e, gone)| (!gone).then_some(e))
            .collect()
    }
}

impl<'a> Parser<'a> {
    pub(super) fn stream(&mut self) -> R<Vec<Node>> {
        let mut docs = Vec::new();
        loop {
            self.skip_lines()?;
            while self.col() == 0 && self.peek() == Some(b'%') {
                while !self.at_eol() {
                    self.pos += 1;
                }
                self.skip_lines()?;
            }
            if self.eof() {
                break;
            }
            let start = self.pos;
            let explicit = self.doc_marker(b"---");
            if explicit {
                self.pos += 3;
                self.skip_to_eol();
                if self.at_eol() {
                    self.skip_lines()?;
                }
            } else if self.doc_marker(b"...") {
                self.pos += 3;
                self.skip_to_eol();
                continue;
            }
            let node = if self.eof() || self.doc_marker(b"---") || self.doc_marker(b"...") {
                Node::new(Value::Null, start, start)
            } else {
                self.anchors.clear();
                self.block_node(-1)?
            };
            docs.push(node);
            self.skip_lines()?;
            if self.doc_marker(b"...") {
                self.pos += 3;
                self.skip_to_eol();
                self.skip_lines()?;
            }
            if !self.eof() && !self.doc_marker(b"---") {
                return self.err(
                    self.pos,
                    "unexpected content: a document holds one top-level node (indentation?)",
                );
            }
        }
        Ok(docs)
    }

    /// Reads `&anchor` and `!tag` properties; returns the anchor name and
    /// whether `!!str` forces a string.
    pub(super) fn properties(&mut self) -> R<(Option<String>, bool)> {
        let mut anchor = None;
        let mut force_str = false;
        loop {
            match self.peek() {
                Some(b'&') => {
                    let start = self.pos + 1;
                    self.pos += 1;
                    while self
                        .peek()
                        .is_some_and(|c| !is_blank(c) && !is_break(c) && !flow_indicator(c))
                    {
                        self.pos += 1;
                    }
                    if self.pos == start {
                        return self.err(start, "an anchor needs a name after `&`");
                    }
                    anchor = Some(self.s[start..self.pos].to_string());
                }
                Some(b'!') => {
                    let start = self.pos;
                    while self
                        .peek()
                        .is_some_and(|c| !is_blank(c) && !is_break(c) && !flow_indicator(c))
                    {
                        self.pos += 1;
                    }
                    force_str |= &self.s[start..self.pos] == "!!str";
                }
                _ => return Ok((anchor, force_str)),
            }
            self.skip_blanks();
        }
    }

    pub(super) fn remember(&mut self, anchor: Option<String>, node: &Node) {
        if let Some(a) = anchor {
            let size = node.size();
            self.anchors.insert(a, (node.clone(), size));
        }
    }

    pub(super) fn alias(&mut self) -> R<Node> {
        let start = self.pos;
        self.pos += 1;
        while self
            .peek()
            .is_some_and(|c| !is_blank(c) && !is_break(c) && !flow_indicator(c))
        {
            self.pos += 1;
        }
        let name = &self.s[start + 1..self.pos];
        let Some((node, size)) = self.anchors.get(name) else {
            return self.err(start, format!("alias `*{name}` refers to no anchor defined before it"));
        };
        self.alias_nodes += size;
        if self.alias_nodes > MAX_ALIAS_NODES {
            return self.err(
                start,
                format!(
                    "aliases expand to more than {MAX_ALIAS_NODES} nodes: refusing (a \"billion laughs\" document?)"
                ),
            );
        }
        // the copy nests as deep as its anchor did, from here: without this,
        // anchors built on aliases of each other nest without bound
        if self.depth + node.height() > MAX_DEPTH {
            return self.err(
                start,
                format!("alias `*{name}` nests the document deeper than {MAX_DEPTH} levels"),
            );
        }
        let mut n = node.clone();
        n.span = Span::from_usize(start, self.pos);
        Ok(n)
    }

    /// A node in block context whose parent is indented at `indent`.
    fn block_node(&mut self, indent: isize) -> R<Node> {
        self.enter()?;
        let r = self.block_node_inner(indent);
        self.depth -= 1;
        r
    }

    fn block_node_inner(&mut self, indent: isize) -> R<Node> {
        let (anchor, force_str) = self.properties()?;
        if anchor.is_some() || force_str {
            self.skip_to_eol();
            if self.at_eol() {
                // the node follows on the next lines
                self.skip_lines()?;
                let col = self.col() as isize;
                let node = if self.eof() || col <= indent && !(col == indent && self.is_seq_entry()) {
                    Node::new(Value::Null, self.pos, self.pos)
                } else {
                    // through the depth guard: a run of property-only lines
                    // (`&a`, `!!str`) recurses once per line
                    self.block_node(indent)?
                };
                self.remember(anchor, &node);
                return Ok(node);
            }
        }
        let col = self.col();
        let mut node = match self.peek() {
            None => Node::new(Value::Null, self.pos, self.pos),
            Some(b'*') => {
                let n = self.alias()?;
                if self.is_key_after_scalar() {
                    self.block_map(col, Some(n))?
                } else {
                    n
                }
            }
            Some(b'-') if self.sep_after(self.pos) => self.block_seq(col)?,
            Some(b'?') if self.sep_after(self.pos) => self.block_map(col, None)?,
            Some(b'|') | Some(b'>') => self.block_scalar(indent)?,
            Some(b'[') | Some(b'{') => {
                let n = self.flow_node()?;
                if self.is_key_after_scalar() {
                    self.block_map(col, Some(n))?
                } else {
                    n
                }
            }
            Some(b'"') | Some(b'\'') => {
                let n = self.quoted()?;
                if self.is_key_after_scalar() {
                    self.block_map(col, Some(n))?
                } else {
                    n
                }
            }
            Some(_) => {
                if self.plain_key_ahead() {
                    self.block_map(col, None)?
                } else {
                    self.plain(indent, false)?
                }
            }
        };
        if force_str {
            if let Some(t) = node.scalar_text().filter(|_| !matches!(node.value, Value::Str(_))) {
                node.value = Value::Str(t);
            }
        }
        self.remember(anchor, &node);
        Ok(node)
    }

    fn is_seq_entry(&self) -> bool {
        self.peek() == Some(b'-') && self.sep_after(self.pos)
    }

    /// After a scalar or flow node: is it a key (`:` then a separator)?
    fn is_key_after_scalar(&self) -> bool {
        let mut i = self.pos;
        while self.peek_at(i).is_some_and(is_blank) {
            i += 1;
        }
        self.peek_at(i) == Some(b':') && self.peek_at(i + 1).is_none_or(|c| is_blank(c) || is_break(c))
    }

    /// Does the plain scalar starting here end with `: ` on this line (a key)?
    pub(super) fn plain_key_ahead(&self) -> bool {
        let mut i = self.pos;
        while let Some(c) = self.peek_at(i) {
            if is_break(c) {
                return false;
            }
            if c == b':' && self.peek_at(i + 1).is_none_or(|n| is_blank(n) || is_break(n)) {
                return true;
            }
            if c == b'#' && i > self.pos && self.peek_at(i - 1).is_some_and(is_blank) {
                return false;
            }
            i += 1;
        }
        false
    }

    fn block_seq(&mut self, col: usize) -> R<Node> {
        let start = self.pos;
        let mut items = Vec::new();
        let mut end = self.pos;
        loop {
            // at `-`
            let dash = self.pos;
            self.pos += 1;
            self.skip_to_eol();
            let item = if self.at_eol() {
                self.skip_lines()?;
                let c = self.col();
                if !self.eof() && (c > col) && !self.doc_marker(b"---") && !self.doc_marker(b"...") {
                    self.block_node(col as isize)?
                } else {
                    Node::new(Value::Null, dash + 1, dash + 1)
                }
            } else {
                self.block_node(col as isize)?
            };
            end = end.max(item.span.end as usize).max(dash + 1);
            items.push(item);
            self.skip_lines()?;
            if self.eof() || self.doc_marker(b"---") || self.doc_marker(b"...") {
                break;
            }
            let c = self.col();
            if c == col && self.is_seq_entry() {
                continue;
            }
            if c > col {
                return self.err(self.pos, "unexpected indentation inside a list");
            }
            break;
        }
        Ok(Node::new(Value::Seq(items), start, end))
    }

    /// A block mapping whose keys sit at column `col`; `first_key` is a key
    /// already read (quoted, alias or flow).
    fn block_map(&mut self, col: usize, mut first_key: Option<Node>) -> R<Node> {
        let start = first_key.as_ref().map(|k| k.span.start as usize).unwrap_or(self.pos);
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut seen = KeySet::default();
        let mut merges: Vec<Node> = Vec::new();
        let mut first_merge: Option<Span> = None;
        let mut end = start;
        loop {
            let key = match first_key.take() {
                Some(k) => k,
                None if self.peek() == Some(b'?') && self.sep_after(self.pos) => {
                    self.pos += 1;
                    self.skip_to_eol();
                    let k = if self.at_eol() {
                        self.skip_lines()?;
                        if self.col() > col {
                            self.block_node(col as isize)?
                        } else {
                            Node::new(Value::Null, self.pos, self.pos)
                        }
                    } else {
                        self.block_node(col as isize)?
                    };
                    self.skip_lines()?;
                    if !(self.col() == col && self.peek() == Some(b':')) {
                        entries.push((k, Node::new(Value::Null, self.pos, self.pos)));
                        if self.eof() || self.col() < col {
                            break;
                        }
                        continue;
                    }
                    k
                }
                None => {
                    let (anchor, _) = self.properties()?;
                    let k = match self.peek() {
                        Some(b'"') | Some(b'\'') => self.quoted()?,
                        Some(b'*') => self.alias()?,
                        Some(b'[') | Some(b'{') => self.flow_node()?,
                        Some(b':') => Node::new(Value::Null, self.pos, self.pos),
                        _ => self.plain_key()?,
                    };
                    self.remember(anchor, &k);
                    k
                }
            };
            self.skip_blanks();
            if self.peek() != Some(b':') {
                return self.err(self.pos, "expected `:` after the mapping key");
            }
            self.pos += 1;
            let colon = self.pos;
            self.skip_to_eol();
            let value = if self.at_eol() {
                self.skip_lines()?;
                let c = self.col();
                if self.eof() || self.doc_marker(b"---") || self.doc_marker(b"...") {
                    Node::new(Value::Null, colon, colon)
                } else if c > col || (c == col && self.is_seq_entry()) {
                    self.block_node(col as isize)?
                } else {
                    Node::new(Value::Null, colon, colon)
                }
            } else {
                self.block_node(col as isize)?
            };
            end = end.max(value.span.end as usize).max(colon);
            if key.as_str() == Some("<<") && !key.quoted {
                match first_merge {
                    // every source is merged, but Compose (and kustomize) refuse a second `<<`
                    Some(first) if !self.strict => self.duplicate(&key, first, true),
                    Some(_) => {}
                    None => first_merge = Some(key.span),
                }
                merges.push(value);
            } else {
                if let Some(i) = seen.check(&key.value, entries.len(), &entries) {
                    let first = entries[i].0.span;
                    if self.strict {
                        let line = self.b[..first.start as usize].iter().filter(|&&c| c == b'\n').count() + 1;
                        return self.err(
                            key.span.start as usize,
                            format!(
                                "duplicate key `{}` (first defined on line {line})",
                                key.scalar_text().unwrap_or_default()
                            ),
                        );
                    }
                    self.duplicate(&key, first, false);
                    seen.drop_entry(i);
                }
                entries.push((key, value));
            }
            self.skip_lines()?;
            if self.eof() || self.doc_marker(b"---") || self.doc_marker(b"...") {
                break;
            }
            let c = self.col();
            if c < col || (c == col && self.is_seq_entry()) {
                break;
            }
            if c > col {
                return self.err(
                    self.pos,
                    "unexpected indentation (is the previous value missing a `:` or a `-`?)",
                );
            }
        }
        let mut entries = seen.kept(entries);
        // merge keys: earlier sources win, explicit keys win over all; the
        // keys so far in a set, so that merging thousands of keys is not a
        // search of all the others for each
        let mut present = KeySet::default();
        if !merges.is_empty() {
            for (i, (k, _)) in entries.iter().enumerate() {
                present.check(&k.value, i, &entries);
            }
        }
        for src in merges {
            let sources: Vec<Node> = match src.value {
                Value::Map(_) => vec![src],
                Value::Seq(items) => items,
                _ => Vec::new(),
            };
            for s in sources {
                if let Value::Map(m) = s.value {
                    for (k, v) in m {
                        let merged = match k.value {
                            // null and collection keys: compared one by one (rare)
                            Value::Null | Value::Seq(_) | Value::Map(_) => {
                                entries.iter().any(|(e, _)| e.value == k.value)
                            }
                            _ => present.check(&k.value, entries.len(), &entries).is_some(),
                        };
                        if !merged {
                            entries.push((k, v));
                        }
                    }
                }
            }
        }
        Ok(Node::new(Value::Map(entries), start, end))
    }
}
