//! Command-line parsing (by hand: the grammar is small and a parser crate
//! would cost more build time than it saves).

use dockwise_rules::Severity;
use dockwise_syntax::FileKind;

pub const USAGE: &str = "\
Usage:
  dockwise lint [OPTIONS] [PATH...|-]   check Dockerfiles, Compose files and Kubernetes manifests
                                        (a folder: its Dockerfiles and compose files; - : standard input)
  dockwise rules [--format text|json] [--with-docs]
                                        list every rule (JSON with docs and quiz)
  dockwise rule <ID|NAME>               explain one rule
  dockwise samples                      the playground's sample files, as JSON
  dockwise --version | --help

Lint options:
  -f, --format text|json          output format (default text)
  -t, --failure-threshold LEVEL   exit 1 when a finding is at or above LEVEL:
                                  error|warning|info|style|none (default warning)
      --kind KIND                 dockerfile|compose|kubernetes: treat every input as this kind
                                  (default: from the file name, else from the content)
  -c, --config FILE               read settings from FILE (default: the first of
                                  ./.dockwise.yaml, ./.hadolint.yaml,
                                  $XDG_CONFIG_HOME/hadolint.yaml, ~/.config/hadolint.yaml,
                                  ~/.hadolint/hadolint.yaml, ~/hadolint/config.yaml,
                                  ~/.hadolint.yaml; .yml works too)
      --ignore RULE               switch a rule off (repeatable; id or name)
      --enable RULE               switch on a rule that is off by default
      --trusted-registry REG      allow FROM only from these registries (repeatable)
  -V, --verbose                   say which config file is used
      --no-pragmas                do not honour `# dockwise ignore=` comments
      --stdin-name NAME           name to report for standard input
      --color | --no-color        force colours on or off
  -q, --quiet                     no summary line

Exit status: 0 nothing at or above the threshold, 1 something is,
2 usage error or a file that cannot be read or parsed.";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug)]
pub struct LintArgs {
    pub paths: Vec<String>,
    pub format: Format,
    pub threshold: Option<Severity>,
    pub kind: Option<FileKind>,
    pub ignore: Vec<String>,
    pub no_pragmas: bool,
    pub stdin_name: Option<String>,
    pub color: Option<bool>,
    pub quiet: bool,
    pub config: Option<String>,
    pub enable: Vec<String>,
    pub trusted_registries: Vec<String>,
    pub verbose: bool,
    /// The threshold came from the command line (it beats the config's).
    pub threshold_given: bool,
}

#[derive(Debug)]
pub struct RulesArgs {
    pub format: Format,
    pub with_docs: bool,
}

#[derive(Debug)]
pub enum Command {
    /// The playground's samples as JSON (the web build's samples.json).
    Samples,
    Lint(LintArgs),
    Rules(RulesArgs),
    Rule(String),
    Help,
    Version,
}

fn format(v: &str) -> Result<Format, String> {
    match v {
        "text" | "tty" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        _ => Err(format!("unknown format `{v}` (expected text or json)")),
    }
}

/// Splits `--flag=value` and takes the value from the next argument otherwise.
fn value(arg: &str, inline: Option<&str>, it: &mut std::slice::Iter<String>) -> Result<String, String> {
    match inline {
        Some(v) => Ok(v.to_string()),
        None => it.next().cloned().ok_or_else(|| format!("{arg} needs a value")),
    }
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let mut it = argv.iter();
    let Some(first) = it.next() else {
        return Ok(Command::Help);
    };
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" | "version" => Ok(Command::Version),
        "rule" => {
            let id = it
                .next()
                .ok_or("`rule` needs a rule id or name, e.g. `dockwise rule DL3007`")?;
            if let Some(extra) = it.next() {
                return Err(format!("unexpected argument `{extra}`"));
            }
            Ok(Command::Rule(id.clone()))
        }
        "samples" => match it.next().map(String::as_str) {
            None => Ok(Command::Samples),
            Some(extra) => Err(format!("unexpected argument `{extra}` for `samples`")),
        },
        "rules" => {
            let mut fmt = Format::Text;
            let mut with_docs = false;
            while let Some(a) = it.next() {
                let (name, inline) = split(a);
                match name {
                    "-f" | "--format" => fmt = format(&value(name, inline, &mut it)?)?,
                    "--with-docs" => with_docs = true,
                    _ => return Err(format!("unknown option `{a}` for `rules`")),
                }
            }
            Ok(Command::Rules(RulesArgs { format: fmt, with_docs }))
        }
        "lint" => {
            let mut a = LintArgs {
                paths: Vec::new(),
                format: Format::Text,
                threshold: Some(Severity::Warning),
                kind: None,
                ignore: Vec::new(),
                no_pragmas: false,
                stdin_name: None,
                color: None,
                quiet: false,
                config: None,
                enable: Vec::new(),
                trusted_registries: Vec::new(),
                verbose: false,
                threshold_given: false,
            };
            let mut only_paths = false;
            while let Some(arg) = it.next() {
                if only_paths || arg == "-" || !arg.starts_with('-') {
                    a.paths.push(arg.clone());
                    continue;
                }
                let (name, inline) = split(arg);
                match name {
                    "--" => only_paths = true,
                    "-f" | "--format" => a.format = format(&value(name, inline, &mut it)?)?,
                    "-t" | "--failure-threshold" => {
                        let v = value(name, inline, &mut it)?;
                        a.threshold = match v.as_str() {
                            "none" => None,
                            _ => Some(Severity::parse(&v).ok_or(format!(
                                "unknown threshold `{v}` (expected error, warning, info, style or none)"
                            ))?),
                        };
                        a.threshold_given = true;
                    }
                    "--kind" => {
                        let v = value(name, inline, &mut it)?;
                        let k = FileKind::parse(&v).ok_or(format!("unknown kind `{v}`"))?;
                        a.kind = Some(k);
                    }
                    "--ignore" | "--enable" => {
                        let v = value(name, inline, &mut it)?;
                        for r in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                            if dockwise_rules::rules::find(r).is_none() {
                                return Err(format!("no rule named `{r}` (see `dockwise rules`)"));
                            }
                            if name == "--ignore" {
                                a.ignore.push(r.to_string())
                            } else {
                                a.enable.push(r.to_string())
                            }
                        }
                    }
                    "-c" | "--config" => a.config = Some(value(name, inline, &mut it)?),
                    "--trusted-registry" => a.trusted_registries.push(value(name, inline, &mut it)?),
                    "-V" | "--verbose" => a.verbose = true,
                    "--no-pragmas" => a.no_pragmas = true,
                    "--stdin-name" => a.stdin_name = Some(value(name, inline, &mut it)?),
                    "--color" => a.color = Some(true),
                    "--no-color" => a.color = Some(false),
                    "-q" | "--quiet" => a.quiet = true,
                    _ => return Err(format!("unknown option `{arg}`")),
                }
            }
            Ok(Command::Lint(a))
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

fn split(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((n, v)) if n.starts_with("--") => (n, Some(v)),
        _ => (arg, None),
    }
}
