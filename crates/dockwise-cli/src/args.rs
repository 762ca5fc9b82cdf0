//! Command-line arguments, parsed with clap (derive). The same definitions
//! write `--help` and are what the README's table of `lint` options is
//! checked against (see the tests at the end).

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand, ValueEnum};
use dockwise_rules::Severity;
use dockwise_syntax::FileKind;
use std::ffi::OsStr;

const AFTER_HELP: &str = "\
Run `dockwise lint --help` for the lint options, the failure threshold and
the config file search order.

Exit status: 0 success (lint: nothing at or above the failure threshold),
1 lint found something at or above it, 2 a usage error, a file that cannot
be read or parsed, or output that cannot be written.";

const LINT_AFTER_HELP: &str = "\
A folder is searched for Dockerfiles and compose files (with --kind compose or
kubernetes, for every YAML file too), leaving out hidden entries, node_modules
and target, and not following symbolic links to folders; - reads standard
input. With no PATH, ./Dockerfile is checked. Only regular files are read
(FIFOs and devices are skipped in folders, refused when named), each of at
most 8 MB.

Without --config, settings come from the first of ./.dockwise.yaml,
./.hadolint.yaml, $XDG_CONFIG_HOME/dockwise.yaml, $XDG_CONFIG_HOME/hadolint.yaml
($XDG_CONFIG_HOME defaults to ~/.config), ~/.hadolint/hadolint.yaml,
~/hadolint/config.yaml, ~/.hadolint.yaml (.yml works too for each).
--failure-threshold beats the file's failure-threshold.

Exit status: 0 nothing at or above the failure threshold, 1 something is,
2 a usage error, a file that cannot be read or parsed, or output that cannot
be written.";

/// `dockwise`: the whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "dockwise",
    version,
    about = "Lint Dockerfiles, Compose files and Kubernetes manifests",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check Dockerfiles, Compose files and Kubernetes manifests
    #[command(after_help = LINT_AFTER_HELP, next_line_help = true)]
    Lint(LintArgs),
    /// List every rule: id, severity, kind, name and title
    Rules(RulesArgs),
    /// Explain one rule: the text the playground's card shows
    Rule {
        /// the rule's id, name or alias, e.g. DL3007 or latest-tag
        #[arg(value_name = "ID|NAME")]
        id: String,
    },
    /// The playground's sample files, as JSON
    Samples,
    /// Print a file's input document for policies (JSON): a Dockerfile's image configuration, a Compose file, Kubernetes objects
    Input(crate::policy::InputArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): `dockwise man > dockwise.1`, `dockwise man lint > dockwise-lint.1`
    Man {
        /// a subcommand's page instead of the overview (lint, rules, rule, samples, completions, lsp)
        #[arg(value_name = "SUBCOMMAND")]
        subcommand: Option<String>,
    },
    /// Run the language server (LSP) over standard input and output, for editors
    Lsp {
        /// accepted for clients that pass it; stdio is the only transport
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Print version
    #[command(hide = true)]
    Version,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[value(alias = "tty")]
    Text,
    Json,
}

/// `dockwise lint --format`: the `rules` formats and the CI report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    #[value(alias = "tty")]
    Text,
    Json,
    // SARIF 2.1.0 (GitHub code scanning, Azure DevOps)
    Sarif,
    // checkstyle XML (Jenkins, reviewdog)
    Checkstyle,
    // GitHub Actions workflow commands (annotations)
    #[value(alias = "github-actions")]
    Github,
    // GitLab Code Quality JSON (hadolint calls it gitlab_codeclimate)
    #[value(aliases = ["gitlab_codeclimate", "gitlab-codeclimate", "codequality"])]
    Gitlab,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = Format::Text, help = "output format")]
    pub format: Format,
    #[arg(long, help = "with --format json: each rule's docs and quiz too")]
    pub with_docs: bool,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[arg(
        value_name = "PATH",
        help = "files or folders to check; - reads standard input (default: ./Dockerfile)"
    )]
    pub paths: Vec<String>,
    #[arg(
        short,
        long,
        value_enum,
        value_name = "FORMAT",
        default_value_t = LintFormat::Text,
        help = "output format: `text` shows each source line with the span underlined,\n\
                `json` is an array of findings; for CI: `sarif` (SARIF 2.1.0, for code\n\
                scanning), `checkstyle` (XML), `github` (workflow commands: annotations),\n\
                `gitlab` (Code Quality JSON)"
    )]
    pub format: LintFormat,
    #[arg(
        short,
        long,
        value_name = "FILE",
        conflicts_with = "diff",
        help = "write the report to FILE; standard output then shows only the summary and\n\
                the file's name (nothing with --quiet)"
    )]
    pub output: Option<String>,
    #[arg(
        long = "report-suppressed",
        conflicts_with = "no_pragmas",
        help = "with --format sarif: also report the findings that ignore comments\n\
                silence, marked as suppressed (they never change the exit status)"
    )]
    pub report_suppressed: bool,
    #[arg(
        short = 't',
        long = "failure-threshold",
        value_name = "LEVEL",
        value_parser = threshold_parser(),
        help = "exit 1 when a finding is at or above this level (default: the config\n\
                file's `failure-threshold`, else `warning`);\n\
                `none` never fails"
    )]
    failure_threshold: Option<Threshold>,
    #[arg(
        long,
        value_name = "KIND",
        value_parser = kind_parser(),
        help = "treat every input as this kind (default: from the file name, else\n\
                from the content)"
    )]
    pub kind: Option<FileKind>,
    #[arg(
        long,
        value_name = "RULE",
        value_parser = rule_names,
        help = "switch a rule off (id, name or alias such as kube-linter's `host-network`;\n\
                repeatable, or comma-separated)"
    )]
    ignore: Vec<RuleNames>,
    #[arg(
        long,
        value_name = "RULE",
        value_parser = rule_names,
        help = "switch on a rule that is off by default (repeatable, or comma-separated)"
    )]
    enable: Vec<RuleNames>,
    #[arg(
        long = "trusted-registry",
        value_name = "REG",
        help = "allow FROM only from these registries (DL3026; repeatable)"
    )]
    pub trusted_registries: Vec<String>,
    #[arg(
        short,
        long,
        value_name = "FILE",
        help = "read settings from FILE (default: the first config file found, see below)"
    )]
    pub config: Option<String>,
    #[arg(
        long,
        help = "do not honour ignore comments (`# dockwise ignore=...`, hadolint's...)"
    )]
    pub no_pragmas: bool,
    #[arg(
        long,
        help = "Compose: do not read the `.env` file beside a compose file (its values decide `${VAR}`s)"
    )]
    pub no_env: bool,
    #[arg(
        long,
        help = "Compose: check a compose file alone, without merging the `compose.override.yml` beside it"
    )]
    pub no_override: bool,
    #[arg(long, value_name = "NAME", help = "file name to report for standard input")]
    pub stdin_name: Option<String>,
    #[command(flatten)]
    pub policy: crate::policy::PolicyArgs,
    #[arg(
        long,
        overrides_with = "no_color",
        help = "force colours on (default: on for a terminal, off when `NO_COLOR` is set)"
    )]
    color: bool,
    #[arg(long, overrides_with = "color", help = "force colours off")]
    no_color: bool,
    #[arg(short = 'V', long, help = "say which config file is used")]
    pub verbose: bool,
    #[arg(short, long, help = "no summary line")]
    pub quiet: bool,
    #[arg(
        long,
        help = "apply safe fixes in place (with `-`: read standard input, write the fixed\n\
                text to standard output); the report and exit status describe what remains"
    )]
    pub fix: bool,
    #[arg(
        long = "unsafe-fixes",
        help = "with --fix or --diff: apply unsafe fixes too (they change behaviour: check them)"
    )]
    pub unsafe_fixes: bool,
    #[arg(
        long,
        conflicts_with = "fix",
        help = "print the fixes as a unified diff and change nothing (exit 1 when there is\n\
                something to change)"
    )]
    pub diff: bool,
}

impl LintArgs {
    /// The fixes to apply, if fixing (`--fix` or `--diff`).
    pub fn fix_level(&self) -> Option<dockwise_rules::Applicability> {
        use dockwise_rules::Applicability;
        (self.fix || self.diff).then_some(if self.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        })
    }

    /// The level at which a finding fails the run (`None`: never).
    pub fn threshold(&self) -> Option<Severity> {
        self.failure_threshold.map_or(Some(Severity::Warning), |t| t.0)
    }

    /// The threshold came from the command line (it beats the config's).
    pub fn threshold_given(&self) -> bool {
        self.failure_threshold.is_some()
    }

    /// `--color` / `--no-color`, the last one given; `None`: decide by the terminal.
    pub fn color(&self) -> Option<bool> {
        match (self.color, self.no_color) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }

    /// The rules named with `--ignore`, each a known id, name or alias.
    pub fn ignored(&self) -> Vec<String> {
        self.ignore.iter().flat_map(|r| r.0.iter().cloned()).collect()
    }

    /// The rules named with `--enable`.
    pub fn enabled(&self) -> Vec<String> {
        self.enable.iter().flat_map(|r| r.0.iter().cloned()).collect()
    }
}

/// The usage line of `dockwise lint`, for errors found after parsing.
pub fn lint_usage() -> String {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    cmd.build();
    match cmd.find_subcommand_mut("lint") {
        Some(lint) => format!(
            "{}\n\nFor more information, try 'dockwise lint --help'.",
            lint.render_usage()
        ),
        None => String::new(),
    }
}

/// A `--failure-threshold`: a severity, or `None` for `none` (never fail).
#[derive(Clone, Copy, Debug)]
struct Threshold(Option<Severity>);

fn threshold_parser() -> Spelled<Threshold> {
    let mut names: Vec<&'static str> = Severity::ALL.iter().map(|s| s.as_str()).collect();
    names.push("none");
    Spelled {
        names,
        parse: |s| {
            if s.trim().eq_ignore_ascii_case("none") {
                Some(Threshold(None))
            } else {
                Severity::parse(s).map(|s| Threshold(Some(s)))
            }
        },
    }
}

/// `--kind`: any spelling `FileKind::parse` reads (`docker`, `k8s`...).
fn kind_parser() -> Spelled<FileKind> {
    Spelled {
        names: FileKind::ALL.iter().map(|k| k.as_str()).collect(),
        parse: FileKind::parse,
    }
}

/// One `--ignore` or `--enable` value: comma-separated rule ids, names or aliases.
#[derive(Clone, Debug)]
struct RuleNames(Vec<String>);

fn rule_names(v: &str) -> Result<RuleNames, String> {
    let mut names = Vec::new();
    for r in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if dockwise_rules::rules::find(r).is_none() {
            return Err(format!("no rule named `{r}` (see `dockwise rules`)"));
        }
        names.push(r.to_string());
    }
    Ok(RuleNames(names))
}

/// A value read by the core's own parser (`parse`, which may accept other
/// spellings), shown in help and errors as its canonical `names`.
#[derive(Clone)]
struct Spelled<T> {
    names: Vec<&'static str>,
    parse: fn(&str) -> Option<T>,
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Spelled<T> {
    type Value = T;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<T, clap::Error> {
        if let Some(v) = value.to_str().and_then(self.parse) {
            return Ok(v);
        }
        // let clap word the error: the possible values and a "did you mean"
        let canonical = PossibleValuesParser::new(self.names.clone());
        Err(match canonical.parse_ref(cmd, arg, value) {
            Err(e) => e,
            Ok(_) => clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd),
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.names.iter().map(|n| PossibleValue::new(*n))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(argv: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("dockwise").chain(argv.iter().copied()))
    }

    fn lint(argv: &[&str]) -> LintArgs {
        match parse(argv).map(|c| c.command) {
            Ok(Some(Command::Lint(a))) => a,
            other => panic!("{argv:?}: {other:?}"),
        }
    }

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn lint_options_mean_what_they_did() {
        let a = lint(&["lint", "-"]);
        assert_eq!(a.paths, ["-"]);
        assert_eq!(
            (a.format, a.threshold(), a.threshold_given()),
            (LintFormat::Text, Some(Severity::Warning), false)
        );
        assert_eq!((a.kind, a.color(), a.verbose, a.quiet), (None, None, false, false));

        let a = lint(&[
            "lint",
            "-f",
            "tty",
            "-t",
            "none",
            "--kind",
            "k8s",
            "--ignore",
            "DL3007, latest-tag,",
            "--ignore=host-pid",
            "--enable",
            "DL3057",
            "-V",
            "-q",
            "--color",
            "--no-color",
            "--trusted-registry",
            "a",
            "--trusted-registry=b",
            "-c",
            "x.yaml",
            "--no-pragmas",
            "--stdin-name",
            "Dockerfile",
            "a",
            "--",
            "-b",
            "-",
        ]);
        assert_eq!(a.format, LintFormat::Text);
        assert_eq!((a.threshold(), a.threshold_given()), (None, true));
        assert_eq!(a.kind, Some(FileKind::Kubernetes));
        assert_eq!(a.ignored(), ["DL3007", "latest-tag", "host-pid"]);
        assert_eq!(a.enabled(), ["DL3057"]);
        assert_eq!(
            (a.verbose, a.quiet, a.no_pragmas, a.color()),
            (true, true, true, Some(false))
        );
        assert_eq!(a.trusted_registries, ["a", "b"]);
        assert_eq!(a.config.as_deref(), Some("x.yaml"));
        assert_eq!(a.stdin_name.as_deref(), Some("Dockerfile"));
        assert_eq!(a.paths, ["a", "-b", "-"]);

        assert_eq!(lint(&["lint", "--no-color", "--color"]).color(), Some(true));
        assert_eq!(lint(&["lint", "-t", "Error"]).threshold(), Some(Severity::Error));
        assert_eq!(
            lint(&["lint", "--kind", "docker-compose"]).kind,
            Some(FileKind::Compose)
        );
        assert_eq!(lint(&["lint", "--kind", "Docker"]).kind, Some(FileKind::Dockerfile));
    }

    #[test]
    fn ci_formats_and_the_output_file() {
        for (v, want) in [
            ("json", LintFormat::Json),
            ("sarif", LintFormat::Sarif),
            ("checkstyle", LintFormat::Checkstyle),
            ("github", LintFormat::Github),
            ("github-actions", LintFormat::Github),
            ("gitlab", LintFormat::Gitlab),
            ("gitlab_codeclimate", LintFormat::Gitlab),
        ] {
            assert_eq!(lint(&["lint", "-f", v]).format, want, "{v}");
        }
        let a = lint(&["lint", "--format=sarif", "-o", "r.sarif", "--report-suppressed"]);
        assert_eq!(a.output.as_deref(), Some("r.sarif"));
        assert!(a.report_suppressed);
        assert_eq!(lint(&["lint", "--output", "x"]).output.as_deref(), Some("x"));
        assert_eq!(lint(&["lint"]).output, None);
        // the rules command keeps its two formats
        assert!(parse(&["rules", "--format", "sarif"]).is_err());
        for argv in [
            &["lint", "--diff", "-o", "x"][..],
            &["lint", "--no-pragmas", "--report-suppressed"],
            &["lint", "-o"],
        ] {
            assert_eq!(parse(argv).err().map(|e| e.exit_code()), Some(2), "{argv:?}");
        }
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for argv in [
            &["lint", "--format", "xml"][..],
            &["lint", "-t", "fatal"],
            &["lint", "--kind", "helm"],
            &["lint", "--ignore", "DL3007,DL9999"],
            &["lint", "--format"],
            &["lint", "--ignroe", "DL3007"],
            &["rule"],
            &["rule", "a", "b"],
            &["samples", "x"],
            &["frobnicate"],
        ] {
            let e = parse(argv).err().unwrap_or_else(|| panic!("{argv:?} parsed"));
            assert_eq!(e.exit_code(), 2, "{argv:?}: {e}");
        }
        let e = parse(&["lint", "--ignore", "DL9999"]).err().map(|e| e.to_string());
        assert!(e
            .unwrap_or_default()
            .contains("no rule named `DL9999` (see `dockwise rules`)"));
    }

    #[test]
    fn other_commands() {
        assert!(matches!(parse(&[]).map(|c| c.command), Ok(None)));
        assert!(matches!(
            parse(&["version"]).map(|c| c.command),
            Ok(Some(Command::Version))
        ));
        assert!(matches!(
            parse(&["samples"]).map(|c| c.command),
            Ok(Some(Command::Samples))
        ));
        match parse(&["rule", "DL3007"]).map(|c| c.command) {
            Ok(Some(Command::Rule { id })) => assert_eq!(id, "DL3007"),
            other => panic!("{other:?}"),
        }
        match parse(&["rules", "--format=json", "--with-docs"]).map(|c| c.command) {
            Ok(Some(Command::Rules(r))) => assert!(r.format == Format::Json && r.with_docs),
            other => panic!("{other:?}"),
        }
        for argv in [
            &["-V"][..],
            &["--version"],
            &["-h"],
            &["help"],
            &["lint", "--help"],
            &["rule", "-h"],
        ] {
            let e = parse(argv).err().unwrap_or_else(|| panic!("{argv:?} parsed"));
            assert_eq!(e.exit_code(), 0, "{argv:?}");
        }
    }

    /// The README's table of `lint` options, written from the definitions
    /// above: names, the possible values or the value's name, the help and
    /// the default.
    fn options_table() -> String {
        let cmd = Cli::command();
        let Some(lint) = cmd.find_subcommand("lint") else {
            panic!("no lint command");
        };
        let mut s = String::from("| option | meaning |\n|---|---|\n");
        for a in lint.get_arguments() {
            if a.is_positional() || a.is_hide_set() || a.get_id() == "help" {
                continue;
            }
            let mut option: Vec<String> = a.get_short().map(|c| format!("-{c}")).into_iter().collect();
            option.extend(a.get_long().map(|l| format!("--{l}")));
            let mut option = option.join(", ");
            if a.get_action().takes_values() {
                let values: Vec<String> = a
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                let value = if values.is_empty() {
                    a.get_value_names().unwrap_or_default().join(" ")
                } else {
                    values.join("|")
                };
                option = format!("{option} {value}");
            }
            let mut help = a
                .get_help()
                .map(|h| h.to_string())
                .unwrap_or_default()
                .replace('\n', " ");
            if let Some(d) = a.get_default_values().first() {
                help.push_str(&format!(" (default `{}`)", d.to_string_lossy()));
            }
            s.push_str(&format!(
                "| `{}` | {} |\n",
                option.replace('|', "\\|"),
                help.replace('|', "\\|")
            ));
        }
        s
    }

    /// `DOCKWISE_BLESS=1 cargo test -p dockwise-cli readme` rewrites the
    /// table between the `cli-options:start` and `cli-options:end` markers.
    #[test]
    fn readme_option_table_is_the_clap_definitions() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
        let readme = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (start, end) = ("<!-- cli-options:start -->\n", "<!-- cli-options:end -->");
        let a = readme.find(start).expect("README has a cli-options:start marker") + start.len();
        let b = readme.find(end).expect("README has a cli-options:end marker");
        let want = options_table();
        if readme[a..b] != want {
            if std::env::var_os("DOCKWISE_BLESS").is_some() {
                std::fs::write(path, format!("{}{}{}", &readme[..a], want, &readme[b..])).unwrap();
                return;
            }
            panic!(
                "README.md's table of lint options differs from the clap definitions in \
                 crates/dockwise-cli/src/args.rs: run `DOCKWISE_BLESS=1 cargo test -p dockwise-cli readme` \
                 to rewrite it\n--- README has:\n{}--- the definitions give:\n{want}",
                &readme[a..b]
            );
        }
    }
}
