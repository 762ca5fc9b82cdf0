//! The settings of one run: which rules run and at which severity, and the
//! values some rules need (trusted registries, the label schema, the build
//! context's `.dockerignore`, the labels and annotations Kubernetes workloads
//! must carry). A leaf module: rules read these through their
//! check's [`crate::rule::Context`], and [`crate::rule::Rule::is_enabled`]
//! decides what runs.

use crate::diagnostics::Severity;
use dockwise_syntax::FileKind;

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

    /// The name a config file writes (`parse` reads it back).
    pub fn name(self) -> &'static str {
        match self {
            LabelType::Text => "text",
            LabelType::Url => "url",
            LabelType::Semver => "semver",
            LabelType::Hash => "hash",
            LabelType::Rfc3339 => "rfc3339",
            LabelType::Spdx => "spdx",
            LabelType::Email => "email",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
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
    /// The build context is known and has no `.dockerignore` (DW1033): the
    /// CLI found none beside a Dockerfile read from disk, or the config says
    /// `dockerignore: false`. False when nothing is known.
    pub no_dockerignore: bool,
    /// Labels every Kubernetes workload must carry (DW3067); none when empty.
    pub required_labels: Vec<String>,
    /// Annotations every Kubernetes workload must carry (DW3068).
    pub required_annotations: Vec<String>,
    /// Variables of the `.env` file beside a Compose file (the CLI reads it;
    /// the playground has none): they decide `${VAR}` references. Their
    /// values may be secrets: no message quotes them.
    pub compose_env: Vec<(String, String)>,
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
    no_dockerignore: false,
    required_labels: Vec::new(),
    required_annotations: Vec::new(),
    compose_env: Vec::new(),
};
