//! One document checked: which kind of file it is, its findings (the core's
//! [`Located`]) and their LSP diagnostics, quick fixes, the fix-all action
//! and the hover card.

use crate::document::Lines;
use dockwise_rules::fix::fix;
use dockwise_rules::report::{located, Located};
use dockwise_rules::{lint, Applicability, LintOptions, Rule, Severity};
use dockwise_syntax::{detect, FileKind};
use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, Range, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::str::FromStr;

/// The fix-all source action's kind.
pub const FIX_ALL: &str = "source.fixAll.dockwise";

/// The rule that says a YAML file is no Compose file (nor a manifest).
const NOT_COMPOSE: &str = "DW2001";

/// The kind of a document: its language id when that decides, then its
/// file name (the core's rules, as the CLI uses them), then its content.
/// `None`: a plain YAML file (language id `yaml`, no telling name) that is
/// neither a Compose file nor a manifest: not ours, left alone.
pub fn kind_of(language_id: &str, path: &str, text: &str) -> (FileKind, bool) {
    let by_language = match language_id.to_ascii_lowercase().as_str() {
        "dockerfile" | "containerfile" => Some(FileKind::Dockerfile),
        "dockercompose" | "docker-compose" | "compose" | "yaml.docker-compose" => Some(FileKind::Compose),
        "kubernetes" | "k8s" | "yaml.kubernetes" => Some(FileKind::Kubernetes),
        _ => None,
    };
    if let Some(k) = by_language.or_else(|| detect::from_name(path)) {
        return (k, true);
    }
    (detect::from_content(text), false)
}

/// A document's findings at one version, with what the editor needs.
#[derive(Debug)]
pub struct Analysis {
    pub kind: Option<FileKind>,
    pub text: std::sync::Arc<str>,
    pub findings: Vec<Located>,
    pub diagnostics: Vec<Diagnostic>,
    pub lines: Lines,
    /// The options the findings were made with (the kind included).
    pub options: LintOptions,
}

/// Checks one document. `language_id` and `path` choose its kind with the
/// text; `options` come from the settings.
pub fn analyze(uri: &Uri, path: &str, language_id: &str, text: std::sync::Arc<str>, options: &LintOptions) -> Analysis {
    let (kind, decided) = kind_of(language_id, path, &text);
    let mut options = LintOptions {
        kind: Some(kind),
        ..options.clone()
    };
    if kind == FileKind::Dockerfile {
        if let Some(p) = crate::settings::file_path(uri) {
            crate::settings::apply_build_context(&mut options, &p);
        }
    }
    let result = lint(&text, &options);
    let mut findings = located(path, &text, &result);
    let lines = Lines::new(&text);
    // plain YAML that turned out to be neither Compose nor Kubernetes
    let ours = decided || kind != FileKind::Compose || !findings.iter().any(|f| f.rule.id == NOT_COMPOSE);
    if !ours {
        findings.clear();
    }
    let diagnostics = findings.iter().map(|f| diagnostic(uri, &text, &lines, f)).collect();
    Analysis {
        kind: ours.then_some(kind),
        text,
        findings,
        diagnostics,
        lines,
        options,
    }
}

/// The severity a client shows.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Style => DiagnosticSeverity::HINT,
    }
}

/// Where a rule's code links: the first page its advice rests on (every
/// card has one; a test of the core checks it).
pub fn rule_url(rule: &Rule) -> Option<Uri> {
    rule.standard.first().and_then(|s| Uri::from_str(s.url).ok())
}

/// The LSP diagnostic of one finding.
pub fn diagnostic(uri: &Uri, text: &str, lines: &Lines, f: &Located) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: Range::new(
                    lines.char_position(text, r.range.line, r.range.column),
                    lines.char_position(text, r.range.end_line, r.range.end_column),
                ),
            },
            message: r.message.clone(),
        })
        .collect();
    Diagnostic {
        range: lines.range(f.range.line, f.from, f.range.end_line, f.to),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.id.to_string())),
        code_description: rule_url(f.rule).map(|href| CodeDescription { href }),
        source: Some("dockwise".into()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Do two ranges meet (touching counts: a cursor at a finding's end)?
pub fn touches(a: &Range, b: &Range) -> bool {
    let key = |p: lsp_types::Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

/// Is an action of `kind` wanted, given the client's `only` filter? A
/// filter entry asks for its kind and every kind under it.
pub fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.strip_prefix(k).is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

impl Analysis {
    /// One quick fix per finding with a fix, for findings meeting `range`.
    pub fn quick_fixes(&self, uri: &Uri, range: &Range) -> Vec<CodeAction> {
        let mut out = Vec::new();
        for (f, d) in self.findings.iter().zip(&self.diagnostics) {
            let Some(fix) = &f.fix else { continue };
            if !touches(&d.range, range) {
                continue;
            }
            let edits: Vec<TextEdit> = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: self.lines.range(e.range.line, e.from, e.range.end_line, e.to),
                    new_text: e.replacement.clone(),
                })
                .collect();
            let safe = fix.applicability == Applicability::Safe;
            let title = if safe {
                format!("{} ({})", fix.title, f.rule.id)
            } else {
                format!("{} ({}, unsafe: changes behaviour, check it)", fix.title, f.rule.id)
            };
            out.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: Some(safe),
                ..Default::default()
            });
        }
        out
    }

    /// Every safe fix at once (the core's rounds), as one edit of the whole
    /// text; `None` when no safe fix changes anything.
    pub fn fix_all(&self, uri: &Uri) -> Option<CodeAction> {
        let any_safe = self
            .findings
            .iter()
            .any(|f| f.fix.as_ref().is_some_and(|x| x.applicability == Applicability::Safe));
        if self.kind.is_none() || !any_safe {
            return None;
        }
        let fixed = fix(&self.text, &self.options, Applicability::Safe);
        if !fixed.changed() || fixed.text == *self.text {
            return None;
        }
        let n = fixed.applied.len();
        let edit = TextEdit {
            range: self.lines.whole(),
            new_text: fixed.text,
        };
        Some(CodeAction {
            title: format!(
                "Fix all safe dockwise findings ({n} fix{})",
                if n == 1 { "" } else { "es" }
            ),
            kind: Some(CodeActionKind::new(FIX_ALL)),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    /// The rules of the findings under `pos`, each once, in order.
    pub fn rules_at(&self, pos: lsp_types::Position) -> Vec<&'static Rule> {
        let at = Range::new(pos, pos);
        let mut rules: Vec<&'static Rule> = Vec::new();
        for (f, d) in self.findings.iter().zip(&self.diagnostics) {
            if touches(&d.range, &at) && !rules.iter().any(|r| std::ptr::eq(*r, f.rule)) {
                rules.push(f.rule);
            }
        }
        rules
    }
}

/// A fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

fn code_block(out: &mut String, lang: &str, code: &str) {
    let f = fence(code);
    out.push_str(&format!("{f}{lang}\n{}\n{f}\n", code.trim_end_matches('\n')));
}

/// A rule's card as Markdown: the title, what it checks, why it matters,
/// how to fix it, the bad and good examples in fenced code, its sources.
pub fn card_markdown(rule: &Rule) -> String {
    let d = &rule.docs;
    let lang = rule.kind.syntax();
    let mut s = format!(
        "**{}** `{}` · {} · {}\n\n### {}\n\n",
        rule.id,
        rule.name,
        rule.severity.as_str(),
        rule.kind.label(),
        rule.title
    );
    if !d.what.is_empty() {
        s.push_str(&format!("{}\n\n", d.what));
    }
    if !d.why.is_empty() {
        s.push_str(&format!("**Why it matters.** {}\n\n", d.why));
    }
    if !d.fix.is_empty() {
        s.push_str(&format!("**How to fix.** {}\n\n", d.fix));
    }
    if !d.bad.is_empty() {
        s.push_str("Bad:\n\n");
        code_block(&mut s, lang, d.bad);
        s.push('\n');
    }
    if !d.good.is_empty() {
        s.push_str("Good:\n\n");
        code_block(&mut s, lang, d.good);
        s.push('\n');
    }
    if !rule.standard.is_empty() {
        let links: Vec<String> = rule
            .standard
            .iter()
            .map(|src| format!("[{}]({})", src.title.replace(['[', ']'], ""), src.url))
            .collect();
        s.push_str(&format!("Sources: {}\n\n", links.join(" · ")));
    }
    s.push_str(&format!(
        "Silence it with `# dockwise ignore={}` on the line above, or `ignored: [{}]` in `.dockwise.yaml`.",
        rule.id, rule.id
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_language_then_name_then_content() {
        let k8s = "apiVersion: v1\nkind: Pod\n";
        assert_eq!(kind_of("dockerfile", "x.txt", "").0, FileKind::Dockerfile);
        assert_eq!(kind_of("dockercompose", "a.yaml", k8s).0, FileKind::Compose);
        assert_eq!(kind_of("yaml", "/w/compose.yaml", k8s), (FileKind::Compose, true));
        assert_eq!(kind_of("yaml", "/w/pod.yaml", k8s), (FileKind::Kubernetes, false));
        assert_eq!(kind_of("plaintext", "/w/Containerfile", k8s).0, FileKind::Dockerfile);
    }

    #[test]
    fn the_fix_all_kind_matches_filters() {
        let k = |s: &'static str| CodeActionKind::new(s);
        assert!(wanted(None, FIX_ALL));
        assert!(wanted(Some(&[k("source.fixAll")]), FIX_ALL));
        assert!(wanted(Some(&[k("source")]), FIX_ALL));
        assert!(!wanted(Some(&[k("quickfix")]), FIX_ALL));
        assert!(!wanted(Some(&[k("source.fix")]), FIX_ALL));
    }

    #[test]
    fn fences_outgrow_the_code() {
        assert_eq!(fence("a"), "```");
        assert_eq!(fence("x ```` y"), "`````");
    }
}
