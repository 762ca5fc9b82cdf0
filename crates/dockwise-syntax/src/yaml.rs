//! YAML with exact spans: Dockwise's own reader for what compose files,
//! Kubernetes manifests and configs use: block and flow collections, plain,
//! quoted and block scalars, anchors, aliases and merge keys (`<<`), tags,
//! comments and multi-document streams. Every node keeps its byte span.
//!
//! Hostile input is bounded: nesting deeper than [`MAX_DEPTH`], alias
//! expansion beyond [`MAX_ALIAS_NODES`] nodes ("billion laughs") and input
//! above [`MAX_BYTES`] are clear errors, never a hang or a memory blow-up.
//! Scalars resolve with the YAML 1.2 core schema (`yes` stays a string; see
//! [`Node::as_bool`] for the YAML 1.1 reading some tools use).
//!
//! Why not a crate: saphyr (the sound choice among them) adds about 60 KB
//! gzip to the browser build, a sixth of its budget; this reader is a
//! fraction of that, reports byte spans directly and is tested against
//! saphyr on every corpus file (`tests::agrees_with_saphyr`).

use crate::span::Span;
use std::collections::HashMap;

/// Deepest nesting accepted, in collections.
pub const MAX_DEPTH: usize = 200;
/// Largest input accepted, in bytes.
pub const MAX_BYTES: usize = 8 << 20;
/// Most nodes that aliases may copy in one document stream.
pub const MAX_ALIAS_NODES: usize = 100_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// A float as written (`0.5`, `1e3`, `.inf`): no rule does arithmetic
    /// on one, and keeping the text keeps float parsing and printing out of
    /// the browser build (about 10 KB of wasm).
    Float(String),
    /// A string, with quotes and escapes resolved.
    Str(String),
    Seq(Vec<Node>),
    /// Keys in document order; merge keys already resolved.
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    /// The scalar was quoted (`"80"` is a string on purpose).
    pub quoted: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
}

impl Node {
    fn new(value: Value, start: usize, end: usize) -> Node {
        Node {
            value,
            span: Span::from_usize(start, end.max(start)),
            quoted: false,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as text, whatever its type (`80` → "80", `true` → "true").
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => Some(String::new()),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// A boolean, also in YAML 1.1 spelling (`yes`, `on`...) when unquoted.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::Str(s) if !self.quoted => match s.as_str() {
                "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => Some(true),
                "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The entry for `key` in a mapping: (key node, value node).
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// Follows a path of keys: `node.path(&["spec", "template"])`.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |n, k| n.get(k))
    }

    /// The span of bytes `from..to` of this string's value, when the value is
    /// written as is (plain, or quoted without escapes); else the whole node.
    pub fn sub_span(&self, source: &str, from: usize, to: usize) -> Span {
        let Some(text) = self.as_str() else { return self.span };
        let (s, e) = (self.span.start as usize, self.span.end as usize);
        let raw = source.get(s..e).unwrap_or("");
        let base = if raw == text {
            s
        } else if self.quoted && raw.len() == text.len() + 2 && raw.get(1..raw.len() - 1) == Some(text) {
            s + 1
        } else {
            return self.span;
        };
        Span::from_usize(base + from.min(text.len()), base + to.min(text.len()))
    }

    /// The items of a list, or the node itself when it is a single scalar.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(v) => v,
            Value::Null => &[],
            _ => std::slice::from_ref(self),
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "list",
            Value::Map(_) => "mapping",
        }
    }

    /// Number of nodes in this subtree.
    fn size(&self) -> usize {
        1 + match &self.value {
            Value::Seq(v) => v.iter().map(Node::size).sum(),
            Value::Map(m) => m.iter().map(|(k, v)| k.size() + v.size()).sum(),
            _ => 0,
        }
    }
}

/// Parses every document of a YAML stream.
pub fn parse(text: &str) -> Result<Vec<Node>, YamlError> {
    if text.len() > MAX_BYTES {
        return Err(YamlError {
            message: format!("the document is larger than {} MB", MAX_BYTES >> 20),
            span: Span::new(0, 0),
        });
    }
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        pos: 0,
        depth: 0,
        anchors: HashMap::new(),
        alias_nodes: 0,
    };
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.stream()
}

/// Same as [`parse`]; quoted scalars are marked while parsing.
pub fn parse_marked(text: &str) -> Result<Vec<Node>, YamlError> {
    parse(text)
}

type R<T> = Result<T, YamlError>;

/// The keys of a mapping seen so far: duplicates found in linear time.
#[derive(Default)]
struct KeySet {
    scalars: HashMap<String, usize>,
    /// Entries whose key is a collection (rare): compared one by one.
    others: Vec<usize>,
}

impl KeySet {
    /// The index of an earlier equal key; otherwise `key` is recorded as entry `index`.
    fn check(&mut self, key: &Value, index: usize, entries: &[(Node, Node)]) -> Option<usize> {
        let id = match key {
            Value::Null => return None,
            Value::Str(s) => format!("s{s}"),
            Value::Int(i) => format!("i{i}"),
            Value::Bool(b) => format!("b{b}"),
            // by text: `1.0` and `1.00` count as different keys here
            Value::Float(f) => format!("f{f}"),
            Value::Seq(_) | Value::Map(_) => {
                let found = self.others.iter().copied().find(|&i| entries[i].0.value == *key);
                if found.is_none() {
                    self.others.push(index);
                }
                return found;
            }
        };
        match self.scalars.get(&id) {
            Some(&i) => Some(i),
            None => {
                self.scalars.insert(id, index);
                None
            }
        }
    }
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    depth: usize,
    anchors: HashMap<String, (Node, usize)>,
    alias_nodes: usize,
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn is_break(c: u8) -> bool {
    c == b'\n' || c == b'\r'
}

fn flow_indicator(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

impl<'a> Parser<'a> {
    fn err<T>(&self, at: usize, message: impl Into<String>) -> R<T> {
        Err(YamlError {
            message: message.into(),
            span: Span::from_usize(at, at),
        })
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    fn eof(&self) -> bool {
        self.pos >= self.b.len()
    }

    /// Is the byte after `i` a separator (blank, line break or end)?
    fn sep_after(&self, i: usize) -> bool {
        self.peek_at(i + 1).is_none_or(|c| is_blank(c) || is_break(c))
    }

    fn line_start(&self, at: usize) -> usize {
        self.b[..at.min(self.b.len())]
            .iter()
            .rposition(|&c| c == b'\n')
            .map(|i| i + 1)
            .unwrap_or(0)
    }

    fn col(&self) -> usize {
        self.pos - self.line_start(self.pos)
    }

    fn at_eol(&self) -> bool {
        self.peek().is_none_or(is_break)
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.pos += 1;
        }
    }

    /// Skips blanks and a trailing comment on this line.
    fn skip_to_eol(&mut self) {
        self.skip_blanks();
        if self.peek() == Some(b'#') {
            while self.peek().is_some_and(|c| !is_break(c)) {
                self.pos += 1;
            }
        }
    }

    fn skip_break(&mut self) {
        if self.peek() == Some(b'\r') {
            self.pos += 1;
        }
        if self.peek() == Some(b'\n') {
            self.pos += 1;
        }
    }

    /// Skips blank lines and comment lines; stops at the first significant
    /// character. A tab used for indentation is an error.
    fn skip_lines(&mut self) -> R<()> {
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

    fn doc_marker(&self, m: &[u8]) -> bool {
        self.col() == 0 && self.b[self.pos..].starts_with(m) && self.sep_after(self.pos + 2)
    }

    fn stream(&mut self) -> R<Vec<Node>> {
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

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(self.pos, format!("the document nests deeper than {MAX_DEPTH} levels"));
        }
        Ok(())
    }

    /// Reads `&anchor` and `!tag` properties; returns the anchor name and
    /// whether `!!str` forces a string.
    fn properties(&mut self) -> R<(Option<String>, bool)> {
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

    fn remember(&mut self, anchor: Option<String>, node: &Node) {
        if let Some(a) = anchor {
            let size = node.size();
            self.anchors.insert(a, (node.clone(), size));
        }
    }

    fn alias(&mut self) -> R<Node> {
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
                    self.block_node_inner(indent)?
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
                let n = self.quoted(indent)?;
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
    fn plain_key_ahead(&self) -> bool {
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
                        Some(b'"') | Some(b'\'') => self.quoted(col as isize)?,
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
                merges.push(value);
            } else {
                if let Some(i) = seen.check(&key.value, entries.len(), &entries) {
                    let first = &entries[i].0;
                    let at = key.span.start as usize;
                    let line = self.b[..first.span.start as usize]
                        .iter()
                        .filter(|&&c| c == b'\n')
                        .count()
                        + 1;
                    return self.err(
                        at,
                        format!(
                            "duplicate key `{}` (first defined on line {line})",
                            key.scalar_text().unwrap_or_default()
                        ),
                    );
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
        // merge keys: earlier sources win, explicit keys win over all
        for src in merges {
            let sources: Vec<Node> = match src.value {
                Value::Map(_) => vec![src],
                Value::Seq(items) => items,
                _ => Vec::new(),
            };
            for s in sources {
                if let Value::Map(m) = s.value {
                    for (k, v) in m {
                        if !entries.iter().any(|(e, _)| e.value == k.value) {
                            entries.push((k, v));
                        }
                    }
                }
            }
        }
        Ok(Node::new(Value::Map(entries), start, end))
    }

    /// A plain key on one line, up to `: `.
    fn plain_key(&mut self) -> R<Node> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if is_break(c) || (c == b':' && self.sep_after(self.pos)) {
                break;
            }
            self.pos += 1;
        }
        let text = self.s[start..self.pos].trim_end_matches([' ', '\t']);
        let end = start + text.len();
        Ok(Node::new(resolve(text), start, end))
    }

    /// A plain scalar in block (`flow = false`) or flow context; continuation
    /// lines must be indented more than `indent`.
    fn plain(&mut self, indent: isize, flow: bool) -> R<Node> {
        let start = self.pos;
        let mut out = String::new();
        let mut end = self.pos;
        let mut pending_breaks = 0usize;
        loop {
            // one line of the scalar
            let line_start = self.pos;
            while let Some(c) = self.peek() {
                if is_break(c) {
                    break;
                }
                if c == b':'
                    && (self.sep_after(self.pos) || (flow && self.peek_at(self.pos + 1).is_some_and(flow_indicator)))
                {
                    break;
                }
                if c == b'#' && self.pos > line_start && self.peek_at(self.pos - 1).is_some_and(is_blank) {
                    break;
                }
                if flow && flow_indicator(c) {
                    break;
                }
                self.pos += 1;
            }
            let piece = self.s[line_start..self.pos].trim_end_matches([' ', '\t']);
            if !piece.is_empty() {
                if !out.is_empty() {
                    if pending_breaks <= 1 {
                        out.push(' ');
                    } else {
                        out.extend(std::iter::repeat_n('\n', pending_breaks - 1));
                    }
                }
                out.push_str(piece);
                end = line_start + piece.len();
            }
            // never back before this line: a blank-only line must still be consumed
            self.pos = line_start + piece.len();
            // a continuation line?
            let save = self.pos;
            self.skip_blanks();
            if !self.at_eol() {
                break;
            }
            let mut breaks = 0;
            let mut next;
            loop {
                self.skip_break();
                breaks += 1;
                next = self.pos;
                while self.peek() == Some(b' ') || (flow && self.peek() == Some(b'\t')) {
                    self.pos += 1;
                }
                if !self.at_eol() || self.eof() {
                    break;
                }
            }
            let c = (self.pos - self.line_start(self.pos)) as isize;
            let continues = !self.eof()
                && c > indent
                && self.peek().is_some_and(|ch| {
                    ch != b'#' && !(flow && flow_indicator(ch)) && !(ch == b':' && self.sep_after(self.pos))
                })
                && !(self.col() == 0
                    && (self.b[self.pos..].starts_with(b"---") || self.b[self.pos..].starts_with(b"...")))
                && !self.plain_key_ahead_in_block(flow);
            if !continues {
                self.pos = save;
                let _ = next;
                break;
            }
            pending_breaks = breaks;
        }
        let mut node = Node::new(resolve(&out), start, end);
        node.quoted = false;
        Ok(node)
    }

    /// In block context a continuation line that holds `key: ` is a new key, not text.
    fn plain_key_ahead_in_block(&self, flow: bool) -> bool {
        !flow && self.plain_key_ahead()
    }

    /// A single- or double-quoted scalar.
    fn quoted(&mut self, _indent: isize) -> R<Node> {
        let start = self.pos;
        let q = self.b[self.pos];
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return self.err(start, "this quoted string is never closed");
            };
            match c {
                b'\'' if q == b'\'' => {
                    if self.peek_at(self.pos + 1) == Some(b'\'') {
                        out.push('\'');
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                        break;
                    }
                }
                b'"' if q == b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\\' if q == b'"' => {
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        return self.err(start, "this quoted string is never closed");
                    };
                    if is_break(e) {
                        // escaped line break: join without space, drop leading blanks
                        self.skip_break();
                        self.skip_blanks();
                        continue;
                    }
                    self.pos += 1;
                    let simple = match e {
                        b'0' => Some('\0'),
                        b'a' => Some('\u{7}'),
                        b'b' => Some('\u{8}'),
                        b't' | b'\t' => Some('\t'),
                        b'n' => Some('\n'),
                        b'v' => Some('\u{b}'),
                        b'f' => Some('\u{c}'),
                        b'r' => Some('\r'),
                        b'e' => Some('\u{1b}'),
                        b' ' => Some(' '),
                        b'"' => Some('"'),
                        b'/' => Some('/'),
                        b'\\' => Some('\\'),
                        b'N' => Some('\u{85}'),
                        b'_' => Some('\u{a0}'),
                        b'L' => Some('\u{2028}'),
                        b'P' => Some('\u{2029}'),
                        _ => None,
                    };
                    if let Some(ch) = simple {
                        out.push(ch);
                        continue;
                    }
                    let n = match e {
                        b'x' => 2,
                        b'u' => 4,
                        b'U' => 8,
                        _ => {
                            return self.err(
                                self.pos - 2,
                                format!("unknown escape `\\{}` in a double-quoted string", e as char),
                            )
                        }
                    };
                    let hex = self.s.get(self.pos..self.pos + n).unwrap_or("");
                    match u32::from_str_radix(hex, 16)
                        .ok()
                        .filter(|_| hex.len() == n)
                        .and_then(char::from_u32)
                    {
                        Some(ch) => out.push(ch),
                        None => return self.err(self.pos - 2, "invalid escape in a double-quoted string"),
                    }
                    self.pos += n;
                }
                c if is_break(c) => {
                    // folding: a single break becomes a space, empty lines become breaks
                    let trimmed = out.trim_end_matches([' ', '\t']).len();
                    out.truncate(trimmed);
                    let mut breaks = 0;
                    loop {
                        self.skip_break();
                        breaks += 1;
                        self.skip_blanks();
                        if !self.peek().is_some_and(is_break) {
                            break;
                        }
                    }
                    if self.col() == 0
                        && (self.b[self.pos..].starts_with(b"---") || self.b[self.pos..].starts_with(b"..."))
                        && self.sep_after(self.pos + 2)
                    {
                        return self.err(start, "this quoted string is never closed");
                    }
                    if breaks == 1 {
                        out.push(' ');
                    } else {
                        out.extend(std::iter::repeat_n('\n', breaks - 1));
                    }
                }
                _ => {
                    let ch = self.s[self.pos..].chars().next().unwrap_or(' ');
                    out.push(ch);
                    self.pos += ch.len_utf8();
                }
            }
        }
        let mut n = Node::new(Value::Str(out), start, self.pos);
        n.quoted = true;
        Ok(n)
    }

    /// `|` or `>` block scalar whose parent is indented at `indent`.
    fn block_scalar(&mut self, indent: isize) -> R<Node> {
        let start = self.pos;
        let folded = self.b[self.pos] == b'>';
        self.pos += 1;
        let mut chomp = 0i8; // -1 strip, 0 clip, 1 keep
        let mut explicit: Option<usize> = None;
        for _ in 0..2 {
            match self.peek() {
                Some(b'-') => {
                    chomp = -1;
                    self.pos += 1;
                }
                Some(b'+') => {
                    chomp = 1;
                    self.pos += 1;
                }
                Some(d @ b'1'..=b'9') => {
                    explicit = Some((d - b'0') as usize);
                    self.pos += 1;
                }
                _ => {}
            }
        }
        self.skip_to_eol();
        if !self.at_eol() {
            return self.err(self.pos, "a block scalar header (`|` or `>`) must end the line");
        }
        let base = if indent < 0 { 0 } else { indent as usize + 1 };
        let mut content_indent = explicit.map(|e| (indent.max(0) as usize) + e);
        let mut lines: Vec<(usize, &str)> = Vec::new(); // (indent, text after the content indent)
        let mut end = self.pos;
        self.skip_break();
        while !self.eof() {
            let ls = self.pos;
            let le = self.b[ls..]
                .iter()
                .position(|&c| c == b'\n')
                .map(|i| ls + i)
                .unwrap_or(self.b.len());
            let raw = self.s[ls..le].trim_end_matches('\r');
            let spaces = raw.len() - raw.trim_start_matches(' ').len();
            let blank = raw.trim().is_empty();
            if blank {
                lines.push((spaces, ""));
            } else {
                let ci = *content_indent.get_or_insert(spaces.max(base));
                if spaces < ci
                    || (ls == self.line_start(ls) && (raw.starts_with("---") || raw.starts_with("...")) && ci == 0)
                {
                    break;
                }
                lines.push((spaces, &raw[ci..]));
                end = ls + raw.len();
            }
            self.pos = le;
            self.skip_break();
        }
        // leave the position at the start of the first line that is not ours
        let mut consumed_blank = 0;
        while lines.last().is_some_and(|(_, t)| t.is_empty()) {
            lines.pop();
            consumed_blank += 1;
        }
        let ci = content_indent.unwrap_or(base);
        let mut text = String::new();
        let more = |i: usize| !lines[i].1.is_empty() && lines[i].0 > ci;
        for (i, (sp, t)) in lines.iter().enumerate() {
            let blank = t.is_empty();
            if i > 0 {
                let prev_blank = lines[i - 1].1.is_empty();
                let brk = if !folded || prev_blank {
                    Some('\n')
                } else if !blank {
                    Some(if more(i) || more(i - 1) { '\n' } else { ' ' })
                } else {
                    // the first break before blank lines is folded away unless
                    // more-indented text is on either side
                    let next_more = (i..lines.len()).find(|&j| !lines[j].1.is_empty()).is_some_and(more);
                    (more(i - 1) || next_more).then_some('\n')
                };
                text.extend(brk);
            }
            if blank {
                // keep indentation beyond the content indent on blank lines
                if *sp > ci {
                    text.push_str(&" ".repeat(sp - ci));
                }
            } else {
                text.push_str(t);
            }
        }
        if !lines.is_empty() {
            match chomp {
                -1 => {}
                0 => text.push('\n'),
                _ => {
                    text.push('\n');
                    text.extend(std::iter::repeat_n('\n', consumed_blank));
                }
            }
        } else if chomp == 1 {
            text.extend(std::iter::repeat_n('\n', consumed_blank));
        }
        // back to the start of the line that ended the scalar
        self.pos = self.line_start(self.pos.min(self.b.len()));
        if self.pos < end {
            self.pos = end;
        }
        let mut n = Node::new(Value::Str(text), start, end.max(start + 1));
        n.quoted = true;
        Ok(n)
    }

    // ---- flow context ----

    fn flow_ws(&mut self) -> R<()> {
        loop {
            match self.peek() {
                Some(c) if is_blank(c) || is_break(c) => self.pos += 1,
                Some(b'#') => self.skip_to_eol(),
                _ => return Ok(()),
            }
        }
    }

    fn flow_node(&mut self) -> R<Node> {
        self.enter()?;
        let r = self.flow_node_inner();
        self.depth -= 1;
        r
    }

    fn flow_node_inner(&mut self) -> R<Node> {
        let (anchor, force_str) = self.properties()?;
        let node = match self.peek() {
            Some(b'[') => self.flow_seq()?,
            Some(b'{') => self.flow_map()?,
            Some(b'*') => self.alias()?,
            Some(b'"') | Some(b'\'') => self.quoted(-1)?,
            Some(b',') | Some(b']') | Some(b'}') => Node::new(Value::Null, self.pos, self.pos),
            Some(_) => self.plain(-1, true)?,
            None => return self.err(self.pos, "unexpected end of input inside brackets"),
        };
        let mut node = node;
        if force_str {
            if let Some(t) = node.scalar_text().filter(|_| !matches!(node.value, Value::Str(_))) {
                node.value = Value::Str(t);
            }
        }
        self.remember(anchor, &node);
        Ok(node)
    }

    fn flow_seq(&mut self) -> R<Node> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.flow_ws()?;
            match self.peek() {
                None => return self.err(start, "this `[` is never closed"),
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            let item = self.flow_node()?;
            self.flow_ws()?;
            // `[a: b]` is a list holding a one-pair mapping
            let item = if self.peek() == Some(b':') {
                self.pos += 1;
                self.flow_ws()?;
                let v = if matches!(self.peek(), Some(b',' | b']')) {
                    Node::new(Value::Null, self.pos, self.pos)
                } else {
                    self.flow_node()?
                };
                let (s, e) = (item.span.start as usize, v.span.end as usize);
                Node::new(Value::Map(vec![(item, v)]), s, e)
            } else {
                item
            };
            items.push(item);
            self.flow_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {}
                None => return self.err(start, "this `[` is never closed"),
                _ => return self.err(self.pos, "expected `,` or `]` in the list"),
            }
        }
        Ok(Node::new(Value::Seq(items), start, self.pos))
    }

    fn flow_map(&mut self) -> R<Node> {
        let start = self.pos;
        self.pos += 1;
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut seen = KeySet::default();
        loop {
            self.flow_ws()?;
            match self.peek() {
                None => return self.err(start, "this `{` is never closed"),
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            if self.peek() == Some(b'?') && self.sep_after(self.pos) {
                self.pos += 1;
                self.flow_ws()?;
            }
            let key = self.flow_node()?;
            self.flow_ws()?;
            let value = if self.peek() == Some(b':') {
                self.pos += 1;
                self.flow_ws()?;
                if matches!(self.peek(), Some(b',' | b'}')) {
                    Node::new(Value::Null, self.pos, self.pos)
                } else {
                    self.flow_node()?
                }
            } else {
                Node::new(Value::Null, self.pos, self.pos)
            };
            if seen.check(&key.value, entries.len(), &entries).is_some() {
                return self.err(
                    key.span.start as usize,
                    format!("duplicate key `{}`", key.scalar_text().unwrap_or_default()),
                );
            }
            entries.push((key, value));
            self.flow_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {}
                None => return self.err(start, "this `{` is never closed"),
                _ => return self.err(self.pos, "expected `,` or `}` in the mapping"),
            }
        }
        Ok(Node::new(Value::Map(entries), start, self.pos))
    }
}

/// YAML 1.2 core schema for plain scalars.
fn resolve(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN"
        | ".NAN" => return Value::Float(text.to_string()),
        _ => {}
    }
    let b = text.as_bytes();
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(h) = text.strip_prefix("0x") {
        if digits(h, 16) {
            if let Ok(i) = i64::from_str_radix(h, 16) {
                return Value::Int(i);
            }
        }
    }
    if let Some(o) = text.strip_prefix("0o") {
        if digits(o, 8) {
            if let Ok(i) = i64::from_str_radix(o, 8) {
                return Value::Int(i);
            }
        }
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits(unsigned, 10) {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Int(i);
        }
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let float_like = {
        let (mant, exp) = match unsigned.find(['e', 'E']) {
            Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
            None => (unsigned, None),
        };
        let mant_ok = match mant.split_once('.') {
            Some((a, b)) => {
                (digits(a, 10) || a.is_empty()) && (b.is_empty() || digits(b, 10)) && !(a.is_empty() && b.is_empty())
            }
            None => digits(mant, 10),
        };
        let exp_ok = exp.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
        mant_ok && exp_ok && (mant.contains('.') || exp.is_some()) && !b.is_empty()
    };
    if float_like {
        return Value::Float(text.to_string());
    }
    Value::Str(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let mut d = parse(text).unwrap_or_else(|e| panic!("{e:?} in\n{text}"));
        assert_eq!(d.len(), 1, "{text}");
        d.remove(0)
    }

    #[test]
    fn spans_are_bytes_and_merge_keys_resolve() {
        let text = "x: é\nbase: &b\n  image: nginx:1.27\n  ports: ['80']\nweb:\n  <<: *b\n  image: nginx:1.26\n";
        let root = one(text);
        let x = root.get("x").unwrap();
        assert_eq!(x.span.text(text), "é");
        let web = root.get("web").unwrap();
        assert_eq!(web.get("image").unwrap().as_str(), Some("nginx:1.26"));
        let ports = web.get("ports").unwrap();
        assert_eq!(ports.as_seq().unwrap()[0].span.text(text), "'80'");
        assert!(ports.as_seq().unwrap()[0].quoted);
        assert_eq!(web.as_map().unwrap().len(), 2);
        assert_eq!(
            root.get("base").unwrap().get("image").unwrap().span.text(text),
            "nginx:1.27"
        );
    }

    #[test]
    fn hostile_input_is_refused_quickly() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        assert!(parse(bomb).unwrap_err().message.contains("billion laughs"));
        assert!(parse(&"[".repeat(100_000)).is_err());
        let deep: String = (0..5000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        assert!(parse(&deep).is_err());
        let deep_seq: String = (0..5000).map(|i| format!("{}- \n", " ".repeat(i * 2))).collect();
        let _ = parse(&deep_seq);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let text = "a: 1\nb: [1, 2\n";
        let e = parse(text).unwrap_err();
        assert!(e.span.start as usize <= text.len());
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert!(e.message.contains("duplicate key `a`"), "{e:?}");
        assert_eq!(e.span.start, 5);
        let e = parse("a:\n\tb: 1\n").unwrap_err();
        assert!(e.message.contains("tab"));
        assert!(parse("a: 'open\n").is_err());
        assert!(parse("a: 1\n  b: 2\n").is_err());
    }

    #[test]
    fn multi_document_streams() {
        let docs = parse("a: 1\n---\nb: 2\n...\n---\n- x\n").unwrap();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[2].as_seq().unwrap().len(), 1);
        assert!(parse("# only a comment\n").unwrap().is_empty());
        assert_eq!(parse("---\n").unwrap().len(), 1);
    }

    #[test]
    fn scalars() {
        let r = one("a: 1\nb: 1.5\nc: true\nd: ~\ne: yes\nf: \"x\\ty\\u00e9\"\ng: 'it''s'\nh: 0x1F\ni: 1e3\nj: 010\nk: -7\nl: .5\nm: 1.2.3\nn: !!str 42\n");
        let v = |k: &str| r.get(k).unwrap().value.clone();
        assert_eq!(v("a"), Value::Int(1));
        assert_eq!(v("b"), Value::Float("1.5".into()));
        assert_eq!(v("c"), Value::Bool(true));
        assert_eq!(v("d"), Value::Null);
        assert_eq!(v("e"), Value::Str("yes".into()));
        assert_eq!(r.get("e").unwrap().as_bool(), Some(true));
        assert_eq!(v("f"), Value::Str("x\tyé".into()));
        assert_eq!(v("g"), Value::Str("it's".into()));
        assert_eq!(v("h"), Value::Int(31));
        assert_eq!(v("i"), Value::Float("1e3".into()));
        assert_eq!(v("j"), Value::Int(10));
        assert_eq!(v("k"), Value::Int(-7));
        assert_eq!(v("l"), Value::Float(".5".into()));
        assert_eq!(v("m"), Value::Str("1.2.3".into()));
        assert_eq!(v("n"), Value::Str("42".into()));
    }

    #[test]
    fn block_scalars() {
        let r =
            one("a: |\n  line 1\n   indented\n\n  line 3\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\nd: x\n");
        assert_eq!(r.get("a").unwrap().as_str(), Some("line 1\n indented\n\nline 3\n"));
        assert_eq!(r.get("b").unwrap().as_str(), Some("folded text\npara"));
        assert_eq!(r.get("c").unwrap().as_str(), Some("keep\n\n"));
        assert_eq!(r.get("d").unwrap().as_str(), Some("x"));
    }

    #[test]
    fn collections() {
        let r = one("list:\n- a\n- b: 1\n  c: 2\n-   - nested\n    - x\nflow: {a: [1, 2], 'b': {c: d}}\nempty:\nplain: multi\n  line\n");
        let list = r.get("list").unwrap().as_seq().unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(list[1].get("c").unwrap().as_i64(), Some(2));
        assert_eq!(list[2].as_seq().unwrap().len(), 2);
        assert_eq!(r.path(&["flow", "b", "c"]).unwrap().as_str(), Some("d"));
        assert!(r.get("empty").unwrap().is_null());
        assert_eq!(r.get("plain").unwrap().as_str(), Some("multi line"));
    }

    #[test]
    fn odd_input_never_panics() {
        for t in [
            "",
            "-",
            "- -",
            ":",
            "? ",
            "a: [",
            "{",
            "}",
            "]",
            "a: &",
            "a: *",
            "a: |9\n x",
            "a: >\n\n",
            "'",
            "\"\\",
            "\"\\u12",
            "- ? a\n  : b\n",
            "&a &b x",
            "!!str",
            "? a\n? b\n",
            "a:\n  - b\n  c: d\n",
            "---\n---\n",
            "...\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: \"b\n---\nc\"",
            "\u{feff}a: 1",
            "\u{8}v1\n\t",
            "a\n \t\n",
        ] {
            let _ = parse(t);
        }
    }

    /// Differential test: the values (not spans) must equal saphyr's on every
    /// YAML file of the shared corpus and on tricky snippets.
    #[test]
    fn agrees_with_saphyr() {
        use saphyr::{LoadableYamlNode, Scalar, Yaml};
        fn conv(y: &Yaml) -> Option<Value> {
            Some(match y {
                Yaml::Value(Scalar::Null) => Value::Null,
                Yaml::Value(Scalar::Boolean(b)) => Value::Bool(*b),
                Yaml::Value(Scalar::Integer(i)) => Value::Int(*i),
                Yaml::Value(Scalar::FloatingPoint(f)) => Value::Float(f.into_inner().to_string()),
                Yaml::Value(Scalar::String(s)) => Value::Str(s.to_string()),
                Yaml::Sequence(v) => Value::Seq(
                    v.iter()
                        .map(|i| conv(i).map(|v| Node::new(v, 0, 0)))
                        .collect::<Option<_>>()?,
                ),
                Yaml::Mapping(m) => {
                    let mut entries: Vec<(Node, Node)> = Vec::new();
                    let mut merges = Vec::new();
                    for (k, v) in m.iter() {
                        let (k, v) = (conv(k)?, conv(v)?);
                        if k == Value::Str("<<".into()) {
                            merges.push(v);
                        } else {
                            entries.push((Node::new(k, 0, 0), Node::new(v, 0, 0)));
                        }
                    }
                    for src in merges {
                        let srcs = match src {
                            Value::Seq(items) => items.into_iter().map(|n| n.value).collect(),
                            v => vec![v],
                        };
                        for s in srcs {
                            if let Value::Map(m) = s {
                                for (k, v) in m {
                                    if !entries.iter().any(|(e, _)| e.value == k.value) {
                                        entries.push((k, v));
                                    }
                                }
                            }
                        }
                    }
                    Value::Map(entries)
                }
                Yaml::Tagged(_, inner) => conv(inner)?,
                _ => return None,
            })
        }
        fn strip(n: &Node) -> Value {
            match &n.value {
                Value::Seq(v) => Value::Seq(v.iter().map(|i| Node::new(strip(i), 0, 0)).collect()),
                Value::Map(m) => Value::Map(
                    m.iter()
                        .map(|(k, v)| (Node::new(strip(k), 0, 0), Node::new(strip(v), 0, 0)))
                        .collect(),
                ),
                // saphyr holds floats as numbers: compare the numbers' texts
                Value::Float(t) => {
                    let f = match t.trim_start_matches('+').to_ascii_lowercase().as_str() {
                        ".inf" => f64::INFINITY,
                        "-.inf" => f64::NEG_INFINITY,
                        ".nan" => f64::NAN,
                        _ => t.parse::<f64>().unwrap_or(f64::NAN),
                    };
                    Value::Float(f.to_string())
                }
                v => v.clone(),
            }
        }
        fn first_diff(a: &Value, b: &Value, at: String) -> Option<String> {
            match (a, b) {
                (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => x
                    .iter()
                    .zip(y)
                    .enumerate()
                    .find_map(|(i, (p, q))| first_diff(&p.value, &q.value, format!("{at}[{i}]"))),
                (Value::Map(x), Value::Map(y)) if x.len() == y.len() => {
                    x.iter().zip(y).find_map(|((k1, v1), (k2, v2))| {
                        first_diff(&k1.value, &k2.value, format!("{at}.<key>"))
                            .or_else(|| first_diff(&v1.value, &v2.value, format!("{at}.{:?}", k1.value)))
                    })
                }
                _ if a == b => None,
                _ => Some(format!("{at}: saphyr {} / ours {}", short(a), short(b))),
            }
        }
        fn short(v: &Value) -> String {
            match v {
                Value::Map(m) => format!(
                    "map{:?}",
                    m.iter().map(|(k, _)| format!("{:?}", k.value)).collect::<Vec<_>>()
                ),
                Value::Seq(s) => format!("seq of {}", s.len()),
                v => format!("{v:?}"),
            }
        }
        let mut texts: Vec<(String, String)> = Vec::new();
        let shared = std::env::var("DOCKWISE_SHARED")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|_| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
        for dir in ["corpus/compose", "corpus/k8s"] {
            let d = shared.join(dir);
            let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
            for e in entries.flatten() {
                texts.push((
                    e.path().display().to_string(),
                    std::fs::read_to_string(e.path()).unwrap(),
                ));
            }
        }
        assert!(texts.len() > 100, "corpus missing");
        for s in [
            "a: 'x'\nb: \"y\"\nc: |-\n  z\n",
            "- a: 1\n  b:\n  - x\n  - y\n- c\n",
            "k: >\n  one\n  two\n\n  three\n   four\n",
            "k: |2\n    two extra\n  base\n",
            "x: &a {p: 1}\ny:\n  <<: *a\n  q: 2\n",
            "a: \"multi\n  line\n\n  para\"\n",
            "a: 'multi\n  line'\n",
            "? complex\n: value\n",
            "a: [b, {c: d}, [e]]\n",
            "a: -1\nb: +1\nc: 1_000\nd: 0o17\ne: .5e3\nf: 1.\n",
            "url: http://x:8080/a#b\nemail: a@b.c # comment\n",
            "a: b # c\n# d\ne: f\n",
            "- !!str 1\n- !custom [x]\n",
        ] {
            texts.push(("snippet".into(), s.to_string()));
        }
        let mut compared = 0;
        for (name, text) in &texts {
            let theirs = Yaml::load_from_str(text);
            let ours = parse(text);
            match (theirs, ours) {
                (Ok(t), Ok(o)) => {
                    assert_eq!(t.len(), o.len(), "{name}: document count");
                    for (td, od) in t.iter().zip(&o) {
                        let Some(tv) = conv(td) else { continue };
                        if let Some(d) = first_diff(&tv, &strip(od), String::new()) {
                            panic!("{name}: values differ at {d}");
                        }
                    }
                    compared += 1;
                }
                (Err(_), Err(_)) => {}
                // saphyr refuses a flow sequence closed at its key's column;
                // go-yaml (which Compose and kubectl use) accepts it, and so do we
                (Err(e), Ok(_))
                    if name.ends_with("getsentry_self-hosted__docker-compose.yml")
                        && e.to_string().contains("invalid indentation") => {}
                (t, o) => panic!(
                    "{name}: saphyr {:?} / ours {:?}\n{text}",
                    t.map(|_| "ok").map_err(|e| e.to_string()),
                    o.map(|_| "ok")
                ),
            }
        }
        assert!(compared > 100);
    }
}
