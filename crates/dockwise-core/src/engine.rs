//! The entry point: text in, findings out.

use crate::dockerfile::{self, Model};
use crate::pragma::Pragmas;
use crate::rules::{self, Check, Reporter, Rule, Severity};
use crate::span::{LineIndex, Position, Span};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Dockerfile,
    Compose,
    Kubernetes,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Dockerfile => "dockerfile",
            FileKind::Compose => "compose",
            FileKind::Kubernetes => "kubernetes",
        }
    }

    pub fn parse(s: &str) -> Option<FileKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dockerfile" | "docker" => Some(FileKind::Dockerfile),
            "compose" | "docker-compose" => Some(FileKind::Compose),
            "kubernetes" | "k8s" => Some(FileKind::Kubernetes),
            _ => None,
        }
    }
}

/// What a label's value must look like (hadolint's `label-schema` types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelType {
    Text,
    Url,
    Semver,
    Hash,
    Rfc3339,
    Spdx,
    Email,
}

impl LabelType {
    pub fn parse(s: &str) -> Option<LabelType> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "text" => LabelType::Text,
            "url" => LabelType::Url,
            "semver" => LabelType::Semver,
            "hash" => LabelType::Hash,
            "rfc3339" => LabelType::Rfc3339,
            "spdx" => LabelType::Spdx,
            "email" => LabelType::Email,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// The kind of file; detected from the content when None.
    pub kind: Option<FileKind>,
    /// Rules switched off, by id or name.
    pub ignored: Vec<String>,
    /// Severity changes, by id or name.
    pub severity: Vec<(String, Severity)>,
    /// When set, only these rules run (ids or names).
    pub only: Option<Vec<String>>,
    /// Do not honour `# hadolint ignore=` / `# dockwise ignore=` comments.
    pub disable_pragmas: bool,
    /// Rules that are off by default, switched on.
    pub enabled: Vec<String>,
    /// Registries FROM may pull from (DL3026); empty: no restriction.
    pub trusted_registries: Vec<String>,
    /// Labels every stage must carry, and their types (DL3049-DL3058).
    pub label_schema: Vec<(String, LabelType)>,
    /// With a schema: labels outside it are findings (DL3050).
    pub strict_labels: bool,
    /// The build context's `.dockerignore`, when known (CopyIgnoredFile).
    pub dockerignore: Option<String>,
}

/// The options used when none are given.
pub static DEFAULT_OPTIONS: LintOptions = LintOptions {
    kind: None,
    ignored: Vec::new(),
    severity: Vec::new(),
    only: None,
    disable_pragmas: false,
    enabled: Vec::new(),
    trusted_registries: Vec::new(),
    label_schema: Vec::new(),
    strict_labels: false,
    dockerignore: None,
};

impl LintOptions {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        if self.ignored.iter().any(|k| rule.is(k)) {
            return false;
        }
        match &self.only {
            Some(only) => only.iter().any(|k| rule.is(k)),
            None => {
                rule.enabled_by_default
                    || self.enabled.iter().any(|k| rule.is(k))
                    || self.severity.iter().any(|(k, _)| rule.is(k))
            }
        }
    }

    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity.iter().rev().find(|(k, _)| rule.is(k)).map(|(_, s)| *s).unwrap_or(rule.severity)
    }
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    /// Start of the instruction (or document node) the finding belongs to,
    /// when there is one: hadolint reports that line, so parity compares it.
    pub anchor: Option<u32>,
}

#[derive(Debug)]
pub struct LintResult {
    pub kind: FileKind,
    /// Sorted by position.
    pub findings: Vec<Finding>,
    pub lines: LineIndex,
}

impl LintResult {
    pub fn has_syntax_errors(&self) -> bool {
        self.findings.iter().any(|f| std::ptr::eq(f.rule, &rules::SYNTAX_ERROR))
    }

    pub fn position(&self, source: &str, offset: u32) -> Position {
        self.lines.position(source, offset)
    }
}

/// Checks `source` and returns every finding, sorted by position. The kind
/// comes from the options, else from the content.
pub fn lint(source: &str, options: &LintOptions) -> LintResult {
    let kind = options.kind.unwrap_or_else(|| crate::detect::from_content(source));
    if kind != FileKind::Dockerfile {
        return lint_yaml(source, kind, options);
    }
    let df = dockerfile::parse(source);
    let model = Model::with_options(source, &df, options);
    let mut findings = Vec::new();
    for e in &df.errors {
        findings.push(Finding { rule: &rules::SYNTAX_ERROR, severity: Severity::Error, span: e.span, message: e.message.clone(), anchor: None });
    }
    let mut raised = Vec::new();
    for rule in rules::all().filter(|r| r.kind == kind && options.is_enabled(r)) {
        if let Check::Dockerfile(check) = rule.check {
            check(&model, &mut Reporter::new(rule, &mut raised));
        }
    }
    let pragmas = if options.disable_pragmas { Pragmas::default() } else { Pragmas::collect(&model) };
    for mut f in raised {
        if pragmas.suppresses(&model, f.rule, f.span) {
            continue;
        }
        f.severity = options.severity_of(f.rule);
        f.anchor = model.instruction_at(f.span.start).map(|i| model.instructions()[i].span.start);
        findings.push(f);
    }
    finish(kind, findings, model.lines)
}

fn finish(kind: FileKind, mut findings: Vec<Finding>, lines: LineIndex) -> LintResult {
    findings.sort_by(|a, b| (a.span.start, a.span.end, a.rule.id).cmp(&(b.span.start, b.span.end, b.rule.id)));
    findings.dedup_by(|a, b| std::ptr::eq(a.rule, b.rule) && a.span == b.span);
    LintResult { kind, findings, lines }
}

/// Compose files and Kubernetes manifests.
fn lint_yaml(source: &str, kind: FileKind, options: &LintOptions) -> LintResult {
    let lines = LineIndex::new(source);
    let mut findings = Vec::new();
    let docs = match crate::yaml::parse(source) {
        Ok(docs) => docs,
        Err(e) => {
            findings.push(Finding { rule: rules::syntax_rule(kind), severity: Severity::Error, span: e.span, message: e.message, anchor: None });
            return finish(kind, findings, lines);
        }
    };
    let mut raised = Vec::new();
    let compose = (kind == FileKind::Compose).then(|| crate::compose::Compose::new(source, &docs));
    let k8s = (kind == FileKind::Kubernetes).then(|| crate::k8s::Manifests::new(source, &docs));
    for rule in rules::all().filter(|r| r.kind == kind && options.is_enabled(r)) {
        let mut out = Reporter::new(rule, &mut raised);
        match (rule.check, &compose, &k8s) {
            (Check::Compose(check), Some(c), _) => check(c, &mut out),
            (Check::Kubernetes(check), _, Some(m)) => check(m, &mut out),
            _ => {}
        }
    }
    let pragmas = if options.disable_pragmas { Default::default() } else { crate::pragma::LinePragmas::collect(source) };
    for mut f in raised {
        let line = lines.position(source, f.span.start).line as usize - 1;
        if pragmas.suppresses(f.rule, line) {
            continue;
        }
        if let Some(m) = &k8s {
            let object = m.object_at(f.span.start);
            if !options.disable_pragmas && object.is_some_and(|o| o.ignored.iter().any(|k| k == "*" || f.rule.is(k))) {
                continue;
            }
            f.anchor = object.map(|o| o.node.span.start);
        }
        if let Some(c) = &compose {
            f.anchor = c.service_at(f.span.start).map(|s| s.key.span.start);
        }
        f.severity = options.severity_of(f.rule);
        findings.push(f);
    }
    finish(kind, findings, lines)
}
