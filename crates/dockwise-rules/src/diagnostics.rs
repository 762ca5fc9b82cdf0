//! What a check says: severities, the concerns a rule protects, and the
//! diagnostics a check reports (a span, a message, and optionally a fix and
//! related places). A leaf module: it knows nothing of rules or the engine,
//! which attaches the rule to each diagnostic (see [`crate::finding`]).

use dockwise_syntax::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
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
    pub const ALL: [Tag; 5] = [
        Tag::Security,
        Tag::Size,
        Tag::Reliability,
        Tag::Operability,
        Tag::Correctness,
    ];

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

/// Whether a fix can be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The result means the same to Docker, Compose or Kubernetes, and the
    /// finding is gone.
    Safe,
    /// The result behaves differently (that is the point of the change), so
    /// a person must confirm it.
    Unsafe,
}

/// Replace the bytes `span` of the source with `replacement` (an empty span
/// inserts, an empty replacement deletes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: u32, text: impl Into<String>) -> Edit {
        Edit {
            span: Span::new(at, at),
            replacement: text.into(),
        }
    }

    pub fn delete(span: Span) -> Edit {
        Edit {
            span,
            replacement: String::new(),
        }
    }
}

/// A mechanical remedy: edits that are applied together or not at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, short: "add --no-install-recommends".
    pub title: String,
    /// Sorted by position, never overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix from edits in any order. Returns None when two edits overlap
    /// (such a fix could not be applied as one change).
    pub fn new(applicability: Applicability, title: impl Into<String>, mut edits: Vec<Edit>) -> Option<Fix> {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let overlaps = edits.windows(2).any(|w| {
            w[0].span.end > w[1].span.start
                || (w[0].span.is_empty() && w[1].span.is_empty() && w[0].span.start == w[1].span.start)
        });
        (!overlaps && !edits.is_empty()).then(|| Fix {
            applicability,
            title: title.into(),
            edits,
        })
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Option<Fix> {
        Fix::new(Applicability::Safe, title, edits)
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Option<Fix> {
        Fix::new(Applicability::Unsafe, title, edits)
    }

    /// The smallest span covering every edit.
    pub fn span(&self) -> Span {
        self.edits
            .iter()
            .map(|e| e.span)
            .reduce(Span::cover)
            .unwrap_or_default()
    }

    /// Applies the edits to `source`. Edits that do not fit the text (out of
    /// range, inside a character) leave it unchanged and return None.
    pub fn apply(&self, source: &str) -> Option<String> {
        let mut out = String::with_capacity(source.len());
        let mut at = 0usize;
        for e in &self.edits {
            let (s, t) = (e.span.start as usize, e.span.end as usize);
            if s < at || t > source.len() || !source.is_char_boundary(s) || !source.is_char_boundary(t) {
                return None;
            }
            out.push_str(&source[at..s]);
            out.push_str(&e.replacement);
            at = t;
        }
        out.push_str(&source[at..]);
        Some(out)
    }
}

/// Another place that explains a diagnostic ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One problem a check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
            fix: None,
            related: Vec::new(),
        }
    }

    /// Attaches the fix `fix` builds. The closure runs only in builds with
    /// the `fixes` feature: without it (the playground's first load) the
    /// fix-building code is not compiled in at all.
    #[cfg(feature = "fixes")]
    pub fn with_fix(mut self, fix: impl FnOnce() -> Option<Fix>) -> Diagnostic {
        self.fix = fix();
        self
    }

    /// Without the `fixes` feature: no fix (the closure is never called).
    #[cfg(not(feature = "fixes"))]
    pub fn with_fix(self, fix: impl FnOnce() -> Option<Fix>) -> Diagnostic {
        drop(fix);
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}

/// Collects the diagnostics of one check.
#[derive(Debug, Default)]
pub struct Reporter {
    diagnostics: Vec<Diagnostic>,
}

impl Reporter {
    pub fn new() -> Reporter {
        Reporter::default()
    }

    /// Reports a problem at `span`.
    pub fn report(&mut self, span: Span, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::new(span, message));
    }

    /// Reports a diagnostic built with a fix or related places.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Takes what was reported so far, leaving the reporter empty (and its
    /// buffer ready for the next check).
    pub fn drain(&mut self) -> std::vec::Drain<'_, Diagnostic> {
        self.diagnostics.drain(..)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_read_and_rank() {
        assert_eq!(Severity::parse(" Warning "), Some(Severity::Warning));
        assert_eq!(Severity::parse("fatal"), None);
        assert!(Severity::Error.rank() > Severity::Warning.rank());
        assert_eq!(serde_json::to_string(&Severity::Info).unwrap(), "\"info\"");
    }

    #[test]
    fn a_fix_applies_its_edits_together() {
        let src = "RUN apt-get install curl\n";
        let at = src.find("install").unwrap() as u32 + 7;
        let fix = Fix::safe("add -y", vec![Edit::insert(at, " -y")]).unwrap();
        assert_eq!(fix.apply(src).unwrap(), "RUN apt-get install -y curl\n");
        // edits in any order are sorted; a replacement and an insertion elsewhere
        let fix = Fix::unsafe_(
            "two",
            vec![Edit::insert(0, "# x\n"), Edit::replace(Span::new(4, 11), "apt")],
        )
        .unwrap();
        assert_eq!(fix.edits[0].span.start, 0);
        assert_eq!(fix.apply(src).unwrap(), "# x\nRUN apt install curl\n");
        assert_eq!(fix.span(), Span::new(0, 11));
        assert_eq!(fix.applicability, Applicability::Unsafe);
    }

    #[test]
    fn overlapping_or_misplaced_edits_are_refused() {
        assert!(Fix::safe(
            "x",
            vec![Edit::replace(Span::new(0, 5), "a"), Edit::replace(Span::new(4, 6), "b")]
        )
        .is_none());
        assert!(Fix::safe("x", vec![Edit::insert(3, "a"), Edit::insert(3, "b")]).is_none());
        assert!(Fix::safe("x", vec![]).is_none());
        let fix = Fix::safe("x", vec![Edit::delete(Span::new(1, 99))]).unwrap();
        assert_eq!(fix.apply("abc"), None);
        // inside a multi-byte character
        let fix = Fix::safe("x", vec![Edit::delete(Span::new(1, 2))]).unwrap();
        assert_eq!(fix.apply("é"), None);
    }

    #[test]
    fn json_form_of_a_fix() {
        let fix = Fix::safe("add -y", vec![Edit::insert(3, " -y")]).unwrap();
        let v = serde_json::to_value(&fix).unwrap();
        assert_eq!(v["applicability"], "safe");
        assert_eq!(v["title"], "add -y");
        assert_eq!(v["edits"][0]["span"]["start"], 3);
        assert_eq!(v["edits"][0]["replacement"], " -y");
    }

    #[test]
    fn reporter_collects_and_drains() {
        let mut r = Reporter::new();
        r.report(Span::new(1, 2), "a");
        r.push(Diagnostic::new(Span::new(3, 4), "b").with_related(Span::new(0, 1), "first here"));
        let got: Vec<Diagnostic> = r.drain().collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].related[0].message, "first here");
        assert!(r.is_empty());
    }
}
