//! YAML with exact spans: saphyr parses; this module turns its marked nodes
//! into a small tree whose spans are byte ranges, resolves merge keys (`<<`),
//! and bounds what a hostile input can cost (aliases, nesting, size).

use crate::span::Span;
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// Deepest nesting accepted, in collections.
pub const MAX_DEPTH: usize = 200;
/// Largest input accepted, in bytes.
pub const MAX_BYTES: usize = 8 << 20;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
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
            Value::Float(f) => Some(f.to_string()),
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

    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::Str(s) if !self.quoted => match s.as_str() {
                "true" | "True" | "TRUE" | "yes" | "Yes" | "on" => Some(true),
                "false" | "False" | "FALSE" | "no" | "No" | "off" => Some(false),
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
        self.as_map()?.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(k, v)| (k, v))
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// Follows a path of keys: `node.path(&["spec", "template"])`.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |n, k| n.get(k))
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
}

/// Character index → byte offset (saphyr counts characters).
struct Offsets {
    ascii: bool,
    bytes: Vec<u32>,
    len: u32,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        let bytes = if ascii { Vec::new() } else { text.char_indices().map(|(b, _)| b as u32).collect() };
        Offsets { ascii, bytes, len: text.len() as u32 }
    }

    fn byte(&self, char_index: usize) -> u32 {
        if self.ascii {
            (char_index as u32).min(self.len)
        } else {
            self.bytes.get(char_index).copied().unwrap_or(self.len)
        }
    }

    fn span(&self, start: &saphyr::Marker, end: &saphyr::Marker) -> Span {
        let a = self.byte(start.index());
        Span::new(a, self.byte(end.index()).max(a))
    }
}

/// The nesting depth of flow and block collections, measured cheaply before
/// parsing so that hostile input cannot exhaust the stack.
fn nesting_too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut max_indent_levels = 0usize;
    let mut in_quote: Option<u8> = None;
    for (i, b) in text.bytes().enumerate() {
        match (in_quote, b) {
            (Some(q), c) if c == q => in_quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => in_quote = Some(b),
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            (None, b'\n') => in_quote = None,
            _ => {}
        }
    }
    // Block nesting: count distinct indentation increases on a line-by-line basis.
    let mut stack: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '-']);
        if !trimmed.trim().is_empty() && !trimmed.starts_with('#') {
            let indent = line.len() - trimmed.len();
            while stack.last().is_some_and(|&l| l >= indent) {
                stack.pop();
            }
            stack.push(indent);
            max_indent_levels = max_indent_levels.max(stack.len());
            if max_indent_levels > MAX_DEPTH {
                return Some(offset);
            }
        }
        offset += line.len();
    }
    None
}

/// Parses every document of a YAML stream.
pub fn parse(text: &str) -> Result<Vec<Node>, YamlError> {
    if text.len() > MAX_BYTES {
        return Err(YamlError { message: format!("the document is larger than {} MB", MAX_BYTES >> 20), span: Span::new(0, 0) });
    }
    if let Some(at) = nesting_too_deep(text) {
        return Err(YamlError { message: format!("the document nests deeper than {MAX_DEPTH} levels"), span: Span::from_usize(at, at) });
    }
    let offsets = Offsets::new(text);
    let docs = MarkedYaml::load_from_str(text).map_err(|e| {
        let at = offsets.byte(e.marker().index());
        YamlError { message: e.info().to_string(), span: Span::new(at, at) }
    })?;
    docs.iter().map(|d| convert(d, &offsets, 0)).collect()
}

fn convert(node: &MarkedYaml, offsets: &Offsets, depth: usize) -> Result<Node, YamlError> {
    let span = offsets.span(&node.span.start, &node.span.end);
    if depth > MAX_DEPTH {
        return Err(YamlError { message: format!("the document nests deeper than {MAX_DEPTH} levels"), span });
    }
    let mut quoted = false;
    let value = match &node.data {
        YamlData::Value(s) => scalar(s),
        YamlData::Representation(text, style, _) => {
            quoted = !matches!(style, saphyr::ScalarStyle::Plain);
            Value::Str(text.to_string())
        }
        YamlData::Tagged(_, inner) => return convert(inner, offsets, depth + 1),
        YamlData::Sequence(items) => Value::Seq(items.iter().map(|i| convert(i, offsets, depth + 1)).collect::<Result<_, _>>()?),
        YamlData::Mapping(map) => {
            let mut entries: Vec<(Node, Node)> = Vec::with_capacity(map.len());
            let mut merged: Vec<(Node, Node)> = Vec::new();
            for (k, v) in map.iter() {
                let key = convert(k, offsets, depth + 1)?;
                let val = convert(v, offsets, depth + 1)?;
                if key.as_str() == Some("<<") && !key.quoted {
                    // Merge keys: a mapping, or a list of mappings (earlier wins).
                    let sources: Vec<&Node> = match &val.value {
                        Value::Map(_) => vec![&val],
                        Value::Seq(items) => items.iter().collect(),
                        _ => Vec::new(),
                    };
                    for src in sources {
                        for (mk, mv) in src.as_map().unwrap_or(&[]) {
                            if !merged.iter().any(|(k, _)| k.value == mk.value) {
                                merged.push((mk.clone(), mv.clone()));
                            }
                        }
                    }
                    continue;
                }
                entries.push((key, val));
            }
            for (mk, mv) in merged {
                if !entries.iter().any(|(k, _)| k.value == mk.value) {
                    entries.push((mk, mv));
                }
            }
            Value::Map(entries)
        }
        YamlData::Alias(_) | YamlData::BadValue => Value::Null,
    };
    if let (Value::Str(_), false) = (&value, quoted) {
        // saphyr resolved a plain or quoted string; tell them apart by the source text
        quoted = false;
    }
    Ok(Node { value, span, quoted })
}

fn scalar(s: &Scalar) -> Value {
    match s {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Int(*i),
        Scalar::FloatingPoint(f) => Value::Float(f.into_inner()),
        Scalar::String(s) => Value::Str(s.to_string()),
    }
}

/// Marks quoted scalars using the source text (saphyr's resolved values do
/// not keep the style).
pub fn mark_quotes(node: &mut Node, text: &str) {
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| mark_quotes(n, text)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            mark_quotes(k, text);
            mark_quotes(v, text);
        }),
        Value::Str(_) => {
            let src = node.span.text(text);
            node.quoted = src.starts_with('"') || src.starts_with('\'');
        }
        _ => {}
    }
}

/// Parses and marks quoted scalars.
pub fn parse_marked(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut docs = parse(text)?;
    for d in &mut docs {
        mark_quotes(d, text);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_bytes_and_merge_keys_resolve() {
        let text = "x: é\nbase: &b\n  image: nginx:1.27\n  ports: ['80']\nweb:\n  <<: *b\n  image: nginx:1.26\n";
        let docs = parse_marked(text).unwrap();
        let root = &docs[0];
        let x = root.get("x").unwrap();
        assert_eq!(x.span.text(text), "é");
        let web = root.get("web").unwrap();
        assert_eq!(web.get("image").unwrap().as_str(), Some("nginx:1.26"));
        let ports = web.get("ports").unwrap();
        assert_eq!(ports.as_seq().unwrap()[0].span.text(text), "'80'");
        assert!(ports.as_seq().unwrap()[0].quoted);
        assert_eq!(web.as_map().unwrap().len(), 2);
    }

    #[test]
    fn hostile_input_is_refused_quickly() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        assert!(parse(bomb).is_err());
        assert!(parse(&"[".repeat(100_000)).is_err());
        let deep: String = (0..5000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let text = "a: 1\nb: [1, 2\n";
        let e = parse(text).unwrap_err();
        assert!(e.span.start as usize <= text.len());
        let text = "a: 1\na: 2\n";
        assert!(parse(text).is_err(), "duplicate keys are an error");
    }

    #[test]
    fn multi_document_streams() {
        let docs = parse("a: 1\n---\nb: 2\n").unwrap();
        assert_eq!(docs.len(), 2);
    }
}
