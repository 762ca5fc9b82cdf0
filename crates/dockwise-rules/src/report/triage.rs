//! Triage: a file's located findings as a reader takes them in, not as the
//! checker found them.
//!
//! - **Entries.** Findings of different rules on one token (a secret in
//!   `ENV`: DL3064 on its name, DW4001 on its value) are one entry with all
//!   their rule ids. Findings about something missing (no USER, no
//!   HEALTHCHECK, a container without probes: a rule's [`Scope`] says so)
//!   sit on the name of what lacks it, having nothing else to underline;
//!   they are one "missing from ..." entry per file, Compose service,
//!   Kubernetes container or object instead of a crowd on that name.
//! - **Advice.** An entry whose rules are a known combination carries one
//!   piece of advice written for them together ([`COMBINED`]: where each
//!   rule's message, read alone, would send the reader a different way).
//!   Otherwise the more specific finding speaks first: within an entry,
//!   findings go most severe first, then the narrowest span.
//! - **Order.** [`Order::Severity`] (the default: most severe first, then
//!   by line) or [`Order::Line`].
//! - **Summary.** Counts by severity and by concern (the rules' tags), and
//!   the one thing to fix first ([`Summary::first`]).
//! - **Exports.** [`markdown`] for a pull-request comment, and the CLI's JSON
//!   ([`super::json`]).
//!
//! Triage needs the findings and the text they were found in (for tokens and
//! names), nothing else: no checks, so the playground's page runs it on the
//! findings its checker sends.

use super::Located;
use crate::diagnostics::{Severity, Tag};
use crate::rule::{Rule, Scope};
use crate::rules;
use dockwise_syntax::FileKind;
use std::collections::HashMap;

/// The version of the rules: the workspace's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the rules and how many there are, as share links and
/// reports carry it: `0.1.0+179`.
pub fn catalogue_version() -> String {
    format!("{VERSION}+{}", rules::all().count())
}

/// How a file of this kind is named in a sentence: `Dockerfile`,
/// `Compose file`, `Kubernetes manifest`.
pub fn file_noun(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Dockerfile => "Dockerfile",
        FileKind::Compose => "Compose file",
        FileKind::Kubernetes => "Kubernetes manifest",
    }
}

/// The order of the entries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// Most severe first, then by line (the default).
    #[default]
    Severity,
    /// By line, then most severe first.
    Line,
}

impl Order {
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Severity => "severity",
            Order::Line => "line",
        }
    }

    pub fn parse(s: &str) -> Option<Order> {
        match s.trim().to_ascii_lowercase().as_str() {
            "severity" => Some(Order::Severity),
            "line" => Some(Order::Line),
            _ => None,
        }
    }
}

/// What a "missing from ..." entry's findings are missing from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// [`Scope::File`], [`Scope::Service`], [`Scope::Container`] or [`Scope::Object`].
    pub scope: Scope,
    /// The service's, container's or object's name as written (quotes
    /// taken off); empty for the file.
    pub name: String,
}

impl Missing {
    /// `Missing from this Dockerfile`, ``Missing from service `web` ``...
    /// (backticks mark code, as in messages).
    pub fn title(&self, kind: FileKind) -> String {
        let what = match self.scope {
            Scope::Service => "service",
            Scope::Container => "container",
            Scope::Object => "object",
            Scope::File | Scope::Place => return format!("Missing from this {}", file_noun(kind)),
        };
        format!("Missing from {what} `{}`", self.name)
    }
}

/// One entry of the triaged list.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Indices into the findings: most severe first, then the narrowest span
    /// (the most specific), then by place and rule id. Never empty.
    pub findings: Vec<usize>,
    /// Set on a "missing from ..." entry.
    pub missing: Option<Missing>,
    /// One piece of advice for the entry's rules together (see [`COMBINED`]).
    pub advice: Option<&'static str>,
    /// The most severe of its findings.
    pub severity: Severity,
    /// Where the entry starts: its first line, and the first column there.
    pub line: u32,
    pub column: u32,
}

impl Entry {
    /// The entry's rules, once each, in the order of its findings.
    pub fn rules<'a>(&self, findings: &'a [Located]) -> Vec<&'a Rule> {
        let mut out: Vec<&Rule> = Vec::new();
        for f in self.findings.iter().filter_map(|&i| findings.get(i)) {
            if !out.iter().any(|r| r.id == f.rule.id) {
                out.push(f.rule);
            }
        }
        out
    }
}

/// The rule to fix first, and why it was chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct First {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// How many of the file's findings are this rule's.
    pub count: usize,
    /// Its first finding (an index into the findings), to jump to.
    pub finding: usize,
}

/// Three lines about the whole file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub total: usize,
    /// Findings per severity, most severe first; severities without
    /// findings are left out.
    pub severities: Vec<(Severity, usize)>,
    /// Findings per concern (a rule's tags; a finding counts once for each
    /// tag of its rule), most findings first, ties in [`Tag::ALL`] order.
    pub concerns: Vec<(Tag, usize)>,
    /// The one thing to fix first: a syntax error if there is one (a file
    /// that does not parse hides what else is wrong); else, of the rules
    /// with findings at the highest severity present, the one with the most
    /// findings; ties go to a security rule, then to the earliest finding.
    pub first: Option<First>,
}

/// The triaged view of one file's findings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Triage {
    /// In the order asked for.
    pub entries: Vec<Entry>,
    pub summary: Summary,
}

impl Triage {
    /// The entries' indices in `order` (the entries stay where they are).
    pub fn ordered(&self, order: Order) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.entries.len()).collect();
        idx.sort_by(|&a, &b| compare(&self.entries[a], &self.entries[b], order));
        idx
    }

    /// Puts the entries in `order`.
    pub fn sort(&mut self, order: Order) {
        self.entries.sort_by(|a, b| compare(a, b, order));
    }
}

fn compare(a: &Entry, b: &Entry, order: Order) -> std::cmp::Ordering {
    let severity = b.severity.rank().cmp(&a.severity.rank());
    let place = (a.line, a.column).cmp(&(b.line, b.column));
    // a "missing from" entry before a finding that starts at the same place
    let missing = b.missing.is_some().cmp(&a.missing.is_some());
    let first = a.findings.first().cmp(&b.findings.first());
    match order {
        Order::Severity => severity.then(place).then(missing).then(first),
        Order::Line => place.then(severity).then(missing).then(first),
    }
}

/// Advice for findings of several rules on one token, where the rules'
/// messages, read one by one, seem to pull different ways (DL3064 says "use
/// a build secret mount", DW4001 "inject it at runtime": both are right, for
/// different users of the value). An entry takes the first combination all
/// of whose rules it has (so the longer ones come first). Backticks mark
/// code.
pub const COMBINED: &[(&[&str], &str)] = &[
    (
        &["DL3064", "DW4001", "DW4002"],
        "A real credential is written into the image here. Revoke it, then take it out of the Dockerfile: \
         a value the build needs is mounted for the one RUN that uses it (`RUN --mount=type=secret`), \
         a value the container needs is given when it starts (an environment variable or the orchestrator's secrets).",
    ),
    (
        &["DL3064", "DW4001"],
        "A secret is written into the image here, where anyone who pulls it can read it. Take it out of the \
         Dockerfile: a value the build needs is mounted for the one RUN that uses it (`RUN --mount=type=secret`), \
         a value the container needs is given when it starts (an environment variable or the orchestrator's secrets).",
    ),
    (
        &["DW4001", "DW4002"],
        "A real credential is written here. Revoke it, remove it, and pass it in as a secret: a build secret mount \
         (`RUN --mount=type=secret`) for the build, the orchestrator's secrets when the container runs.",
    ),
    (
        &["DW2007", "DW2008"],
        "A well-known default password is written into the Compose file. Choose a strong one and keep it out of \
         the file: Compose `secrets:`, or an env file that is not committed.",
    ),
    (
        &["DL3009", "DW1003"],
        "`apt-get update` runs alone here. Update, install and clean up in one RUN: \
         `apt-get update && apt-get install -y --no-install-recommends <packages> && rm -rf /var/lib/apt/lists/*`.",
    ),
    (
        &["DL3014", "DL3015"],
        "Write `apt-get install -y --no-install-recommends`: no prompt stops the build, and no recommended \
         extras end up in the image.",
    ),
    (
        &["DL3007", "DW1017"],
        "Pin the base image to a version and its digest (`name:1.2.3@sha256:...`): `latest` moves, a tag can be \
         pushed again, a digest never changes.",
    ),
    (
        &["DL3006", "DW1017"],
        "Pin the base image to a version and its digest (`name:1.2.3@sha256:...`): without a tag it means \
         `latest`, which moves, and a tag can be pushed again; a digest never changes.",
    ),
];

/// The combined advice for an entry with these rules, if any.
fn advice(ids: &[&str]) -> Option<&'static str> {
    COMBINED
        .iter()
        .find(|(rules, _)| rules.iter().all(|r| ids.contains(r)))
        .map(|(_, text)| *text)
}

/// Byte offsets of UTF-16 offsets into `text`, in one pass. An offset past
/// the end (findings of another text) gives the text's length.
fn byte_offsets(text: &str, utf16: &[u32]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..utf16.len()).collect();
    order.sort_by_key(|&i| utf16[i]);
    let mut out = vec![text.len(); utf16.len()];
    let mut chars = text.char_indices().peekable();
    let mut units = 0u32;
    for i in order {
        let target = utf16[i];
        while let Some(&(_, c)) = chars.peek() {
            if units >= target {
                break;
            }
            units += c.len_utf16() as u32;
            chars.next();
        }
        out[i] = chars.peek().map(|&(b, _)| b).unwrap_or(text.len());
    }
    out
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// How far a token reaches beyond a span, each way: further than this
/// (minified JSON, a 1 MB line) the span is its own token, so triage stays
/// linear in the number of findings.
const REACH: usize = 128;

/// The token around a span: the span widened to the white space on each
/// side (`API_KEY=value` for a span on `API_KEY` or on `value`). A span
/// across lines is its own token.
fn token(bytes: &[u8], start: usize, end: usize) -> (usize, usize) {
    let Some(inner) = bytes.get(start..end) else {
        return (start, end);
    };
    if inner.contains(&b'\n') {
        return (start, end);
    }
    let mut s = start;
    while s > 0 && start - s < REACH && !is_space(bytes[s - 1]) {
        s -= 1;
    }
    if s > 0 && !is_space(bytes[s - 1]) {
        s = start;
    }
    let mut e = end;
    while e < bytes.len() && e - end < REACH && !is_space(bytes[e]) {
        e += 1;
    }
    if e < bytes.len() && !is_space(bytes[e]) {
        e = end;
    }
    (s, e)
}

/// Does the span at `start` name its container or object: is it the value
/// of a `name:` key (or of `kind:`, for an object without a name)?
fn names_holder(bytes: &[u8], start: usize) -> bool {
    let line_start = bytes
        .get(..start)
        .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
        .map_or(0, |i| i + 1);
    let Some(before) = bytes.get(line_start..start) else {
        return false;
    };
    let mut before = before;
    while let [rest @ .., last] = before {
        if is_space(*last) || *last == b'"' || *last == b'\'' {
            before = rest;
        } else {
            break;
        }
    }
    ["name:", "kind:"].iter().any(|key| {
        before.ends_with(key.as_bytes())
            && before[..before.len() - key.len()]
                .last()
                .is_none_or(|&c| is_space(c) || matches!(c, b'-' | b'{' | b','))
    })
}

/// A holder's name as written, without quotes.
fn name_at(text: &str, start: usize, end: usize) -> String {
    text.get(start..end)
        .unwrap_or("")
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .to_string()
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Missing(Scope, usize, usize),
    Token(usize, usize),
}

/// Triages `findings`, located in `text` (the text they were found in).
pub fn triage(text: &str, findings: &[Located], order: Order) -> Triage {
    let utf16: Vec<u32> = findings.iter().flat_map(|f| [f.from, f.to]).collect();
    let bytes_at = byte_offsets(text, &utf16);
    let bytes = text.as_bytes();
    let mut keys: HashMap<Key, usize> = HashMap::new();
    let mut entries: Vec<Entry> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let (start, end) = (bytes_at[2 * i], bytes_at[2 * i + 1].max(bytes_at[2 * i]));
        let (key, missing) = match f.rule.scope {
            Scope::File => (Key::Missing(Scope::File, 0, 0), Some((Scope::File, String::new()))),
            Scope::Service => (
                Key::Missing(Scope::Service, start, end),
                Some((Scope::Service, name_at(text, start, end))),
            ),
            s @ (Scope::Container | Scope::Object) if names_holder(bytes, start) => {
                (Key::Missing(s, start, end), Some((s, name_at(text, start, end))))
            }
            _ => {
                let (s, e) = token(bytes, start, end);
                (Key::Token(s, e), None)
            }
        };
        match keys.get(&key) {
            Some(&at) => entries[at].findings.push(i),
            None => {
                keys.insert(key, entries.len());
                entries.push(Entry {
                    findings: vec![i],
                    missing: missing.map(|(scope, name)| Missing { scope, name }),
                    advice: None,
                    severity: f.severity,
                    line: f.range.line,
                    column: f.range.column,
                });
            }
        }
    }
    for e in &mut entries {
        e.findings.sort_by(|&a, &b| {
            let (fa, fb) = (&findings[a], &findings[b]);
            let width = |f: &Located| f.to.saturating_sub(f.from);
            fb.severity
                .rank()
                .cmp(&fa.severity.rank())
                .then_with(|| {
                    if e.missing.is_some() {
                        std::cmp::Ordering::Equal
                    } else {
                        width(fa).cmp(&width(fb))
                    }
                })
                .then((fa.range.line, fa.range.column).cmp(&(fb.range.line, fb.range.column)))
                .then(fa.rule.id.cmp(fb.rule.id))
                .then(a.cmp(&b))
        });
        e.severity = findings[e.findings[0]].severity;
        let (line, column) = e
            .findings
            .iter()
            .map(|&i| (findings[i].range.line, findings[i].range.column))
            .min()
            .unwrap_or((e.line, e.column));
        e.line = line;
        e.column = column;
        if e.missing.is_none() {
            let ids: Vec<&str> = e.rules(findings).iter().map(|r| r.id).collect();
            if ids.len() > 1 {
                e.advice = advice(&ids);
            }
        }
    }
    let mut t = Triage {
        entries,
        summary: summary(findings),
    };
    t.sort(order);
    t
}

/// The summary of `findings` (see [`Summary`]).
pub fn summary(findings: &[Located]) -> Summary {
    let mut severities = [0usize; 4];
    let mut concerns = [0usize; Tag::ALL.len()];
    // per rule id: (rule, severity, count, first finding)
    let mut per_rule: HashMap<&str, (&'static Rule, Severity, usize, usize)> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if let Some(n) = Severity::ALL.iter().position(|s| *s == f.severity) {
            severities[n] += 1;
        }
        for tag in f.rule.tags {
            if let Some(n) = Tag::ALL.iter().position(|t| t == tag) {
                concerns[n] += 1;
            }
        }
        let e = per_rule.entry(f.rule.id).or_insert((f.rule, f.severity, 0, i));
        e.2 += 1;
        if f.severity.rank() > e.1.rank() {
            e.1 = f.severity;
        }
        let (fl, el) = (&f.range, &findings[e.3].range);
        if (fl.line, fl.column) < (el.line, el.column) {
            e.3 = i;
        }
    }
    let mut concerns: Vec<(Tag, usize)> = Tag::ALL
        .iter()
        .zip(concerns)
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| (*t, n))
        .collect();
    concerns.sort_by_key(|c| std::cmp::Reverse(c.1));
    let first = per_rule
        .values()
        .max_by(|a, b| {
            let key = |x: &(&'static Rule, Severity, usize, usize)| {
                (
                    x.0.is_syntax_error(),
                    x.1.rank(),
                    x.2,
                    x.0.tags.contains(&Tag::Security),
                )
            };
            let (fa, fb) = (&findings[a.3].range, &findings[b.3].range);
            key(a)
                .cmp(&key(b))
                // earlier is better: reversed, as max_by keeps the greatest
                .then((fb.line, fb.column).cmp(&(fa.line, fa.column)))
                .then(b.0.id.cmp(a.0.id))
        })
        .map(|&(rule, severity, count, finding)| First {
            rule,
            severity,
            count,
            finding,
        });
    Summary {
        total: findings.len(),
        severities: Severity::ALL
            .iter()
            .zip(severities)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| (*s, n))
            .collect(),
        concerns,
        first,
    }
}

/// `3 errors`, `1 warning`, `2 info`, `1 style`.
pub fn count(severity: Severity, n: usize) -> String {
    match severity {
        Severity::Error | Severity::Warning => {
            format!("{n} {}{}", severity.as_str(), if n == 1 { "" } else { "s" })
        }
        Severity::Info | Severity::Style => format!("{n} {}", severity.as_str()),
    }
}

/// Text for Markdown where backticks mark code (a finding's message, a
/// rule's title): the code is a code span, everything else has its
/// Markdown, HTML and GitHub punctuation escaped, so text pasted into the
/// checked file cannot add markup, links, mentions or images to the comment.
/// Pipes are escaped too (the text sits in a table cell) and line breaks
/// become spaces.
pub fn markdown_text(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    // an unmatched backtick is text
    let closed = parts.len() % 2 == 1;
    let mut out = String::with_capacity(text.len() + 8);
    for (i, part) in parts.iter().enumerate() {
        let code = i % 2 == 1 && (closed || i + 1 < parts.len());
        if i % 2 == 1 && !code {
            out.push_str("\\`");
        }
        if code {
            let part: String = part
                .chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                .collect();
            let part = part.replace('|', "\\|");
            // a span that starts or ends with a space keeps it when padded
            let pad = part.starts_with(' ') || part.ends_with(' ') || part.is_empty();
            out.push('`');
            if pad {
                out.push(' ');
            }
            out.push_str(&part);
            if pad {
                out.push(' ');
            }
            out.push('`');
        } else {
            for c in part.chars() {
                match c {
                    '\n' | '\r' => out.push(' '),
                    '\\' | '*' | '_' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '!' | '|' | '~' | '&' | '@' | ':'
                    | '$' | '{' | '}' | '+' | '-' | '.' | '=' | '"' | '\'' | '^' => {
                        out.push('\\');
                        out.push(c);
                    }
                    c => out.push(c),
                }
            }
        }
    }
    out
}

/// The findings as Markdown for a pull-request comment: a heading, the
/// summary, then a table with one row per finding in triage order (line,
/// severity, rule id and name, message), and the version of the rules.
pub fn markdown(kind: FileKind, findings: &[Located], triage: &Triage) -> String {
    let noun = file_noun(kind);
    let mut out = String::new();
    let s = &triage.summary;
    if findings.is_empty() {
        out.push_str(&format!(
            "### Dockwise: no findings\n\nThis {noun} follows every rule Dockwise knows.\n"
        ));
    } else {
        out.push_str(&format!(
            "### Dockwise: {} finding{} in this {noun}\n\n",
            s.total,
            if s.total == 1 { "" } else { "s" }
        ));
        let severities: Vec<String> = s.severities.iter().map(|&(sev, n)| count(sev, n)).collect();
        out.push_str(&format!("**By severity:** {}  \n", severities.join(", ")));
        let concerns: Vec<String> = s.concerns.iter().map(|(t, n)| format!("{} {n}", t.as_str())).collect();
        out.push_str(&format!("**By concern:** {}  \n", concerns.join(", ")));
        if let Some(first) = &s.first {
            // a build without the docs (the playground's checker) has no
            // titles: the first finding's message says it as well
            let what = if first.rule.title.is_empty() {
                first_upper(&findings[first.finding].message)
            } else {
                first.rule.title.to_string()
            };
            out.push_str(&format!(
                "**Fix first:** `{}` {}: {} ({} finding{}, from line {})\n",
                first.rule.id,
                first.rule.name,
                markdown_text(&what),
                first.count,
                if first.count == 1 { "" } else { "s" },
                findings[first.finding].range.line,
            ));
        }
        out.push_str("\n| Line | Severity | Rule | Finding |\n|---:|---|---|---|\n");
        for e in &triage.entries {
            let prefix = e
                .missing
                .as_ref()
                .map(|m| format!("{}: ", markdown_text(&m.title(kind))))
                .unwrap_or_default();
            for &i in &e.findings {
                let f = &findings[i];
                out.push_str(&format!(
                    "| {} | {} | `{}` {} | {}{} |\n",
                    f.range.line,
                    f.severity.as_str(),
                    f.rule.id,
                    f.rule.name,
                    prefix,
                    markdown_text(&first_upper(&f.message)),
                ));
            }
            if let Some(advice) = e.advice {
                let ids: Vec<String> = e.rules(findings).iter().map(|r| format!("`{}`", r.id)).collect();
                out.push_str(&format!(
                    "| | | {} | **Together:** {} |\n",
                    ids.join(" "),
                    markdown_text(advice)
                ));
            }
        }
    }
    out.push_str(&format!(
        "\n<sub>Checked by Dockwise, rules {VERSION} ({} rules).</sub>\n",
        rules::all().count()
    ));
    out
}

fn first_upper(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lint;
    use crate::options::LintOptions;
    use crate::report::located;

    fn triaged(src: &str, order: Order) -> (Vec<Located>, Triage) {
        let r = lint(src, &LintOptions::default());
        let found = located("f", src, &r);
        let t = triage(src, &found, order);
        (found, t)
    }

    fn ids(found: &[Located], e: &Entry) -> Vec<&'static str> {
        e.findings.iter().map(|&i| found[i].rule.id).collect()
    }

    /// Every finding is in exactly one entry.
    fn assert_partition(found: &[Located], t: &Triage) {
        let mut seen: Vec<usize> = t.entries.iter().flat_map(|e| e.findings.iter().copied()).collect();
        seen.sort();
        assert_eq!(seen, (0..found.len()).collect::<Vec<_>>());
    }

    const SECRETS: &str = "FROM alpine:3.20\nUSER 1001\nENV API_KEY=sk-1234567890abcdef\nRUN echo hi\n";

    #[test]
    fn a_secret_in_env_is_one_entry_with_both_rules_and_one_advice() {
        let (found, t) = triaged(SECRETS, Order::Severity);
        assert_partition(&found, &t);
        let e = t.entries.iter().find(|e| ids(&found, e).contains(&"DW4001")).unwrap();
        // the error first, then the warnings on the name (hadolint's, BuildKit's)
        assert_eq!(ids(&found, e), ["DW4001", "DL3064", "DW1037"]);
        assert_eq!(e.severity, Severity::Error);
        assert_eq!((e.line, e.column), (3, 5));
        let advice = e.advice.unwrap();
        assert!(
            advice.contains("RUN --mount=type=secret") && advice.contains("when it starts"),
            "{advice}"
        );
        assert!(e.missing.is_none());
        // the most severe entry comes first
        assert!(std::ptr::eq(&t.entries[0], e));
    }

    #[test]
    fn a_real_token_takes_the_three_rule_advice() {
        let src = "FROM alpine:3.20\nUSER 1001\nARG GITHUB_TOKEN=ghp_abcdefabcdefabcdefabcdefabcdefabcdef\n";
        let (found, t) = triaged(src, Order::Severity);
        let e = &t.entries[0];
        let mut got = ids(&found, e);
        got.sort();
        assert_eq!(got, ["DL3064", "DW1037", "DW4001", "DW4002"]);
        assert!(e.advice.unwrap().starts_with("A real credential"));
    }

    #[test]
    fn whole_file_findings_are_one_missing_entry_not_on_the_image() {
        let src = "FROM python:latest\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]\n";
        let (found, t) = triaged(src, Order::Severity);
        assert_partition(&found, &t);
        let missing: Vec<&Entry> = t.entries.iter().filter(|e| e.missing.is_some()).collect();
        assert_eq!(missing.len(), 1);
        let m = missing[0];
        assert_eq!(ids(&found, m), ["DW1001", "DW1002"]);
        assert_eq!(
            m.missing.as_ref().unwrap().title(FileKind::Dockerfile),
            "Missing from this Dockerfile"
        );
        assert!(m.advice.is_none());
        // the image's own findings stay together on the image, DL3007 (on `latest`) with them
        let image = t.entries.iter().find(|e| ids(&found, e).contains(&"DL3007")).unwrap();
        let mut got = ids(&found, image);
        assert_eq!(got[0], "DL3007", "the warning first");
        got.sort();
        assert_eq!(got, ["DL3007", "DW1004", "DW1017"]);
        assert!(image.advice.unwrap().contains("digest"));
        assert!(image.missing.is_none());
    }

    #[test]
    fn stages_missing_things_are_in_the_files_entry() {
        // DL3057 is off by default: every stage without a HEALTHCHECK
        let src = "FROM alpine:3.20 AS build\nRUN echo hi\nFROM alpine:3.20\nEXPOSE 80\n";
        let r = lint(
            src,
            &LintOptions {
                enabled: vec!["DL3057".into()],
                ..Default::default()
            },
        );
        let found = located("f", src, &r);
        let t = triage(src, &found, Order::Line);
        let m: Vec<&Entry> = t.entries.iter().filter(|e| e.missing.is_some()).collect();
        assert_eq!(m.len(), 1);
        let lines: Vec<u32> = m[0].findings.iter().map(|&i| found[i].range.line).collect();
        assert!(lines.contains(&1) && lines.contains(&3), "{lines:?}");
        assert_eq!(m[0].line, 1);
    }

    #[test]
    fn compose_services_and_kubernetes_containers_have_their_own_missing_entries() {
        let src = "services:\n  web:\n    image: nginx:1.27\n  \"db\":\n    image: postgres:16\n";
        // DW2026 (no project name: the file's) is off by default
        let r = lint(
            src,
            &LintOptions {
                enabled: vec!["DW2026".into()],
                ..Default::default()
            },
        );
        let found = located("f", src, &r);
        let t = triage(src, &found, Order::Line);
        assert_partition(&found, &t);
        let titles: Vec<String> = t
            .entries
            .iter()
            .filter_map(|e| e.missing.as_ref().map(|m| m.title(FileKind::Compose)))
            .collect();
        assert!(titles.contains(&"Missing from service `web`".to_string()), "{titles:?}");
        assert!(titles.contains(&"Missing from service `db`".to_string()), "{titles:?}");
        assert!(
            titles.contains(&"Missing from this Compose file".to_string()),
            "{titles:?}"
        );
        let web = t
            .entries
            .iter()
            .find(|e| e.missing.as_ref().is_some_and(|m| m.name == "web"))
            .unwrap();
        for id in ["DW2004", "DW2005", "DW2012", "DW2013", "DW2014"] {
            assert!(ids(&found, web).contains(&id), "{id} in {:?}", ids(&found, web));
        }

        let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: example/api:1.2\n        securityContext:\n          runAsUser: 0\n";
        let (found, t) = triaged(src, Order::Line);
        assert_partition(&found, &t);
        let container = t
            .entries
            .iter()
            .find(|e| e.missing.as_ref().is_some_and(|m| m.scope == Scope::Container))
            .unwrap();
        assert_eq!(
            container.missing.as_ref().unwrap().title(FileKind::Kubernetes),
            "Missing from container `app`"
        );
        assert!(ids(&found, container).contains(&"DW3004"));
        let object = t
            .entries
            .iter()
            .find(|e| e.missing.as_ref().is_some_and(|m| m.scope == Scope::Object))
            .unwrap();
        assert_eq!(object.missing.as_ref().unwrap().name, "api");
        // DW3007 on `runAsUser: 0` is about that value: an entry of its own, not "missing"
        let root = t.entries.iter().find(|e| ids(&found, e).contains(&"DW3007")).unwrap();
        assert!(root.missing.is_none());
        assert_eq!(root.line, 12);
    }

    #[test]
    fn the_two_orders() {
        let src = "FROM python:3.12\nMAINTAINER me\nRUN cd /app\nUSER 1001\nENV API_KEY=sk-1234567890abcdef\n";
        let (found, by_severity) = triaged(src, Order::Severity);
        let sev: Vec<u8> = by_severity.entries.iter().map(|e| e.severity.rank()).collect();
        assert!(sev.windows(2).all(|w| w[0] >= w[1]), "{sev:?}");
        // within a severity, by line
        for w in by_severity.entries.windows(2) {
            if w[0].severity == w[1].severity {
                assert!((w[0].line, w[0].column) <= (w[1].line, w[1].column));
            }
        }
        let (_, by_line) = triaged(src, Order::Line);
        let lines: Vec<u32> = by_line.entries.iter().map(|e| e.line).collect();
        assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
        // the same entries either way, and `ordered` agrees with `sort`
        assert_eq!(by_line.entries.len(), by_severity.entries.len());
        let perm = by_severity.ordered(Order::Line);
        let again: Vec<&Entry> = perm.iter().map(|&i| &by_severity.entries[i]).collect();
        assert_eq!(again, by_line.entries.iter().collect::<Vec<_>>());
        assert_eq!(Order::parse(" Line "), Some(Order::Line));
        assert_eq!(Order::default().as_str(), "severity");
        assert!(!found.is_empty());
    }

    #[test]
    fn the_summary_counts_and_picks_the_first_thing_to_fix() {
        let src = "FROM python:latest\nENV DB_PASSWORD=super_secret_password\nENV API_KEY=sk-1234567890abcdef\n\
                   RUN sudo apt-get install -y gcc\n";
        let (found, t) = triaged(src, Order::Severity);
        let s = &t.summary;
        assert_eq!(s.total, found.len());
        let n = |sev| found.iter().filter(|f| f.severity == sev).count();
        for &(sev, c) in &s.severities {
            assert_eq!(c, n(sev));
            assert!(c > 0);
        }
        assert_eq!(s.severities[0].0, Severity::Error);
        // concerns: the security rules are the most common here
        assert_eq!(s.concerns[0].0, Tag::Security);
        let security = found.iter().filter(|f| f.rule.tags.contains(&Tag::Security)).count();
        assert_eq!(s.concerns[0].1, security);
        // errors: DW4001 twice, DL3004 once: the most common error rule
        let first = s.first.as_ref().unwrap();
        assert_eq!(
            (first.rule.id, first.count, first.severity),
            ("DW4001", 2, Severity::Error)
        );
        assert_eq!(found[first.finding].range.line, 2);
    }

    #[test]
    fn a_syntax_error_is_the_first_thing_to_fix() {
        let src = "FROM alpine:3.20\nENV PATH\nENV API_KEY=sk-1234567890abcdef\nENV TOKEN=sk-1234567890abcdef\n";
        let (found, t) = triaged(src, Order::Severity);
        assert_eq!(t.summary.first.as_ref().unwrap().rule.id, "DL1000", "{found:?}");
    }

    #[test]
    fn a_clean_or_blank_file_has_an_empty_triage() {
        let t = triage("", &[], Order::Severity);
        assert!(t.entries.is_empty());
        assert_eq!(t.summary.total, 0);
        assert!(t.summary.first.is_none());
        let md = markdown(FileKind::Compose, &[], &t);
        assert!(
            md.starts_with("### Dockwise: no findings\n\nThis Compose file follows every rule"),
            "{md}"
        );
    }

    #[test]
    fn stale_or_foreign_offsets_do_not_panic() {
        let (mut found, _) = triaged(SECRETS, Order::Severity);
        for f in &mut found {
            f.from += 10_000;
            f.to += 10_000;
        }
        let t = triage("short", &found, Order::Line);
        assert_partition(&found, &t);
        let t = triage("é😀\n", &found, Order::Severity);
        assert_partition(&found, &t);
    }

    #[test]
    fn tokens_stop_at_white_space_and_reach_no_further_than_a_bound() {
        let b = b"ENV A_KEY=x B=y";
        assert_eq!(token(b, 4, 9), (4, 11));
        assert_eq!(token(b, 10, 11), (4, 11));
        assert_eq!(token(b, 12, 13), (12, 15));
        let long = format!("x{}y", "a".repeat(1000));
        assert_eq!(
            token(long.as_bytes(), 500, 501),
            (500, 501),
            "beyond the reach: the span alone"
        );
        assert_eq!(token(b"a\nb", 0, 3), (0, 3));
        assert_eq!(byte_offsets("é😀x", &[0, 1, 3, 4, 99]), [0, 2, 6, 7, 7]);
        assert!(names_holder(b"  - name: api", 10));
        assert!(names_holder(b"  name: \"api\"", 8));
        assert!(names_holder(b"kind: Job", 6));
        assert!(!names_holder(b"  runAsUser: 0", 13));
        assert!(!names_holder(b"  hostname: x", 12));
    }

    #[test]
    fn markdown_has_the_summary_and_a_row_per_finding() {
        let (found, t) = triaged(SECRETS, Order::Severity);
        let md = markdown(FileKind::Dockerfile, &found, &t);
        assert!(
            md.starts_with(&format!("### Dockwise: {} findings in this Dockerfile\n", found.len())),
            "{md}"
        );
        assert!(md.contains("**By severity:** 1 error, 3 warnings"), "{md}");
        assert!(md.contains("**By concern:** security"), "{md}");
        assert!(
            md.contains(
                "**Fix first:** `DW4001` secret-in-env: A secret is written into ENV or ARG (1 finding, from line 3)"
            ),
            "{md}"
        );
        assert!(
            md.contains("| 3 | error | `DW4001` secret-in-env | `API_KEY` is given a literal secret"),
            "{md}"
        );
        assert!(md.contains("| 3 | warning | `DL3064` sensitive-arg-env |"), "{md}");
        assert!(md.contains("**Together:**"), "{md}");
        let rows = md
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| Line"))
            .count();
        assert_eq!(rows, found.len() + 1, "a row per finding, and the advice");
        assert!(md.contains(&format!("rules {VERSION} (")));
    }

    #[test]
    fn pasted_text_cannot_add_markup_to_the_markdown() {
        let evil = "a <img src=x onerror=alert(1)> [link](https://evil.example) @team #1 *b* | c\nd `x|y` ![i](j)";
        let md = markdown_text(evil);
        assert!(!md.contains('\n'));
        // outside code spans, every character that could start markup is escaped
        let mut chars = md.chars();
        let mut code = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '`' => code = !code,
                c if !code => assert!(!"<>[]()!@#*_|&:~$".contains(c), "unescaped {c} in {md}"),
                _ => {}
            }
        }
        assert!(md.contains("`x\\|y`"), "{md}");
        // an unmatched backtick is text
        assert_eq!(markdown_text("a `b"), "a \\`b");
        // a whole finding whose message quotes pasted HTML
        let src = "FROM alpine:3.20\nUSER 1001\nENV API_KEY=\"k3y<img src=x onerror=alert(1)>|x\"\n";
        let (found, t) = triaged(src, Order::Severity);
        let md = markdown(FileKind::Dockerfile, &found, &t);
        for line in md.lines().filter(|l| l.starts_with("| 3 ")) {
            // four cells: any pipe from the text is escaped
            assert_eq!(line.replace("\\|", "").matches('|').count(), 5, "{line}");
        }
    }

    #[test]
    fn the_version_of_the_rules() {
        let v = catalogue_version();
        assert!(v.starts_with(VERSION));
        assert_eq!(v, format!("{VERSION}+{}", rules::all().count()));
        assert_eq!(file_noun(FileKind::Kubernetes), "Kubernetes manifest");
        assert_eq!(count(Severity::Error, 1), "1 error");
        assert_eq!(count(Severity::Info, 2), "2 info");
    }

    #[test]
    fn only_rules_about_something_missing_have_a_holder_scope() {
        // a rule of a holder scope fits its kind
        for r in rules::all() {
            match r.scope {
                Scope::Place | Scope::File => {}
                Scope::Service => assert_eq!(r.kind, FileKind::Compose, "{}", r.id),
                Scope::Container | Scope::Object => assert_eq!(r.kind, FileKind::Kubernetes, "{}", r.id),
            }
        }
    }
}
