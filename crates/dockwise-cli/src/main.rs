//! `dockwise`: the command-line face of dockwise-rules.

mod args;
mod config;
mod docs;
mod input;
mod output;
mod overlay;
mod policy;

use args::{Cli, Command, Format, LintArgs, LintFormat, RulesArgs};
use clap::{CommandFactory, Parser};
use dockwise_rules::card::Entry;
use dockwise_rules::fix;
use dockwise_rules::report::ci::CheckedFile;
use dockwise_rules::report::{self, checkstyle, github, gitlab, sarif, terminal, Located};
use dockwise_rules::{lint, LintOptions, LintResult, Rule, Severity};
use dockwise_syntax::{detect, FileKind};
use input::Input;
use output::{emit, esc, note, write_failed, ReportFile, Stdout};
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    // usage errors: a message on stderr, exit 2; --help, --version: stdout, exit 0
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    let Some(cmd) = cli.command else {
        let help = Cli::command().render_help().to_string();
        return emit(|out| out.write_all(help.as_bytes()));
    };
    match cmd {
        Command::Version => emit(|out| writeln!(out, "dockwise {}", env!("CARGO_PKG_VERSION"))),
        Command::Rules(a) => emit(|out| rules(out, &a)),
        Command::Samples => emit(samples),
        Command::Input(a) => policy::run_input(&a),
        Command::Rule { id } => match dockwise_rules::rules::find(&id) {
            Some(r) => emit(|out| out.write_all(docs::render(r).as_bytes())),
            None => {
                note!("dockwise: no rule named `{}` (see `dockwise rules`)", esc(&id));
                ExitCode::from(2)
            }
        },
        Command::Lint(a) => run_lint(&a),
        Command::Completions { shell } => emit(|out| {
            clap_complete::generate(shell, &mut Cli::command(), "dockwise", out);
            Ok(())
        }),
        Command::Man { subcommand } => {
            let top = Cli::command();
            let page = match &subcommand {
                None => top,
                // each page named `dockwise-lint` and so on, as `man dockwise-lint` finds it
                Some(name) => match MAN_PAGES.iter().find(|(s, _)| s == name).and_then(|(s, page)| {
                    top.find_subcommand(s).map(|sub| {
                        sub.clone()
                            .name(*page)
                            .version(env!("CARGO_PKG_VERSION"))
                            .disable_version_flag(true)
                    })
                }) {
                    Some(sub) => sub,
                    None => {
                        note!("dockwise: no subcommand `{}` (see `dockwise --help`)", esc(name));
                        return ExitCode::from(2);
                    }
                },
            };
            emit(|out| clap_mangen::Man::new(page).render(out))
        }
        Command::Lsp { .. } => match dockwise_lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                note!("dockwise lsp: {}", esc(&e.to_string()));
                ExitCode::from(2)
            }
        },
    }
}

/// The subcommands with a manual page of their own, and its name.
const MAN_PAGES: &[(&str, &str)] = &[
    ("lint", "dockwise-lint"),
    ("rules", "dockwise-rules"),
    ("rule", "dockwise-rule"),
    ("samples", "dockwise-samples"),
    ("input", "dockwise-input"),
    ("completions", "dockwise-completions"),
    ("lsp", "dockwise-lsp"),
];

/// clap's answer when it does not parse: help and version on stdout (exit
/// 0), errors on stderr (exit 2), the arguments they quote escaped.
fn clap_error(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    if e.use_stderr() {
        let _ = write!(io::stderr().lock(), "{}", terminal::escape_lines(&text));
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
    } else {
        emit(|out| out.write_all(text.as_bytes()))
    }
}

fn samples(out: &mut Stdout) -> io::Result<()> {
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
    serde_json::to_writer(&mut *out, &rows)?;
    writeln!(out)
}

fn rules(out: &mut Stdout, a: &RulesArgs) -> io::Result<()> {
    let all: Vec<_> = dockwise_rules::rules::all().collect();
    match a.format {
        Format::Json => {
            let rows: Vec<Entry> = all.iter().map(|r| Entry::of(r, a.with_docs)).collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        Format::Text => {
            for r in all {
                let fix = match r.fixes {
                    dockwise_rules::Fixes::No => "-",
                    f => f.as_str(),
                };
                writeln!(
                    out,
                    "{:<7} {:<8} {:<11} {:<10} {:<28} {}",
                    r.id,
                    r.severity.as_str(),
                    r.kind.as_str(),
                    fix,
                    esc(r.name),
                    esc(r.title)
                )?;
            }
        }
    }
    Ok(())
}

fn run_lint(a: &LintArgs) -> ExitCode {
    if a.unsafe_fixes && a.fix_level().is_none() {
        note!(
            "dockwise: --unsafe-fixes needs --fix or --diff\n\n{}",
            args::lint_usage()
        );
        return ExitCode::from(2);
    }
    if a.report_suppressed && a.format != LintFormat::Sarif {
        note!(
            "dockwise: --report-suppressed needs --format sarif\n\n{}",
            args::lint_usage()
        );
        return ExitCode::from(2);
    }
    let mut inputs = Vec::new();
    let mut io_error = false;
    let paths: Vec<String> = if a.paths.is_empty() {
        if Path::new("Dockerfile").is_file() {
            vec!["Dockerfile".into()]
        } else {
            note!(
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
            if !input::collect(Path::new(p), &mut inputs, yaml_kind) {
                io_error = true;
            }
        } else {
            inputs.push(Input {
                name: p.clone(),
                path: Some(p.into()),
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
            let path = loaded.path.display().to_string();
            if a.verbose {
                note!("dockwise: using config {}", esc(&path));
            }
            for w in &loaded.warnings {
                note!(
                    "{}:{}:{}: config warning: {}",
                    esc(&path),
                    w.line,
                    w.column,
                    esc(&w.message)
                );
            }
            loaded.config.apply(&mut options);
            if let (Some(t), false) = (loaded.config.failure_threshold, a.threshold_given()) {
                threshold = t;
            }
        }
        Ok(None) => {
            if a.verbose {
                note!("dockwise: no config file found");
            }
        }
        Err(e) => {
            note!("{e}");
            return ExitCode::from(2);
        }
    }
    // the report's file, made before anything is checked (or fixed), so an
    // unwritable path fails first
    let mut report_file = match &a.output {
        Some(path) => match ReportFile::create(path) {
            Ok(f) => Some(f),
            Err(e) => {
                note!("dockwise: cannot write {}: {}", esc(path), esc(&e.to_string()));
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let color = match (a.color(), &report_file) {
        (Some(c), _) => c,
        (None, Some(_)) => false,
        (None, None) => std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal(),
    };

    let policies = match policy::Policies::load(&a.policy) {
        Ok(p) => p,
        Err(e) => {
            note!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut out = Stdout::new();
    let run = Run {
        policies,
        args: a,
        options: &options,
        color,
        flush_each: io::stdout().is_terminal(),
        terminal: io::stdout().is_terminal(),
    };
    match run.all(&mut out, &mut report_file, &inputs) {
        Ok(done) => {
            if done.unparsable || io_error || done.io_error {
                ExitCode::from(2)
            } else if a.diff {
                // --diff: 1 when there is something to change
                ExitCode::from(u8::from(done.changed > 0))
            } else if threshold.is_some_and(|t| done.tally.any_at_or_above(t)) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => write_failed(&e),
    }
}

/// One `dockwise lint` run over its inputs.
struct Run<'a> {
    /// `--policy`: Rego policies evaluated over every file.
    policies: Option<policy::Policies>,
    args: &'a LintArgs,
    /// The options of every file (the config's included).
    options: &'a LintOptions,
    color: bool,
    /// Flush after each file (a terminal shows each file's findings when they are found).
    flush_each: bool,
    /// Standard output is a terminal: file text shown there (a diff, a fixed
    /// text) has its control characters escaped.
    terminal: bool,
}

/// What a run found.
#[derive(Default)]
struct Done {
    tally: Tally,
    unparsable: bool,
    io_error: bool,
    /// Fixes applied (or, with --diff, that would be).
    fixed: usize,
    /// Files the fixes changed (or would change).
    changed: usize,
    /// Standard input was fixed: its text went to standard output, so no
    /// report does (unless it goes to --output's file).
    fixed_stdin: bool,
    /// The kinds of the files checked (for the rules that ran).
    kinds: Vec<FileKind>,
}

/// Findings counted by severity, in the order of [`Severity::ALL`].
#[derive(Default)]
struct Tally([usize; 4]);

impl Tally {
    fn add(&mut self, s: Severity) {
        if let Some(i) = Severity::ALL.iter().position(|x| *x == s) {
            self.0[i] += 1;
        }
    }

    fn any_at_or_above(&self, t: Severity) -> bool {
        Severity::ALL
            .iter()
            .zip(self.0)
            .any(|(s, n)| n > 0 && s.rank() >= t.rank())
    }
}

impl Run<'_> {
    /// File text for standard output: as it is, unless that is a terminal.
    fn shown<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if self.terminal {
            terminal::escape_text(text)
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    /// The rules that ran on files of these kinds.
    fn ran(&self, kinds: &[FileKind]) -> Vec<&'static Rule> {
        dockwise_rules::rules::all()
            .filter(|r| kinds.contains(&r.kind) && r.is_enabled(self.options))
            .collect()
    }

    /// Checks every input, writing each file's text or JSON report to
    /// `out`, or to `file` (`--output`), as it is done; the CI formats are
    /// written at the end. Errors are write errors on either.
    fn all(&self, out: &mut Stdout, file: &mut Option<ReportFile>, inputs: &[Input]) -> io::Result<Done> {
        let mut done = Done::default();
        let mut json = (self.args.format == LintFormat::Json).then(JsonArray::default);
        // the files of a CI format, written when all are checked
        let mut ci_files: Vec<CheckedFile> = Vec::new();
        let to_file = file.is_some();
        for input in inputs {
            let source = match input::read(input) {
                Ok(s) => s,
                Err(e) => {
                    out.flush()?;
                    note!("dockwise: cannot read {}: {}", esc(&input.name), esc(&e));
                    done.io_error = true;
                    continue;
                }
            };
            let mut file_options = self.options.clone();
            let kind = self
                .options
                .kind
                .unwrap_or_else(|| detect::detect(Some(&input.name), &source));
            file_options.kind = Some(kind);
            if !done.kinds.contains(&kind) {
                done.kinds.push(kind);
            }
            // the build context's .dockerignore beside the file, else the config's patterns;
            // a file from disk with neither has a context known to have none (DW1033)
            if kind == FileKind::Dockerfile {
                if let Some(path) = input.path.as_deref() {
                    match input::dockerignore_for(path) {
                        Some(found) => {
                            file_options.dockerignore = Some(found);
                            file_options.no_dockerignore = false;
                        }
                        None if file_options.dockerignore.is_none() && !input::has_dockerignore(path) => {
                            file_options.no_dockerignore = true;
                        }
                        None => {}
                    }
                }
            }
            // Compose: the .env beside the file decides `${VAR}`s (its values are never printed)
            if let (FileKind::Compose, Some(path), false) = (kind, input.path.as_deref(), self.args.no_env) {
                file_options.compose_env = input::dot_env_for(path).unwrap_or_default();
            }
            let opts = &file_options;
            let checked = match self.args.fix_level() {
                None => std::panic::catch_unwind(|| lint(&source, opts)).map(|r| (None, r)),
                Some(level) => std::panic::catch_unwind(|| fix::fix(&source, opts, level)).map(|f| {
                    let result = f.result;
                    (Some((f.text, f.applied.len())), result)
                }),
            };
            let (fixed_text, result) = match checked {
                Ok(r) => r,
                Err(_) => {
                    out.flush()?;
                    note!(
                        "dockwise: internal error while checking {}; please report it with the file",
                        esc(&input.name)
                    );
                    done.io_error = true;
                    continue;
                }
            };
            let (source, result) = match fixed_text {
                None => (source, result),
                Some((text, applied)) => {
                    if text != source {
                        done.fixed += applied;
                        done.changed += 1;
                    }
                    if self.args.diff {
                        let diff = fix::unified_diff(&source, &text, &input.name);
                        out.write_all(self.shown(&diff).as_bytes())?;
                        continue;
                    }
                    match &input.path {
                        None => {
                            // --fix -: the fixed text is the output
                            out.write_all(self.shown(&text).as_bytes())?;
                            done.fixed_stdin = true;
                        }
                        Some(path) if text != source => {
                            if let Err(e) = std::fs::write(path, &text) {
                                out.flush()?;
                                note!("dockwise: cannot write {}: {}", esc(&input.name), esc(&e.to_string()));
                                done.io_error = true;
                            }
                        }
                        Some(_) => {}
                    }
                    (text, result)
                }
            };
            if result.has_syntax_errors() {
                out.flush()?;
                for f in result.findings.iter().filter(|f| f.is_syntax_error()) {
                    let p = result.position(&source, f.span.start);
                    note!(
                        "{}:{}:{}: syntax error: {}",
                        esc(&input.name),
                        p.line,
                        p.column,
                        esc(&f.message)
                    );
                }
                done.unparsable = true;
            }
            let mut result = result;
            // Compose: judged with the override beside it merged (not when fixing: fixes edit one file)
            if let (FileKind::Compose, Some(path), None, false) = (
                kind,
                input.path.as_deref(),
                self.args.fix_level(),
                self.args.no_override,
            ) {
                let paths: Vec<&Path> = inputs.iter().filter_map(|i| i.path.as_deref()).collect();
                overlay::adjust(path, &source, &mut result, opts, &paths);
            }
            if let Some(p) = &self.policies {
                if let Err(e) = p.apply(&input.name, &source, kind, &mut result) {
                    out.flush()?;
                    note!("{e}");
                    done.io_error = true;
                }
            }
            let mut w = sink(out, file);
            match (&mut json, self.args.format) {
                _ if done.fixed_stdin && !to_file => {}
                (Some(json), _) => {
                    for item in report::located(&input.name, &source, &result) {
                        json.item(&mut w, &item)?;
                    }
                }
                (None, LintFormat::Text) => report::write_text(&mut w, &input.name, &source, &result, self.color)?,
                (None, _) => {
                    let suppressed = if self.args.report_suppressed {
                        silenced(&input.name, &source, opts, &result)
                    } else {
                        Vec::new()
                    };
                    ci_files.push(CheckedFile {
                        findings: report::located(&input.name, &source, &result),
                        name: input.name.clone(),
                        source,
                        suppressed,
                    });
                }
            }
            if self.flush_each {
                out.flush()?;
            }
            for f in &result.findings {
                done.tally.add(f.severity);
            }
        }
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut summary = summary(&done.tally, inputs.len());
        if self.args.fix && done.fixed > 0 {
            summary.push_str(&format!(
                "\nFixed {} in {}.",
                plural(done.fixed, "finding"),
                plural(done.changed, "file")
            ));
        }
        let mut w = sink(out, file);
        match (json, self.args.format) {
            _ if (done.fixed_stdin && !to_file) || self.args.diff => {}
            (Some(json), _) => json.finish(&mut w)?,
            (None, LintFormat::Text) if !self.args.quiet => writeln!(w, "{summary}")?,
            (None, LintFormat::Text | LintFormat::Json) => {}
            (None, LintFormat::Sarif) => {
                let run = sarif::Run {
                    rules: &self.ran(&done.kinds),
                    suppressions: self.args.report_suppressed,
                };
                sarif::write(&mut w, &ci_files, &run)?;
            }
            (None, LintFormat::Checkstyle) => checkstyle::write(&mut w, &ci_files)?,
            (None, LintFormat::Github) => github::write(&mut w, &ci_files)?,
            (None, LintFormat::Gitlab) => gitlab::write(&mut w, &ci_files)?,
        }
        if let Some(f) = file {
            f.flush()?;
            // the terminal says what the file holds (standard output that
            // carries a fixed text gets nothing)
            if !self.args.quiet && !done.fixed_stdin {
                let path = self.args.output.as_deref().unwrap_or_default();
                writeln!(out, "{summary}\nReport written to {}.", esc(path))?;
            }
        }
        out.flush()?;
        Ok(done)
    }
}

/// Where the report goes: the `--output` file, else standard output.
fn sink<'a>(out: &'a mut Stdout, file: &'a mut Option<ReportFile>) -> &'a mut dyn Write {
    match file {
        Some(f) => f,
        None => out,
    }
}

/// The findings of `source` that ignore comments silence: those a run
/// without pragmas finds and `kept` (the run with them) does not. The
/// engine drops silenced findings, so this checks the file a second time.
fn silenced(name: &str, source: &str, options: &LintOptions, kept: &LintResult) -> Vec<Located> {
    let mut o = options.clone();
    o.disable_pragmas = true;
    let Ok(all) = std::panic::catch_unwind(|| lint(source, &o)) else {
        return Vec::new();
    };
    let key = |f: &dockwise_rules::Finding| (f.rule.id, f.span.start, f.span.end);
    let kept: std::collections::HashSet<_> = kept.findings.iter().map(key).collect();
    let result = LintResult {
        findings: all.findings.into_iter().filter(|f| !kept.contains(&key(f))).collect(),
        ..all
    };
    report::located(name, source, &result)
}

/// The JSON array of findings, written one finding at a time (the same
/// text as `serde_json::to_string_pretty` of the whole array).
#[derive(Default)]
struct JsonArray {
    open: bool,
}

impl JsonArray {
    fn item(&mut self, out: &mut impl Write, item: &Located) -> io::Result<()> {
        let text = serde_json::to_vec_pretty(item)?;
        out.write_all(if self.open { b",\n  " } else { b"[\n  " })?;
        self.open = true;
        // indented one level: a JSON string holds no raw line break
        for (i, line) in text.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n  ")?;
            }
            out.write_all(line)?;
        }
        Ok(())
    }

    fn finish(self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(if self.open { b"\n]\n" } else { b"[]\n" })
    }
}

fn summary(tally: &Tally, files: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let total: usize = tally.0.iter().sum();
    if total == 0 {
        return format!("No findings in {}.", plural(files, "file"));
    }
    let parts: Vec<String> = Severity::ALL
        .iter()
        .zip(tally.0)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| match s {
            Severity::Info | Severity::Style => format!("{n} {}", s.as_str()),
            _ => plural(n, s.as_str()),
        })
        .collect();
    format!(
        "{} ({}) in {}.",
        plural(total, "finding"),
        parts.join(", "),
        plural(files, "file")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streamed_json_is_the_pretty_array() {
        let src = "FROM python:latest\nRUN apt-get install curl\n";
        let result = lint(src, &LintOptions::default());
        let items = report::located("a\nb\u{1b}", src, &result);
        assert!(items.len() > 2);
        for n in [0, 1, items.len()] {
            let mut json = JsonArray::default();
            let mut out = Vec::new();
            for item in &items[..n] {
                json.item(&mut out, item).unwrap();
            }
            json.finish(&mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                format!("{}\n", report::json(&items[..n]))
            );
        }
    }

    #[test]
    fn the_summary_counts_by_severity() {
        let mut t = Tally::default();
        assert_eq!(summary(&t, 2), "No findings in 2 files.");
        for s in [Severity::Warning, Severity::Info, Severity::Info, Severity::Error] {
            t.add(s);
        }
        assert_eq!(summary(&t, 1), "4 findings (1 error, 1 warning, 2 info) in 1 file.");
        assert!(t.any_at_or_above(Severity::Error));
        let mut t = Tally::default();
        t.add(Severity::Style);
        assert!(!t.any_at_or_above(Severity::Info) && t.any_at_or_above(Severity::Style));
    }
}
