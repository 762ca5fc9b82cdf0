//! The rule catalogue. A rule is one file holding its metadata, its docs
//! (what, why, bad and good example, fix), its quiz question, its check and
//! its tests. Registering it is one line in the `rules!` list of its group.

use crate::dockerfile::Model;
use crate::engine::{FileKind, Finding};
use crate::span::Span;
use serde::Serialize;

/// Teaching text: kept with the `docs` feature, an empty string without it
/// (the browser build fetches the text on demand instead).
macro_rules! text {
    ($s:expr) => {
        if cfg!(feature = "docs") {
            $s
        } else {
            ""
        }
    };
}

/// A rule's [`Docs`], whose text the `docs` feature keeps.
macro_rules! docs {
    (what: $what:expr, why: $why:expr, bad: $bad:expr, good: $good:expr, fix: $fix:expr $(,)?) => {
        $crate::rules::Docs { what: text!($what), why: text!($why), bad: text!($bad), good: text!($good), fix: text!($fix) }
    };
}

/// A rule's [`Quiz`], whose text the `docs` feature keeps.
macro_rules! quiz {
    (question: $q:expr, choices: &[$(Choice { text: $t:expr, correct: $c:expr, feedback: $f:expr $(,)? }),* $(,)?] $(,)?) => {
        $crate::rules::Quiz { question: text!($q), choices: &[$($crate::rules::Choice { text: text!($t), correct: $c, feedback: text!($f) }),*] }
    };
}

pub mod compose;
pub mod dockerfile;
pub mod kubernetes;
pub mod teaching;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Style];

    /// Higher is more severe.
    pub fn rank(self) -> u8 {
        match self {
            Severity::Error => 3,
            Severity::Warning => 2,
            Severity::Info => 1,
            Severity::Style => 0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// What a rule protects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    Security,
    Size,
    Reliability,
    Operability,
    Correctness,
}

impl Tag {
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Security => "security",
            Tag::Size => "size",
            Tag::Reliability => "reliability",
            Tag::Operability => "operability",
            Tag::Correctness => "correctness",
        }
    }
}

/// The teaching text of a rule.
#[derive(Debug, Serialize)]
pub struct Docs {
    /// What the rule checks, in a sentence or two.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A small file the rule fires on (tested: it must fire).
    pub bad: &'static str,
    /// The same file, fixed (tested: the rule must stay silent).
    pub good: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Choice {
    pub text: &'static str,
    pub correct: bool,
    /// Shown after the choice is picked: why it is right or wrong.
    pub feedback: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Quiz {
    pub question: &'static str,
    pub choices: &'static [Choice],
}

/// How a rule inspects a file.
#[derive(Clone, Copy)]
pub enum Check {
    Dockerfile(fn(&Model, &mut Reporter)),
    Compose(fn(&crate::compose::Compose, &mut Reporter)),
    Kubernetes(fn(&crate::k8s::Manifests, &mut Reporter)),
    /// Findings made by the engine itself (syntax errors).
    Engine,
}

pub struct Rule {
    /// hadolint's code where the rule is hadolint's (`DL3007`), else `DWnnnn`.
    pub id: &'static str,
    /// kebab-case name, usable wherever the id is.
    pub name: &'static str,
    pub severity: Severity,
    pub kind: FileKind,
    /// One line: what is wrong.
    pub title: &'static str,
    pub tags: &'static [Tag],
    pub docs: Docs,
    pub quiz: Quiz,
    /// Off by default (like hadolint's "ignore" rules) until a config turns
    /// it on, by naming it in `enabled` or giving it a severity override.
    pub enabled_by_default: bool,
    /// Other tools' names for the same check (kube-linter's, dclint's):
    /// usable wherever the id is, so their ignore lists keep working.
    pub aliases: &'static [&'static str],
    pub check: Check,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rule({})", self.id)
    }
}

/// Rules are unique by id.
impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Rule {
    /// Does `key` (an id or a name, any case) name this rule?
    pub fn is(&self, key: &str) -> bool {
        let key = key.trim();
        self.id.eq_ignore_ascii_case(key) || self.name.eq_ignore_ascii_case(key) || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(key))
    }
}

/// Collects one rule's findings.
pub struct Reporter<'r> {
    pub rule: &'static Rule,
    findings: &'r mut Vec<Finding>,
}

impl<'r> Reporter<'r> {
    pub fn new(rule: &'static Rule, findings: &'r mut Vec<Finding>) -> Self {
        Reporter { rule, findings }
    }

    pub fn report(&mut self, span: Span, message: impl Into<String>) {
        self.findings.push(Finding { rule: self.rule, severity: self.rule.severity, span, message: message.into(), anchor: None });
    }
}

/// Parse errors are findings of this rule (hadolint reports them as DL1000).
pub static SYNTAX_ERROR: Rule = Rule {
    id: "DL1000",
    name: "syntax-error",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("The file cannot be parsed"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "The text breaks the file's grammar at this point, so the builder would refuse the whole file.",
        why: "A file that does not parse never builds. The rest of the file is still checked so you can see every problem at once, but nothing ships until this is fixed. Syntax errors cannot be silenced with pragmas.",
        bad: "FROM alpine:3.20\nENV APP_HOME\n",
        good: "FROM alpine:3.20\nENV APP_HOME=/srv/app\n",
        fix: "Read the message: it names what the parser expected. Common causes: ENV or LABEL without a value, a JSON array holding something other than strings, a heredoc whose closing line is missing.",
    },
    quiz: quiz! {
        question: "Why does `ENV APP_HOME` (without a value) stop the build?",
        choices: &[
            Choice { text: "ENV always needs a value: `ENV APP_HOME=/srv/app`", correct: true, feedback: "Right. ENV sets a variable; a name alone gives the parser nothing to set. (ARG is the instruction that may declare a name without a value.)" },
            Choice { text: "Variable names must be lower case", correct: false, feedback: "No: any case works; upper case is only a convention." },
            Choice { text: "ENV must come before FROM", correct: false, feedback: "No: only ARG may come before FROM, and ENV after FROM is normal." },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Engine,
};

/// Every rule, syntax errors first, by kind: Dockerfile, Compose, Kubernetes.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    std::iter::once(&SYNTAX_ERROR)
        .chain(dockerfile::RULES.iter().copied())
        .chain(compose::RULES.iter().copied())
        .chain(kubernetes::RULES.iter().copied())
}

/// The rule whose findings are a file's syntax errors, per kind.
pub fn syntax_rule(kind: FileKind) -> &'static Rule {
    match kind {
        FileKind::Dockerfile => &SYNTAX_ERROR,
        FileKind::Compose => &compose::dw2000::RULE,
        FileKind::Kubernetes => &kubernetes::dw3000::RULE,
    }
}

pub fn find(key: &str) -> Option<&'static Rule> {
    all().find(|r| r.is(key))
}

/// Helpers for the tests that sit beside each rule.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::engine::{lint, LintOptions};

    /// Runs one rule over `src` (pragmas applied) and returns its findings.
    pub fn run(rule: &'static Rule, src: &str) -> Vec<Finding> {
        let opts = LintOptions { only: Some(vec![rule.id.to_string()]), kind: Some(rule.kind), ..Default::default() };
        lint(src, &opts).findings.into_iter().filter(|f| std::ptr::eq(f.rule, rule)).collect()
    }

    /// The source text under each finding of `rule`.
    pub fn spans<'a>(rule: &'static Rule, src: &'a str) -> Vec<&'a str> {
        run(rule, src).iter().map(|f| f.span.text(src)).collect()
    }

    #[track_caller]
    pub fn fires(rule: &'static Rule, src: &str) {
        assert!(!run(rule, src).is_empty(), "{} should fire on:\n{src}", rule.id);
    }

    #[track_caller]
    pub fn silent(rule: &'static Rule, src: &str) {
        let f = run(rule, src);
        assert!(f.is_empty(), "{} should stay silent on:\n{src}\nbut said: {:?}", rule.id, f.iter().map(|f| &f.message).collect::<Vec<_>>());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lint;
    use std::collections::HashSet;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut ids = HashSet::new();
        let mut names = HashSet::new();
        for r in all() {
            assert!(ids.insert(r.id), "duplicate id {}", r.id);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{} is not kebab-case", r.name);
            let prefix_ok = match r.kind {
                FileKind::Dockerfile => r.id.starts_with("DL") || r.id.starts_with("DW1") || r.id.starts_with("DW4"),
                FileKind::Compose => r.id.starts_with("DW2"),
                FileKind::Kubernetes => r.id.starts_with("DW3"),
            };
            assert!(prefix_ok && r.id.len() == 6, "bad id {}", r.id);
            assert!(!r.title.is_empty() && !r.title.ends_with('.'), "{}: title must be one line without a full stop", r.id);
            for a in r.aliases {
                assert!(!names.contains(a) || all().filter(|o| o.name == *a).all(|o| o.kind != r.kind), "{}: alias {a} names another rule of its kind", r.id);
            }
        }
    }

    #[test]
    fn quizzes_have_three_or_four_choices_and_one_answer() {
        for r in all() {
            let n = r.quiz.choices.len();
            assert!((3..=4).contains(&n), "{}: {} choices", r.id, n);
            assert_eq!(r.quiz.choices.iter().filter(|c| c.correct).count(), 1, "{}: exactly one correct choice", r.id);
            assert!(r.quiz.choices.iter().all(|c| !c.feedback.is_empty()), "{}: every choice needs feedback", r.id);
            assert!(r.docs.what.len() > 20 && r.docs.why.len() > 20 && r.docs.fix.len() > 10, "{}: docs too thin", r.id);
        }
    }

    /// The card can never teach what the checker disagrees with: every bad
    /// example fires its rule, every good example keeps it silent.
    #[test]
    fn every_docs_example_agrees_with_the_checker() {
        for r in all() {
            let only = |text: &str| crate::engine::LintOptions { kind: Some(r.kind), ..crate::config::example_options(text, Some(vec![r.id.to_string()])) };
            let bad = lint(r.docs.bad, &only(r.docs.bad));
            assert!(bad.findings.iter().any(|f| std::ptr::eq(f.rule, r)), "{}: the bad example does not fire", r.id);
            let good = lint(r.docs.good, &only(r.docs.good));
            let fired: Vec<_> = good.findings.iter().filter(|f| std::ptr::eq(f.rule, r) || std::ptr::eq(f.rule, syntax_rule(r.kind))).map(|f| &f.message).collect();
            assert!(fired.is_empty(), "{}: the good example is flagged: {:?}", r.id, fired);
        }
    }
}
