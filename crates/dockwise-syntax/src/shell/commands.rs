//! A simple command ([`Command`]) and its queries (program name, wrapper
//! invocations, arguments, flags, positionals, subcommand), with the tables of
//! wrapper programs (`sudo`, `env`, `timeout`...) used to find the program
//! that really runs.

use super::words::{is_name_start, Redirect, Sep, ShWord};
use crate::span::Span;

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

/// Longest path Linux runs (`PATH_MAX`): a longer word is no program path.
const PATH_MAX: usize = 4096;

fn basename(s: &str) -> &str {
    // a byte loop: words are short, and this runs for every rule's every
    // command; a word too long to be a path (a whole `$(...)` substitution
    // run as a command) is not searched each time
    if s.len() > PATH_MAX {
        return s;
    }
    match s.bytes().rposition(|b| b == b'/') {
        Some(i) => &s[i + 1..],
        None => s,
    }
}

impl<'s> Command<'s> {
    /// The program that really runs, by base name (`/usr/bin/apt-get` →
    /// `apt-get`). None for a command with no words, or whose program word is
    /// too long to be a path (a whole substitution run as a command): no
    /// rule knows such a program, and its name is not searched again and again.
    pub fn name(&self) -> Option<&str> {
        self.program
            .and_then(|i| self.words.get(i))
            .filter(|w| w.value.len() <= PATH_MAX)
            .map(|w| basename(&w.value))
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

pub(super) fn is_assignment(raw: &str) -> bool {
    let Some(eq) = raw.find('=') else { return false };
    let name = raw[..eq].strip_suffix('+').unwrap_or(&raw[..eq]);
    let name = name.split('[').next().unwrap_or(name);
    !name.is_empty()
        && name.bytes().next().is_some_and(is_name_start)
        && name.bytes().all(|c| c == b'_' || c.is_ascii_alphanumeric())
}

/// Finds the program past wrappers such as `sudo -u app env X=1 exec prog`.
pub(super) fn resolve_program(words: &[ShWord]) -> Option<usize> {
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
