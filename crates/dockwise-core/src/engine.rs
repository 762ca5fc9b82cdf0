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
}

impl LintOptions {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        if self.ignored.iter().any(|k| rule.is(k)) {
            return false;
        }
        match &self.only {
            Some(only) => only.iter().any(|k| rule.is(k)),
            None => true,
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

/// Checks `source` and returns every finding, sorted by position.
pub fn lint(source: &str, options: &LintOptions) -> LintResult {
    let kind = options.kind.unwrap_or(FileKind::Dockerfile);
    let df = dockerfile::parse(source);
    let model = Model::new(source, &df);
    let mut findings = Vec::new();
    for e in &df.errors {
        findings.push(Finding { rule: &rules::SYNTAX_ERROR, severity: Severity::Error, span: e.span, message: e.message.clone() });
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
        findings.push(f);
    }
    findings.sort_by(|a, b| (a.span.start, a.span.end, a.rule.id).cmp(&(b.span.start, b.span.end, b.rule.id)));
    findings.dedup_by(|a, b| std::ptr::eq(a.rule, b.rule) && a.span == b.span);
    LintResult { kind, findings, lines: model.lines }
}
