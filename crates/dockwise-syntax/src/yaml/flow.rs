//! Flow context: `[...]` sequences and `{...}` mappings, and the nodes
//! inside them (nested collections, aliases, quoted and plain scalars).

use super::block::KeySet;
use super::scanner::{is_blank, is_break, Parser};
use super::{Node, Value, R};

impl<'a> Parser<'a> {
    fn flow_ws(&mut self) -> R<()> {
        loop {
            match self.peek() {
                Some(c) if is_blank(c) || is_break(c) => self.pos += 1,
                Some(b'#') => self.skip_to_eol(),
                _ => return Ok(()),
            }
        }
    }

    pub(super) fn flow_node(&mut self) -> R<Node> {
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
            Some(b'"') | Some(b'\'') => self.quoted()?,
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
            if let Some(i) = seen.check(&key.value, entries.len(), &entries) {
                if self.strict {
                    return self.err(
                        key.span.start as usize,
                        format!("duplicate key `{}`", key.scalar_text().unwrap_or_default()),
                    );
                }
                self.duplicate(&key, entries[i].0.span, false);
                seen.drop_entry(i);
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
        Ok(Node::new(Value::Map(seen.kept(entries)), start, self.pos))
    }
}
