//! Word splitting the way BuildKit's parser does it, returning byte ranges so
//! that every word keeps its place in the source.

/// BuildKit's `reWhitespace`: the separators of whitespace-delimited arguments.
pub fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{b}' | '\u{c}' | '\r')
}

/// Splits on runs of [`is_sep`] characters. Ranges are relative to `text`.
pub fn split_whitespace(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_sep(c), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// BuildKit's `parseWords`: space-separated words where quotes group and the
/// escape character protects the next character. Quotes stay in the word.
pub fn parse_words(text: &str, escape: char) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut quote: Option<char> = None;
        while let Some((j, c)) = chars.next() {
            match quote {
                None if c.is_whitespace() => break,
                None => {
                    if c == '\'' || c == '"' {
                        quote = Some(c);
                    } else if c == escape {
                        if chars.peek().is_none() {
                            // a trailing escape character is dropped
                            break;
                        }
                        let (k, n) = chars.next().unwrap_or((j, c));
                        end = k + n.len_utf8();
                        continue;
                    }
                }
                Some(q) => {
                    if c == q {
                        quote = None;
                    } else if c == escape && q != '\'' {
                        if chars.peek().is_none() {
                            break;
                        }
                        let (k, n) = chars.next().unwrap_or((j, c));
                        end = k + n.len_utf8();
                        continue;
                    }
                }
            }
            end = j + c.len_utf8();
        }
        if end > start {
            words.push((start, end));
        }
    }
    words
}

/// Removes shell quoting from a word without expanding variables:
/// `"a b"` → `a b`, `it\'s` → `it's`, `'$X'` → `$X`.
pub fn unquote(raw: &str, escape: char) -> String {
    unquote_if_needed(raw, escape).unwrap_or_else(|| raw.to_string())
}

/// [`unquote`], or None when the text has nothing to remove (its value is
/// the text itself).
pub fn unquote_if_needed(raw: &str, escape: char) -> Option<String> {
    // the escape character is `\\` or a backtick (the parser allows no other),
    // so every byte looked at is ASCII and runs between them are copied whole
    let esc = if escape.is_ascii() { escape as u8 } else { b'\\' };
    let b = raw.as_bytes();
    let special = |c: u8| c == b'\'' || c == b'"' || c == esc;
    if !b.iter().any(|&c| special(c)) {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    // the end of the UTF-8 character starting at `i`
    let char_end = |i: usize| i + raw[i..].chars().next().map_or(1, char::len_utf8);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\'' {
            let end = b[i + 1..]
                .iter()
                .position(|&c| c == b'\'')
                .map_or(b.len(), |p| i + 1 + p);
            out.push_str(&raw[i + 1..end]);
            i = end + 1;
        } else if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == esc {
                    match b.get(i + 1) {
                        Some(&n) if n == b'"' || n == b'$' || n == esc || n == b'`' => {
                            out.push(n as char);
                            i += 2;
                        }
                        _ => {
                            out.push(esc as char);
                            i += 1;
                        }
                    }
                } else {
                    let end = b[i..]
                        .iter()
                        .position(|&c| c == b'"' || c == esc)
                        .map_or(b.len(), |p| i + p);
                    out.push_str(&raw[i..end]);
                    i = end;
                }
            }
            i += 1;
        } else if c == esc {
            if i + 1 < b.len() {
                let end = char_end(i + 1);
                out.push_str(&raw[i + 1..end]);
                i = end;
            } else {
                i += 1;
            }
        } else {
            let end = b[i..].iter().position(|&c| special(c)).map_or(b.len(), |p| i + p);
            out.push_str(&raw[i..end]);
            i = end;
        }
    }
    Some(out)
}

/// A JSON array of strings, the exec form. Each item: byte range of the string
/// literal (quotes included) and its decoded value.
pub type JsonItems = Vec<(usize, usize, String)>;

/// Outcome of reading a JSON array the way BuildKit's `parseJSON` does.
#[derive(Debug, PartialEq, Eq)]
pub enum JsonArray {
    /// Not a JSON array: the text is shell form.
    NotJson,
    /// A JSON array with something other than strings in it: an error.
    NotStrings { at: usize },
    /// The items, plus the end of the array (text after it is ignored, as by BuildKit).
    Strings(JsonItems, usize),
}

const MAX_DEPTH: usize = 256;

pub fn parse_json_array(text: &str) -> JsonArray {
    let b = text.as_bytes();
    let mut p = JsonParser { b, pos: 0 };
    p.ws();
    if p.peek() != Some(b'[') {
        return JsonArray::NotJson;
    }
    p.pos += 1;
    let mut items = Vec::new();
    let mut non_string = None;
    p.ws();
    if p.peek() == Some(b']') {
        return JsonArray::Strings(items, p.pos + 1);
    }
    loop {
        p.ws();
        let start = p.pos;
        if p.peek() == Some(b'"') {
            match p.string() {
                Some(s) => items.push((start, p.pos, s)),
                None => return JsonArray::NotJson,
            }
        } else {
            if !p.value(1) {
                return JsonArray::NotJson;
            }
            non_string.get_or_insert(start);
        }
        p.ws();
        match p.peek() {
            Some(b',') => p.pos += 1,
            Some(b']') => {
                p.pos += 1;
                break;
            }
            _ => return JsonArray::NotJson,
        }
    }
    match non_string {
        Some(at) => JsonArray::NotStrings { at },
        None => JsonArray::Strings(items, p.pos),
    }
}

struct JsonParser<'a> {
    b: &'a [u8],
    pos: usize,
}

impl JsonParser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn lit(&mut self, word: &[u8]) -> bool {
        if self.b[self.pos..].starts_with(word) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    /// Any JSON value (validated, not kept).
    fn value(&mut self, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        self.ws();
        match self.peek() {
            Some(b'"') => self.string().is_some(),
            Some(b'[') | Some(b'{') => {
                let obj = self.peek() == Some(b'{');
                let close = if obj { b'}' } else { b']' };
                self.pos += 1;
                self.ws();
                if self.peek() == Some(close) {
                    self.pos += 1;
                    return true;
                }
                loop {
                    self.ws();
                    if obj {
                        if self.peek() != Some(b'"') || self.string().is_none() {
                            return false;
                        }
                        self.ws();
                        if self.peek() != Some(b':') {
                            return false;
                        }
                        self.pos += 1;
                    }
                    if !self.value(depth + 1) {
                        return false;
                    }
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(c) if c == close => {
                            self.pos += 1;
                            return true;
                        }
                        _ => return false,
                    }
                }
            }
            Some(b't') => self.lit(b"true"),
            Some(b'f') => self.lit(b"false"),
            Some(b'n') => self.lit(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => false,
        }
    }

    fn number(&mut self) -> bool {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = |p: &mut Self| {
            let s = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > s
        };
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else if !digits(self) {
            return false;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return false;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return false;
            }
        }
        self.pos > start
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.b.get(self.pos..self.pos + 4)?;
        let s = std::str::from_utf8(h).ok()?;
        let v = u32::from_str_radix(s, 16).ok()?;
        self.pos += 4;
        Some(v)
    }

    /// A string literal starting at `"`; returns the decoded text.
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The input is a &str and we stopped on ASCII, so this is a char boundary.
            out.push_str(std::str::from_utf8(&self.b[start..self.pos]).ok()?);
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let e = self.peek()?;
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                // a surrogate pair, or a lone surrogate (U+FFFD like Go)
                                let save = self.pos;
                                if self.b.get(self.pos..self.pos + 2) == Some(b"\\u") {
                                    self.pos += 2;
                                    match self.hex4() {
                                        Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                        }
                                        _ => {
                                            self.pos = save;
                                            None
                                        }
                                    }
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            out.push(c.unwrap_or('\u{fffd}'));
                        }
                        _ => return None,
                    }
                }
                _ => return None, // control character inside a string
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(text: &str) -> Vec<&str> {
        split_whitespace(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    fn pw(text: &str) -> Vec<&str> {
        parse_words(text, '\\').into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn whitespace_split() {
        assert_eq!(ws("a  b\tc"), ["a", "b", "c"]);
        assert_eq!(ws(""), Vec::<&str>::new());
    }

    #[test]
    fn words_keep_quotes_and_group() {
        assert_eq!(pw(r#"a="1 2" b=x\ y c"#), [r#"a="1 2""#, r"b=x\ y", "c"]);
        assert_eq!(pw(r#"name='a\'b''"#), [r#"name='a\'b''"#]);
        assert_eq!(pw(r#""""#), [r#""""#]);
    }

    #[test]
    fn unquoting() {
        assert_eq!(unquote(r#""value value1""#, '\\'), "value value1");
        assert_eq!(unquote(r"value\ value2", '\\'), "value value2");
        assert_eq!(unquote(r#""a\"b""#, '\\'), "a\"b");
        assert_eq!(unquote("'$X'", '\\'), "$X");
        assert_eq!(unquote(r#""a\nb""#, '\\'), r"a\nb");
    }

    /// The rules of BuildKit's unquoting, one character at a time: the
    /// byte-wise `unquote` must agree with it on every input.
    fn unquote_by_chars(raw: &str, escape: char) -> String {
        let mut out = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                out.extend(chars.by_ref().take_while(|&c| c != '\''));
            } else if c == '"' {
                while let Some(c) = chars.next() {
                    if c == '"' {
                        break;
                    }
                    match chars.peek() {
                        Some(&n) if c == escape && (matches!(n, '"' | '$' | '`') || n == escape) => {
                            out.push(n);
                            chars.next();
                        }
                        _ => out.push(c),
                    }
                }
            } else if c == escape {
                out.extend(chars.next());
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn unquoting_agrees_with_the_char_by_char_rules() {
        // every string of up to 5 characters over an alphabet of the special ones
        let alphabet = ['a', '"', '\'', '\\', '`', '$', 'é', ' '];
        let mut inputs = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = inputs
                .iter()
                .filter(|s| s.chars().count() == inputs.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            inputs.extend(longer);
        }
        assert!(inputs.len() > 30_000);
        for s in &inputs {
            for esc in ['\\', '`'] {
                assert_eq!(unquote(s, esc), unquote_by_chars(s, esc), "{s:?} with escape {esc:?}");
            }
        }
    }

    #[test]
    fn json_arrays() {
        match parse_json_array(r#"[ "a", "b\u00e9\n" ] trailing"#) {
            JsonArray::Strings(items, end) => {
                assert_eq!(items.len(), 2);
                assert_eq!(items[1].2, "bé\n");
                assert_eq!(end, 20);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(parse_json_array("['a']"), JsonArray::NotJson);
        assert_eq!(parse_json_array(r#"["a""#), JsonArray::NotJson);
        assert!(matches!(
            parse_json_array(r#"[ "echo", [ "nested" ] ]"#),
            JsonArray::NotStrings { at: 10 }
        ));
        assert!(matches!(
            parse_json_array(r#"["a", 1.5e3, {"k": null}]"#),
            JsonArray::NotStrings { .. }
        ));
        assert_eq!(parse_json_array("[]"), JsonArray::Strings(vec![], 2));
        let deep = "[".repeat(100_000);
        assert_eq!(parse_json_array(&deep), JsonArray::NotJson);
    }
}
