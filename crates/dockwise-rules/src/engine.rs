//! The entry point: text in, findings out. Parses the file (its kind from
//! the options, else from the content), runs every enabled rule with one
//! [`Context`], applies pragmas and severities, and sorts the findings.

use crate::diagnostics::{Diagnostic, Reporter};
use crate::finding::Finding;
use crate::options::LintOptions;
use crate::pragma::{LinePragmas, Pragmas};
use crate::rule::{Check, Context, Rule};
use crate::rules;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::dockerfile::{self, Model};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::span::{LineIndex, Position, Span};
use dockwise_syntax::{detect, yaml, FileKind};

#[derive(Debug)]
pub struct LintResult {
    pub kind: FileKind,
    /// Sorted by position.
    pub findings: Vec<Finding>,
    pub lines: LineIndex,
    /// The text holds nothing but white space: nothing was checked.
    pub blank: bool,
}

impl LintResult {
    /// Does the file have syntax errors (findings of its kind's syntax rule)?
    pub fn has_syntax_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_syntax_error)
    }

    pub fn position(&self, source: &str, offset: u32) -> Position {
        self.lines.position(source, offset)
    }
}

/// Checks `source` and returns every finding, sorted by position. The kind
/// comes from the options, else from the content. A blank text (empty or
/// only white space) is not checked: it has no findings, whatever its kind.
pub fn lint(source: &str, options: &LintOptions) -> LintResult {
    let kind = options.kind.unwrap_or_else(|| detect::from_content(source));
    if source.trim().is_empty() {
        return LintResult {
            kind,
            findings: Vec::new(),
            lines: LineIndex::new(source),
            blank: true,
        };
    }
    match kind {
        FileKind::Dockerfile => lint_dockerfile(source, options),
        FileKind::Compose | FileKind::Kubernetes => lint_yaml(source, kind, options),
    }
}

/// The enabled rules of a kind: those `options` enable, and those the file
/// itself switches on (`also`: BuildKit's `# check=experimental=`) unless
/// `options` switch them off or name others alone.
fn enabled<'a>(
    kind: FileKind,
    options: &'a LintOptions,
    also: &'a dyn Fn(&Rule) -> bool,
) -> impl Iterator<Item = &'static Rule> + 'a {
    rules::all().filter(move |r| {
        r.kind == kind
            && (r.is_enabled(options)
                || (options.only.is_none() && !options.ignored.iter().any(|k| r.is(k)) && also(r)))
    })
}

/// Runs `run` for each enabled rule of the kind and collects its findings.
fn run_checks(
    kind: FileKind,
    options: &LintOptions,
    also: &dyn Fn(&Rule) -> bool,
    mut run: impl FnMut(&'static Rule, &mut Reporter),
) -> Vec<Finding> {
    let mut raised = Vec::new();
    let mut out = Reporter::new();
    for rule in enabled(kind, options, also) {
        run(rule, &mut out);
        raised.extend(out.drain().map(|d| Finding::new(rule, d)));
    }
    raised
}

/// Runs one rule's check.
#[cfg(feature = "checks")]
fn run<F>(check: fn(&Context<F>, &mut Reporter), cx: &Context<F>, out: &mut Reporter) {
    check(cx, out);
}

/// Without the `checks` feature there is nothing to run.
#[cfg(not(feature = "checks"))]
fn run<F>(_check: crate::rule::NoCheck, _cx: &Context<F>, _out: &mut Reporter) {}

fn syntax_error(kind: FileKind, span: Span, message: String) -> Finding {
    Finding::new(rules::syntax_rule(kind), Diagnostic::new(span, message))
}

fn lint_dockerfile(source: &str, options: &LintOptions) -> LintResult {
    let kind = FileKind::Dockerfile;
    let df = dockerfile::parse(source);
    let model = Model::new(source, &df);
    let cx = Context::new(&model, options);
    let mut findings: Vec<Finding> = df
        .errors
        .iter()
        .map(|e| syntax_error(kind, e.span, e.message.clone()))
        .collect();
    let pragmas = if options.disable_pragmas {
        Pragmas::default()
    } else {
        Pragmas::collect(&model)
    };
    let raised = run_checks(kind, options, &|rule| pragmas.may_enable(rule), |rule, out| {
        if let Check::Dockerfile(check) = rule.check {
            run(check, &cx, out);
        }
    });
    for mut f in raised {
        if pragmas.suppresses(&model, f.rule, f.span)
            || !(f.rule.is_enabled(options) || pragmas.enables(&model, f.rule, f.span))
        {
            continue;
        }
        f.severity = pragmas.severity(f.rule).unwrap_or_else(|| f.rule.severity_in(options));
        f.anchor = model
            .instruction_at(f.span.start)
            .map(|i| model.instructions()[i].span.start);
        findings.push(f);
    }
    finish(kind, findings, model.lines)
}

fn finish(kind: FileKind, mut findings: Vec<Finding>, lines: LineIndex) -> LintResult {
    findings.sort_by(|a, b| (a.span.start, a.span.end, a.rule.id).cmp(&(b.span.start, b.span.end, b.rule.id)));
    findings.dedup_by(|a, b| std::ptr::eq(a.rule, b.rule) && a.span == b.span);
    LintResult {
        kind,
        findings,
        lines,
        blank: false,
    }
}

/// Compose files and Kubernetes manifests.
fn lint_yaml(source: &str, kind: FileKind, options: &LintOptions) -> LintResult {
    let lines = LineIndex::new(source);
    // a key written twice is no syntax error: the later value is kept (as
    // kubectl keeps it) and a rule of the kind reports the pair
    let parsed = match yaml::parse_lenient(source) {
        Ok(parsed) => parsed,
        Err(e) => return finish(kind, vec![syntax_error(kind, e.span, e.message)], lines),
    };
    let (docs, duplicates) = (&parsed.docs, &parsed.duplicates);
    let compose = (kind == FileKind::Compose).then(|| Compose::new(source, docs).with_duplicates(duplicates));
    let k8s = (kind == FileKind::Kubernetes).then(|| Manifests::new(source, docs).with_duplicates(duplicates));
    let raised = run_checks(kind, options, &|_| false, |rule, out| {
        match (rule.check, &compose, &k8s) {
            (Check::Compose(check), Some(c), _) => run(check, &Context::new(c, options), out),
            (Check::Kubernetes(check), _, Some(m)) => run(check, &Context::new(m, options), out),
            _ => {}
        }
    });
    let pragmas = if options.disable_pragmas {
        LinePragmas::default()
    } else {
        LinePragmas::collect(source)
    };
    let mut findings = Vec::new();
    for mut f in raised {
        let line = lines.line_of(f.span.start);
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
        f.severity = f.rule.severity_in(options);
        findings.push(f);
    }
    finish(kind, findings, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_has_no_findings_in_any_kind() {
        for kind in [
            None,
            Some(FileKind::Dockerfile),
            Some(FileKind::Compose),
            Some(FileKind::Kubernetes),
        ] {
            let r = lint(
                " \n\t\n",
                &LintOptions {
                    kind,
                    ..Default::default()
                },
            );
            assert!(r.blank && r.findings.is_empty(), "{kind:?}: {:?}", r.findings);
        }
        assert!(!lint("FROM a:1\n", &LintOptions::default()).blank);
    }

    #[test]
    fn syntax_errors_are_one_property_in_every_kind() {
        let df = lint("FROM alpine:3.20\nENV PATH\n", &LintOptions::default());
        let compose = lint(
            "services:\n  a: [\n",
            &LintOptions {
                kind: Some(FileKind::Compose),
                ..Default::default()
            },
        );
        let k8s = lint(
            "apiVersion: v1\nkind: Pod\nmetadata: {\n",
            &LintOptions {
                kind: Some(FileKind::Kubernetes),
                ..Default::default()
            },
        );
        for (r, id) in [(&df, "DL1000"), (&compose, "DW2000"), (&k8s, "DW3000")] {
            assert!(r.has_syntax_errors(), "{id}");
            assert!(
                r.findings.iter().any(|f| f.rule.id == id && f.is_syntax_error()),
                "{id}"
            );
        }
        assert!(!lint("FROM alpine:3.20\n", &LintOptions::default()).has_syntax_errors());
    }

    #[test]
    fn severity_overrides_apply_to_every_kind() {
        let o = LintOptions {
            severity: vec![("DW2002".into(), crate::Severity::Info)],
            ..Default::default()
        };
        let r = lint("services:\n  a:\n    image: x:1\n    privileged: true\n", &o);
        assert!(r
            .findings
            .iter()
            .any(|f| f.rule.id == "DW2002" && f.severity == crate::Severity::Info));
    }
}
