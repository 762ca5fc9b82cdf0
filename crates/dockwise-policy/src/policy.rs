//! Rego policies: compiled with regorus, in Rego v1 or v0 syntax, and
//! evaluated over an input document. A package's `deny`, `violation` and
//! `warn` rules (and `deny_*`, `violation_*`, `warn_*`, as conftest reads
//! them) give findings, in every package, as conftest's `--all-namespaces`.

use crate::input::Input;
use dockwise_rules::Severity;
use dockwise_syntax::Span;
use regorus::Engine;
use serde_json::Value;

/// Which Rego syntax a policy file is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Syntax {
    /// v1 if the file parses as v1, else v0.
    #[default]
    Auto,
    /// OPA 1.x syntax (`deny contains msg if { ... }`).
    V1,
    /// OPA 0.x syntax (`deny[msg] { ... }`).
    V0,
}

impl Syntax {
    pub fn parse(s: &str) -> Option<Syntax> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Syntax::Auto),
            "v1" | "1" => Some(Syntax::V1),
            "v0" | "0" => Some(Syntax::V0),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Syntax::Auto => "auto",
            Syntax::V1 => "v1",
            Syntax::V0 => "v0",
        }
    }
}

/// A policy file that does not compile, or a rule that fails when evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// The file's name as given.
    pub file: String,
    /// 1-based; 0 when regorus named no place.
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl PolicyError {
    /// Reads regorus's error text (`--> file:line:col` then a code frame
    /// and `error: message`).
    fn from_regorus(default_file: &str, err: &impl std::fmt::Display) -> PolicyError {
        let text = err.to_string();
        let mut error = PolicyError {
            file: default_file.to_string(),
            line: 0,
            column: 0,
            message: String::new(),
        };
        if let Some(at) = text.find("--> ") {
            let place = text[at + 4..].lines().next().unwrap_or("");
            let mut parts = place.rsplitn(3, ':');
            let (col, line, file) = (parts.next(), parts.next(), parts.next());
            if let (Some(c), Some(l), Some(f)) = (col, line, file) {
                if let (Ok(l), Ok(c)) = (l.trim().parse(), c.trim().parse()) {
                    error.file = f.to_string();
                    error.line = l;
                    error.column = c;
                }
            }
        }
        let message = text
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix("error: "))
            .map(str::to_string)
            .unwrap_or_else(|| {
                text.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty() && !l.starts_with("-->"))
                    .unwrap_or(&text)
                    .to_string()
            });
        error.message = message;
        error
    }
}

/// One finding of a policy.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyFinding {
    /// The package, without `data.`: `docker.security`.
    pub package: String,
    /// The rule that gave it: `deny`, `violation`, `warn`, `deny_root`...
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// The `path` of an object result, as given.
    pub path: Option<Value>,
    /// Where it sits in the file: the words behind `path`, else line 1.
    pub span: Span,
}

/// Compiled policies, ready to evaluate.
#[derive(Clone)]
pub struct Policy {
    engine: Engine,
    /// Packages as regorus names them (`data.docker.security`), each once,
    /// in the order their files came.
    packages: Vec<String>,
    /// The syntax each file was read in.
    pub syntaxes: Vec<(String, Syntax)>,
}

impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Policy({:?})", self.packages)
    }
}

/// Does the text use a keyword of Rego v1 (`if`, `contains`) or import it?
fn looks_v1(text: &str) -> bool {
    text.contains("import rego.v1")
        || text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .any(|w| w == "if" || w == "contains")
}

/// Is the rule name one whose results are findings?
pub fn is_finding_rule(name: &str) -> Option<Severity> {
    let base = name.split('_').next().unwrap_or(name);
    let plain = name == base || name.len() > base.len() + 1;
    match base {
        "deny" | "violation" if plain => Some(Severity::Error),
        "warn" if plain => Some(Severity::Warning),
        _ => None,
    }
}

impl Policy {
    /// Compiles `files` (name, text). Every file that fails is reported.
    pub fn compile(files: &[(String, String)], syntax: Syntax) -> Result<Policy, Vec<PolicyError>> {
        let mut engine = Engine::new();
        let mut errors = Vec::new();
        let mut syntaxes = Vec::new();
        for (name, text) in files {
            let mut add = |v0: bool| {
                engine.set_rego_v0(v0);
                engine.add_policy(name.clone(), text.clone())
            };
            let result = match syntax {
                Syntax::V1 => add(false).map(|_| Syntax::V1),
                Syntax::V0 => add(true).map(|_| Syntax::V0),
                Syntax::Auto => match add(false) {
                    Ok(_) => Ok(Syntax::V1),
                    Err(v1) => match add(true) {
                        Ok(_) => Ok(Syntax::V0),
                        // report the error of the syntax the file seems to be in
                        Err(v0) => Err(if looks_v1(text) { v1 } else { v0 }),
                    },
                },
            };
            match result {
                Ok(s) => syntaxes.push((name.clone(), s)),
                Err(e) => errors.push(PolicyError::from_regorus(name, &e)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut packages: Vec<String> = Vec::new();
        for p in engine
            .get_packages()
            .map_err(|e| vec![PolicyError::from_regorus("", &e)])?
        {
            if !packages.contains(&p) {
                packages.push(p);
            }
        }
        let mut policy = Policy {
            engine,
            packages,
            syntaxes,
        };
        // a first evaluation reports what only the whole program shows
        // (unsafe variables, conflicting rules, unknown functions)
        let first = files.first().map(|(n, _)| n.as_str()).unwrap_or("");
        policy
            .results(&Value::Object(Default::default()), first)
            .map_err(|e| vec![e])?;
        Ok(policy)
    }

    /// The packages, without `data.`.
    pub fn packages(&self) -> Vec<String> {
        self.packages
            .iter()
            .map(|p| p.strip_prefix("data.").unwrap_or(p).to_string())
            .collect()
    }

    /// The findings of every package's deny, violation and warn rules, in
    /// package order, then rule name, then message.
    fn results(&mut self, input: &Value, file: &str) -> Result<Vec<(String, String, Value)>, PolicyError> {
        self.engine.set_input(regorus::Value::from(input.clone()));
        let mut out = Vec::new();
        for package in self.packages.clone() {
            let results = self
                .engine
                .eval_query(package.clone(), false)
                .map_err(|e| PolicyError::from_regorus(file, &e))?;
            let Some(value) = results
                .result
                .first()
                .and_then(|r| r.expressions.first())
                .map(|e| serde_json::to_value(&e.value).unwrap_or(Value::Null))
            else {
                continue;
            };
            let Value::Object(rules) = value else { continue };
            let short = package.strip_prefix("data.").unwrap_or(&package).to_string();
            for (name, v) in rules {
                if is_finding_rule(&name).is_none() {
                    continue;
                }
                let items = match v {
                    Value::Array(items) => items,
                    Value::Bool(false) | Value::Null => Vec::new(),
                    other => vec![other],
                };
                for item in items {
                    out.push((short.clone(), name.clone(), item));
                }
            }
        }
        Ok(out)
    }

    /// Evaluates every package over `input` (whose places locate the
    /// findings in `source`).
    pub fn evaluate(&mut self, input: &Input, source: &str, file: &str) -> Result<Vec<PolicyFinding>, PolicyError> {
        let line1 = dockwise_syntax::LineIndex::new(source).line_span(source, 0);
        let results = self.results(&input.value, file)?;
        Ok(results
            .into_iter()
            .map(|(package, rule, item)| {
                let (message, path) = match &item {
                    Value::String(s) => (s.clone(), None),
                    Value::Object(o) => {
                        let message = match o.get("msg").or_else(|| o.get("message")) {
                            Some(Value::String(s)) => s.clone(),
                            Some(other) => other.to_string(),
                            None => item.to_string(),
                        };
                        (message, o.get("path").cloned())
                    }
                    Value::Bool(true) => (format!("{package}.{rule}"), None),
                    other => (other.to_string(), None),
                };
                let span = path.as_ref().and_then(|p| input.place_of(p)).unwrap_or(line1);
                PolicyFinding {
                    severity: is_finding_rule(&rule).unwrap_or(Severity::Error),
                    package,
                    rule,
                    message,
                    path,
                    span,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> Vec<(String, String)> {
        vec![("p.rego".to_string(), text.to_string())]
    }

    #[test]
    fn finding_rules() {
        for (name, want) in [
            ("deny", Some(Severity::Error)),
            ("violation", Some(Severity::Error)),
            ("warn", Some(Severity::Warning)),
            ("deny_root", Some(Severity::Error)),
            ("denied", None),
            ("deny_", None),
            ("allow", None),
        ] {
            assert_eq!(is_finding_rule(name), want, "{name}");
        }
    }

    #[test]
    fn v0_and_v1_are_both_read() {
        let v0 = "package a\ndeny[msg] {\n  input.x == 1\n  msg := \"x\"\n}\n";
        let v1 = "package a\ndeny contains msg if {\n  input.x == 1\n  msg := \"x\"\n}\n";
        assert_eq!(
            Policy::compile(&files(v0), Syntax::Auto).unwrap().syntaxes[0].1,
            Syntax::V0
        );
        assert_eq!(
            Policy::compile(&files(v1), Syntax::Auto).unwrap().syntaxes[0].1,
            Syntax::V1
        );
        assert!(Policy::compile(&files(v0), Syntax::V1).is_err());
        assert!(Policy::compile(&files(v1), Syntax::V0).is_err());
    }

    #[test]
    fn errors_name_their_line() {
        let bad = "package a\n\ndeny contains msg if {\n  input.x ==\n}\n";
        let e = Policy::compile(&files(bad), Syntax::Auto).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].file.as_str(), e[0].line), ("p.rego", 5), "{e:?}");
        assert!(!e[0].message.is_empty());
        assert!(e[0].to_string().starts_with("p.rego:5:"), "{}", e[0]);
        // a v0 file's error is reported as v0 read it
        let bad = "package a\ndeny[msg] {\n  msg := \n}\n";
        let e = Policy::compile(&files(bad), Syntax::Auto).unwrap_err();
        assert_eq!(e, Policy::compile(&files(bad), Syntax::V0).unwrap_err());
        assert!(e[0].line > 0, "{e:?}");
        // an unsafe variable shows only when the program is put together
        let bad = "package a\ndeny contains msg if {\n  x == 1\n  msg := \"m\"\n}\n";
        let e = Policy::compile(&files(bad), Syntax::Auto).unwrap_err();
        assert!(e[0].line >= 2, "{e:?}");
    }

    #[test]
    fn results_are_strings_or_objects_with_a_path() {
        let text = "FROM python:latest\nUSER root\n";
        let input = crate::input::input(
            dockwise_syntax::FileKind::Dockerfile,
            text,
            crate::input::Format::Dockwise,
        );
        let rego = "package t\n\
            deny contains {\"msg\": \"root\", \"path\": \"User\"} if input.User == \"root\"\n\
            warn contains \"latest\" if input.Image.tag == \"latest\"\n\
            violation contains {\"msg\": \"tag\", \"path\": [\"Image\", \"tag\"]} if input.Image.tag == \"latest\"\n\
            deny_nothing contains \"never\" if input.User == \"nobody\"\n";
        let mut p = Policy::compile(&files(rego), Syntax::Auto).unwrap();
        let f = p.evaluate(&input, text, "Dockerfile").unwrap();
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.rule.as_str(), f.severity, f.message.as_str(), f.span.text(text)))
            .collect();
        assert_eq!(
            got,
            [
                ("deny", Severity::Error, "root", "root"),
                ("violation", Severity::Error, "tag", "latest"),
                ("warn", Severity::Warning, "latest", "FROM python:latest"),
            ]
        );
        assert!(f.iter().all(|f| f.package == "t"));
    }
}
