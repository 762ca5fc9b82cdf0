//! The lexer that splits a script's text into simple commands (at `&&`,
//! `||`, `;`, `|`, `&`, newlines, subshells, `$(...)` and backticks), reading
//! words, redirections and heredoc bodies and skipping `case`, `for` and
//! reserved words.

use super::commands::{is_assignment, resolve_program};
use super::words::is_name_start;
use super::{Bang, Command, Compound, ForLoop, Redirect, Script, Sep, ShHeredoc, ShWord};
use crate::span::OffsetMap;
use crate::span::Span;
use std::borrow::Cow;

/// Parses `text`, which sits at logical offset `base` of `map` (the body of
/// [`Script::parse`]).
pub(super) fn parse<'s>(text: &'s str, map: &OffsetMap, base: usize) -> Script<'s> {
    let mut lx = Lexer {
        s: text,
        b: text.as_bytes(),
        pos: 0,
        map,
        base,
        script: Script::default(),
        pipeline: 0,
        pending: Vec::new(),
        open: Vec::new(),
        closed: None,
    };
    lx.list(0, None);
    lx.script
}

/// Deepest nesting of `$(...)` and backticks (subshells count too) whose
/// commands are read; deeper ones are skipped, balanced, and the first is
/// recorded in [`Script::too_deep`]. Every recursion of the lexer goes through
/// a substitution, so this bounds its stack whatever the input.
pub const MAX_NESTING: u32 = 64;

/// The depth given to words whose substitutions are never read (redirection
/// targets, `case` headers): past [`MAX_NESTING`], but not recorded as too deep.
const NOT_READ: u32 = u32::MAX;

#[derive(Default)]
struct Builder<'s> {
    assignments: Vec<ShWord<'s>>,
    words: Vec<ShWord<'s>>,
    redirects: Vec<Redirect<'s>>,
    start: Option<usize>,
    end: usize,
}

struct Lexer<'s, 'm> {
    s: &'s str,
    b: &'s [u8],
    pos: usize,
    map: &'m OffsetMap,
    base: usize,
    script: Script<'s>,
    pipeline: u32,
    /// Heredocs whose bodies start after the next newline: (index, delimiter, strip tabs).
    pending: Vec<(usize, String, bool)>,
    /// Start offsets of the compound commands open here (`if`, `for`,
    /// `while`, `until`, `case`, `{`, `(`).
    open: Vec<usize>,
    /// The compound that just ended, waiting for the separator after it.
    closed: Option<usize>,
}

const RESERVED: &[&str] = &[
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time",
];

impl<'s> Lexer<'s, '_> {
    fn span(&self, s: usize, e: usize) -> Span {
        self.map.span(self.base + s, self.base + e)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn at(&self, lit: &str) -> bool {
        self.b[self.pos..].starts_with(lit.as_bytes())
    }

    fn finish(&mut self, cur: &mut Builder<'s>, sep: Sep, depth: u32) {
        let b = std::mem::take(cur);
        if let Some(i) = self.closed.take() {
            if b.words.is_empty() && b.assignments.is_empty() {
                self.script.compounds[i].sep = sep;
            }
        }
        if b.words.is_empty() && b.assignments.is_empty() && b.redirects.is_empty() {
            if sep != Sep::Pipe {
                self.pipeline += 1;
            }
            return;
        }
        let start = b.start.unwrap_or(b.end);
        let program = resolve_program(&b.words);
        self.script.commands.push(Command {
            assignments: b.assignments,
            words: b.words,
            redirects: b.redirects,
            program,
            sep,
            depth,
            pipeline: self.pipeline,
            span: self.span(start, b.end),
        });
        if sep != Sep::Pipe {
            self.pipeline += 1;
        }
    }

    /// Parses commands until the end of input or an unmatched `close`.
    fn list(&mut self, depth: u32, close: Option<u8>) {
        let mut cur = Builder::default();
        let mut parens = 0u32;
        // `case` handling: inside `case ... in`, a pattern ending in `)` comes
        // before each branch's commands.
        let mut case_depth = 0u32;
        let mut expect_pattern = false;
        // between `if`/`elif`/`while`/`until` and `then`/`do`
        let mut condition = false;
        loop {
            self.blanks();
            let Some(c) = self.peek() else {
                self.finish(&mut cur, Sep::End, depth + parens);
                return;
            };
            if Some(c) == close && parens == 0 && !(close == Some(b')') && expect_pattern) {
                self.finish(&mut cur, Sep::End, depth);
                self.pos += 1;
                return;
            }
            if expect_pattern && cur.words.is_empty() {
                // skip `pattern)` or `(pattern)`, or end the case at `esac`
                if self.word_is("esac") {
                    self.pos += 4;
                    self.close_compound();
                    case_depth -= 1;
                    expect_pattern = case_depth > 0;
                    continue;
                }
                if c == b'\n' || c == b';' {
                    self.pos += 1;
                    continue;
                }
                self.skip_pattern();
                expect_pattern = false;
                continue;
            }
            match c {
                b'#' => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                b'\n' => {
                    self.finish(&mut cur, Sep::Newline, depth + parens);
                    self.pos += 1;
                    self.heredoc_bodies();
                }
                b';' if self.at(";;") || self.at(";&") => {
                    self.finish(&mut cur, Sep::End, depth + parens);
                    self.pos += if self.at(";;&") { 3 } else { 2 };
                    if case_depth > 0 {
                        expect_pattern = true;
                    }
                }
                b';' => {
                    self.finish(&mut cur, Sep::Semi, depth + parens);
                    self.pos += 1;
                }
                b'&' if self.at("&&") => {
                    self.finish(&mut cur, Sep::AndIf, depth + parens);
                    self.pos += 2;
                }
                b'|' if self.at("||") => {
                    self.finish(&mut cur, Sep::OrIf, depth + parens);
                    self.pos += 2;
                }
                b'|' => {
                    let at = self.span(self.pos, self.pos + 1).start;
                    self.script.pipes.push(at);
                    self.finish(&mut cur, Sep::Pipe, depth + parens);
                    self.pos += if self.at("|&") { 2 } else { 1 };
                }
                b'&' if !self.at("&>") => {
                    self.finish(&mut cur, Sep::Background, depth + parens);
                    self.pos += 1;
                }
                b'(' => {
                    // `name() {` defines a function; otherwise a subshell.
                    if self.at("()") && !cur.words.is_empty() {
                        self.pos += 2;
                        cur = Builder::default();
                        continue;
                    }
                    self.finish(&mut cur, Sep::End, depth + parens);
                    self.open.push(self.pos);
                    parens += 1;
                    self.pos += 1;
                }
                b')' => {
                    self.finish(&mut cur, Sep::End, depth + parens);
                    parens = parens.saturating_sub(1);
                    self.pos += 1;
                    self.close_compound();
                }
                _ => {
                    if let Some(r) = self.redirect() {
                        if cur.start.is_none() {
                            cur.start = Some(self.pos);
                        }
                        cur.redirects.push(r);
                        cur.end = self.pos;
                        continue;
                    }
                    let start = self.pos;
                    let w = self.word(depth + parens);
                    if self.pos == start {
                        // a character no rule consumed: skip it
                        self.pos += self.s[self.pos..].chars().next().map(char::len_utf8).unwrap_or(1);
                        continue;
                    }
                    if cur.words.is_empty() && cur.start.is_none() && w.value == "case" && !w.quoted {
                        // `case WORD in`: skip to `in`, then patterns follow
                        self.open.push(start);
                        self.skip_case_header();
                        case_depth += 1;
                        expect_pattern = true;
                        continue;
                    }
                    if cur.words.is_empty() && !w.quoted && RESERVED.contains(&w.raw) {
                        match w.raw {
                            "if" | "while" | "until" | "{" => {
                                condition = w.raw != "{";
                                self.open.push(start);
                            }
                            "elif" => condition = true,
                            "then" | "do" => condition = false,
                            "fi" | "done" | "}" => self.close_compound(),
                            "!" => self.script.bangs.push(Bang {
                                span: w.span,
                                condition,
                                depth: depth + parens,
                            }),
                            _ => {}
                        }
                        continue;
                    }
                    if cur.words.is_empty() && !w.quoted && w.raw == "for" {
                        self.open.push(start);
                        let header = self.for_header(depth + parens, w.span);
                        if let Some(header) = header {
                            self.script.loops.push(header);
                        }
                        continue;
                    }
                    if cur.start.is_none() {
                        cur.start = Some(start);
                    }
                    cur.end = self.pos;
                    if cur.words.is_empty() && is_assignment(w.raw) {
                        cur.assignments.push(w);
                    } else {
                        cur.words.push(w);
                    }
                }
            }
        }
    }

    /// Ends the innermost open compound command here.
    fn close_compound(&mut self) {
        if let Some(start) = self.open.pop() {
            self.script.compounds.push(Compound {
                span: self.span(start, self.pos),
                sep: Sep::End,
            });
            self.closed = Some(self.script.compounds.len() - 1);
        }
    }

    fn word_is(&self, w: &str) -> bool {
        self.at(w)
            && self
                .b
                .get(self.pos + w.len())
                .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b';' | b')' | b'&' | b'|'))
    }

    fn blanks(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r') => self.pos += 1,
                Some(b'\\') if self.b.get(self.pos + 1) == Some(&b'\n') => self.pos += 2,
                _ => return,
            }
        }
    }

    /// Reads the words of a `for NAME in WORDS` header (quotes respected;
    /// substitutions inside are still parsed). None for `for ((...))`.
    fn for_header(&mut self, depth: u32, keyword: Span) -> Option<ForLoop<'s>> {
        let mut words = Vec::new();
        let mut arithmetic = false;
        loop {
            self.blanks();
            match self.peek() {
                None | Some(b'\n' | b';' | b'&' | b'|' | b')') => break,
                _ => {
                    let start = self.pos;
                    let w = self.word(depth);
                    if self.pos == start {
                        arithmetic |= self.peek() == Some(b'(');
                        self.pos += 1;
                    } else {
                        words.push(w);
                    }
                }
            }
        }
        if arithmetic {
            return None;
        }
        let mut words = words.into_iter();
        let var = words.next();
        let items = match words.next() {
            Some(w) if w.raw == "in" => Some(words.collect()),
            _ => None,
        };
        Some(ForLoop { keyword, var, items })
    }

    fn skip_case_header(&mut self) {
        // the word after `case`, then `in`
        loop {
            self.blanks();
            let Some(c) = self.peek() else { return };
            if c == b'\n' || c == b';' {
                self.pos += 1;
                continue;
            }
            let start = self.pos;
            let w = self.word(NOT_READ);
            if w.raw == "in" || self.pos == start {
                if self.pos == start {
                    self.pos += 1;
                }
                if w.raw == "in" {
                    return;
                }
            }
        }
    }

    fn skip_pattern(&mut self) {
        let mut quote = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match (quote, c) {
                (None, b'\'' | b'"') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                // never past the end: a backslash may be the last byte
                (None, b'\\') => self.pos = (self.pos + 1).min(self.b.len()),
                (None, b')') => return,
                (None, b'\n') => return,
                _ => {}
            }
        }
    }

    /// A redirection operator (with optional fd digits) and its target word.
    fn redirect(&mut self) -> Option<Redirect<'s>> {
        let start = self.pos;
        let mut p = self.pos;
        while self.b.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
        let fd = if p > start { self.s[start..p].parse().ok() } else { None };
        const OPS: [&str; 12] = ["<<<", "<<-", "&>>", "<<", "<>", "<&", ">>", ">&", ">|", "&>", "<", ">"];
        let op = OPS.iter().find(|op| self.b[p..].starts_with(op.as_bytes()))?;
        if op.starts_with('&') && fd.is_some() {
            return None;
        }
        self.pos = p + op.len();
        self.blanks();
        let target = if self
            .peek()
            .is_some_and(|c| !matches!(c, b'\n' | b';' | b'&' | b'|' | b'(' | b')'))
        {
            Some(self.word(NOT_READ))
        } else {
            None
        };
        let mut heredoc = None;
        if (*op == "<<" || *op == "<<-") && target.is_some() {
            let t = target.as_ref().map(|t| t.value.to_string()).unwrap_or_default();
            let idx = self.script.heredocs.len();
            self.script.heredocs.push(ShHeredoc {
                delimiter: t.clone(),
                body: String::new(),
                span: Span::default(),
            });
            self.pending.push((idx, t, *op == "<<-"));
            heredoc = Some(idx);
        }
        Some(Redirect {
            op,
            fd,
            span: self.span(start, self.pos),
            target,
            heredoc,
        })
    }

    /// Reads the bodies of pending heredocs; the position is at a line start.
    fn heredoc_bodies(&mut self) {
        for (idx, delim, strip) in std::mem::take(&mut self.pending) {
            let start = self.pos;
            let mut end = self.pos;
            while self.pos < self.b.len() {
                let line_end = self.s[self.pos..]
                    .find('\n')
                    .map(|i| self.pos + i)
                    .unwrap_or(self.b.len());
                let mut line = self.s[self.pos..line_end].trim_end_matches('\r');
                if strip {
                    line = line.trim_start_matches('\t');
                }
                let next = (line_end + 1).min(self.b.len());
                if line == delim {
                    self.pos = next;
                    break;
                }
                end = next;
                self.pos = next;
            }
            let span = self.span(start, end);
            let body = self.s[start..end].to_string();
            if let Some(h) = self.script.heredocs.get_mut(idx) {
                h.body = body;
                h.span = span;
            }
        }
    }

    /// End of the run of bytes from the current position (at least one) up
    /// to the first `stop` byte.
    fn run_end(&self, stop: impl Fn(u8) -> bool) -> usize {
        let from = self.pos + 1;
        self.b[from.min(self.b.len())..]
            .iter()
            .position(|&c| stop(c))
            .map_or(self.b.len(), |i| from + i)
    }

    /// One word, up to an unquoted blank or operator character.
    fn word(&mut self, depth: u32) -> ShWord<'s> {
        let start = self.pos;
        // the value stays borrowed (equal to the raw text) until a quote or an
        // escape makes it differ; then it is copied and built from there
        let mut value: Option<String> = None;
        let s = self.s;
        let own = |value: &mut Option<String>, upto: usize| -> String {
            value.take().unwrap_or_else(|| s[start..upto].to_string())
        };
        let mut quoted = false;
        let mut dynamic = false;
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')' => break,
                b'\\' => {
                    let mut v = own(&mut value, self.pos);
                    self.pos += 1;
                    match s[self.pos..].chars().next() {
                        Some('\n') => self.pos += 1,
                        Some(n) => {
                            v.push(n);
                            self.pos += n.len_utf8();
                        }
                        None => {}
                    }
                    value = Some(v);
                }
                b'\'' => {
                    quoted = true;
                    let mut v = own(&mut value, self.pos);
                    self.pos += 1;
                    let end = s[self.pos..].find('\'').map(|i| self.pos + i).unwrap_or(self.b.len());
                    v.push_str(&s[self.pos..end]);
                    self.pos = (end + 1).min(self.b.len());
                    value = Some(v);
                }
                b'"' => {
                    quoted = true;
                    let mut v = own(&mut value, self.pos);
                    self.pos += 1;
                    while let Some(c) = self.peek() {
                        match c {
                            b'"' => {
                                self.pos += 1;
                                break;
                            }
                            b'\\' => {
                                self.pos += 1;
                                match self.peek() {
                                    Some(n @ (b'"' | b'\\' | b'$' | b'`')) => {
                                        v.push(n as char);
                                        self.pos += 1;
                                    }
                                    Some(b'\n') => self.pos += 1,
                                    _ => v.push('\\'),
                                }
                            }
                            b'$' | b'`' => {
                                dynamic = true;
                                let at = self.pos;
                                self.dollar_or_backtick(depth);
                                v.push_str(&s[at..self.pos]);
                            }
                            _ => {
                                // a run of plain text at once (the bytes ending it are ASCII)
                                let end = self.run_end(|c| matches!(c, b'"' | b'\\' | b'$' | b'`'));
                                v.push_str(&s[self.pos..end]);
                                self.pos = end;
                            }
                        }
                    }
                    value = Some(v);
                }
                b'$' | b'`' => {
                    let at = self.pos;
                    if self.dollar_or_backtick(depth) {
                        dynamic = true;
                    }
                    if let Some(v) = &mut value {
                        v.push_str(&s[at..self.pos]);
                    }
                }
                _ => {
                    let end = self.run_end(|c| {
                        matches!(
                            c,
                            b' ' | b'\t'
                                | b'\r'
                                | b'\n'
                                | b';'
                                | b'&'
                                | b'|'
                                | b'<'
                                | b'>'
                                | b'('
                                | b')'
                                | b'\\'
                                | b'\''
                                | b'"'
                                | b'$'
                                | b'`'
                        )
                    });
                    if let Some(v) = &mut value {
                        v.push_str(&s[self.pos..end]);
                    }
                    self.pos = end;
                }
            }
        }
        let raw = &s[start..self.pos];
        let value = match value {
            Some(v) => Cow::Owned(v),
            None => Cow::Borrowed(raw),
        };
        ShWord {
            raw,
            value,
            span: self.span(start, self.pos),
            quoted,
            dynamic,
        }
    }

    /// At `$` or a backtick: consumes an expansion or substitution, parsing
    /// the commands inside `$(...)` and backticks. Returns true if it was one.
    fn dollar_or_backtick(&mut self, depth: u32) -> bool {
        let at = self.pos;
        if self.peek() == Some(b'`') {
            self.pos += 1;
            let end = find_unescaped(self.b, self.pos, b'`').unwrap_or(self.b.len());
            if depth < MAX_NESTING {
                let inner = Lexer {
                    s: &self.s[..end],
                    b: &self.b[..end],
                    pos: self.pos,
                    map: self.map,
                    base: self.base,
                    script: Script::default(),
                    pipeline: self.pipeline + 1,
                    pending: Vec::new(),
                    open: Vec::new(),
                    closed: None,
                };
                self.absorb(inner, depth + 1);
            } else {
                self.too_deep(depth, at, at + 1);
            }
            self.pos = (end + 1).min(self.b.len());
            return true;
        }
        self.pos += 1;
        if self.at("((") {
            self.pos += 2;
            self.skip_balanced(b'(', b')', 2);
            true
        } else if self.peek() == Some(b'(') {
            self.pos += 1;
            if depth < MAX_NESTING {
                let save = std::mem::take(&mut self.pending);
                self.list(depth + 1, Some(b')'));
                self.pending = save;
            } else {
                self.too_deep(depth, at, at + 2);
                self.skip_balanced(b'(', b')', 1);
            }
            true
        } else if self.peek() == Some(b'{') {
            self.pos += 1;
            self.skip_balanced(b'{', b'}', 1);
            true
        } else if self
            .peek()
            .is_some_and(|c| is_name_start(c) || c.is_ascii_digit() || b"@*#?$!-".contains(&c))
        {
            let c = self.b[self.pos];
            self.pos += 1;
            if is_name_start(c) {
                while self.peek().is_some_and(|c| c == b'_' || c.is_ascii_alphanumeric()) {
                    self.pos += 1;
                }
            }
            true
        } else {
            false
        }
    }

    /// Records the first substitution skipped for being nested too deep.
    fn too_deep(&mut self, depth: u32, start: usize, end: usize) {
        if depth != NOT_READ && self.script.too_deep.is_none() {
            self.script.too_deep = Some(self.span(start, end));
        }
    }

    fn absorb(&mut self, mut inner: Lexer<'s, '_>, depth: u32) {
        inner.list(depth, None);
        self.pipeline = inner.pipeline + 1;
        let offset = self.script.heredocs.len();
        for mut c in inner.script.commands {
            for r in &mut c.redirects {
                r.heredoc = r.heredoc.map(|h| h + offset);
            }
            self.script.commands.push(c);
        }
        self.script.heredocs.extend(inner.script.heredocs);
        self.script.pipes.extend(inner.script.pipes);
        self.script.too_deep = self.script.too_deep.or(inner.script.too_deep);
        self.script.loops.extend(inner.script.loops);
        self.script.compounds.extend(inner.script.compounds);
        self.script.bangs.extend(inner.script.bangs);
    }

    /// Skips to the close that balances `open`s, honouring quotes.
    fn skip_balanced(&mut self, open: u8, close: u8, mut level: u32) {
        let mut quote = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match (quote, c) {
                (None, b'\'' | b'"') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (_, b'\\') if quote != Some(b'\'') => self.pos = (self.pos + 1).min(self.b.len()),
                (None, c) if c == open => level += 1,
                (None, c) if c == close => {
                    level -= 1;
                    if level == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }
}

fn find_unescaped(b: &[u8], mut pos: usize, target: u8) -> Option<usize> {
    while pos < b.len() {
        if b[pos] == b'\\' {
            pos += 2;
            continue;
        }
        if b[pos] == target {
            return Some(pos);
        }
        pos += 1;
    }
    None
}
