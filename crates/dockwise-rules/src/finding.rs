//! A finding: a check's diagnostic attributed to its rule, with the severity
//! the options give it.

use crate::diagnostics::{Diagnostic, Fix, Related, Severity};
use crate::rule::Rule;
use dockwise_syntax::Span;

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    /// Start of the instruction (or document node) the finding belongs to,
    /// when there is one: hadolint reports that line, so parity compares it.
    pub anchor: Option<u32>,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
}

impl Finding {
    /// A finding of `rule` at the rule's own severity.
    pub fn new(rule: &'static Rule, d: Diagnostic) -> Finding {
        Finding {
            rule,
            severity: rule.severity,
            span: d.span,
            message: d.message,
            anchor: None,
            fix: d.fix,
            related: d.related,
        }
    }

    pub fn is_syntax_error(&self) -> bool {
        self.rule.is_syntax_error()
    }
}
