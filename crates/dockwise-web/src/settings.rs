//! The playground's rule settings: the same knobs as `.dockwise.yaml`
//! (rules on/off, severities, trusted registries, label schema, .dockerignore
//! patterns, required Kubernetes labels and annotations),
//! kept in localStorage, importable from and exportable to a config file.

use crate::storage;
use dockwise_rules::config::Config;
use dockwise_rules::options::LabelType;
use dockwise_rules::{LintOptions, Rule, Severity};
use dockwise_syntax::FileKind;

/// The settings as `.dockwise.yaml` text (read back with the core's config reader).
const KEY: &str = "dockwise.settings.v2";
/// The kind chosen by hand, if any.
const KIND_KEY: &str = "dockwise.kind.v1";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Rules switched off.
    pub off: Vec<String>,
    /// Off-by-default rules switched on.
    pub on: Vec<String>,
    /// Severity overrides: (rule id, severity).
    pub severity: Vec<(String, String)>,
    pub trusted_registries: Vec<String>,
    pub dockerignore: Vec<String>,
    /// `dockerignore: false`: the context has no `.dockerignore`.
    pub no_dockerignore: bool,
    pub label_schema: Vec<(String, LabelType)>,
    pub strict_labels: bool,
    pub required_labels: Vec<String>,
    pub required_annotations: Vec<String>,
    /// The kind chosen by hand (`dockerfile`, `compose`, `kubernetes`); None: detected.
    pub kind: Option<String>,
    /// An embed's focus set: only these rules run (empty: all).
    pub focus: Vec<String>,
    /// Settings that came with a link: used, never stored over the user's own.
    pub transient: bool,
}

impl Settings {
    pub fn load() -> Settings {
        let mut s = storage::get(KEY)
            .and_then(|t| Settings::import(&t).ok())
            .map(|(s, _)| s)
            .unwrap_or_default();
        s.kind = storage::get(KIND_KEY).filter(|k| FileKind::parse(k).is_some());
        s
    }

    pub fn save(&self) {
        if self.transient {
            return;
        }
        let _ = storage::set(KEY, &self.to_yaml());
        let _ = storage::set(KIND_KEY, self.kind.as_deref().unwrap_or(""));
    }

    pub fn is_default(&self) -> bool {
        self.to_yaml() == Settings::default().to_yaml()
    }

    pub fn set_on(&mut self, r: &Rule, on: bool) {
        self.off.retain(|k| !r.is(k));
        self.on.retain(|k| !r.is(k));
        if on && !r.enabled_by_default {
            self.on.push(r.id.to_string());
        } else if !on && r.enabled_by_default {
            self.off.push(r.id.to_string());
        }
    }

    pub fn set_severity(&mut self, r: &Rule, s: Severity) {
        self.severity.retain(|(k, _)| !r.is(k));
        if s != r.severity {
            self.severity.push((r.id.to_string(), s.as_str().to_string()));
        }
    }

    /// The options these settings give a check.
    pub fn options(&self) -> LintOptions {
        LintOptions {
            ignored: self.off.clone(),
            enabled: self.on.clone(),
            severity: self
                .severity
                .iter()
                .filter_map(|(k, s)| Severity::parse(s).map(|s| (k.clone(), s)))
                .collect(),
            trusted_registries: self.trusted_registries.clone(),
            dockerignore: (!self.dockerignore.is_empty()).then(|| self.dockerignore.join("\n")),
            no_dockerignore: self.no_dockerignore && self.dockerignore.is_empty(),
            label_schema: self.label_schema.clone(),
            strict_labels: self.strict_labels,
            required_labels: self.required_labels.clone(),
            required_annotations: self.required_annotations.clone(),
            kind: self.kind.as_deref().and_then(FileKind::parse),
            only: (!self.focus.is_empty()).then(|| self.focus.clone()),
            ..Default::default()
        }
    }

    /// Reads a `.dockwise.yaml` / `.hadolint.yaml` into settings. Errors and
    /// warnings come back as `line:column: message`.
    pub fn import(text: &str) -> Result<(Settings, Vec<String>), String> {
        let (c, warnings) = Config::parse(text).map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))?;
        let mut options = LintOptions::default();
        c.apply(&mut options);
        let mut s = Settings::default();
        for r in dockwise_rules::rules::all() {
            s.set_on(r, r.is_enabled(&options));
            s.set_severity(r, r.severity_in(&options));
        }
        s.trusted_registries = c.trusted_registries;
        s.dockerignore = c.dockerignore;
        s.no_dockerignore = c.no_dockerignore;
        s.label_schema = c.label_schema;
        s.strict_labels = c.strict_labels;
        // their rules are on through `enabled` (set above from the options)
        s.required_labels = c.required_labels;
        s.required_annotations = c.required_annotations;
        Ok((
            s,
            warnings
                .into_iter()
                .map(|w| format!("{}:{}: {}", w.line, w.column, w.message))
                .collect(),
        ))
    }

    /// The settings as a `.dockwise.yaml` (which hadolint also reads, apart
    /// from the Dockwise-only keys).
    pub fn to_yaml(&self) -> String {
        let list = |v: &[String]| format!("[{}]", v.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", "));
        let mut out = String::from("# .dockwise.yaml, written by the Dockwise playground\n");
        if !self.off.is_empty() {
            out.push_str(&format!("ignored: {}\n", list(&self.off)));
        }
        if !self.on.is_empty() {
            out.push_str(&format!("enabled: {}\n", list(&self.on)));
        }
        if !self.severity.is_empty() {
            out.push_str("override:\n");
            for level in ["error", "warning", "info", "style"] {
                let rules: Vec<String> = self
                    .severity
                    .iter()
                    .filter(|(_, s)| s == level)
                    .map(|(k, _)| k.clone())
                    .collect();
                if !rules.is_empty() {
                    out.push_str(&format!("  {level}: {}\n", list(&rules)));
                }
            }
        }
        if !self.trusted_registries.is_empty() {
            out.push_str(&format!("trustedRegistries: {}\n", list(&self.trusted_registries)));
        }
        if !self.dockerignore.is_empty() {
            out.push_str(&format!("dockerignore: {}\n", list(&self.dockerignore)));
        } else if self.no_dockerignore {
            out.push_str("dockerignore: false\n");
        }
        if !self.label_schema.is_empty() {
            out.push_str("label-schema:\n");
            for (label, t) in &self.label_schema {
                out.push_str(&format!("  {}: {}\n", quote(label), t.name()));
            }
        }
        if self.strict_labels {
            out.push_str("strict-labels: true\n");
        }
        if !self.required_labels.is_empty() {
            out.push_str(&format!("required-labels: {}\n", list(&self.required_labels)));
        }
        if !self.required_annotations.is_empty() {
            out.push_str(&format!("required-annotations: {}\n", list(&self.required_annotations)));
        }
        out
    }
}

/// `s` as a YAML double-quoted scalar.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
