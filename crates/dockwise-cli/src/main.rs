//! `dockwise`: the command-line face of dockwise-rules.

mod args;
mod config;
mod docs;

use args::{Cli, Command, Format, LintArgs, RulesArgs};
use clap::{CommandFactory, Parser};
use dockwise_rules::card::Entry;
use dockwise_rules::report::{self, Located};
use dockwise_rules::{lint, LintOptions};
use dockwise_syntax::{detect, FileKind};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    // usage errors: a message on stderr, exit 2; --help, --version: stdout, exit 0
    let Some(cmd) = Cli::parse().command else {
        let _ = Cli::command().print_help();
        return ExitCode::SUCCESS;
    };
    match cmd {
        Command::Version => {
            println!("dockwise {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::Rules(a) => rules(&a),
        Command::Samples => {
            #[derive(serde::Serialize)]
            struct Row {
                id: &'static str,
                title: &'static str,
                kind: &'static str,
                text: &'static str,
            }
            let rows: Vec<Row> = dockwise_rules::samples::SAMPLES
                .iter()
                .map(|s| Row {
                    id: s.id,
                    title: s.title,
                    kind: s.kind.as_str(),
                    text: s.text,
                })
                .collect();
            println!("{}", serde_json::to_string(&rows).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Command::Rule { id } => match dockwise_rules::rules::find(&id) {
            Some(r) => {
                print!("{}", docs::render(r));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("dockwise: no rule named `{id}` (see `dockwise rules`)");
                ExitCode::from(2)
            }
        },
        Command::Lint(a) => run_lint(&a),
    }
}

fn rules(a: &RulesArgs) -> ExitCode {
    let all: Vec<_> = dockwise_rules::rules::all().collect();
    match a.format {
        Format::Json => {
            let rows: Vec<Entry> = all.iter().map(|r| Entry::of(r, a.with_docs)).collect();
            println!("{}", serde_json::to_string_pretty(&rows).unwrap_or_default());
        }
        Format::Text => {
            for r in all {
                println!(
                    "{:<7} {:<8} {:<11} {:<28} {}",
                    r.id,
                    r.severity.as_str(),
                    r.kind.as_str(),
                    r.name,
                    r.title
                );
            }
        }
    }
    ExitCode::SUCCESS
}

/// One input: a path, or `-` for standard input.
struct Input {
    name: String,
    path: Option<PathBuf>,
}

/// Files to check in a folder: Dockerfiles and compose files by name, and
/// every YAML file when `yaml_kind` (`--kind kubernetes` or `compose`).
fn collect(dir: &Path, out: &mut Vec<Input>, yaml_kind: bool) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') && name != ".dockerfile" || matches!(name.as_str(), "node_modules" | "target") {
            continue;
        }
        if p.is_dir() {
            collect(&p, out, yaml_kind)?;
        } else if detect::from_name(&name).is_some()
            || (yaml_kind && (name.ends_with(".yaml") || name.ends_with(".yml")))
        {
            out.push(Input {
                name: p.display().to_string(),
                path: Some(p),
            });
        }
    }
    Ok(())
}

fn run_lint(a: &LintArgs) -> ExitCode {
    let mut inputs = Vec::new();
    let mut io_error = false;
    let paths: Vec<String> = if a.paths.is_empty() {
        if Path::new("Dockerfile").is_file() {
            vec!["Dockerfile".into()]
        } else {
            eprintln!(
                "dockwise: no file given and no ./Dockerfile here (use `-` to read standard input)\n\n{}",
                args::lint_usage()
            );
            return ExitCode::from(2);
        }
    } else {
        a.paths.clone()
    };
    for p in &paths {
        if p == "-" {
            inputs.push(Input {
                name: a.stdin_name.clone().unwrap_or_else(|| "-".into()),
                path: None,
            });
        } else if Path::new(p).is_dir() {
            let yaml_kind = matches!(a.kind, Some(FileKind::Compose | FileKind::Kubernetes));
            if let Err(e) = collect(Path::new(p), &mut inputs, yaml_kind) {
                eprintln!("dockwise: cannot read {p}: {e}");
                io_error = true;
            }
        } else {
            inputs.push(Input {
                name: p.clone(),
                path: Some(PathBuf::from(p)),
            });
        }
    }

    let mut options = LintOptions {
        kind: a.kind,
        ignored: a.ignored(),
        disable_pragmas: a.no_pragmas,
        trusted_registries: a.trusted_registries.clone(),
        enabled: a.enabled(),
        ..Default::default()
    };
    let mut threshold = a.threshold();
    match config::load(a.config.as_deref()) {
        Ok(Some(loaded)) => {
            if a.verbose {
                eprintln!("dockwise: using config {}", loaded.path.display());
            }
            for w in &loaded.warnings {
                eprintln!(
                    "{}:{}:{}: config warning: {}",
                    loaded.path.display(),
                    w.line,
                    w.column,
                    w.message
                );
            }
            loaded.config.apply(&mut options);
            if let (Some(t), false) = (loaded.config.failure_threshold, a.threshold_given()) {
                threshold = t;
            }
        }
        Ok(None) => {
            if a.verbose {
                eprintln!("dockwise: no config file found");
            }
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    let color = match a.color() {
        Some(c) => c,
        None => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    };

    let mut all: Vec<Located> = Vec::new();
    let mut text = String::new();
    let mut unparsable = false;
    for input in &inputs {
        let source = match read(input) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("dockwise: cannot read {}: {e}", input.name);
                io_error = true;
                continue;
            }
        };
        // the build context's .dockerignore: `<file>.dockerignore`, else `.dockerignore` beside it
        let mut file_options = options.clone();
        let kind = options
            .kind
            .unwrap_or_else(|| detect::detect(Some(&input.name), &source));
        file_options.kind = Some(kind);
        if kind == FileKind::Dockerfile {
            file_options.dockerignore = input.path.as_deref().and_then(dockerignore_for);
        }
        let opts = &file_options;
        let result = match std::panic::catch_unwind(|| lint(&source, opts)) {
            Ok(r) => r,
            Err(_) => {
                eprintln!(
                    "dockwise: internal error while checking {}; please report it with the file",
                    input.name
                );
                io_error = true;
                continue;
            }
        };
        for f in result.findings.iter().filter(|f| f.is_syntax_error()) {
            let p = result.position(&source, f.span.start);
            eprintln!("{}:{}:{}: syntax error: {}", input.name, p.line, p.column, f.message);
            unparsable = true;
        }
        if a.format == Format::Text {
            text.push_str(&report::text(&input.name, &source, &result, color));
        }
        all.extend(report::located(&input.name, &source, &result));
    }

    let mut stdout = std::io::stdout().lock();
    match a.format {
        Format::Json => {
            let _ = writeln!(stdout, "{}", report::json(&all));
        }
        Format::Text => {
            let _ = write!(stdout, "{text}");
            if !a.quiet {
                let _ = writeln!(stdout, "{}", summary(&all, inputs.len()));
            }
        }
    }

    if unparsable || io_error {
        return ExitCode::from(2);
    }
    let failing = match threshold {
        None => false,
        Some(t) => all.iter().any(|f| f.severity.rank() >= t.rank()),
    };
    if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The `.dockerignore` that applies to a Dockerfile, if any.
fn dockerignore_for(path: &Path) -> Option<String> {
    let own = path
        .file_name()
        .map(|n| format!("{}.dockerignore", n.to_string_lossy()));
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    own.map(|o| dir.join(o))
        .into_iter()
        .chain(std::iter::once(dir.join(".dockerignore")))
        .find(|p| p.is_file())
        .and_then(|p| std::fs::read_to_string(p).ok())
}

fn summary(all: &[Located], files: usize) -> String {
    let count = |s: &str| all.iter().filter(|f| f.severity.as_str() == s).count();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if all.is_empty() {
        return format!("No findings in {}.", plural(files, "file"));
    }
    let parts: Vec<String> = [
        ("error", "error"),
        ("warning", "warning"),
        ("info", "info"),
        ("style", "style"),
    ]
    .iter()
    .filter(|(s, _)| count(s) > 0)
    .map(|(s, w)| {
        if *s == "info" || *s == "style" {
            format!("{} {w}", count(s))
        } else {
            plural(count(s), w)
        }
    })
    .collect();
    format!(
        "{} ({}) in {}.",
        plural(all.len(), "finding"),
        parts.join(", "),
        plural(files, "file")
    )
}

fn read(input: &Input) -> std::io::Result<String> {
    let bytes = match &input.path {
        Some(p) => std::fs::read(p)?,
        None => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b)?;
            b
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        )
    })
}
