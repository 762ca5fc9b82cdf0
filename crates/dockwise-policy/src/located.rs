//! Policy findings as the findings every report, the editor and the
//! findings list already read ([`Located`]), with the policy's package as
//! their rule.

#[cfg(feature = "engine")]
use crate::policy::PolicyFinding;
#[cfg(feature = "engine")]
use dockwise_rules::report::{Located, Range};
use dockwise_rules::rule::{Check, Docs, Fixes, Quiz, Rule, Scope};
#[cfg(feature = "engine")]
use dockwise_rules::LineIndex;
use dockwise_rules::{rules, FileKind};
#[cfg(feature = "engine")]
use dockwise_syntax::span::utf16_offsets;
use std::sync::Mutex;

/// The rules made for packages so far: one per package and kind, made once
/// and kept for the rest of the run (a run sees a handful of packages).
static MADE: Mutex<Vec<&'static Rule>> = Mutex::new(Vec::new());

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The rule a package's findings carry: its id and name are the package
/// (`docker.security`). It is in no catalogue, so the engine never runs it;
/// its check is borrowed from a rule of the same kind only so that it is not
/// taken for a syntax error.
pub fn rule(package: &str, kind: FileKind) -> &'static Rule {
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = made.iter().find(|r| r.id == package && r.kind == kind) {
        return r;
    }
    let check = rules::all()
        .find(|r| r.kind == kind && !r.is_syntax_error())
        .or_else(|| rules::all().find(|r| !r.is_syntax_error()))
        .map(|r| r.check)
        .unwrap_or(Check::Syntax);
    let id = leak(package.to_string());
    let r: &'static Rule = Box::leak(Box::new(Rule {
        id,
        name: id,
        severity: dockwise_rules::Severity::Error,
        kind,
        title: leak(format!("policy {package}")),
        tags: &[],
        docs: Docs {
            what: "",
            why: "",
            bad: "",
            good: "",
            fix: "",
        },
        quiz: Quiz {
            question: "",
            choices: &[],
        },
        enabled_by_default: true,
        aliases: &[],
        check,
        standard: &[],
        concern: None,
        fixes: Fixes::No,
        scope: Scope::Place,
    }));
    made.push(r);
    r
}

/// Is this one of the rules made for a policy package?
pub fn is_policy_rule(r: &Rule) -> bool {
    let made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    made.iter().any(|m| std::ptr::eq(*m, r))
}

#[cfg(feature = "engine")]
/// Locates policy findings in `source` (a file of `kind` named `file`).
pub fn located(file: &str, source: &str, kind: FileKind, findings: &[PolicyFinding]) -> Vec<Located> {
    let lines = LineIndex::new(source);
    let offsets: Vec<u32> = findings.iter().flat_map(|f| [f.span.start, f.span.end]).collect();
    let utf16 = utf16_offsets(source, &offsets);
    findings
        .iter()
        .enumerate()
        .map(|(i, f)| Located {
            file: file.to_string(),
            rule: rule(&f.package, kind),
            severity: f.severity,
            range: Range::of(source, &lines, f.span),
            message: f.message.clone(),
            instruction_line: None,
            fix: None,
            related: Vec::new(),
            from: utf16.get(2 * i).copied().unwrap_or(0),
            to: utf16.get(2 * i + 1).copied().unwrap_or(0),
        })
        .collect()
}

#[cfg(feature = "engine")]
/// Policy findings as the engine's findings (to merge with a lint result).
pub fn findings(kind: FileKind, findings: &[PolicyFinding]) -> Vec<dockwise_rules::Finding> {
    findings
        .iter()
        .map(|f| dockwise_rules::Finding {
            rule: rule(&f.package, kind),
            severity: f.severity,
            span: f.span,
            message: f.message.clone(),
            anchor: None,
            fix: None,
            related: Vec::new(),
        })
        .collect()
}
