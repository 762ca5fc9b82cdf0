//! Policies in the CLI: `dockwise input FILE` prints a file's input
//! document, and `dockwise lint --policy DIR` evaluates every `.rego` file
//! under DIR over each file checked, its findings merged with the rules'.

use crate::input::{self, Input};
use crate::output::{emit, esc, note};
use clap::Args;
use dockwise_policy::{Format, Policy, Syntax};
use dockwise_rules::LintResult;
use dockwise_syntax::{detect, FileKind};
use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use walkdir::WalkDir;

fn parse_kind(s: &str) -> Result<FileKind, String> {
    FileKind::parse(s).ok_or_else(|| "expected dockerfile, compose or kubernetes".to_string())
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| "expected dockwise or conftest".to_string())
}

fn parse_syntax(s: &str) -> Result<Syntax, String> {
    Syntax::parse(s).ok_or_else(|| "expected auto, v0 or v1".to_string())
}

/// `dockwise input`.
#[derive(Debug, Args)]
pub struct InputArgs {
    #[arg(value_name = "FILE", help = "the file; - reads standard input")]
    pub file: String,
    #[arg(
        long = "input-format",
        value_name = "FORMAT",
        default_value = "dockwise",
        value_parser = parse_format,
        help = "`dockwise`: the image's configuration (Dockerfile), the Compose file,\n\
                the Kubernetes objects with their pod specs; `conftest`: a Dockerfile's\n\
                instructions as conftest lists them"
    )]
    pub input_format: Format,
    #[arg(long, value_name = "KIND", value_parser = parse_kind, help = "the file's kind (default: from its name, else its content)")]
    pub kind: Option<FileKind>,
    #[arg(long, value_name = "NAME", help = "file name of standard input (for its kind)")]
    pub stdin_name: Option<String>,
}

/// `dockwise lint`'s policy options.
#[derive(Debug, Args, Clone, Default)]
pub struct PolicyArgs {
    #[arg(
        long = "policy",
        value_name = "DIR",
        help = "also evaluate the Rego policies in DIR (every .rego file under it; a\n\
                file works too): the deny, violation and warn rules of every package"
    )]
    pub policy: Vec<String>,
    #[arg(
        long = "input-format",
        value_name = "FORMAT",
        default_value = "dockwise",
        value_parser = parse_format,
        help = "the input document the policies read: `dockwise` (see `dockwise input`), or\n\
                `conftest`: a Dockerfile's instruction list, each YAML document as it is"
    )]
    pub input_format: Format,
    #[arg(
        long = "rego-version",
        value_name = "VERSION",
        default_value = "auto",
        value_parser = parse_syntax,
        help = "the Rego syntax of the policies: v1 (OPA 1.x), v0 (OPA 0.x, `deny[msg] {`),\n\
                or auto: v1 where a file parses as v1, else v0"
    )]
    pub rego_version: Syntax,
}

/// `dockwise input FILE`: the input document as JSON.
pub fn run_input(a: &InputArgs) -> ExitCode {
    let inp = if a.file == "-" {
        Input {
            name: a.stdin_name.clone().unwrap_or_else(|| "-".into()),
            path: None,
        }
    } else {
        Input {
            name: a.file.clone(),
            path: Some(PathBuf::from(&a.file)),
        }
    };
    let source = match input::read(&inp) {
        Ok(s) => s,
        Err(e) => {
            note!("dockwise: cannot read {}: {}", esc(&inp.name), esc(&e));
            return ExitCode::from(2);
        }
    };
    let kind = a.kind.unwrap_or_else(|| detect::detect(Some(&inp.name), &source));
    // conftest's form of a YAML stream: its documents (one: the document)
    let docs = dockwise_policy::inputs(kind, &source, a.input_format);
    let text = match docs.as_slice() {
        [one] => one.to_json_pretty(),
        many => {
            let all: Vec<&serde_json::Value> = many.iter().map(|d| &d.value).collect();
            serde_json::to_string_pretty(&all).unwrap_or_default()
        }
    };
    emit(|out| writeln!(out, "{text}"))
}

/// The `.rego` files of the `--policy` paths, in name order.
fn rego_files(paths: &[String]) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_file() {
            let text = input::read_file(path).map_err(|e| format!("dockwise: cannot read {}: {}", esc(p), esc(&e)))?;
            files.push((p.clone(), text));
            continue;
        }
        if !path.is_dir() {
            return Err(format!("dockwise: no policy folder or file {}", esc(p)));
        }
        let before = files.len();
        for entry in WalkDir::new(path).sort_by_file_name() {
            let e = entry.map_err(|e| format!("dockwise: cannot read {}: {}", esc(p), esc(&e.to_string())))?;
            let name = e.path().display().to_string();
            if !e.file_type().is_file() || !name.ends_with(".rego") {
                continue;
            }
            // conftest's unit tests of policies are not policies
            if name.ends_with("_test.rego") {
                continue;
            }
            let text = input::read_file(e.path())
                .map_err(|err| format!("dockwise: cannot read {}: {}", esc(&name), esc(&err)))?;
            files.push((name, text));
        }
        if files.len() == before {
            return Err(format!("dockwise: no .rego file under {}", esc(p)));
        }
    }
    Ok(files)
}

/// Compiled policies for a lint run.
pub struct Policies(RefCell<Policy>, Format);

impl Policies {
    /// Reads and compiles the policies of `a`; None when none were asked
    /// for. The error is the message to print (one line per policy error,
    /// `file:line:col: policy error: ...`).
    pub fn load(a: &PolicyArgs) -> Result<Option<Policies>, String> {
        if a.policy.is_empty() {
            return Ok(None);
        }
        let files = rego_files(&a.policy)?;
        match Policy::compile(&files, a.rego_version) {
            Ok(p) => Ok(Some(Policies(RefCell::new(p), a.input_format))),
            Err(errors) => Err(errors
                .iter()
                .map(|e| {
                    if e.line > 0 {
                        format!(
                            "{}:{}:{}: policy error: {}",
                            esc(&e.file),
                            e.line,
                            e.column,
                            esc(&e.message)
                        )
                    } else {
                        format!("{}: policy error: {}", esc(&e.file), esc(&e.message))
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")),
        }
    }

    /// Adds the policies' findings on `source` to `result`, in position
    /// order with the rules' findings. The error is the message to print.
    pub fn apply(&self, name: &str, source: &str, kind: FileKind, result: &mut LintResult) -> Result<(), String> {
        if result.blank {
            return Ok(());
        }
        let mut found = Vec::new();
        for doc in dockwise_policy::inputs(kind, source, self.1) {
            let more = self
                .0
                .borrow_mut()
                .evaluate(&doc, source, name)
                .map_err(|e| match e.line {
                    0 => format!("{}: policy error: {}", esc(name), esc(&e.message)),
                    _ => format!(
                        "{}:{}:{}: policy error while checking {}: {}",
                        esc(&e.file),
                        e.line,
                        e.column,
                        esc(name),
                        esc(&e.message)
                    ),
                })?;
            found.extend(more);
        }
        result.findings.extend(dockwise_policy::located::findings(kind, &found));
        result
            .findings
            .sort_by(|a, b| (a.span.start, a.span.end, a.rule.id).cmp(&(b.span.start, b.span.end, b.rule.id)));
        Ok(())
    }
}
