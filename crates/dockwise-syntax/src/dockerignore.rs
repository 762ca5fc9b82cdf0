//! `.dockerignore` matching, as Docker does it: BuildKit reads the file with
//! `ignorefile.ReadAll` and matches with `patternmatcher` (both in
//! github.com/moby/patternmatcher); this module follows the two.
//!
//! Reading: a line starting with `#` is a comment (at the very start only:
//! `  #x` is a pattern); a pattern is trimmed, a leading `!` makes it an
//! exception (a re-include), and it is cleaned as Go's `filepath.Clean` does
//! (`./x`, `x/` and `a/../x` are `x`, a leading `/` is dropped, a leading
//! `..` stays and then nothing matches it). Docker refuses a lone `!` and a
//! malformed pattern (one `filepath.Match` reports as bad, or whose regexp Go
//! rejects) and the build fails; here such a line matches nothing and the
//! others still count.
//!
//! Matching: patternmatcher turns each pattern into a regular expression:
//! `*` is `[^/]*`, `?` is `[^/]`, `**` is `(.*/)?` (any number of whole
//! directories, including none) or, at the end, `.*`; `[...]` and `\x` are
//! passed to Go's regexp as they are, so a class is a Go regexp class (`[^a]`
//! negates and may match `/`, `[!a]` is `!` or `a`) and `\d` is a digit.
//! Literal patterns, `x/**` and `**x` are matched by plain equality, prefix
//! and suffix tests (so `**.go` is any path ending in `.go`). The last
//! matching pattern wins, and a path is left out when it or any of its parent
//! directories matches (`MatchesOrParentMatches`). Unicode classes (`\pL`)
//! are not reproduced: such a pattern matches nothing here.
//!
//! Here each pattern is compiled once into a small automaton (a list of
//! nodes: a character set taken once or repeated, a `(.*/)?`, an assertion
//! such as `^`) and a path is run through it once, character by character,
//! keeping the set of live nodes: per pattern, at most (nodes + 1) ×
//! characters comparisons, with no backtracking, and the parent directories
//! are checked in the same pass (at each `/`).

#[derive(Clone, Debug, PartialEq, Eq)]
struct Pattern {
    nodes: Vec<Node>,
    exclusion: bool,
}

/// One step of a compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    /// One character of the set.
    One(Set),
    /// Any number of characters of the set (`[^/]*`, `.*`).
    Star(Set),
    /// `^`, `\z`, `\b`...: consumes nothing, passes where it holds.
    Look(Look),
    /// `(.*/)?`, nothing or anything that ends with `/` (whole
    /// directories), is two nodes: this one consumes nothing and either skips
    /// the group or enters the loop that follows it.
    Dirs,
    /// The `.*/` of `(.*/)?`: stays on any character, leaves after a `/`.
    /// `newline`: whether `.` may match `\n` (not in a Go regexp, yes in the
    /// suffix test).
    DirsLoop { newline: bool },
}

/// Go regexp's empty-width assertions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Look {
    /// `^`, `\A`: at the start of the text.
    Begin,
    /// `\z`: at the end of the text.
    End,
    /// `\b`: between an ASCII word character and something else.
    WordBoundary,
    /// `\B`: not at a word boundary.
    NotWordBoundary,
}

impl Look {
    /// Does it hold between the characters `prev` and `next` (`None` at the
    /// start and at the end of the text)?
    fn holds(self, prev: Option<char>, next: Option<char>) -> bool {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        match self {
            Look::Begin => prev.is_none(),
            Look::End => next.is_none(),
            Look::WordBoundary => word(prev) != word(next),
            Look::NotWordBoundary => word(prev) == word(next),
        }
    }
}

fn dirs(newline: bool) -> [Node; 2] {
    [Node::Dirs, Node::DirsLoop { newline }]
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Set {
    Char(char),
    Any,
    /// Go's `.`: anything but `\n`.
    NotNewline,
    /// Inclusive ranges of code points.
    Class {
        ranges: Vec<(u32, u32)>,
        negated: bool,
    },
}

impl Set {
    fn has(&self, c: char) -> bool {
        match self {
            Set::Char(x) => *x == c,
            Set::Any => true,
            Set::NotNewline => c != '\n',
            Set::Class { ranges, negated } => {
                let c = c as u32;
                ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated
            }
        }
    }
}

/// How patternmatcher classifies a cleaned pattern (`Pattern.compile`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MatchType {
    Exact,
    Prefix,
    Suffix,
    Regexp,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DockerIgnore {
    patterns: Vec<Pattern>,
}

/// Cleans a path of the build context the way the builder resolves it:
/// drops `.` segments and empty ones (leading, trailing and doubled
/// slashes), resolves `..`, and a `..` cannot climb out of the context root
/// (`filepath.Clean("/" + path)` without the leading slash).
pub fn clean(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

/// Go's `filepath.Clean` (Unix): as [`clean`], but a relative path keeps the
/// `..` it cannot resolve, a rooted one keeps its `/`, and nothing is `.`.
fn go_clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." if out.last().is_some_and(|s| *s != "..") => {
                out.pop();
            }
            ".." if rooted => {}
            s => out.push(s),
        }
    }
    let body = out.join("/");
    if rooted {
        format!("/{body}")
    } else if body.is_empty() {
        ".".to_string()
    } else {
        body
    }
}

impl DockerIgnore {
    pub fn parse(text: &str) -> DockerIgnore {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        DockerIgnore {
            patterns: text.lines().filter_map(read_pattern).collect(),
        }
    }

    /// Is the context path `path` left out of the build context?
    pub fn excludes(&self, path: &str) -> bool {
        self.excludes_counted(path, &mut 0)
    }

    /// [`DockerIgnore::excludes`], adding to `steps` the comparisons of a
    /// path character by an automaton node it makes (the work done, which the
    /// tests bound).
    fn excludes_counted(&self, path: &str, steps: &mut u64) -> bool {
        let p = clean(path);
        // Docker never excludes the context root itself
        if p.is_empty() {
            return false;
        }
        self.matches_or_parent_matches(&p, steps)
    }

    /// patternmatcher's `MatchesOrParentMatches` on a (cleaned) slash path.
    fn matches_or_parent_matches(&self, file: &str, steps: &mut u64) -> bool {
        let width = self.patterns.iter().map(|p| p.nodes.len() + 1).max().unwrap_or(0);
        let mut scratch = vec![false; 3 * width];
        let mut matched = false;
        for pat in &self.patterns {
            // an exception can only change an excluded path, an exclusion an
            // included one
            if pat.exclusion != matched {
                continue;
            }
            if run(&pat.nodes, file, &mut scratch, steps) {
                matched = !pat.exclusion;
            }
        }
        matched
    }
}

/// One line of the file: `ignorefile.ReadAll`, then `patternmatcher.New`.
/// `None` for comments, blank lines and patterns Docker rejects (a lone `!`,
/// a malformed pattern): those never match.
fn read_pattern(line: &str) -> Option<Pattern> {
    // ReadAll
    if line.starts_with('#') {
        return None;
    }
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let (invert, p) = match line.strip_prefix('!') {
        Some(rest) => (true, rest.trim()),
        None => (false, line),
    };
    let mut p = if p.is_empty() { String::new() } else { go_clean(p) };
    if p.len() > 1 && p.starts_with('/') {
        p.remove(0);
    }
    if invert {
        p.insert(0, '!');
    }
    // New
    let p = p.trim();
    if p.is_empty() {
        return None;
    }
    let p = go_clean(p);
    let (exclusion, p) = match p.strip_prefix('!') {
        Some("") => return None,
        Some(rest) => (true, rest),
        None => (false, p.as_str()),
    };
    if bad_pattern(p) {
        return None;
    }
    Some(Pattern {
        nodes: compile_nodes(p)?,
        exclusion,
    })
}

/// Does Go's `filepath.Match(p, ".")` fail with `ErrBadPattern`? That is
/// how patternmatcher checks a pattern. Go reads the pattern chunk by chunk
/// (a chunk: what follows a run of `*`) and stops at the first chunk that
/// cannot match `.`: that chunk is checked to its end, what follows it is not
/// (`a[` is bad; `x*[a-]` passes, and its regexp `[a-]` is `a` or `-`).
fn bad_pattern(p: &str) -> bool {
    let mut pattern = p.as_bytes();
    let mut name: &[u8] = b".";
    'chunks: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            return false;
        }
        let Some((t, ok)) = match_chunk(chunk, name) else {
            return true;
        };
        if ok && (t.is_empty() || !pattern.is_empty()) {
            name = t;
            continue;
        }
        if star {
            // `*` cannot skip `/`
            let mut i = 0;
            while i < name.len() && name[i] != b'/' {
                let Some((t, ok)) = match_chunk(chunk, &name[i + 1..]) else {
                    return true;
                };
                if ok && (t.is_empty() || !pattern.is_empty()) {
                    name = t;
                    continue 'chunks;
                }
                i += 1;
            }
        }
        return false;
    }
    false
}

/// `scanChunk` of filepath.Match: (preceded by `*`, the chunk, the rest).
fn scan_chunk(p: &[u8]) -> (bool, &[u8], &[u8]) {
    let mut p = p;
    let mut star = false;
    while let Some((b'*', rest)) = p.split_first() {
        p = rest;
        star = true;
    }
    let mut inrange = false;
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            b'\\' if i + 1 < p.len() => i += 1,
            b'[' => inrange = true,
            b']' => inrange = false,
            b'*' if !inrange => break,
            _ => {}
        }
        i += 1;
    }
    let (chunk, rest) = p.split_at(i);
    (star, chunk, rest)
}

/// `matchChunk` of filepath.Match: does `chunk` match the start of `s`,
/// and what is left of `s`; `None` for `ErrBadPattern`. After a mismatch
/// it goes on reading the chunk, to check it.
fn match_chunk<'a>(chunk: &[u8], s: &'a [u8]) -> Option<(&'a [u8], bool)> {
    let mut chunk = chunk;
    let mut s = s;
    let mut failed = false;
    while let Some(&c) = chunk.first() {
        if !failed && s.is_empty() {
            failed = true;
        }
        match c {
            b'[' => {
                let mut r = None;
                if !failed {
                    let (ch, n) = decode(s)?;
                    r = Some(ch);
                    s = &s[n..];
                }
                chunk = &chunk[1..];
                let negated = chunk.first() == Some(&b'^');
                if negated {
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut nrange = 0;
                loop {
                    if chunk.first() == Some(&b']') && nrange > 0 {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (lo, rest) = get_esc(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if chunk.first() == Some(&b'-') {
                        let (h, rest) = get_esc(&chunk[1..])?;
                        hi = h;
                        chunk = rest;
                    }
                    if r.is_some_and(|r| lo <= r && r <= hi) {
                        matched = true;
                    }
                    nrange += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            b'?' => {
                if !failed {
                    if s.first() == Some(&b'/') {
                        failed = true;
                    }
                    let (_, n) = decode(s)?;
                    s = &s[n..];
                }
                chunk = &chunk[1..];
            }
            _ => {
                if c == b'\\' {
                    chunk = &chunk[1..];
                    if chunk.is_empty() {
                        return None;
                    }
                }
                if !failed {
                    if chunk.first() != s.first() {
                        failed = true;
                    }
                    s = &s[1..];
                }
                chunk = &chunk[1..];
            }
        }
    }
    Some(if failed { (&[][..], false) } else { (s, true) })
}

/// `getEsc` of filepath.Match: a possibly escaped class character, which
/// must be followed by more of the chunk.
fn get_esc(chunk: &[u8]) -> Option<(char, &[u8])> {
    let chunk = match chunk.first()? {
        b'-' | b']' => return None,
        b'\\' => &chunk[1..],
        _ => chunk,
    };
    let (c, n) = decode(chunk)?;
    let rest = &chunk[n..];
    (!rest.is_empty()).then_some((c, rest))
}

/// The character at the start of `s` and its length in bytes.
fn decode(s: &[u8]) -> Option<(char, usize)> {
    let n = match *s.first()? {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    let c = std::str::from_utf8(s.get(..n)?).ok()?.chars().next()?;
    Some((c, n))
}

/// patternmatcher's `compile`: the match type and the regular expression
/// (without its `^` and `$`) it builds for a cleaned, valid pattern.
fn compile(p: &str) -> (MatchType, String) {
    let mut re = String::new();
    let mut kind = MatchType::Exact;
    let mut it = p.chars().peekable();
    let mut first = true;
    while let Some(ch) = it.next() {
        match ch {
            '*' if it.peek() == Some(&'*') => {
                it.next();
                // `**/` is `**`
                if it.peek() == Some(&'/') {
                    it.next();
                }
                if it.peek().is_some() {
                    re.push_str("(.*/)?");
                    kind = MatchType::Regexp;
                } else if kind == MatchType::Exact {
                    kind = MatchType::Prefix;
                } else {
                    re.push_str(".*");
                    kind = MatchType::Regexp;
                }
                if first {
                    kind = MatchType::Suffix;
                }
            }
            '*' => {
                re.push_str("[^/]*");
                kind = MatchType::Regexp;
            }
            '?' => {
                re.push_str("[^/]");
                kind = MatchType::Regexp;
            }
            '.' | '+' | '(' | ')' | '|' | '{' | '}' | '$' => {
                re.push('\\');
                re.push(ch);
            }
            '\\' => match it.next() {
                Some(c) => {
                    re.push('\\');
                    re.push(c);
                    kind = MatchType::Regexp;
                }
                None => re.push('\\'),
            },
            '[' | ']' => {
                re.push(ch);
                kind = MatchType::Regexp;
            }
            _ => re.push(ch),
        }
        first = false;
    }
    (kind, re)
}

/// The automaton of a cleaned, valid pattern; `None` when Go's regexp would
/// reject the expression patternmatcher builds (then matching fails with
/// `ErrBadPattern`), or uses a feature not reproduced here.
fn compile_nodes(p: &str) -> Option<Vec<Node>> {
    let literal = |s: &str| s.chars().map(|c| Node::One(Set::Char(c))).collect::<Vec<_>>();
    match compile(p) {
        (MatchType::Exact, _) => Some(literal(p)),
        (MatchType::Prefix, _) => {
            let mut nodes = literal(p.strip_suffix("**")?);
            nodes.push(Node::Star(Set::Any));
            Some(nodes)
        }
        (MatchType::Suffix, _) => {
            // HasSuffix(path, tail), or path == tail without its leading `/`
            let tail = p.strip_prefix("**")?;
            let mut nodes = Vec::new();
            let tail = match tail.strip_prefix('/') {
                Some(rest) => {
                    nodes.extend(dirs(true));
                    rest
                }
                None => {
                    nodes.push(Node::Star(Set::Any));
                    tail
                }
            };
            nodes.extend(literal(tail));
            Some(nodes)
        }
        (MatchType::Regexp, re) => parse_regex(&re),
    }
}

/// Go's regexp syntax, as far as patternmatcher's expressions use it.
fn parse_regex(re: &str) -> Option<Vec<Node>> {
    let mut nodes = Vec::new();
    let mut rest = re;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '[' => {
                let (set, r) = parse_class(rest)?;
                rest = r;
                nodes.push(Node::One(set));
            }
            '.' => nodes.push(Node::One(Set::NotNewline)),
            '^' => nodes.push(Node::Look(Look::Begin)),
            '*' => match nodes.pop() {
                Some(Node::One(set)) => nodes.push(Node::Star(set)),
                // `^*` repeats an empty match
                Some(Node::Look(_)) => {}
                // nothing to repeat, or a repeated repetition: an error
                _ => return None,
            },
            '(' => {
                rest = rest.strip_prefix(".*/)?")?;
                nodes.extend(dirs(false));
            }
            '\\' => {
                let e = rest.chars().next()?;
                let look = match e {
                    'A' => Some(Look::Begin),
                    'z' => Some(Look::End),
                    'b' => Some(Look::WordBoundary),
                    'B' => Some(Look::NotWordBoundary),
                    _ => None,
                };
                if let Some(look) = look {
                    nodes.push(Node::Look(look));
                    rest = &rest[1..];
                    continue;
                }
                match e {
                    // `\Q...\E`: literal text
                    'Q' => {
                        let quoted = &rest[1..];
                        let (lit, after) = quoted.split_once("\\E").unwrap_or((quoted, ""));
                        nodes.extend(lit.chars().map(|c| Node::One(Set::Char(c))));
                        rest = after;
                    }
                    // `\C` is an error; Unicode classes are not reproduced
                    'C' | 'p' | 'P' => return None,
                    _ => match perl_class(e) {
                        Some((ranges, negated)) => {
                            nodes.push(Node::One(Set::Class {
                                ranges: ranges.to_vec(),
                                negated,
                            }));
                            rest = &rest[1..];
                        }
                        None => {
                            let (c, r) = parse_escape(rest)?;
                            nodes.push(Node::One(Set::Char(c)));
                            rest = r;
                        }
                    },
                }
            }
            // patternmatcher escapes or never writes these bare
            '$' | '|' | ')' | '+' | '?' | '{' => return None,
            c => nodes.push(Node::One(Set::Char(c))),
        }
    }
    Some(nodes)
}

/// A Go regexp class after its `[` (`parseClass`): the set and the text
/// after its `]`.
fn parse_class(s: &str) -> Option<(Set, &str)> {
    let (negated, mut t) = match s.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        // `]` is a character when it comes first
        if !first {
            if let Some(rest) = t.strip_prefix(']') {
                return Some((Set::Class { ranges, negated }, rest));
            }
        }
        first = false;
        if t.len() > 2 && t.starts_with("[:") {
            if let Some(i) = t[2..].find(":]") {
                let (group, negated) = posix_class(&t[..i + 4])?;
                add_ranges(&mut ranges, group, negated);
                t = &t[i + 4..];
                continue;
            }
        }
        if t.starts_with("\\p") || t.starts_with("\\P") {
            return None;
        }
        if let Some((group, negated)) = t.strip_prefix('\\').and_then(|r| r.chars().next()).and_then(perl_class) {
            add_ranges(&mut ranges, group, negated);
            t = &t[2..];
            continue;
        }
        let (lo, rest) = class_char(t)?;
        t = rest;
        let mut hi = lo;
        // `[a-]` is `a` or `-`
        if t.len() >= 2 && t.starts_with('-') && !t[1..].starts_with(']') {
            let (h, rest) = class_char(&t[1..])?;
            if h < lo {
                return None;
            }
            hi = h;
            t = rest;
        }
        ranges.push((lo as u32, hi as u32));
    }
}

fn class_char(t: &str) -> Option<(char, &str)> {
    match t.strip_prefix('\\') {
        Some(rest) => parse_escape(rest),
        None => {
            let c = t.chars().next()?;
            Some((c, &t[c.len_utf8()..]))
        }
    }
}

/// A Go regexp escape after its `\` (`parseEscape`): the character and the
/// text after it.
fn parse_escape(t: &str) -> Option<(char, &str)> {
    let c = t.chars().next()?;
    let mut rest = &t[c.len_utf8()..];
    if c.is_ascii() && !c.is_ascii_alphanumeric() {
        return Some((c, rest));
    }
    let octal = |s: &str| s.chars().next().and_then(|d| d.to_digit(8));
    let simple = match c {
        // a single non-zero digit would be a backreference
        '1'..='7' if octal(rest).is_none() => return None,
        '0'..='7' => {
            let mut v = c.to_digit(8)?;
            for _ in 0..2 {
                let Some(d) = octal(rest) else { break };
                v = v * 8 + d;
                rest = &rest[1..];
            }
            return Some((char::from_u32(v)?, rest));
        }
        'x' => {
            let mut digits = rest.chars();
            let hi = digits.next()?.to_digit(16)?;
            let lo = digits.next()?.to_digit(16)?;
            return Some((char::from_u32(hi * 16 + lo)?, &rest[2..]));
        }
        'a' => '\x07',
        'f' => '\x0c',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\x0b',
        _ => return None,
    };
    Some((simple, rest))
}

const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const SPACE_PERL: &[(u32, u32)] = &[(0x09, 0x0a), (0x0c, 0x0d), (0x20, 0x20)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5a), (0x5f, 0x5f), (0x61, 0x7a)];

/// `\d \D \s \S \w \W` (ASCII in Go): the ranges and whether negated.
fn perl_class(c: char) -> Option<(&'static [(u32, u32)], bool)> {
    let group = match c.to_ascii_lowercase() {
        'd' => DIGIT,
        's' => SPACE_PERL,
        'w' => WORD,
        _ => return None,
    };
    Some((group, c.is_ascii_uppercase()))
}

/// `[:alpha:]`, `[:^alpha:]`...: the ranges and whether negated.
fn posix_class(name: &str) -> Option<(&'static [(u32, u32)], bool)> {
    let inner = name.strip_prefix("[:")?.strip_suffix(":]")?;
    let (negated, inner) = match inner.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let group: &'static [(u32, u32)] = match inner {
        "alnum" => &[(0x30, 0x39), (0x41, 0x5a), (0x61, 0x7a)],
        "alpha" => &[(0x41, 0x5a), (0x61, 0x7a)],
        "ascii" => &[(0x00, 0x7f)],
        "blank" => &[(0x09, 0x09), (0x20, 0x20)],
        "cntrl" => &[(0x00, 0x1f), (0x7f, 0x7f)],
        "digit" => DIGIT,
        "graph" => &[(0x21, 0x7e)],
        "lower" => &[(0x61, 0x7a)],
        "print" => &[(0x20, 0x7e)],
        "punct" => &[(0x21, 0x2f), (0x3a, 0x40), (0x5b, 0x60), (0x7b, 0x7e)],
        "space" => &[(0x09, 0x0d), (0x20, 0x20)],
        "upper" => &[(0x41, 0x5a)],
        "word" => WORD,
        "xdigit" => &[(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
        _ => return None,
    };
    Some((group, negated))
}

/// Adds `group` (sorted, disjoint) or its complement to a class.
fn add_ranges(ranges: &mut Vec<(u32, u32)>, group: &[(u32, u32)], negated: bool) {
    if !negated {
        ranges.extend_from_slice(group);
        return;
    }
    let mut lo = 0;
    for &(a, b) in group {
        if a > lo {
            ranges.push((lo, a - 1));
        }
        lo = b + 1;
    }
    if lo <= 0x10ffff {
        ranges.push((lo, 0x10ffff));
    }
}

/// Runs `text` through the automaton once; true when the whole text or one
/// of its parent directories (the text before a `/`) matches. `scratch`
/// holds at least 3 × (nodes + 1) flags.
fn run(nodes: &[Node], text: &str, scratch: &mut [bool], steps: &mut u64) -> bool {
    let width = nodes.len() + 1;
    let (reached, rest) = scratch.split_at_mut(width);
    let (live, rest) = rest.split_at_mut(width);
    let Some(next) = rest.get_mut(..width) else {
        return false;
    };
    // `reached`: the nodes the text so far leads to; `live`: those and the
    // nodes after them that consume nothing and hold here
    let (mut reached, mut next) = (reached, next);
    reached.fill(false);
    reached[0] = true;
    let mut prev = None;
    let mut chars = text.chars();
    loop {
        let c = chars.next();
        // the text so far is the whole path, or one of its parent directories
        if c.is_none() || c == Some('/') {
            close(nodes, reached, live, prev, None);
            if live[width - 1] {
                return true;
            }
        }
        let Some(c) = c else {
            return false;
        };
        close(nodes, reached, live, prev, Some(c));
        next.fill(false);
        let mut alive = false;
        for (s, node) in nodes.iter().enumerate() {
            if !live[s] {
                continue;
            }
            // one step = one node comparing one character
            let (stay, leave) = match node {
                Node::One(set) => (false, set.has(c)),
                Node::Star(set) => (set.has(c), false),
                Node::DirsLoop { newline } => (*newline || c != '\n', c == '/'),
                Node::Look(_) | Node::Dirs => continue,
            };
            *steps += 1;
            if stay {
                next[s] = true;
            }
            if leave {
                next[s + 1] = true;
            }
            alive |= stay || leave;
        }
        if !alive {
            return false;
        }
        std::mem::swap(&mut reached, &mut next);
        prev = Some(c);
    }
}

/// `live` = `reached` and the nodes reached from them by the moves that
/// consume nothing (all go forward), between `prev` and `next`.
fn close(nodes: &[Node], reached: &[bool], live: &mut [bool], prev: Option<char>, next: Option<char>) {
    live.copy_from_slice(reached);
    for (s, node) in nodes.iter().enumerate() {
        if !live[s] {
            continue;
        }
        match node {
            Node::Star(_) => live[s + 1] = true,
            Node::Look(look) if look.holds(prev, next) => live[s + 1] = true,
            // skip the group, or enter its loop
            Node::Dirs => {
                live[s + 1] = true;
                if let Some(after) = live.get_mut(s + 2) {
                    *after = true;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// patternmatcher's `MatchesOrParentMatches` on the text as given.
    fn matches(patterns: &[&str], text: &str) -> bool {
        DockerIgnore::parse(&patterns.join("\n")).matches_or_parent_matches(text, &mut 0)
    }

    #[test]
    fn docker_semantics() {
        let d = DockerIgnore::parse(
            "# comment\nnode_modules\n*.log\n**/*.pyc\n/secrets/\n.env*\n!.env.example\nbuild/[a-c]?\n",
        );
        assert!(d.excludes("node_modules"));
        assert!(d.excludes("node_modules/x/y.js"));
        assert!(d.excludes("app.log"));
        assert!(!d.excludes("logs/app.log"), "* does not cross /");
        assert!(d.excludes("a/b/c.pyc"));
        assert!(d.excludes("secrets/key.pem"));
        assert!(d.excludes(".env"));
        assert!(d.excludes("./.env.local"));
        assert!(!d.excludes(".env.example"));
        assert!(d.excludes("build/b1"));
        assert!(!d.excludes("build/d1"));
        assert!(!d.excludes("."));
        assert!(!d.excludes("src/main.rs"));
    }

    /// The cases of patternmatcher_test.go `TestMatches` (pattern, text,
    /// expected), run as its "MatchesOrParentMatches" subtest does (the text
    /// is not cleaned).
    #[test]
    fn upstream_test_matches() {
        let cases: &[(&str, &str, bool)] = &[
            ("**", "file", true),
            ("**", "file/", true),
            ("**/", "file", true),
            ("**/", "file/", true),
            ("**", "/", true),
            ("**/", "/", true),
            ("**", "dir/file", true),
            ("**/", "dir/file", true),
            ("**", "dir/file/", true),
            ("**/", "dir/file/", true),
            ("**/**", "dir/file", true),
            ("**/**", "dir/file/", true),
            ("dir/**", "dir/file", true),
            ("dir/**", "dir/file/", true),
            ("dir/**", "dir/dir2/file", true),
            ("dir/**", "dir/dir2/file/", true),
            ("**/dir", "dir", true),
            ("**/dir", "dir/file", true),
            ("**/dir2/*", "dir/dir2/file", true),
            ("**/dir2/*", "dir/dir2/file/", true),
            ("**/dir2/**", "dir/dir2/dir3/file", true),
            ("**/dir2/**", "dir/dir2/dir3/file/", true),
            ("**file", "file", true),
            ("**file", "dir/file", true),
            ("**/file", "dir/file", true),
            ("**file", "dir/dir/file", true),
            ("**/file", "dir/dir/file", true),
            ("**/file*", "dir/dir/file", true),
            ("**/file*", "dir/dir/file.txt", true),
            ("**/file*txt", "dir/dir/file.txt", true),
            ("**/file*.txt", "dir/dir/file.txt", true),
            ("**/file*.txt*", "dir/dir/file.txt", true),
            ("**/**/*.txt", "dir/dir/file.txt", true),
            ("**/**/*.txt2", "dir/dir/file.txt", false),
            ("**/*.txt", "file.txt", true),
            ("**/**/*.txt", "file.txt", true),
            ("a**/*.txt", "a/file.txt", true),
            ("a**/*.txt", "a/dir/file.txt", true),
            ("a**/*.txt", "a/dir/dir/file.txt", true),
            ("a/*.txt", "a/dir/file.txt", false),
            ("a/*.txt", "a/file.txt", true),
            ("a/*.txt**", "a/file.txt", true),
            ("a[b-d]e", "ae", false),
            ("a[b-d]e", "ace", true),
            ("a[b-d]e", "aae", false),
            ("a[^b-d]e", "aze", true),
            (".*", ".foo", true),
            (".*", "foo", false),
            ("abc.def", "abcdef", false),
            ("abc.def", "abc.def", true),
            ("abc.def", "abcZdef", false),
            ("abc?def", "abcZdef", true),
            ("abc?def", "abcdef", false),
            ("a\\\\", "a\\", true),
            ("**/foo/bar", "foo/bar", true),
            ("**/foo/bar", "dir/foo/bar", true),
            ("**/foo/bar", "dir/dir2/foo/bar", true),
            ("abc/**", "abc", false),
            ("abc/**", "abc/def", true),
            ("abc/**", "abc/def/ghi", true),
            ("**/.foo", ".foo", true),
            ("**/.foo", "bar.foo", false),
            ("a(b)c/def", "a(b)c/def", true),
            ("a(b)c/def", "a(b)c/xyz", false),
            ("a.|)$(}+{bc", "a.|)$(}+{bc", true),
            (
                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                true,
            ),
            (
                "dist/*.whl",
                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                true,
            ),
            ("a\\*b", "a*b", true),
        ];
        for &(pattern, text, want) in cases {
            assert_eq!(matches(&[pattern], text), want, "pattern {pattern:?}, text {text:?}");
        }
        let multi: &[(&[&str], &str, bool)] = &[
            (&["**", "!util/docker/web"], "util/docker/web/foo", false),
            (
                &["**", "!util/docker/web", "util/docker/web/foo"],
                "util/docker/web/foo",
                true,
            ),
            (
                &["**", "!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"],
                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                false,
            ),
            (
                &["**", "!dist/*.whl"],
                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                false,
            ),
        ];
        for &(patterns, text, want) in multi {
            assert_eq!(matches(patterns, text), want, "patterns {patterns:?}, text {text:?}");
        }
    }

    /// patternmatcher_test.go `TestMatch` (Go's own filepath.Match cases run
    /// through the package's `Matches`, which cleans the text; a malformed
    /// pattern is an error there and matches nothing here), and the
    /// single-pattern tests around it.
    #[test]
    fn upstream_test_match() {
        let cases: &[(&str, &str, bool)] = &[
            ("abc", "abc", true),
            ("*", "abc", true),
            ("*c", "abc", true),
            ("a*", "a", true),
            ("a*", "abc", true),
            ("a*", "ab/c", true),
            ("a*/b", "abc/b", true),
            ("a*/b", "a/c/b", false),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", true),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", true),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false),
            ("a*b?c*x", "abxbbxdbxebxczzx", true),
            ("a*b?c*x", "abxbbxdbxebxczzy", false),
            ("ab[c]", "abc", true),
            ("ab[b-d]", "abc", true),
            ("ab[e-g]", "abc", false),
            ("ab[^c]", "abc", false),
            ("ab[^b-d]", "abc", false),
            ("ab[^e-g]", "abc", true),
            ("a\\*b", "a*b", true),
            ("a\\*b", "ab", false),
            ("a?b", "a☺b", true),
            ("a[^a]b", "a☺b", true),
            ("a???b", "a☺b", false),
            ("a[^a][^a][^a]b", "a☺b", false),
            ("[a-ζ]*", "α", true),
            ("*[a-ζ]", "A", false),
            ("a?b", "a/b", false),
            ("a*b", "a/b", false),
            ("[\\]a]", "]", true),
            ("[\\-]", "-", true),
            ("[x\\-]", "x", true),
            ("[x\\-]", "-", true),
            ("[x\\-]", "z", false),
            ("[\\-x]", "x", true),
            ("[\\-x]", "-", true),
            ("[\\-x]", "a", false),
            // ErrBadPattern
            ("[]a]", "]", false),
            ("[-]", "-", false),
            ("[x-]", "x", false),
            ("[x-]", "-", false),
            ("[x-]", "z", false),
            ("[-x]", "x", false),
            ("[-x]", "-", false),
            ("[-x]", "a", false),
            ("\\", "a", false),
            ("[a-b-c]", "a", false),
            ("[", "a", false),
            ("[^", "a", false),
            ("[^bc", "a", false),
            ("a[", "a", false),
            ("a[", "ab", false),
            ("*x", "xxx", true),
            // TestWildcardMatches, TestPatternMatches
            ("*", "fileutils.go", true),
            ("*.go", "fileutils.go", true),
            // TestExclusionPatternMatchesWholeDirectory
            ("*.go", ".", false),
            // TestMatchesWithMalformedPatterns
            ("[", "/any/path/there", false),
        ];
        for &(pattern, text, want) in cases {
            assert_eq!(
                DockerIgnore::parse(pattern).excludes(text),
                want,
                "pattern {pattern:?}, text {text:?}"
            );
        }
        // TestExclusionPatternMatchesPatternBefore / After, and the folder
        // exclusion tests
        let multi: &[(&str, &str, bool)] = &[
            ("!fileutils.go\n*.go", "fileutils.go", true),
            ("*.go\n!fileutils.go", "fileutils.go", false),
            ("docs\n!docs/README.md", "docs/README.md", false),
            ("docs/\n!docs/README.md", "docs/README.md", false),
            ("docs/*\n!docs/README.md", "docs/README.md", false),
            // TestCleanPatternsLeadingSpaceTrimmed / TrailingSpaceTrimmed
            ("docs\n  !docs/README.md", "docs/README.md", false),
            ("docs\n!docs/README.md  ", "docs/README.md", false),
            // TestMatchesWithNoPatterns
            ("", "/any/path/there", false),
        ];
        for &(patterns, text, want) in multi {
            assert_eq!(
                DockerIgnore::parse(patterns).excludes(text),
                want,
                "patterns {patterns:?}, text {text:?}"
            );
        }
    }

    /// patternmatcher_test.go `TestCompile`: the match type and expression
    /// patternmatcher builds ("" for the types that use none).
    #[test]
    fn upstream_test_compile() {
        use MatchType::*;
        let cases: &[(&str, MatchType, &str)] = &[
            ("*", Regexp, "^[^/]*$"),
            ("file*", Regexp, "^file[^/]*$"),
            ("*file", Regexp, "^[^/]*file$"),
            ("a*/b", Regexp, "^a[^/]*/b$"),
            ("**", Suffix, ""),
            ("**/**", Regexp, "^(.*/)?.*$"),
            ("dir/**", Prefix, ""),
            ("**/dir", Suffix, ""),
            ("**/dir2/*", Regexp, "^(.*/)?dir2/[^/]*$"),
            ("**/dir2/**", Regexp, "^(.*/)?dir2/.*$"),
            ("**file", Suffix, ""),
            ("**/file*txt", Regexp, "^(.*/)?file[^/]*txt$"),
            ("**/**/*.txt", Regexp, "^(.*/)?(.*/)?[^/]*\\.txt$"),
            ("a[b-d]e", Regexp, "^a[b-d]e$"),
            (".*", Regexp, "^\\.[^/]*$"),
            ("abc.def", Exact, ""),
            ("abc?def", Regexp, "^abc[^/]def$"),
            ("**/foo/bar", Suffix, ""),
            ("a(b)c/def", Exact, ""),
            ("a.|)$(}+{bc", Exact, ""),
            ("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", Exact, ""),
        ];
        for &(pattern, kind, re) in cases {
            let (k, r) = compile(&go_clean(pattern));
            assert_eq!(k, kind, "{pattern}");
            if kind == Regexp {
                assert_eq!(format!("^{r}$"), re, "{pattern}");
            }
            assert!(compile_nodes(pattern).is_some(), "{pattern}");
        }
    }

    /// Our own table: (ignore file, path, excluded?) through the public API.
    #[test]
    fn semantics_table() {
        let cases: &[(&str, &str, bool)] = &[
            // `**` alone, at the start, in the middle, at the end
            ("**", "a", true),
            ("**", "a/b/c", true),
            ("**/x", "x", true),
            ("**/x", "a/b/x", true),
            ("**/x", "a/bx", false),
            ("**/x", "a/x/y", true),
            ("a/**/b", "a/b", true),
            ("a/**/b", "a/x/y/b", true),
            ("a/**/b", "a/xb", false),
            ("a/**/b", "a/x/b/c", true),
            ("a/**/b", "b", false),
            ("a/**", "a", false),
            ("a/**", "a/b", true),
            ("**/**/**", "a/b", true),
            // `**` glued to a name: patternmatcher's prefix and suffix tests
            ("**.go", "x.go", true),
            ("**.go", "a/b/x.go", true),
            ("**.go", "x.gox", false),
            ("a**", "abc/d", true),
            ("a**", "ba", false),
            ("x**y", "xy", true),
            ("x**y", "xa/b/y", true),
            ("x**y", "xay", false),
            // `*` and `?` stay inside a segment; the path or a parent matches
            ("*", "a/b", true),
            ("*/b", "a/b/c", true),
            ("*/b", "a/x/b", false),
            ("a?", "ab/c", true),
            ("a?", "a", false),
            ("src/*.rs", "src/a/b.rs", false),
            ("node_modules", "web/node_modules", false),
            ("**/node_modules", "web/node_modules/x", true),
            // leading `/`, `./`, trailing `/`, doubled slashes, `..`
            ("/docs", "docs/a", true),
            ("./docs/", "docs", true),
            ("docs//api", "./docs/api/v1", true),
            ("a/../docs", "docs", true),
            ("/../docs", "docs", true),
            ("../docs", "docs", false),
            ("docs/..", "docs", false),
            ("docs", "docs/../other", false),
            // character classes: Go regexp classes inside `[...]`
            ("[a-c]x", "bx", true),
            ("[a-c]x", "dx", false),
            ("[^a-c]x", "dx", true),
            ("[^a]b", "/b", false),
            ("x[^a]b", "x/b", true),
            ("[!a]", "b", false),
            ("[!a]", "!", true),
            ("[\\]]", "]", true),
            ("[z-a]", "z", false),
            ("[z-a]", "[z-a]", false),
            ("[Local-Only]/", "L", false),
            ("f[[:digit:]]", "f7", true),
            ("f[[:digit:]]", "f:", false),
            ("f[[:nope:]]", "f:", false),
            ("[α-ω]", "λ", true),
            // escapes: punctuation is itself; letters are Go regexp escapes
            ("\\*", "*", true),
            ("\\*", "x", false),
            ("\\[x\\]", "[x]", true),
            ("a\\ b", "a b", true),
            ("f\\d", "f7", true),
            ("f\\d", "fd", false),
            ("f\\q", "fq", false),
            ("a\\z", "a/b", true),
            ("a\\b-", "a-", true),
            ("src\\bin", "srcbin", false),
            ("src\\bin", "src/bin", false),
            ("\\Q*\\E", "[^/]*", true),
            ("\\Q*\\E", "x", false),
            // literal names with regexp characters
            ("a+b(1).txt", "a+b(1).txt", true),
            ("^x", "^x", true),
            // ...but with a wildcard, a bare `^` is a regexp anchor
            ("^*x", "ax", true),
            ("a^*", "a^", false),
            ("*^x", "x", true),
            // comments and blank lines; `#` only counts at the very start
            ("# docs", "# docs", false),
            ("  # docs", "# docs", true),
            ("\n\n  \ndocs\n", "docs", true),
            ("\u{feff}docs", "docs", true),
            // invalid patterns match nothing, the others still work
            ("[\nsrc", "src/x", true),
            ("[\nsrc", "[", false),
            ("!\n*", "a", true),
            ("a\\", "a\\", false),
            // Go checks a pattern only up to its first chunk that cannot
            // match `.`; the rest goes to the regexp as it is
            ("[a-]", "a", false),
            ("x*[a-]", "xa", true),
            ("x*[a-]", "x-", true),
            // the context root is never excluded
            ("*", ".", false),
            ("**", "", false),
        ];
        for &(ignore, path, want) in cases {
            assert_eq!(
                DockerIgnore::parse(ignore).excludes(path),
                want,
                "ignore {ignore:?}, path {path:?}"
            );
        }
    }

    /// `!` exceptions: the last matching pattern wins.
    #[test]
    fn exceptions_last_match_wins() {
        let cases: &[(&str, &str, bool)] = &[
            // re-include after exclude
            ("docs\n!docs/api", "docs/api", false),
            ("docs\n!docs/api", "docs/api/v1/x", false),
            ("docs\n!docs/api", "docs/other", true),
            ("*.md\n!README.md", "README.md", false),
            ("*.md\n!README.md", "CHANGES.md", true),
            // exclude again after the re-include
            ("docs\n!docs/api\ndocs/api/private", "docs/api/private/k", true),
            ("docs\n!docs/api\ndocs/api/private", "docs/api/public", false),
            // the reverse order: the exception comes first and loses
            ("!README.md\n*.md", "README.md", true),
            ("!docs/api\ndocs", "docs/api", true),
            // an exception alone excludes nothing
            ("!docs", "docs", false),
            // `!` with spaces, and a pattern that is `!` itself
            ("docs\n! docs/api", "docs/api", false),
            ("*\n!!x", "!x", false),
            ("*\n!!x", "x", true),
            ("\\!x", "!x", true),
        ];
        for &(ignore, path, want) in cases {
            assert_eq!(
                DockerIgnore::parse(ignore).excludes(path),
                want,
                "ignore {ignore:?}, path {path:?}"
            );
        }
    }

    fn steps(ignore: &str, path: &str) -> (bool, u64) {
        let mut steps = 0;
        let hit = DockerIgnore::parse(ignore).excludes_counted(path, &mut steps);
        (hit, steps)
    }

    /// `**/**/…/x` against `d0/d1/…`: the reported pattern that took minutes
    /// (the old matcher tried every split of the path for each `**`). The
    /// work is counted, not timed: at most one comparison per automaton node
    /// and path character, which for these short names is also within
    /// 4 × pattern segments × path segments (the old matcher made 2.3e9
    /// segment comparisons on the 12 × 24 case; this one makes about 1000).
    #[test]
    fn many_double_stars_stay_linear() {
        for (stars, segs) in [(12, 24), (12, 40), (30, 24), (30, 40)] {
            let ignore = format!("{}x\n", "**/".repeat(stars));
            let path = (0..segs).map(|i| format!("d{i}")).collect::<Vec<_>>().join("/");
            let (hit, n) = steps(&ignore, &path);
            assert!(!hit);
            let nodes = compile_nodes(ignore.trim()).map_or(0, |n| n.len()) as u64;
            let chars = path.chars().count() as u64;
            let pattern_segs = stars as u64 + 1;
            eprintln!("{stars} ** on {segs} segments: {n} steps, nodes {nodes}, chars {chars}");
            assert!(
                n <= (nodes + 1) * (chars + 1),
                "{stars} ** on {segs} segments: {n} steps"
            );
            assert!(
                n <= 4 * pattern_segs * segs as u64,
                "{stars} ** on {segs} segments: {n} steps"
            );
            // and it still matches when it should
            let (hit, _) = steps(&ignore, &format!("{path}/x"));
            assert!(hit);
        }
    }

    /// Stars inside one segment: `*a*a*a*a*a*b` against a long run of `a`.
    #[test]
    fn many_stars_in_a_segment_stay_linear() {
        for pattern in [
            "*a*a*a*a*a*b",
            "*aaaaaaaaab",
            "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b*",
            "**a**a**a**b",
        ] {
            let nodes = compile_nodes(pattern).map_or(0, |n| n.len()) as u64;
            let path = "a".repeat(2000);
            let (hit, n) = steps(pattern, &path);
            assert!(!hit, "{pattern}");
            assert!(n <= (nodes + 1) * (path.len() as u64 + 1), "{pattern}: {n} steps");
        }
    }
}
