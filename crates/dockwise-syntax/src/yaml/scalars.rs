//! Scalars: plain (keys, block and flow context), single- and double-quoted
//! with folding and escapes, `|` and `>` block scalars with chomping and
//! indentation indicators, and `resolve`, which types a plain scalar
//! (YAML 1.2 core schema).

use super::scanner::{flow_indicator, is_blank, is_break, Parser};
use super::{Node, Value, R};

impl<'a> Parser<'a> {
    /// A plain key on one line, up to `: `.
    pub(super) fn plain_key(&mut self) -> R<Node> {
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
    pub(super) fn plain(&mut self, indent: isize, flow: bool) -> R<Node> {
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
            loop {
                self.skip_break();
                breaks += 1;
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
                break;
            }
            pending_breaks = breaks;
        }
        Ok(Node::new(resolve(&out), start, end))
    }

    /// In block context a continuation line that holds `key: ` is a new key, not text.
    fn plain_key_ahead_in_block(&self, flow: bool) -> bool {
        !flow && self.plain_key_ahead()
    }

    /// A single- or double-quoted scalar.
    pub(super) fn quoted(&mut self) -> R<Node> {
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
    pub(super) fn block_scalar(&mut self, indent: isize) -> R<Node> {
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
