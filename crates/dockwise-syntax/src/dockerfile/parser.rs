//! The Dockerfile parser. It follows BuildKit's parser line by line (parser
//! directives, escape character, `\` continuations across comment and blank
//! lines, heredocs, JSON and shell forms, flags) and records the span of every
//! piece. Unlike BuildKit it does not stop at the first error: a broken
//! instruction is recorded as an error and parsing goes on, so the rest of the
//! file can still be checked.

use super::ast::*;
use super::words::{self, JsonArray};
use crate::image::ImageRef;
use crate::span::{OffsetMap, Span};
use std::borrow::Cow;

/// Longest line, in bytes, that the parser accepts (BuildKit's bufio limit is
/// 64 KiB; we are more generous but still bounded).
pub const MAX_LINE: usize = 1 << 20;

pub fn parse(source: &str) -> Dockerfile<'_> {
    Parser::new(source).run()
}

#[derive(Clone, Copy)]
struct Line {
    /// First byte of the line's content (after a BOM on line 1).
    start: usize,
    /// End of the content: line break characters excluded.
    end: usize,
}

struct Parser<'a> {
    src: &'a str,
    lines: Vec<Line>,
    out: Dockerfile<'a>,
    directives_done: bool,
    /// The instruction text being parsed, when it is a slice of the source
    /// (a single line): words then borrow from it instead of copying.
    borrowed: Option<&'a str>,
    /// Parsing the instruction an ONBUILD wraps: an ONBUILD there is not
    /// parsed further (see [`Args::Onbuild`]).
    in_onbuild: bool,
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        let bytes = src.as_bytes();
        while start < bytes.len() {
            let next = match bytes[start..].iter().position(|&b| b == b'\n') {
                Some(i) => start + i + 1,
                None => bytes.len(),
            };
            let mut end = next;
            while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
                end -= 1;
            }
            lines.push(Line { start, end });
            start = next;
        }
        if let Some(first) = lines.first_mut() {
            if src[first.start..first.end].starts_with('\u{feff}') {
                first.start += 3;
            }
        }
        Parser {
            src,
            lines,
            out: Dockerfile {
                escape: '\\',
                ..Default::default()
            },
            directives_done: false,
            borrowed: None,
            in_onbuild: false,
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.out.errors.push(SyntaxError {
            message: message.into(),
            span,
        });
    }

    fn run(mut self) -> Dockerfile<'a> {
        let mut i = 0;
        while i < self.lines.len() {
            let line = self.lines[i];
            i += 1;
            let raw = &self.src[line.start..line.end];
            if raw.len() > MAX_LINE {
                self.error(
                    Span::from_usize(line.start, line.start),
                    format!("line is longer than {MAX_LINE} bytes"),
                );
                continue;
            }
            let lead = raw.len() - raw.trim_start_matches(is_space).len();
            let token = &raw[lead..];
            let token_start = line.start + lead;
            self.possible_directive(token, token_start);
            if token.starts_with('#') {
                self.comment(token, token_start, false);
                continue;
            }
            if token.is_empty() {
                continue;
            }

            // One instruction: this line and its continuation lines.
            let mut text = String::with_capacity(raw.len());
            let mut map = OffsetMap::default();
            let (seg_end, mut continued) = self.continuation(token);
            let seg_end_first = seg_end;
            map.push(0, token_start as u32);
            text.push_str(&token[..seg_end]);
            let mut end = token_start + seg_end;
            while continued && i < self.lines.len() {
                let l = self.lines[i];
                i += 1;
                let raw = &self.src[l.start..l.end];
                let trimmed = raw.trim_start_matches(is_space);
                if trimmed.starts_with('#') {
                    self.comment(trimmed, l.end - trimmed.len(), true);
                    continue;
                }
                if trimmed.is_empty() {
                    self.out.empty_continuation_lines.push(Span::from_usize(l.start, l.end));
                    continue;
                }
                let (seg_end, c) = self.continuation(raw);
                continued = c;
                map.push(text.len() as u32, l.start as u32);
                text.push_str(&raw[..seg_end]);
                end = l.start + seg_end;
            }
            if text.trim_matches(is_space).is_empty() {
                // Only continuation characters: nothing to parse.
                continue;
            }

            // a single line is parsed in place: its words borrow from the source
            self.borrowed = (text.len() == seg_end_first).then(|| &token[..seg_end_first]);
            let mut instr = self.instruction(&text, &map, 0, text.len());
            self.borrowed = None;
            instr.map = map;
            let map = &instr.map;
            instr.span = Span::new(instr.keyword_span.start, (end as u32).max(instr.keyword_span.start));
            let eff = instr.effective();
            if matches!(eff.kind, Kind::Run | Kind::Copy | Kind::Add) && !eff.json && text.contains("<<") {
                let map = map.clone();
                i = self.heredocs(&mut instr, &text, &map, i);
            }
            self.out.instructions.push(instr);
        }
        if self.out.instructions.is_empty() && self.out.errors.is_empty() {
            self.error(
                Span::new(0, 0),
                "the file has no instructions: a Dockerfile needs at least a FROM",
            );
        }
        self.out
    }

    fn comment(&mut self, token: &str, start: usize, inside: bool) {
        self.out.comments.push(Comment {
            text: token[1..].trim().to_string(),
            span: Span::from_usize(start, start + token.len()),
            inside_instruction: inside,
        });
    }

    /// BuildKit's line continuation: the escape character as the last
    /// non-blank character, not itself escaped. Returns the length of the line
    /// without it, and whether the instruction continues.
    fn continuation(&self, line: &str) -> (usize, bool) {
        let esc = self.out.escape;
        let body = line.trim_end_matches([' ', '\t']);
        if let Some(before) = body.strip_suffix(esc) {
            if !before.ends_with(esc) {
                return (before.len(), true);
            }
        }
        (line.len(), false)
    }

    /// `# name = value` lines at the very top of the file.
    fn possible_directive(&mut self, token: &str, start: usize) {
        if self.directives_done {
            return;
        }
        let Some((name, value, vstart)) = directive_parts(token) else {
            self.directives_done = true;
            return;
        };
        let lname = name.to_ascii_lowercase();
        if !matches!(lname.as_str(), "syntax" | "escape" | "check") {
            self.directives_done = true;
            return;
        }
        let span = Span::from_usize(start, start + token.len());
        let value_span = Span::from_usize(start + vstart, start + vstart + value.len());
        if self.out.directives.iter().any(|d| d.name == lname) {
            self.error(span, format!("only one `{lname}` parser directive can be used"));
            return;
        }
        if lname == "escape" {
            match value {
                "\\" => self.out.escape = '\\',
                "`" => self.out.escape = '`',
                _ => {
                    self.error(
                        value_span,
                        format!("invalid escape character `{value}`: it must be ` or \\"),
                    );
                    return;
                }
            }
        }
        // BuildKit reads `check` only from a `#` in the first column
        let first_column = matches!(self.src[..start].chars().next_back(), None | Some('\n' | '\u{feff}'));
        if lname == "check" && first_column {
            if let Err(e) = super::check::CheckOptions::parse(value) {
                // BuildKit refuses to build: "failed to parse check options"
                self.error(value_span, format!("the `check` directive cannot be read: {e}"));
            }
        }
        self.out.directives.push(Directive {
            name: lname,
            value: value.to_string(),
            span,
            value_span,
        });
    }

    /// `text[s..e]`, borrowed from the source when the text is a slice of it.
    fn cow(&self, text: &str, s: usize, e: usize) -> Cow<'a, str> {
        match self.borrowed {
            Some(src) => Cow::Borrowed(&src[s..e]),
            None => Cow::Owned(text[s..e].to_string()),
        }
    }

    fn word(&self, text: &str, map: &OffsetMap, s: usize, e: usize) -> Word<'a> {
        let raw = self.cow(text, s, e);
        let value = match words::unquote_if_needed(&raw, self.out.escape) {
            Some(v) => Cow::Owned(v),
            None => raw.clone(),
        };
        Word {
            raw,
            value,
            span: map.span(s, e),
        }
    }

    /// Parses the instruction in `text[from..to]` (BuildKit's newNodeFromLine).
    fn instruction(&mut self, text: &str, map: &OffsetMap, from: usize, to: usize) -> Instruction<'a> {
        let sub = &text[from..to];
        let kw_start = from + (sub.len() - sub.trim_start_matches(is_space).len());
        let end = from + sub.trim_end_matches(is_space).len();
        let kw_end = text[kw_start..end]
            .find(words::is_sep)
            .map(|i| kw_start + i)
            .unwrap_or(end);
        let keyword = &text[kw_start..kw_end];
        let kind = Kind::from_keyword(keyword);
        let rest = kw_end + (text[kw_end..end].len() - text[kw_end..end].trim_start_matches(words::is_sep).len());
        let (flags, args_start) = self.flags(text, map, rest, end);
        let args_start = args_start.min(end);
        let mut instr = Instruction {
            kind,
            keyword: keyword.to_string(),
            keyword_span: map.span(kw_start, kw_end),
            span: map.span(kw_start, end),
            flags,
            args: Args::None,
            args_text: text[args_start..end].to_string(),
            args_span: map.span(args_start, end),
            args_offset: args_start as u32,
            json: false,
            heredocs: Vec::new(),
            // set by the caller, which owns the map
            map: OffsetMap::default(),
        };
        if args_start < end {
            instr.args = self.args(kind, text, map, args_start, end, &mut instr.json);
        }
        instr
    }

    /// BuildKit's extractBuilderFlags: leading `--name=value` words.
    fn flags(&self, text: &str, map: &OffsetMap, from: usize, to: usize) -> (Vec<Flag>, usize) {
        let b = text.as_bytes();
        let mut flags = Vec::new();
        let mut pos = from;
        loop {
            while pos < to && (b[pos] as char).is_ascii_whitespace() {
                pos += 1;
            }
            if pos >= to || !(b[pos] == b'-' && pos + 1 < to && b[pos + 1] == b'-') {
                return (flags, pos);
            }
            let start = pos;
            let mut word = String::new();
            let mut quote = None;
            while pos < to {
                let c = text[pos..].chars().next().unwrap_or(' ');
                match quote {
                    None if c.is_ascii_whitespace() => break,
                    None if c == '\'' || c == '"' => quote = Some(c),
                    Some(q) if c == q => quote = None,
                    _ if c == '\\' => {
                        if pos + 1 < to {
                            pos += 1;
                            let n = text[pos..].chars().next().unwrap_or(' ');
                            word.push(n);
                            pos += n.len_utf8();
                        } else {
                            pos += 1;
                        }
                        continue;
                    }
                    _ => word.push(c),
                }
                pos += c.len_utf8();
            }
            if word == "--" {
                return (flags, pos);
            }
            let raw = &text[start..pos];
            let name_end = raw.find('=').unwrap_or(raw.len());
            let (name, value) = match word.split_once('=') {
                Some((n, v)) => (n[2..].to_string(), Some(v.to_string())),
                None => (word[2..].to_string(), None),
            };
            flags.push(Flag {
                text: word.clone(),
                name,
                value_span: value.as_ref().map(|_| map.span(start + name_end + 1, pos)),
                value,
                span: map.span(start, pos),
                name_span: map.span(start + 2, start + name_end),
            });
        }
    }

    fn args(&mut self, kind: Kind, text: &str, map: &OffsetMap, s: usize, e: usize, json: &mut bool) -> Args<'a> {
        match kind {
            Kind::From => {
                let ranges = words::split_whitespace(&text[s..e]);
                let Some(&(a, b)) = ranges.first() else {
                    return Args::None;
                };
                let image = ImageRef::parse(&text[s + a..s + b], map, s + a);
                let rest: Vec<Word> = ranges[1..]
                    .iter()
                    .map(|&(a, b)| self.word(text, map, s + a, s + b))
                    .collect();
                let (as_keyword, alias, extra) = if rest.len() >= 2 && rest[0].raw.eq_ignore_ascii_case("as") {
                    let mut r = rest.into_iter();
                    let a = r.next();
                    let b = r.next();
                    (a, b, r.collect())
                } else {
                    (None, None, rest)
                };
                Args::From(FromArgs {
                    image,
                    as_keyword,
                    alias,
                    extra,
                })
            }
            Kind::Expose => Args::List(self.whitespace_words(text, map, s, e)),
            Kind::Run | Kind::Cmd | Kind::Entrypoint | Kind::Shell => self.maybe_json(text, map, s, e, json, false),
            Kind::Add | Kind::Copy | Kind::Volume => self.maybe_json(text, map, s, e, json, true),
            Kind::Env | Kind::Label => self.name_val(kind, text, map, s, e),
            Kind::Arg => {
                let list = words::parse_words(&text[s..e], self.out.escape);
                Args::KeyValues(
                    list.into_iter()
                        .map(|(a, b)| self.key_value(text, map, s + a, s + b))
                        .collect(),
                )
            }
            Kind::Healthcheck => {
                let sub = &text[s..e];
                let sep = sub.find(is_space).unwrap_or(sub.len());
                let kind_word = self.word(text, map, s, s + sep);
                let next = s + sep + (sub[sep..].len() - sub[sep..].trim_start_matches(is_space).len());
                let cmd = if next < e {
                    Some(Box::new(self.maybe_json(text, map, next, e, json, false)))
                } else {
                    None
                };
                Args::Healthcheck { kind: kind_word, cmd }
            }
            Kind::Onbuild if self.in_onbuild => {
                // `ONBUILD ONBUILD ...`: BuildKit refuses to chain ONBUILD
                // (DL3043 reports it), so the inner one's arguments stay
                // text; no input nests deeper than one level, however many
                // ONBUILDs it repeats.
                let raw = self.cow(text, s, e);
                Args::Text(Word {
                    value: raw.clone(),
                    raw,
                    span: map.span(s, e),
                })
            }
            Kind::Onbuild => {
                self.in_onbuild = true;
                let mut inner = self.instruction(text, map, s, e);
                self.in_onbuild = false;
                inner.map = map.clone();
                Args::Onbuild(Box::new(inner))
            }
            Kind::Maintainer | Kind::User | Kind::Workdir | Kind::Stopsignal => Args::Text(self.word(text, map, s, e)),
            Kind::Unknown => Args::None,
        }
    }

    fn whitespace_words(&self, text: &str, map: &OffsetMap, s: usize, e: usize) -> Vec<Word<'a>> {
        words::split_whitespace(&text[s..e])
            .into_iter()
            .map(|(a, b)| self.word(text, map, s + a, s + b))
            .collect()
    }

    /// BuildKit's parseMaybeJSON / parseMaybeJSONToList.
    fn maybe_json(
        &mut self,
        text: &str,
        map: &OffsetMap,
        s: usize,
        e: usize,
        json: &mut bool,
        to_list: bool,
    ) -> Args<'a> {
        match words::parse_json_array(&text[s..e]) {
            JsonArray::Strings(items, _) => {
                *json = true;
                let words = items
                    .into_iter()
                    .map(|(a, b, value)| {
                        let raw = self.cow(text, s + a, s + b);
                        // a string without escapes is its literal minus the quotes
                        let value = if raw.len() >= 2 && !raw.contains('\\') && raw[1..raw.len() - 1] == value {
                            self.cow(text, s + a + 1, s + b - 1)
                        } else {
                            Cow::Owned(value)
                        };
                        Word {
                            raw,
                            value,
                            span: map.span(s + a, s + b),
                        }
                    })
                    .collect();
                if to_list {
                    Args::List(words)
                } else {
                    Args::Exec(words)
                }
            }
            JsonArray::NotStrings { at } => {
                self.error(
                    map.span(s + at, s + at + 1),
                    "a JSON array (exec form) may only contain strings",
                );
                Args::Invalid
            }
            JsonArray::NotJson if to_list => Args::List(self.whitespace_words(text, map, s, e)),
            JsonArray::NotJson => {
                let raw = self.cow(text, s, e);
                Args::Shell(Word {
                    value: raw.clone(),
                    raw,
                    span: map.span(s, e),
                })
            }
        }
    }

    fn key_value(&self, text: &str, map: &OffsetMap, a: usize, b: usize) -> KeyValue<'a> {
        let raw = self.word(text, map, a, b);
        match text[a..b].find('=') {
            Some(eq) => KeyValue {
                key: self.word(text, map, a, a + eq),
                value: Some(self.word(text, map, a + eq + 1, b)),
                raw,
                legacy: false,
            },
            None => KeyValue {
                key: raw.clone(),
                value: None,
                raw,
                legacy: false,
            },
        }
    }

    /// BuildKit's parseNameVal for ENV and LABEL.
    fn name_val(&mut self, kind: Kind, text: &str, map: &OffsetMap, s: usize, e: usize) -> Args<'a> {
        let list = words::parse_words(&text[s..e], self.out.escape);
        let Some(&(a0, b0)) = list.first() else {
            return Args::None;
        };
        if !text[s + a0..s + b0].contains('=') {
            // Legacy form: `ENV key value with spaces`.
            let sub = &text[s..e];
            let key_end = sub.find(words::is_sep).unwrap_or(sub.len());
            let value_start = key_end + (sub[key_end..].len() - sub[key_end..].trim_start_matches(words::is_sep).len());
            if value_start >= sub.len() {
                self.error(
                    map.span(s, e),
                    format!("{} needs a value: `{} name=value`", kind.keyword(), kind.keyword()),
                );
                return Args::Invalid;
            }
            let key = self.word(text, map, s, s + key_end);
            let value = self.word(text, map, s + value_start, e);
            return Args::KeyValues(vec![KeyValue {
                raw: self.word(text, map, s, e),
                key,
                value: Some(value),
                legacy: true,
            }]);
        }
        let mut out = Vec::new();
        for (a, b) in list {
            let w = &text[s + a..s + b];
            if !w.contains('=') {
                self.error(
                    map.span(s + a, s + b),
                    format!("`{w}` has no `=`: {} takes `name=value` pairs here", kind.keyword()),
                );
                return Args::Invalid;
            }
            out.push(self.key_value(text, map, s + a, s + b));
        }
        Args::KeyValues(out)
    }

    /// Reads the bodies of the heredocs named on the instruction line, from
    /// line `i` on; returns the index of the first line after them.
    fn heredocs(&mut self, instr: &mut Instruction<'a>, text: &str, map: &OffsetMap, mut i: usize) -> usize {
        for (a, b) in words::parse_words(text, '\\') {
            let Some(h) = heredoc_marker(&text[a..b]) else { continue };
            let (fd, chomp, name, expand) = h;
            let marker_span = map.span(a, b);
            let content_start = self.lines.get(i).map(|l| l.start).unwrap_or(self.src.len());
            let mut content_end = content_start;
            let mut terminator = None;
            while i < self.lines.len() {
                let l = self.lines[i];
                i += 1;
                let mut candidate = &self.src[l.start..l.end];
                if chomp {
                    candidate = candidate.trim_start_matches('\t');
                }
                if candidate == name {
                    terminator = Some(Span::from_usize(l.start, l.end));
                    break;
                }
                content_end = self.lines.get(i).map(|n| n.start).unwrap_or(self.src.len());
            }
            let terminator_span = match terminator {
                Some(t) => t,
                None => {
                    self.error(
                        marker_span,
                        format!("heredoc `{name}` is never terminated: add a line `{name}`"),
                    );
                    Span::from_usize(self.src.len(), self.src.len())
                }
            };
            instr.span.end = instr.span.end.max(terminator_span.end);
            instr.heredocs.push(Heredoc {
                name,
                chomp,
                expand,
                fd,
                marker_span,
                content: self.src[content_start..content_end].to_string(),
                content_span: Span::from_usize(content_start, content_end),
                terminator_span,
            });
        }
        i
    }
}

/// `#` name `=` value, BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`.
/// Returns name, value and the value's byte offset in `token`.
fn directive_parts(token: &str) -> Option<(&str, &str, usize)> {
    let rest = token.strip_prefix('#')?;
    let trimmed = rest.trim_start();
    let name_len = trimmed
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(trimmed.len());
    let name = &trimmed[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = trimmed[name_len..].trim_start();
    let after = after.strip_prefix('=')?;
    let value = after.trim();
    if value.is_empty() {
        return None;
    }
    let vstart = token.len() - after.trim_start().len();
    Some((name, value, vstart))
}

/// A word like `<<EOF`, `<<-"EOF"`, `3<<'END'` (BuildKit's reHeredoc): fd,
/// chomp, name, and whether the body expands variables.
fn heredoc_marker(word: &str) -> Option<(Option<u32>, bool, String, bool)> {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = word[digits..].strip_prefix("<<")?;
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    let name = words::unquote(rest, '\\');
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    let quotes = |s: &str| s.matches(['\'', '"']).count();
    let expand = quotes(rest) == quotes(&name);
    let fd = if digits > 0 { word[..digits].parse().ok() } else { None };
    Some((fd, chomp, name, expand))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(src: &str) -> Instruction<'_> {
        let df = parse(src);
        assert!(df.errors.is_empty(), "{:?}", df.errors);
        df.instructions.into_iter().next().expect("an instruction")
    }

    #[test]
    fn spans_survive_continuations_and_comment_lines() {
        let src = "FROM x\nRUN apt-get update && \\\n# a comment\n\n    apt-get install -y curl\n";
        let df = parse(src);
        assert_eq!(df.instructions.len(), 2);
        let run = &df.instructions[1];
        assert_eq!(
            run.span.text(src),
            "RUN apt-get update && \\\n# a comment\n\n    apt-get install -y curl"
        );
        let Args::Shell(w) = &run.args else { panic!() };
        assert_eq!(w.raw, "apt-get update &&     apt-get install -y curl");
        // "install" lives on the fifth line of the source
        let at = w.raw.find("install").unwrap();
        let sp = run
            .map
            .span(run.args_offset as usize + at, run.args_offset as usize + at + 7);
        assert_eq!(sp.text(src), "install");
        assert_eq!(df.empty_continuation_lines.len(), 1);
        assert!(df.comments[0].inside_instruction);
    }

    #[test]
    fn flags_and_from_parts() {
        let src = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build";
        let i = one(src);
        assert_eq!(i.flags[0].name, "platform");
        assert_eq!(i.flags[0].value.as_deref(), Some("$BUILDPLATFORM"));
        assert_eq!(i.flags[0].value_span.unwrap().text(src), "$BUILDPLATFORM");
        let f = i.from_args().unwrap();
        assert_eq!(f.image.tag.as_ref().unwrap().span.text(src), "1.22");
        assert_eq!(f.alias.as_ref().unwrap().span.text(src), "build");
    }

    #[test]
    fn heredocs_are_attached() {
        let src =
            "FROM x\nRUN <<EOF\napt-get update\nEOF\nCOPY <<-'END' /etc/app.conf\n\tkey=value\n\tEND\nCMD [\"x\"]\n";
        let df = parse(src);
        assert!(df.errors.is_empty(), "{:?}", df.errors);
        assert_eq!(df.instructions.len(), 4);
        let run = &df.instructions[1];
        assert_eq!(run.heredocs[0].content, "apt-get update\n");
        assert_eq!(run.span.text(src), "RUN <<EOF\napt-get update\nEOF");
        let copy = &df.instructions[2];
        let h = &copy.heredocs[0];
        assert!(h.chomp && !h.expand);
        assert_eq!(h.name, "END");
        assert_eq!(h.content_span.text(src), "\tkey=value\n");
    }

    #[test]
    fn unterminated_heredoc_is_an_error_at_its_marker() {
        let src = "FROM x\nRUN <<EOF\necho hi\n";
        let df = parse(src);
        assert_eq!(df.errors.len(), 1);
        assert_eq!(df.errors[0].span.text(src), "<<EOF");
    }

    #[test]
    fn an_unreadable_check_directive_is_an_error() {
        let df = parse("# check=skip=all;error=maybe\nFROM a\n");
        assert_eq!(df.errors.len(), 1, "{:?}", df.errors);
        assert!(parse("# check=skip=all;error=true\nFROM a\n").errors.is_empty());
        // indented, BuildKit does not read it as the file's check options
        assert!(parse("  # check=skip\nFROM a\n").errors.is_empty());
    }

    #[test]
    fn escape_directive_changes_continuation() {
        let src = "# escape=`\nFROM x\nRUN dir c:\\ `\n  /b\n";
        let df = parse(src);
        assert_eq!(df.escape, '`');
        let Args::Shell(w) = &df.instructions[1].args else {
            panic!()
        };
        assert_eq!(w.raw, "dir c:\\   /b");
    }

    #[test]
    fn env_forms() {
        let i = one("ENV A=1 B=\"two words\"");
        let kv = i.key_values();
        assert_eq!(kv.len(), 2);
        assert_eq!(kv[1].value.as_ref().unwrap().value, "two words");
        let i = one("ENV PATH /usr/bin:/bin");
        assert!(i.key_values()[0].legacy);
        assert_eq!(i.key_values()[0].value.as_ref().unwrap().value, "/usr/bin:/bin");
        let df = parse("FROM x\nENV PATH\n");
        assert_eq!(df.errors.len(), 1);
        let df = parse("FROM x\nENV A=1 B\n");
        assert_eq!(
            df.errors[0].message,
            "`B` has no `=`: ENV takes `name=value` pairs here"
        );
    }

    #[test]
    fn onbuild_nests_one_level_only() {
        let src = format!("FROM a\n{}RUN x\n", "ONBUILD ".repeat(100_000));
        let df = parse(&src);
        assert!(df.errors.is_empty(), "{:?}", df.errors);
        let outer = &df.instructions[1];
        let Args::Onbuild(inner) = &outer.args else { panic!() };
        assert_eq!(inner.kind, Kind::Onbuild);
        assert_eq!(inner.keyword_span.text(&src), "ONBUILD");
        assert_eq!(inner.keyword_span.start, 15);
        let Args::Text(rest) = &inner.args else { panic!() };
        assert!(rest.raw.starts_with("ONBUILD ONBUILD") && rest.raw.ends_with("RUN x"));
        assert_eq!(rest.span.text(&src), &*rest.raw);
        // one ONBUILD still wraps a parsed instruction
        let df = parse("FROM a\nONBUILD RUN make\n");
        assert_eq!(df.instructions[1].effective().kind, Kind::Run);
    }

    #[test]
    fn bad_input_never_panics() {
        for src in [
            "\\",
            "\\\n\\\n",
            "RUN [",
            "FROM",
            "ONBUILD",
            "HEALTHCHECK",
            "# escape=x\nFROM a",
            "\u{feff}FROM a",
            "RUN <<",
            "RUN <<-",
            "COPY <<\"\" x",
            "ENV =",
            "\r\r\n",
            "LABEL \"a\"=\"b",
        ] {
            let _ = parse(src);
        }
    }
}
