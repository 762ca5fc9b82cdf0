//! The public types of the YAML reader: [`Value`], [`Node`] with its query
//! methods (`get`, `path`, `as_bool`, `sub_span`...), [`YamlError`], and
//! what the lenient reading returns: [`Parsed`] with its [`Duplicate`] keys.

use crate::span::Span;

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

/// A key written twice in one mapping. The lenient reading ([`super::parse_lenient`])
/// keeps the later entry, as kubectl does, and records the pair here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// The key as text (`selector`, `<<`).
    pub key: String,
    /// The later key: the one whose value is kept.
    pub span: Span,
    /// The earlier key, whose entry was dropped (for `<<`: kept as well, as
    /// every merge source is merged).
    pub first: Span,
    /// Both are merge keys (`<<`): their sources are all merged.
    pub merge: bool,
}

/// A YAML stream read leniently: its documents, and the duplicate keys that a
/// strict reading refuses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub docs: Vec<Node>,
    /// In file order of the later key; at most [`super::MAX_DUPLICATES`].
    pub duplicates: Vec<Duplicate>,
}

impl Node {
    pub(super) fn new(value: Value, start: usize, end: usize) -> Node {
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
    /// A scalar's text, borrowed when it is a string.
    pub fn scalar_cow(&self) -> Option<std::borrow::Cow<'_, str>> {
        match &self.value {
            Value::Str(s) => Some(std::borrow::Cow::Borrowed(s)),
            _ => self.scalar_text().map(std::borrow::Cow::Owned),
        }
    }

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

    /// Levels in this subtree: 1 for a scalar, one more for each collection.
    pub(super) fn height(&self) -> usize {
        1 + match &self.value {
            Value::Seq(v) => v.iter().map(Node::height).max().unwrap_or(0),
            Value::Map(m) => m.iter().map(|(k, v)| k.height().max(v.height())).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// Number of nodes in this subtree.
    pub(super) fn size(&self) -> usize {
        1 + match &self.value {
            Value::Seq(v) => v.iter().map(Node::size).sum(),
            Value::Map(m) => m.iter().map(|(k, v)| k.size() + v.size()).sum(),
            _ => 0,
        }
    }
}
