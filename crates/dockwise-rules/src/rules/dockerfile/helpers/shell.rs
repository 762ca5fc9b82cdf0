//! What the shell checks (the ShellCheck-coded rules) need to know about a
//! RUN beyond its commands: which shell runs it (`SHELL`, a heredoc's
//! shebang, `/bin/sh` by default) and which variables ENV and ARG have set;
//! and, within the script, which variables may hold spaces or globs.

use dockwise_syntax::dockerfile::model::PREDEFINED_ARGS;
use dockwise_syntax::dockerfile::{Args, Kind, Model};
use dockwise_syntax::shell::{parts, ExpansionKind, Script, ShWord, MAX_NESTING};
use dockwise_syntax::Span;
use std::collections::{HashMap, HashSet};

/// The shell language a RUN is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// POSIX sh (`/bin/sh`, dash, ash, busybox): Docker's default.
    Sh,
    /// bash, zsh or ksh: arrays, `[[`, `source` and the like exist.
    Bash,
}

/// One RUN as the shell checks see it.
pub struct ShellRun<'m, 'a> {
    /// Instruction index.
    pub index: usize,
    pub script: &'m Script<'a>,
    pub dialect: Dialect,
    /// Variables ENV and ARG set before it (in the stage and the stages it
    /// builds on), and the proxy variables Docker passes to every build.
    pub known: &'m Known<'m>,
}

/// The variables a RUN can count on being set: those ENV and ARG declare
/// before it in its stage or anywhere in the stages it is built FROM, and
/// the proxy variables. Looked up, never copied: the declarations of each
/// stage are indexed once per check.
pub struct Known<'m> {
    /// Per stage (the preamble last): each declared name and the index of
    /// the first instruction declaring it.
    decls: &'m [HashMap<&'m str, usize>],
    parents: &'m [Option<usize>],
    slot: usize,
    before: usize,
}

impl Known<'_> {
    pub fn contains(&self, name: &str) -> bool {
        if is_proxy(name) || self.decls[self.slot].get(name).is_some_and(|&i| i < self.before) {
            return true;
        }
        let mut p = self.parents[self.slot];
        while let Some(s) = p {
            if self.decls[s].contains_key(name) {
                return true;
            }
            p = self.parents[s];
        }
        false
    }
}

/// A proxy variable: a predefined build argument a RUN receives without an
/// ARG (the platform ones need `ARG NAME` to be visible).
fn is_proxy(name: &str) -> bool {
    name.len() > 6 && name[name.len() - 6..].eq_ignore_ascii_case("_proxy") && PREDEFINED_ARGS.contains(&name)
}

fn dialect_of(program: &str) -> Option<Dialect> {
    let base = program.rsplit('/').next().unwrap_or(program);
    match base {
        "sh" | "dash" | "ash" | "busybox" => Some(Dialect::Sh),
        "bash" | "zsh" | "ksh" | "mksh" => Some(Dialect::Bash),
        _ => None,
    }
}

/// Calls `f` for every RUN (ONBUILD RUN included) run by a POSIX shell, in
/// file order.
pub fn for_each_run<'a>(cx: &Model<'a>, mut f: impl FnMut(&ShellRun<'_, 'a>)) {
    // where each stage's declarations go (the preamble, before any FROM, last)
    let preamble = cx.stages.len();
    let slot_of = |i: usize| cx.stage_of.get(i).copied().flatten().unwrap_or(preamble);
    let mut decls: Vec<HashMap<&str, usize>> = vec![HashMap::new(); preamble + 1];
    let mut parents: Vec<Option<usize>> = cx.stages.iter().map(|s| s.parent).collect();
    parents.push(None);
    for (i, ins) in cx.instructions().iter().enumerate() {
        let eff = ins.effective();
        // (an ONBUILD ENV is for the images built FROM this one)
        if matches!(ins.kind, Kind::Env | Kind::Arg) {
            for kv in eff.key_values() {
                decls[slot_of(i)].entry(&*kv.key.value).or_insert(i);
            }
        }
    }
    // the shell in effect: SHELL changes it for the rest of the stage and
    // for the stages built on it
    let mut stage_dialect: Vec<Dialect> = Vec::with_capacity(preamble);
    let mut dialect = Dialect::Sh;
    for (i, ins) in cx.instructions().iter().enumerate() {
        if ins.kind == Kind::From {
            if let Some(s) = cx.stage_of[i] {
                if s > 0 {
                    stage_dialect.push(dialect);
                }
                dialect = cx.stages[s]
                    .parent
                    .and_then(|p| stage_dialect.get(p).copied())
                    .unwrap_or(Dialect::Sh);
            }
            continue;
        }
        let eff = ins.effective();
        match (eff.kind, &eff.args) {
            (Kind::Shell, Args::Exec(words)) => {
                if let Some(d) = words.first().and_then(|w| dialect_of(&w.value)) {
                    dialect = d;
                }
            }
            (Kind::Run, _) => {
                let Some(script) = cx.script(i) else { continue };
                // `RUN <<EOF` with a shebang: that shell
                let shebang = eff
                    .heredocs
                    .first()
                    .and_then(|h| h.content.lines().next())
                    .and_then(|l| l.strip_prefix("#!"))
                    .and_then(|l| {
                        let mut w = l.split_whitespace();
                        let first = w.next()?;
                        if first.ends_with("/env") {
                            w.next().and_then(dialect_of)
                        } else {
                            dialect_of(first)
                        }
                    });
                let known = Known {
                    decls: &decls,
                    parents: &parents,
                    slot: slot_of(i),
                    before: i,
                };
                f(&ShellRun {
                    index: i,
                    script,
                    dialect: shebang.unwrap_or(dialect),
                    known: &known,
                });
            }
            _ => {}
        }
    }
}

/// The file span of `len` bytes at `offset` of a word's text, when the word
/// is written on one line (a line continuation inside it makes its text and
/// its span differ, and fixes are not offered there).
pub fn part_span(w: &ShWord, offset: usize, len: usize) -> Option<Span> {
    let start = w.span.start + offset as u32;
    (w.span.len() as usize == w.raw.len() && offset + len <= w.raw.len()).then(|| Span::new(start, start + len as u32))
}

/// Declaration utilities: their `name=value` arguments are assignments.
pub const DECLARATIONS: &[&str] = &["export", "local", "declare", "typeset", "readonly"];

/// Calls `f` for every RUN run by POSIX sh (Docker's default `/bin/sh -c`,
/// or SHELL naming sh, dash, ash or busybox): the bash-only checks.
pub fn for_each_sh_run<'a>(cx: &Model<'a>, mut f: impl FnMut(&ShellRun<'_, 'a>)) {
    for_each_run(cx, |run| {
        if run.dialect == Dialect::Sh {
            f(run)
        }
    })
}

/// Parameters that never hold spaces or globs: `$?`, `$#`, `$$`, `$!`, `$-`.
pub fn is_numeric_special(name: &str) -> bool {
    matches!(name, "?" | "#" | "$" | "!" | "-")
}

/// Which variables of a script may hold spaces or glob characters, so that
/// an unquoted `$x` is split or globbed: those the script assigns something
/// that may (a command's output, a value with a space, another such variable),
/// those `read` fills, and those nothing sets (neither the script nor
/// ENV/ARG). A variable the script only assigns plain words to, or that ENV
/// or ARG set, is taken to be one word: as ShellCheck sees it when hadolint
/// declares them. One pass over the assignments and one propagation along
/// "this value names that variable": linear in the script.
pub struct Spaceful<'k> {
    known: &'k Known<'k>,
    assigned: HashSet<String>,
    spaceful: HashSet<String>,
}

/// What an assignment's value can tell by itself: it may hold spaces (a
/// command's output, a literal space or glob), and the variables whose
/// spaces it would carry.
struct Value {
    intrinsic: bool,
    refs: Vec<String>,
}

/// How deep `${x:-${y:-...}}` defaults are read (as deep as the shell
/// model reads substitutions); deeper ones count as plain words.
const MAX_DEFAULT_DEPTH: u32 = MAX_NESTING;

fn read_value(value: &str, depth: u32) -> Value {
    if depth > MAX_DEFAULT_DEPTH {
        return Value {
            intrinsic: false,
            refs: Vec::new(),
        };
    }
    let p = parts(value);
    // the literal text between the expansions
    let mut literal_space = false;
    let mut at = 0;
    for e in &p.expansions {
        literal_space |= value[at..e.offset].contains([' ', '\t', '\n', '*', '?', '[']);
        at = e.offset + e.text.len();
    }
    literal_space |= value[at.min(value.len())..].contains([' ', '\t', '\n', '*', '?', '[']);
    let mut v = Value {
        intrinsic: literal_space,
        refs: Vec::new(),
    };
    for e in &p.expansions {
        match e.kind {
            ExpansionKind::Command | ExpansionKind::Backtick => v.intrinsic = true,
            ExpansionKind::Arithmetic => {}
            ExpansionKind::Parameter if e.length || is_numeric_special(e.name) => {}
            ExpansionKind::Parameter => {
                let (plus, word) = alternative(e.operation);
                if !plus {
                    v.refs.push(e.name.to_string());
                }
                if let Some(word) = word {
                    let inner = read_value(word, depth + 1);
                    v.intrinsic |= inner.intrinsic;
                    v.refs.extend(inner.refs);
                }
            }
        }
    }
    v
}

/// For `${x:-word}`, `${x=word}`, `${x:+word}`...: whether it is a `+`
/// (the word or nothing), and the word.
fn alternative(op: &str) -> (bool, Option<&str>) {
    let op = op.strip_prefix(':').unwrap_or(op);
    match op.as_bytes().first() {
        Some(b'-' | b'=') => (false, Some(&op[1..])),
        Some(b'+') => (true, Some(&op[1..])),
        _ => (false, None),
    }
}

impl<'k> Spaceful<'k> {
    pub fn new(script: &Script, known: &'k Known<'k>) -> Self {
        // every assignment of the script, by name
        let mut values: Vec<(String, Value)> = Vec::new();
        let mut read: HashSet<String> = HashSet::new();
        let add = |w: &ShWord, values: &mut Vec<(String, Value)>| {
            if let Some((name, value)) = w.raw.split_once('=') {
                let name = name.trim_end_matches('+');
                if !name.is_empty() && name.bytes().all(|c| c == b'_' || c.is_ascii_alphanumeric()) {
                    values.push((name.to_string(), read_value(value, 0)));
                }
            }
        };
        for c in &script.commands {
            if c.words.is_empty() {
                for a in &c.assignments {
                    add(a, &mut values);
                }
            }
            match c.name() {
                Some(n) if DECLARATIONS.contains(&n) => {
                    for a in c.args() {
                        add(a, &mut values);
                    }
                }
                Some("read") => {
                    for a in c.positionals(&["-d", "-n", "-N", "-p", "-t", "-u", "-a"]) {
                        read.insert(a.value.to_string());
                    }
                }
                _ => {}
            }
        }
        for l in &script.loops {
            if let Some(v) = &l.var {
                // items are split into words: spaceful only when a quoted
                // expansion keeps spaces in one item, or there is no list
                // (the positional parameters)
                let intrinsic = l.items.as_ref().is_none_or(|items| {
                    items
                        .iter()
                        .any(|w| parts(w.raw).expansions.iter().any(|e| e.quoted) || w.value.contains(' '))
                });
                values.push((
                    v.value.to_string(),
                    Value {
                        intrinsic,
                        refs: Vec::new(),
                    },
                ));
            }
        }
        let assigned: HashSet<String> = values
            .iter()
            .map(|(n, _)| n.clone())
            .chain(read.iter().cloned())
            .collect();
        // propagate: a variable is spaceful when one of its values is by
        // itself, or names a spaceful variable (an unset, unknown one included)
        let mut users: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut work: Vec<&str> = Vec::new();
        for (name, v) in &values {
            let from_outside = v
                .refs
                .iter()
                .any(|r| !assigned.contains(r.as_str()) && !known.contains(r));
            if v.intrinsic || from_outside {
                work.push(name);
            }
            for r in &v.refs {
                users.entry(r.as_str()).or_default().push(name);
            }
        }
        work.extend(read.iter().map(String::as_str));
        let mut marked: HashSet<&str> = HashSet::new();
        while let Some(name) = work.pop() {
            if !marked.insert(name) {
                continue;
            }
            if let Some(next) = users.get(name) {
                work.extend(next.iter().copied());
            }
        }
        let spaceful = marked
            .into_iter()
            .map(str::to_string)
            .chain(read.iter().cloned())
            .collect();
        Spaceful {
            known,
            assigned,
            spaceful,
        }
    }

    /// May `$name` hold spaces or globs?
    pub fn var(&self, name: &str) -> bool {
        if is_numeric_special(name) {
            return false;
        }
        if self.assigned.contains(name) {
            return self.spaceful.contains(name);
        }
        !self.known.contains(name)
    }

    /// May this parameter expansion hold spaces or globs?
    pub fn expansion(&self, e: &dockwise_syntax::shell::Expansion) -> bool {
        if e.length {
            return false;
        }
        let (plus, word) = alternative(e.operation);
        let word_spaceful = word.is_some_and(|w| {
            let v = read_value(w, 1);
            v.intrinsic || v.refs.iter().any(|r| self.var(r))
        });
        if plus {
            // `${x:+word}`: the word or nothing
            word_spaceful
        } else {
            self.var(e.name) || word_spaceful
        }
    }
}
