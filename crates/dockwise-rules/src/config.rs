//! Configuration: `.dockwise.yaml`, and hadolint's `.hadolint.yaml` read as
//! well. Keys (hadolint's spelling and ours):
//!
//! ```yaml
//! failure-threshold: warning        # error | warning | info | style | none
//! ignored: [DL3008, latest-tag]     # rules switched off (ids or names)
//! enabled: [DL3057]                 # rules that are off by default, switched on
//! override:                         # severities
//!   error: [DL3001]
//!   info: [DL3015]
//! trustedRegistries: [docker.io, "*.example.com"]
//! label-schema: { author: text, version: semver }
//! strict-labels: true
//! disable-ignore-pragma: false
//! dockerignore: [node_modules, .env]  # assumed when no .dockerignore file is known
//! dockerignore: false                 # or: the build context has no .dockerignore
//! ```

use crate::diagnostics::Severity;
use crate::options::{LabelType, LintOptions};
use crate::rules;
use dockwise_syntax::span::{LineIndex, Span};
use dockwise_syntax::yaml::{self, Node, Value};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub ignored: Vec<String>,
    pub enabled: Vec<String>,
    pub overrides: Vec<(String, Severity)>,
    pub trusted_registries: Vec<String>,
    pub label_schema: Vec<(String, LabelType)>,
    pub strict_labels: bool,
    pub disable_pragmas: bool,
    /// `.dockerignore` patterns to assume when the context's file is not known.
    pub dockerignore: Vec<String>,
    /// `dockerignore: false`: the build context has no `.dockerignore`.
    pub no_dockerignore: bool,
    /// `Some(None)`: `none`; `Some(Some(s))`: a level.
    pub failure_threshold: Option<Option<Severity>>,
    /// Labels and annotations every Kubernetes workload must carry.
    pub required_labels: Vec<String>,
    pub required_annotations: Vec<String>,
}

/// A problem in a config file, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigIssue {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

impl Config {
    /// Parses a config. Errors stop parsing; warnings (unknown keys or rule
    /// names) are returned alongside the config.
    pub fn parse(text: &str) -> Result<(Config, Vec<ConfigIssue>), ConfigIssue> {
        let lines = LineIndex::new(text);
        let at = |span: Span, message: String| {
            let p = lines.position(text, span.start);
            ConfigIssue {
                message,
                line: p.line,
                column: p.column,
            }
        };
        let docs = yaml::parse(text).map_err(|e| at(e.span, format!("not valid YAML: {}", e.message)))?;
        let mut c = Config::default();
        let mut warnings = Vec::new();
        let Some(root) = docs.into_iter().next() else {
            return Ok((c, warnings));
        };
        if root.is_null() {
            return Ok((c, warnings));
        }
        let Some(map) = root.as_map() else {
            return Err(at(root.span, "the config must be a mapping of settings".into()));
        };
        let strings = |n: &Node| -> Result<Vec<(String, Span)>, ConfigIssue> {
            match &n.value {
                Value::Seq(items) => items
                    .iter()
                    .map(|i| {
                        i.scalar_text()
                            .map(|t| (t, i.span))
                            .ok_or_else(|| at(i.span, "expected a name".into()))
                    })
                    .collect(),
                Value::Null => Ok(Vec::new()),
                _ => n
                    .scalar_text()
                    .map(|t| vec![(t, n.span)])
                    .ok_or_else(|| at(n.span, "expected a list of names".into())),
            }
        };
        let rule_list = |n: &Node, warnings: &mut Vec<ConfigIssue>| -> Result<Vec<String>, ConfigIssue> {
            let items = strings(n)?;
            for (r, span) in &items {
                if rules::find(r).is_none() && !r.starts_with("SC") {
                    warnings.push(at(*span, format!("unknown rule `{r}`")));
                }
            }
            Ok(items.into_iter().map(|(r, _)| r).collect())
        };
        for (k, v) in map {
            let key = k.scalar_text().unwrap_or_default();
            match key.as_str() {
                "ignored" | "ignore" => c.ignored.extend(rule_list(v, &mut warnings)?),
                "enabled" | "enable" => c.enabled.extend(rule_list(v, &mut warnings)?),
                "override" => {
                    let Some(levels) = v.as_map() else {
                        return Err(at(v.span, "`override` maps a severity to a list of rules".into()));
                    };
                    for (lk, lv) in levels {
                        let level = lk.scalar_text().unwrap_or_default();
                        let sev = Severity::parse(&level).ok_or_else(|| {
                            at(
                                lk.span,
                                format!("unknown severity `{level}` (error, warning, info, style)"),
                            )
                        })?;
                        for r in rule_list(lv, &mut warnings)? {
                            c.overrides.push((r, sev));
                        }
                    }
                }
                "trustedRegistries" | "trusted-registries" | "trusted_registries" => {
                    c.trusted_registries.extend(strings(v)?.into_iter().map(|(s, _)| s));
                }
                "label-schema" | "labelSchema" | "label_schema" => {
                    let Some(labels) = v.as_map() else {
                        return Err(at(v.span, "`label-schema` maps label names to types".into()));
                    };
                    for (lk, lv) in labels {
                        let name = lk.scalar_text().unwrap_or_default();
                        let ty = lv.scalar_text().unwrap_or_default();
                        let t = LabelType::parse(&ty).ok_or_else(|| {
                            at(
                                lv.span,
                                format!("unknown label type `{ty}` (text, url, semver, hash, rfc3339, spdx, email)"),
                            )
                        })?;
                        c.label_schema.push((name, t));
                    }
                }
                "dockerignore" => match v.as_bool() {
                    Some(false) => c.no_dockerignore = true,
                    Some(true) => {
                        return Err(at(
                            v.span,
                            "`dockerignore` is a list of patterns, or `false` for a context without one".into(),
                        ))
                    }
                    None => c.dockerignore.extend(strings(v)?.into_iter().map(|(s, _)| s)),
                },
                "required-labels" | "requiredLabels" => {
                    c.required_labels.extend(strings(v)?.into_iter().map(|(s, _)| s));
                }
                "required-annotations" | "requiredAnnotations" => {
                    c.required_annotations.extend(strings(v)?.into_iter().map(|(s, _)| s));
                }
                "strict-labels" | "strictLabels" => {
                    c.strict_labels = v.as_bool().ok_or_else(|| at(v.span, "expected true or false".into()))?
                }
                "disable-ignore-pragma" | "disableIgnorePragma" => {
                    c.disable_pragmas = v.as_bool().ok_or_else(|| at(v.span, "expected true or false".into()))?
                }
                "failure-threshold" | "failureThreshold" => {
                    let t = v.scalar_text().unwrap_or_default();
                    c.failure_threshold = Some(match t.as_str() {
                        "none" | "ignore" => None,
                        _ => Some(Severity::parse(&t).ok_or_else(|| at(v.span, format!("unknown threshold `{t}`")))?),
                    });
                }
                // hadolint settings that concern its own output, accepted and ignored
                "format" | "formats" | "no-color" | "no-fail" | "verbose" => {}
                _ => warnings.push(at(k.span, format!("unknown setting `{key}`"))),
            }
        }
        Ok((c, warnings))
    }

    /// Applies the config to lint options (the options' own entries stay).
    pub fn apply(&self, o: &mut LintOptions) {
        o.ignored.extend(self.ignored.iter().cloned());
        o.enabled.extend(self.enabled.iter().cloned());
        o.severity.extend(self.overrides.iter().cloned());
        o.trusted_registries.extend(self.trusted_registries.iter().cloned());
        o.label_schema.extend(self.label_schema.iter().cloned());
        o.strict_labels |= self.strict_labels;
        o.disable_pragmas |= self.disable_pragmas;
        if !self.dockerignore.is_empty() && o.dockerignore.is_none() {
            o.dockerignore = Some(self.dockerignore.join("\n"));
        }
        o.no_dockerignore |= self.no_dockerignore && self.dockerignore.is_empty() && o.dockerignore.is_none();
        // naming what to require is asking for the check: its rule is off by default
        for (names, list, rule) in [
            (&self.required_labels, &mut o.required_labels, "DW3067"),
            (&self.required_annotations, &mut o.required_annotations, "DW3068"),
        ] {
            if !names.is_empty() {
                list.extend(names.iter().cloned());
                o.enabled.push(rule.to_string());
            }
        }
    }

    /// A docs example may start with `# config: {...}` (a YAML flow mapping)
    /// to show a rule that needs settings; this reads it.
    pub fn from_example(text: &str) -> Option<Config> {
        let first = text.lines().next()?.trim();
        let body = first.strip_prefix("# config:")?;
        Config::parse(body.trim()).ok().map(|(c, _)| c)
    }
}

/// Options for an example text: defaults plus its `# config:` header.
pub fn example_options(text: &str, only: Option<Vec<String>>) -> LintOptions {
    let mut o = LintOptions {
        only,
        ..Default::default()
    };
    if let Some(c) = Config::from_example(text) {
        c.apply(&mut o);
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hadolint_config() {
        let text = "failure-threshold: error\nignored:\n  - DL3008\noverride:\n  info: [DL3057]\ntrustedRegistries: docker.io\nlabel-schema:\n  version: semver\nstrict-labels: true\n";
        let (c, warnings) = Config::parse(text).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(c.ignored, ["DL3008"]);
        assert_eq!(c.overrides, [("DL3057".to_string(), Severity::Info)]);
        assert_eq!(c.trusted_registries, ["docker.io"]);
        assert_eq!(c.label_schema, [("version".to_string(), LabelType::Semver)]);
        assert!(c.strict_labels);
        assert_eq!(c.failure_threshold, Some(Some(Severity::Error)));
    }

    #[test]
    fn errors_and_warnings_have_positions() {
        let e = Config::parse("override:\n  fatal: [DL3008]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        let (_, w) = Config::parse("ignored: [DL9999]\ncolour: red\n").unwrap();
        assert_eq!(w.len(), 2);
        assert_eq!((w[1].line, w[1].column), (2, 1));
        assert!(Config::parse("ignored: [").is_err());
        assert!(Config::parse("").unwrap().0 == Config::default());
    }

    #[test]
    fn dockerignore_false_states_there_is_none() {
        let (c, w) = Config::parse("dockerignore: false\n").unwrap();
        assert!(w.is_empty() && c.no_dockerignore && c.dockerignore.is_empty());
        let mut o = LintOptions::default();
        c.apply(&mut o);
        assert!(o.no_dockerignore);
        // a quoted "false" is a pattern; `true` says nothing usable
        let (c, _) = Config::parse("dockerignore: [\"false\"]\n").unwrap();
        assert_eq!(
            (c.dockerignore.as_slice(), c.no_dockerignore),
            (["false".to_string()].as_slice(), false)
        );
        assert!(Config::parse("dockerignore: true\n").is_err());
        // patterns already known win over the statement
        let mut o = LintOptions {
            dockerignore: Some(".env".into()),
            ..Default::default()
        };
        Config::parse("dockerignore: false\n").unwrap().0.apply(&mut o);
        assert!(!o.no_dockerignore);
    }

    #[test]
    fn required_labels_switch_their_rules_on() {
        let (c, w) = Config::parse("required-labels: [owner, team]\nrequiredAnnotations: runbook\n").unwrap();
        assert!(w.is_empty(), "{w:?}");
        let mut o = LintOptions::default();
        c.apply(&mut o);
        assert_eq!(o.required_labels, ["owner", "team"]);
        assert_eq!(o.required_annotations, ["runbook"]);
        assert_eq!(o.enabled, ["DW3067", "DW3068"]);
        // nothing named, nothing switched on
        let mut o = LintOptions::default();
        Config::parse("required-labels: []\n").unwrap().0.apply(&mut o);
        assert!(o.enabled.is_empty());
    }

    #[test]
    fn example_header() {
        let c = Config::from_example("# config: {trustedRegistries: [registry.example.com]}\nFROM x\n").unwrap();
        assert_eq!(c.trusted_registries, ["registry.example.com"]);
        assert!(Config::from_example("FROM x\n").is_none());
    }
}
