//! The word and token types of the shell model: a word ([`ShWord`]) with its
//! span and unquoted value, the separator after a command ([`Sep`]), a
//! redirection ([`Redirect`]) and a heredoc ([`ShHeredoc`]), and word-level
//! helpers.

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
    /// Index into [`Script::heredocs`](super::Script::heredocs) for `<<` and `<<-`.
    pub heredoc: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShHeredoc {
    pub delimiter: String,
    pub body: String,
    pub span: Span,
}

/// A `for NAME [in WORDS]` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForLoop<'s> {
    /// The `for` keyword.
    pub keyword: Span,
    pub var: Option<ShWord<'s>>,
    /// The words after `in`; None for `for NAME; do` (the positional
    /// parameters).
    pub items: Option<Vec<ShWord<'s>>>,
}

/// A compound command (`if ... fi`, a loop, `case`, `{ ...; }`, a subshell)
/// and what follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compound {
    pub span: Span,
    /// The separator after it (`&&` makes it a condition of what follows).
    pub sep: Sep,
}

/// A `!` that negates a pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bang {
    pub span: Span,
    /// In the condition of an `if`, `elif`, `while` or `until`.
    pub condition: bool,
    /// Nesting depth, as [`Command::depth`](super::Command::depth).
    pub depth: u32,
}

pub(super) fn is_name_start(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphabetic()
}
