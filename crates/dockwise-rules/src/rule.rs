//! The rule type: metadata, teaching text, and how the rule checks a file.
//! A rule is one file under `rules/<kind>/` holding one `static RULE: Rule`,
//! its check function and its tests; its registry line is in that kind's
//! `mod.rs`.

#[cfg(feature = "checks")]
use crate::diagnostics::Reporter;
use crate::diagnostics::{Severity, Tag};
use crate::options::LintOptions;
use dockwise_syntax::FileKind;
#[cfg(feature = "checks")]
use dockwise_syntax::{compose::Compose, dockerfile::Model, kubernetes::Manifests};
use serde::Serialize;

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

/// A page the advice rests on: a standard (CIS, Pod Security Standards) or
/// the documentation of Docker, Compose or Kubernetes.
#[derive(Debug, PartialEq, Eq)]
pub struct Source {
    pub title: &'static str,
    pub url: &'static str,
}

/// One concern checked in several kinds of file (running as root, mutable
/// tags...): the rules that share it are each other's related rules, and it
/// carries an analogy where one helps.
#[derive(Debug, PartialEq, Eq)]
pub struct Concern {
    pub name: &'static str,
    /// Empty where no analogy helps.
    pub analogy: &'static str,
}

/// What a check receives: the parsed file (reachable through `Deref`, so
/// `cx.stages` is the model's stages) and the options of the run.
pub struct Context<'a, F> {
    pub file: &'a F,
    pub options: &'a LintOptions,
}

impl<'a, F> Context<'a, F> {
    pub fn new(file: &'a F, options: &'a LintOptions) -> Self {
        Context { file, options }
    }
}

impl<F> std::ops::Deref for Context<'_, F> {
    type Target = F;

    fn deref(&self) -> &F {
        self.file
    }
}

/// Which fixes a rule offers (its findings carry them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fixes {
    /// No mechanical remedy.
    No,
    /// Every finding comes with a safe fix.
    Safe,
    /// Fixes that change behaviour: a person confirms them.
    Unsafe,
    /// Safe or unsafe depending on the context (a later use, the base image).
    Contextual,
}

impl Fixes {
    pub fn as_str(self) -> &'static str {
        match self {
            Fixes::No => "no",
            Fixes::Safe => "safe",
            Fixes::Unsafe => "unsafe",
            Fixes::Contextual => "contextual",
        }
    }
}

/// What a rule's findings are about: the words they underline, or something
/// a file, a service, a container or an object lacks. A finding about
/// something missing has nothing of its own to underline, so it sits on the
/// name of what lacks it (a stage's FROM, a service's key, a container's or
/// an object's name); triage ([`crate::report::triage`]) gathers such
/// findings under "missing from ..." instead of showing them on that name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The underlined words themselves (most rules).
    Place,
    /// Something the whole file lacks (a Dockerfile's final stage or one of
    /// its stages, a Compose file's top level).
    File,
    /// Something a Compose service lacks; the finding sits on its key.
    Service,
    /// Something a Kubernetes container lacks, when the finding sits on its
    /// name (the rule's findings on a wrong value are about that value).
    Container,
    /// Something a Kubernetes object lacks, when the finding sits on its
    /// name (or its kind, when it has no name).
    Object,
}

/// A Dockerfile rule's check.
#[cfg(feature = "checks")]
pub type DockerfileCheck = fn(&Context<Model>, &mut Reporter);
/// A Compose rule's check.
#[cfg(feature = "checks")]
pub type ComposeCheck = fn(&Context<Compose>, &mut Reporter);
/// A Kubernetes rule's check.
#[cfg(feature = "checks")]
pub type KubernetesCheck = fn(&Context<Manifests>, &mut Reporter);

/// Without the `checks` feature (the playground's page, whose checks run in
/// a worker) a rule carries no check, so no check code is compiled in.
#[cfg(not(feature = "checks"))]
#[derive(Clone, Copy, Debug)]
pub struct NoCheck;
#[cfg(not(feature = "checks"))]
pub type DockerfileCheck = NoCheck;
#[cfg(not(feature = "checks"))]
pub type ComposeCheck = NoCheck;
#[cfg(not(feature = "checks"))]
pub type KubernetesCheck = NoCheck;

/// How a rule inspects a file.
#[derive(Clone, Copy)]
pub enum Check {
    Dockerfile(DockerfileCheck),
    Compose(ComposeCheck),
    Kubernetes(KubernetesCheck),
    /// The file's syntax errors: reported by the engine from the parser's
    /// errors, not by a check.
    Syntax,
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
    /// Where the advice comes from (the card cites these).
    pub standard: &'static [&'static Source],
    /// The concern this rule shares with rules of other kinds, if any.
    pub concern: Option<&'static Concern>,
    /// The fixes its findings carry.
    pub fixes: Fixes,
    /// What its findings are about: the place they underline (most rules),
    /// or something missing from a file, service, container or object.
    pub scope: Scope,
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
    /// Does `key` (an id, a name or an alias, any case) name this rule?
    pub fn is(&self, key: &str) -> bool {
        let key = key.trim();
        self.id.eq_ignore_ascii_case(key)
            || self.name.eq_ignore_ascii_case(key)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(key))
    }

    /// Are this rule's findings the file's syntax errors?
    pub fn is_syntax_error(&self) -> bool {
        matches!(self.check, Check::Syntax)
    }

    /// Does this rule run under `options`? Switched off by `ignored`, limited
    /// by `only`; a rule that is off by default runs when `enabled` names it
    /// or a severity override is given for it.
    pub fn is_enabled(&self, options: &LintOptions) -> bool {
        if options.ignored.iter().any(|k| self.is(k)) {
            return false;
        }
        match &options.only {
            Some(only) => only.iter().any(|k| self.is(k)),
            None => {
                self.enabled_by_default
                    || options.enabled.iter().any(|k| self.is(k))
                    || options.severity.iter().any(|(k, _)| self.is(k))
            }
        }
    }

    /// The severity of this rule's findings under `options` (the last
    /// override that names it, else its own).
    pub fn severity_in(&self, options: &LintOptions) -> Severity {
        options
            .severity
            .iter()
            .rev()
            .find(|(k, _)| self.is(k))
            .map(|(_, s)| *s)
            .unwrap_or(self.severity)
    }
}
