//! Dockwise's rules layer: the rule catalogue (each rule with its docs,
//! quiz, check and tests), the diagnostics checks report, options and
//! configuration, pragmas, the engine that runs it all, and the report
//! formats. The syntax it checks comes from `dockwise-syntax`; no I/O, no
//! web dependencies: the CLI and the browser app both call [`lint`].

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

/// A rule's [`rule::Docs`], whose text the `docs` feature keeps.
macro_rules! docs {
    (what: $what:expr, why: $why:expr, bad: $bad:expr, good: $good:expr, fix: $fix:expr $(,)?) => {
        $crate::rule::Docs {
            what: text!($what),
            why: text!($why),
            bad: text!($bad),
            good: text!($good),
            fix: text!($fix),
        }
    };
}

/// A rule's [`rule::Quiz`], whose text the `docs` feature keeps.
macro_rules! quiz {
    (question: $q:expr, choices: &[$(Choice { text: $t:expr, correct: $c:expr, feedback: $f:expr $(,)? }),* $(,)?] $(,)?) => {
        $crate::rule::Quiz { question: text!($q), choices: &[$($crate::rule::Choice { text: text!($t), correct: $c, feedback: text!($f) }),*] }
    };
}

/// A rule's check function, or nothing without the `checks` feature.
#[cfg(feature = "checks")]
macro_rules! checker {
    ($f:ident) => {
        $f
    };
}
#[cfg(not(feature = "checks"))]
macro_rules! checker {
    ($f:ident) => {
        $crate::rule::NoCheck
    };
}

#[cfg(feature = "build")]
pub mod build;
pub mod card;
pub mod config;
pub mod diagnostics;
pub mod engine;
pub mod finding;
pub mod fix;
pub mod learn;
pub mod options;
pub mod pragma;
pub mod report;
pub mod rule;
pub mod rules;
pub mod samples;
pub mod sources;
#[cfg(test)]
mod testing;

pub use diagnostics::{Applicability, Diagnostic, Edit, Fix, Reporter, Severity, Tag};
pub use dockwise_syntax::{self as syntax, FileKind, LineIndex, Position, Span};
pub use engine::{lint, LintResult};
pub use finding::Finding;
pub use options::{LabelType, LintOptions, DEFAULT_OPTIONS};
pub use rule::{Check, Context, Fixes, Rule};
