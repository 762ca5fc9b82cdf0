//! Dockwise core: parses Dockerfiles, Compose files and Kubernetes manifests
//! with exact spans, runs the rule catalogue over them, applies ignore
//! pragmas and configuration, and renders reports. No I/O, no web
//! dependencies: the CLI and the browser app both call [`lint`].

pub mod compose;
pub mod config;
pub mod detect;
pub mod dockerfile;
pub mod engine;
pub mod k8s;
pub mod pragma;
pub mod report;
pub mod rules;
pub mod samples;
pub mod secrets;
pub mod yaml;
pub mod shell;
pub mod span;

pub use engine::{lint, FileKind, Finding, LabelType, LintOptions, LintResult, DEFAULT_OPTIONS};
pub use rules::{Rule, Severity};
pub use span::{LineIndex, Position, Span};
