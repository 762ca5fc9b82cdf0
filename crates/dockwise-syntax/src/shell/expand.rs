//! The expansions inside one word as written ([`ShWord::raw`]): `$name`,
//! `${...}`, `$(...)`, backticks and `$((...))`, each with how it is quoted,
//! and the text of its single-quoted parts. Shell checks ask this to tell
//! `rm $dir` (split and globbed) from `rm "$dir"`. Only the word's own level
//! is read: what sits inside a `$(...)` is the lexer's business (its
//! commands are in the script).
//!
//! [`ShWord::raw`]: super::ShWord::raw

use super::words::is_name_start;

/// What an expansion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpansionKind {
    /// `$name`, `$1`, `$?`, `${...}`.
    Parameter,
    /// `$(...)`.
    Command,
    /// `` `...` ``.
    Backtick,
    /// `$((...))`.
    Arithmetic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expansion<'s> {
    pub kind: ExpansionKind,
    /// Inside double quotes (never split or globbed).
    pub quoted: bool,
    /// The parameter's name (`x` for `$x` and `${x:-y}`, `1`, `@`, `?`, `#`),
    /// for parameters only; `${#x}` (a length) has the name `x` and
    /// [`Expansion::length`] set.
    pub name: &'s str,
    /// What follows the name inside braces (`:-y` in `${x:-y}`), empty otherwise.
    pub operation: &'s str,
    /// `${#x}`: the length of `x`.
    pub length: bool,
    /// The expansion as written.
    pub text: &'s str,
    /// Byte offset of `text` in the word.
    pub offset: usize,
}

/// A single-quoted part of a word: its text between the quotes, and the
/// byte offset of that text in the word. `$'...'` (ANSI-C quoting) is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SingleQuoted<'s> {
    pub text: &'s str,
    pub offset: usize,
}

/// What one word holds, read once: its expansions and single-quoted parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordParts<'s> {
    pub expansions: Vec<Expansion<'s>>,
    pub single_quoted: Vec<SingleQuoted<'s>>,
    /// Unquoted literal text holds a glob character (`*`, `?`, `[`).
    pub glob: bool,
    /// The word starts with an unquoted glob character (`*.txt`).
    pub starts_with_glob: bool,
}

/// Reads the word `raw` (a word as written, quotes included).
pub fn parts(raw: &str) -> WordParts<'_> {
    let b = raw.as_bytes();
    let mut out = WordParts::default();
    let mut i = 0;
    let mut in_double = false;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => i += 2,
            b'"' => {
                in_double = !in_double;
                i += 1;
            }
            b'\'' if !in_double => {
                let start = i + 1;
                let end = raw[start..].find('\'').map_or(b.len(), |e| start + e);
                out.single_quoted.push(SingleQuoted {
                    text: &raw[start..end],
                    offset: start,
                });
                i = end + 1;
            }
            b'$' if !in_double && b.get(i + 1) == Some(&b'\'') => {
                // $'...': ANSI-C quoting, escapes allowed inside
                let mut j = i + 2;
                while j < b.len() && b[j] != b'\'' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
            }
            b'$' | b'`' => {
                let (kind, end, name, operation, length) = expansion_at(raw, i);
                if end == i {
                    i += 1;
                    continue;
                }
                out.expansions.push(Expansion {
                    kind,
                    quoted: in_double,
                    name,
                    operation,
                    length,
                    text: &raw[i..end],
                    offset: i,
                });
                i = end;
            }
            b'*' | b'?' | b'[' if !in_double => {
                out.glob = true;
                if i == 0 {
                    out.starts_with_glob = true;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The expansion at `i` (a `$` or a backtick): its kind, its end, and for a
/// parameter its name, operation and whether it is a length. `end == i`: no
/// expansion (a lone `$`).
fn expansion_at(raw: &str, i: usize) -> (ExpansionKind, usize, &str, &str, bool) {
    let b = raw.as_bytes();
    let none = (ExpansionKind::Parameter, i, "", "", false);
    if b[i] == b'`' {
        let mut j = i + 1;
        while j < b.len() && b[j] != b'`' {
            j += if b[j] == b'\\' { 2 } else { 1 };
        }
        return (ExpansionKind::Backtick, (j + 1).min(b.len()), "", "", false);
    }
    match b.get(i + 1) {
        Some(b'(') if b.get(i + 2) == Some(&b'(') => (
            ExpansionKind::Arithmetic,
            balanced(b, i + 3, b'(', b')', 2),
            "",
            "",
            false,
        ),
        Some(b'(') => (ExpansionKind::Command, balanced(b, i + 2, b'(', b')', 1), "", "", false),
        Some(b'{') => {
            let end = balanced(b, i + 2, b'{', b'}', 1);
            let closed = end > i + 2 && b[end - 1] == b'}';
            let inner = &raw[(i + 2).min(end)..if closed { end - 1 } else { end }];
            let (length, body) = match inner.strip_prefix('#') {
                Some(rest) if !rest.is_empty() && !rest.starts_with(['-', '=', '+', '?', ':', '}']) => (true, rest),
                _ => (false, inner),
            };
            let name_len = name_len(body.as_bytes());
            (
                ExpansionKind::Parameter,
                end,
                &body[..name_len],
                &body[name_len..],
                length,
            )
        }
        Some(&c) if is_name_start(c) => {
            let n = name_len(&b[i + 1..]);
            (ExpansionKind::Parameter, i + 1 + n, &raw[i + 1..i + 1 + n], "", false)
        }
        Some(&c) if c.is_ascii_digit() || b"@*#?$!-".contains(&c) => {
            (ExpansionKind::Parameter, i + 2, &raw[i + 1..i + 2], "", false)
        }
        _ => none,
    }
}

/// Length of the parameter name at the start of `b`: a name, digits, or one
/// special character.
fn name_len(b: &[u8]) -> usize {
    match b.first() {
        Some(&c) if is_name_start(c) => b
            .iter()
            .take_while(|&&c| c == b'_' || c.is_ascii_alphanumeric())
            .count(),
        Some(c) if c.is_ascii_digit() => b.iter().take_while(|c| c.is_ascii_digit()).count(),
        Some(c) if b"@*#?$!-".contains(c) => 1,
        _ => 0,
    }
}

/// The index just past the `close` that balances `level` opens, honouring
/// quotes and escapes (the end of the word if none does).
fn balanced(b: &[u8], mut i: usize, open: u8, close: u8, mut level: u32) -> usize {
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        i += 1;
        match (quote, c) {
            (None, b'\'' | b'"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (q, b'\\') if q != Some(b'\'') => i += 1,
            (None, c) if c == open => level += 1,
            (None, c) if c == close => {
                level -= 1;
                if level == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(raw: &str) -> Vec<(ExpansionKind, bool, &str, &str)> {
        parts(raw)
            .expansions
            .iter()
            .map(|e| (e.kind, e.quoted, e.name, e.text))
            .collect()
    }

    #[test]
    fn parameters_and_their_quoting() {
        use ExpansionKind::*;
        assert_eq!(kinds("$a"), [(Parameter, false, "a", "$a")]);
        assert_eq!(
            kinds("\"$a\"b$c"),
            [(Parameter, true, "a", "$a"), (Parameter, false, "c", "$c")]
        );
        assert_eq!(kinds("--prefix=${DIR}/x"), [(Parameter, false, "DIR", "${DIR}")]);
        assert_eq!(kinds("'$a'"), []);
        assert_eq!(kinds("\\$a"), []);
        assert_eq!(
            kinds("$1$?$@"),
            [
                (Parameter, false, "1", "$1"),
                (Parameter, false, "?", "$?"),
                (Parameter, false, "@", "$@")
            ]
        );
        assert_eq!(kinds("a$"), []);
        let e = parts("${x:-$y z}").expansions[0];
        assert_eq!((e.name, e.operation, e.length), ("x", ":-$y z", false));
        let e = parts("${#PATH}").expansions[0];
        assert_eq!((e.name, e.length), ("PATH", true));
        assert_eq!(parts("${#}").expansions[0].name, "#");
        assert_eq!(kinds("$'a\\'$b'"), []);
    }

    #[test]
    fn substitutions_are_read_whole() {
        use ExpansionKind::*;
        assert_eq!(
            kinds("$(echo \"$a\" ')')x"),
            [(Command, false, "", "$(echo \"$a\" ')')")]
        );
        assert_eq!(kinds("\"`id -u`\""), [(Backtick, true, "", "`id -u`")]);
        assert_eq!(kinds("$((1 + (2)))"), [(Arithmetic, false, "", "$((1 + (2)))")]);
        // unterminated: up to the end, never past it
        assert_eq!(kinds("$(a"), [(Command, false, "", "$(a")]);
        assert_eq!(kinds("${a"), [(Parameter, false, "a", "${a")]);
        assert_eq!(kinds("`a"), [(Backtick, false, "", "`a")]);
    }

    #[test]
    fn single_quotes_and_globs() {
        let p = parts("x'$HOME/a'\"'b'\"");
        assert_eq!(p.single_quoted.len(), 1);
        assert_eq!(p.single_quoted[0].text, "$HOME/a");
        assert_eq!(p.single_quoted[0].offset, 2);
        assert!(parts("*.txt").starts_with_glob);
        assert!(!parts("'*'.txt").glob);
        assert!(parts("a/b?").glob);
        assert!(!parts("\"a*\"").glob);
    }
}
