//! A POSIX shell model for RUN (and shell-form CMD/ENTRYPOINT/HEALTHCHECK):
//! the text is split into simple commands at `&&`, `||`, `;`, `|`, `&`,
//! newlines, subshells, `$(...)` and backticks, and every word keeps its span
//! in the Dockerfile (across `\` continuations). It is a model for linting,
//! not an interpreter: nothing is expanded, and it never fails: odd input
//! gives odd words, not an error.

use crate::span::OffsetMap;
use crate::span::Span;
use std::borrow::Cow;

/// What follows a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sep {
    AndIf,
    OrIf,
    Semi,
    Pipe,
    Background,
    Newline,
    /// End of the script, of a subshell, of a substitution, or `;;` in `case`.
    End,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShWord<'s> {
    /// As written.
    pub raw: &'s str,
    /// Quotes and backslashes removed; `$VAR` and `$(...)` kept as written.
    /// Borrowed from the text when that is the same as `raw`.
    pub value: Cow<'s, str>,
    pub span: Span,
    /// Some part of the word was quoted.
    pub quoted: bool,
    /// The word holds a `$` expansion or a command substitution.
    pub dynamic: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect<'s> {
    /// `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `<&`, `&>`, `&>>`, `>|`, `<>`.
    pub op: &'static str,
    pub fd: Option<u32>,
    pub target: Option<ShWord<'s>>,
    pub span: Span,
    /// Index into [`Script::heredocs`] for `<<` and `<<-`.
    pub heredoc: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShHeredoc {
    pub delimiter: String,
    pub body: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command<'s> {
    /// `NAME=value` words before the program.
    pub assignments: Vec<ShWord<'s>>,
    /// The program and its arguments as written, wrappers included.
    pub words: Vec<ShWord<'s>>,
    pub redirects: Vec<Redirect<'s>>,
    /// Index in `words` of the program that really runs, past `sudo`, `env`,
    /// `exec`, `nohup`... None for a command with no words.
    pub program: Option<usize>,
    pub sep: Sep,
    /// 0 at top level; +1 inside each subshell, `$(...)` or backticks.
    pub depth: u32,
    /// Commands joined by `|` share a pipeline number.
    pub pipeline: u32,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script<'s> {
    /// Every simple command, in source order (a substitution's commands come
    /// before the command that contains it).
    pub commands: Vec<Command<'s>>,
    pub heredocs: Vec<ShHeredoc>,
    /// Source offsets of every `|` pipe operator (also after `{ ...; }` or a
    /// subshell, where no simple command carries the pipe).
    pub pipes: Vec<u32>,
}

/// Programs that run another program given as their arguments, with the
/// options of theirs that take a value.
const WRAPPERS: &[(&str, &[&str])] = &[
    (
        "sudo",
        &[
            "-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group",
        ],
    ),
    ("doas", &["-u", "-C"]),
    ("env", &["-u", "-C", "-S", "--unset", "--chdir"]),
    ("exec", &["-a"]),
    ("nohup", &[]),
    ("time", &["-f", "-o"]),
    ("command", &[]),
    ("builtin", &[]),
    ("nice", &["-n"]),
    ("ionice", &["-c", "-n"]),
    ("stdbuf", &["-i", "-o", "-e"]),
    ("timeout", &["-s", "-k", "--signal", "--kill-after"]),
    (
        "xargs",
        &[
            "-a",
            "-d",
            "-E",
            "-e",
            "-I",
            "-i",
            "-L",
            "-l",
            "-n",
            "-P",
            "-s",
            "--delimiter",
            "--max-args",
            "--max-procs",
        ],
    ),
    ("gosu", &[]),
    ("su-exec", &[]),
    ("chroot", &[]),
    ("tini", &[]),
    ("dumb-init", &[]),
    ("eatmydata", &[]),
    ("busybox", &[]),
];

/// Words that take one positional value before the wrapped program.
const WRAPPER_POSITIONALS: &[(&str, usize)] = &[("timeout", 1), ("gosu", 1), ("su-exec", 1), ("chroot", 1)];

fn basename(s: &str) -> &str {
    // a byte loop: words are short, and this runs for every rule's every command
    match s.bytes().rposition(|b| b == b'/') {
        Some(i) => &s[i + 1..],
        None => s,
    }
}

impl<'s> Command<'s> {
    /// The program that really runs, by base name (`/usr/bin/apt-get` → `apt-get`).
    pub fn name(&self) -> Option<&str> {
        self.program.and_then(|i| self.words.get(i)).map(|w| basename(&w.value))
    }

    pub fn name_word(&self) -> Option<&ShWord<'s>> {
        self.program.and_then(|i| self.words.get(i))
    }

    /// True if `program` runs, as the program or as one of its wrappers (`sudo`).
    pub fn invokes(&self, program: &str) -> bool {
        let end = self.program.map(|p| p + 1).unwrap_or(0);
        self.words[..end.min(self.words.len())]
            .iter()
            .any(|w| basename(&w.value) == program)
    }

    /// The wrapper word named `program` (for example the `sudo` in `sudo apt-get`).
    pub fn invocation(&self, program: &str) -> Option<&ShWord<'s>> {
        let end = self.program.map(|p| p + 1).unwrap_or(0);
        self.words[..end.min(self.words.len())]
            .iter()
            .find(|w| basename(&w.value) == program)
    }

    /// The arguments after the program.
    pub fn args(&self) -> &[ShWord<'s>] {
        match self.program {
            Some(i) if i < self.words.len() => &self.words[i + 1..],
            _ => &[],
        }
    }

    /// Span of the program and its arguments (wrappers and assignments excluded).
    pub fn program_span(&self) -> Span {
        let Some(first) = self.name_word() else {
            return self.span;
        };
        self.words
            .last()
            .map(|l| first.span.cover(l.span))
            .unwrap_or(first.span)
    }

    /// The program and its arguments as written, joined by spaces (for messages).
    pub fn command_line(&self) -> String {
        let from = self.program.unwrap_or(0);
        let words: Vec<&str> = self.words.iter().skip(from).map(|w| w.raw).collect();
        let line = words.join(" ");
        if line.chars().count() > 60 {
            let cut: String = line.chars().take(57).collect();
            format!("{cut}...")
        } else {
            line
        }
    }

    /// The flag words before a `--` end-of-options marker.
    fn flag_words(&self) -> impl Iterator<Item = &ShWord<'s>> {
        self.args()
            .iter()
            .take_while(|w| w.value != "--")
            .filter(|w| w.value.starts_with('-') && w.value.len() > 1)
    }

    /// True if any of `flags` is given. Long flags match `--name` and
    /// `--name=value`; one-letter flags also match inside a cluster (`-qy`).
    pub fn has_flag(&self, flags: &[&str]) -> bool {
        self.find_flag(flags).is_some()
    }

    pub fn find_flag(&self, flags: &[&str]) -> Option<&ShWord<'s>> {
        self.flag_words().find(|w| {
            let v = &*w.value;
            flags.iter().any(|f| {
                if let Some(long) = f.strip_prefix("--") {
                    v.strip_prefix("--")
                        .is_some_and(|x| x == long || x.starts_with(&format!("{long}=")))
                } else if let Some(short) = f.strip_prefix('-') {
                    !v.starts_with("--") && (v == *f || (short.len() == 1 && v[1..].contains(short)))
                } else {
                    v == *f
                }
            })
        })
    }

    /// How many times a one-letter flag is given (`-q -q`, `-qq`).
    pub fn count_short_flag(&self, letter: char) -> usize {
        self.flag_words()
            .filter(|w| !w.value.starts_with("--"))
            .map(|w| w.value[1..].matches(letter).count())
            .sum()
    }

    /// Arguments that are not flags. `value_flags` take the next word as their
    /// value (unless written `--flag=value`), which is skipped too.
    pub fn positionals(&self, value_flags: &[&str]) -> Vec<&ShWord<'s>> {
        let mut f = Positionals::default();
        self.args().iter().filter(|w| f.keep(w, value_flags)).collect()
    }

    /// The first positional argument: `install` in `apt-get -y install x`.
    pub fn subcommand(&self, value_flags: &[&str]) -> Option<&ShWord<'s>> {
        let mut f = Positionals::default();
        self.args().iter().find(|w| f.keep(w, value_flags))
    }
}

/// Tells positional arguments from flags and their values, word by word.
#[derive(Default)]
struct Positionals {
    skip: bool,
    options_done: bool,
}

impl Positionals {
    fn keep(&mut self, w: &ShWord, value_flags: &[&str]) -> bool {
        if self.skip {
            self.skip = false;
            return false;
        }
        let v = &*w.value;
        if !self.options_done && v == "--" {
            self.options_done = true;
            return false;
        }
        if !self.options_done && v.starts_with('-') && v.len() > 1 {
            self.skip = !v.contains('=') && value_flags.contains(&v);
            return false;
        }
        true
    }
}

impl<'s> Script<'s> {
    /// Parses `text`, which sits at logical offset `base` of `map`.
    pub fn parse(text: &'s str, map: &OffsetMap, base: usize) -> Script<'s> {
        let mut lx = Lexer {
            s: text,
            b: text.as_bytes(),
            pos: 0,
            map,
            base,
            script: Script::default(),
            pipeline: 0,
            pending: Vec::new(),
        };
        lx.list(0, None);
        lx.script
    }

    /// Commands whose program is `name`.
    pub fn commands_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Command<'a>> + 'a {
        self.commands.iter().filter(move |c| c.name() == Some(name))
    }

    /// Commands that run `name` (as the program or through a wrapper).
    pub fn invoking<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Command<'a>> + 'a {
        self.commands.iter().filter(move |c| c.invokes(name))
    }

    pub fn uses(&self, name: &str) -> bool {
        self.invoking(name).next().is_some()
    }

    /// True if a pipe joins two commands anywhere in the script.
    pub fn has_pipe(&self) -> bool {
        !self.pipes.is_empty()
    }

    /// Commands of the same pipeline that come after `cmd`.
    pub fn piped_into<'a>(&'a self, cmd: &'a Command) -> impl Iterator<Item = &'a Command<'a>> + 'a {
        let start = self
            .commands
            .iter()
            .position(|c| std::ptr::eq(c, cmd))
            .map(|i| i + 1)
            .unwrap_or(self.commands.len());
        self.commands[start..]
            .iter()
            .filter(move |c| c.pipeline == cmd.pipeline && c.depth == cmd.depth)
    }
}

const MAX_NESTING: u32 = 64;

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
}

fn is_name_start(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphabetic()
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
                    parens += 1;
                    self.pos += 1;
                }
                b')' => {
                    self.finish(&mut cur, Sep::End, depth + parens);
                    parens = parens.saturating_sub(1);
                    self.pos += 1;
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
                        self.skip_case_header();
                        case_depth += 1;
                        expect_pattern = true;
                        continue;
                    }
                    if cur.words.is_empty() && !w.quoted && RESERVED.contains(&w.raw) {
                        continue;
                    }
                    if cur.words.is_empty() && !w.quoted && w.raw == "for" {
                        self.skip_to_command_end(depth + parens);
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

    /// Skips the words of a `for NAME in WORDS` header (quotes respected;
    /// substitutions inside are still parsed).
    fn skip_to_command_end(&mut self, depth: u32) {
        loop {
            self.blanks();
            match self.peek() {
                None | Some(b'\n' | b';' | b'&' | b'|' | b')') => return,
                _ => {
                    let start = self.pos;
                    self.word(depth);
                    if self.pos == start {
                        self.pos += 1;
                    }
                }
            }
        }
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
            let w = self.word(MAX_NESTING);
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
                (None, b'\\') => self.pos += 1,
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
            Some(self.word(MAX_NESTING))
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

    /// One word, up to an unquoted blank or operator character.
    /// End of the run of bytes from the current position (at least one) up
    /// to the first `stop` byte.
    fn run_end(&self, stop: impl Fn(u8) -> bool) -> usize {
        let from = self.pos + 1;
        self.b[from.min(self.b.len())..]
            .iter()
            .position(|&c| stop(c))
            .map_or(self.b.len(), |i| from + i)
    }

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
                };
                self.absorb(inner, depth + 1);
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

fn is_assignment(raw: &str) -> bool {
    let Some(eq) = raw.find('=') else { return false };
    let name = raw[..eq].strip_suffix('+').unwrap_or(&raw[..eq]);
    let name = name.split('[').next().unwrap_or(name);
    !name.is_empty()
        && name.bytes().next().is_some_and(is_name_start)
        && name.bytes().all(|c| c == b'_' || c.is_ascii_alphanumeric())
}

/// Finds the program past wrappers such as `sudo -u app env X=1 exec prog`.
fn resolve_program(words: &[ShWord]) -> Option<usize> {
    let mut i = 0;
    while i < words.len() {
        let name = basename(&words[i].value);
        let Some((_, value_flags)) = WRAPPERS.iter().find(|(w, _)| *w == name) else {
            return Some(i);
        };
        if name == "command" && words.get(i + 1).is_some_and(|w| w.value == "-v" || w.value == "-V") {
            return Some(i);
        }
        let mut j = i + 1;
        // options of the wrapper (and `env`'s NAME=value words)
        while j < words.len() {
            let v = &*words[j].value;
            if v == "--" {
                j += 1;
                break;
            }
            if v.starts_with('-') && v.len() > 1 {
                j += if value_flags.contains(&v) { 2 } else { 1 };
            } else if name == "env" && is_assignment(v) {
                j += 1;
            } else {
                break;
            }
        }
        j += WRAPPER_POSITIONALS
            .iter()
            .find(|(w, _)| *w == name)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        if j >= words.len() {
            return Some(i);
        }
        i = j;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Script<'_> {
        Script::parse(text, &OffsetMap::contiguous(0), 0)
    }

    fn names(s: &Script) -> Vec<String> {
        s.commands.iter().map(|c| c.name().unwrap_or("-").to_string()).collect()
    }

    #[test]
    fn splits_lists_and_pipelines() {
        let s = parse("set -eux; apt-get update && apt-get install -y curl || true | tee x & wait\nls");
        assert_eq!(names(&s), ["set", "apt-get", "apt-get", "true", "tee", "wait", "ls"]);
        assert_eq!(s.commands[2].sep, Sep::OrIf);
        assert_eq!(s.commands[3].sep, Sep::Pipe);
        assert_eq!(s.commands[3].pipeline, s.commands[4].pipeline);
        assert!(s.has_pipe());
        let s = parse("{ echo a; echo b; } | tee /x");
        assert!(s.has_pipe());
        assert_eq!(s.pipes.len(), 1);
    }

    #[test]
    fn resolves_wrappers_and_keeps_spans() {
        let text = "sudo -u app env DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install -y x";
        let s = parse(text);
        let c = &s.commands[0];
        assert_eq!(c.name(), Some("apt-get"));
        assert!(c.invokes("sudo"));
        assert_eq!(c.invocation("sudo").unwrap().span.text(text), "sudo");
        assert_eq!(c.subcommand(&[]).unwrap().value, "install");
        assert!(c.has_flag(&["-y", "--yes"]));
        assert_eq!(c.program_span().text(text), "/usr/bin/apt-get install -y x");
    }

    #[test]
    fn substitutions_subshells_and_control_flow() {
        let s =
            parse("if [ -f x ]; then (cd /tmp && make); fi; echo \"$(id -u)\" `whoami`; for f in a b; do rm $f; done");
        assert_eq!(names(&s), ["[", "cd", "make", "id", "whoami", "echo", "rm"]);
        let cd = &s.commands[1];
        assert_eq!(cd.depth, 1);
        let s = parse("case \"$x\" in a|b) apk add y ;; *) echo no ;; esac");
        assert_eq!(names(&s), ["apk", "echo"]);
    }

    #[test]
    fn for_lists_respect_quotes() {
        let s = parse("for u in 'https://x/?a=1&b=2' \"c;d\" e; do curl -fsSL \"$u\"; done; cd /src");
        assert_eq!(names(&s), ["curl", "cd"]);
    }

    #[test]
    fn quoting_and_assignments() {
        let s = parse("FOO=1 BAR=\"a b\" pip install --no-cache-dir 'requests==2.*' \\\n  x");
        let c = &s.commands[0];
        assert_eq!(c.assignments.len(), 2);
        assert_eq!(c.name(), Some("pip"));
        assert_eq!(c.args()[2].value, "requests==2.*");
        assert_eq!(c.args()[3].value, "x");
        let s = parse("echo 'it''s' \"a\\\"b\" c\\ d");
        let v: Vec<_> = s.commands[0].args().iter().map(|w| w.value.clone()).collect();
        assert_eq!(v, ["its", "a\"b", "c d"]);
    }

    #[test]
    fn redirects_and_heredocs() {
        let s = parse("cat <<EOF > /etc/x.conf\nkey=1\nEOF\napp --flag >> /var/log/app.log 2>&1");
        assert_eq!(names(&s), ["cat", "app"]);
        let cat = &s.commands[0];
        assert_eq!(cat.redirects.len(), 2);
        assert_eq!(s.heredocs[0].body, "key=1\n");
        let app = &s.commands[1];
        assert_eq!(app.redirects[0].op, ">>");
        assert_eq!(app.redirects[0].target.as_ref().unwrap().value, "/var/log/app.log");
        assert_eq!(app.redirects[1].fd, Some(2));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "$(",
            "`",
            "\"",
            "'",
            "((",
            "))",
            "case",
            "case x in",
            "a <<",
            "$((1+",
            "${",
            "\\",
            "a | | b",
            "for",
            "esac",
            "f() { :; }",
            "$((((((((((",
        ] {
            let _ = parse(t);
        }
        let deep = "$(".repeat(10_000);
        let _ = parse(&deep);
        let deep = "(".repeat(10_000);
        let _ = parse(&deep);
    }
}
