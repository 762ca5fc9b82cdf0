//! A single-stage Python, Node or Go image that installs build tools,
//! rewritten as a multi-stage build: a build stage (the original base, its
//! tool installs, the dependency installs and the build steps) and a runtime
//! stage on a smaller image of the same family that copies across what the
//! app needs (a virtualenv, the app folder with `node_modules`, the Go
//! binaries) and keeps the app's settings (WORKDIR, ENV, USER, EXPOSE,
//! HEALTHCHECK, CMD, ENTRYPOINT).
//!
//! Only a file that is recognisably such an image gets the rewrite: one
//! stage FROM a Docker Hub `python`, `node` or `golang` image with a tag,
//! a dependency install (`pip install`, `npm ci`/`install`, `go build -o`),
//! and every RUN before the last build step understood (package installs,
//! build commands, user and folder setup). Anything else gets no fix.

use super::fixes::Keywords;
use super::{
    env_in_stage, has_cache_mount, install_packages, is_install, is_pip_install, is_root_user, package_command, Pm,
};
use crate::diagnostics::{Edit, Fix};
use crate::pragma::{parse_comment, Scope};
use crate::rules::shared::host_paths::normalize;
use dockwise_syntax::dockerfile::{model, Args, Instruction, Kind, Model, Stage};
use dockwise_syntax::shell::{Command, Script};
use dockwise_syntax::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Python,
    Node,
    Go,
}

/// The userland of an image: which package manager a RUN can use there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Os {
    Debian,
    Alpine,
    /// No shell, no package manager.
    Distroless,
}

/// Where the virtualenv of a Python image goes.
const VENV: &str = "/opt/venv";

/// Programs that set up users and folders: harmless to run in both stages.
const SETUP: &[&str] = &[
    "useradd", "adduser", "groupadd", "addgroup", "usermod", "mkdir", "chown", "chmod", "ln", "touch", "echo",
];

/// Shell built-ins and cleanups that change nothing a stage depends on.
const NEUTRAL: &[&str] = &["cd", "rm", "set", "true", ":", "export"];

/// Compilers and build drivers: a RUN calling one is a build step.
const COMPILERS: &[&str] = &[
    "make",
    "cmake",
    "ninja",
    "gcc",
    "g++",
    "cc",
    "c++",
    "clang",
    "clang++",
    "configure",
    "autoreconf",
];

/// Python tools that manage their own environments: the rewrite's virtualenv
/// would not hold what they install.
const OWN_ENVIRONMENTS: &[&str] = &[
    "poetry",
    "pipenv",
    "uv",
    "pdm",
    "conda",
    "mamba",
    "micromamba",
    "virtualenv",
    "pipx",
];

/// Packages that only a build needs although they are no compilers.
fn build_only(family: Family, pkg: &str) -> bool {
    let name = package_name(pkg);
    matches!(name, "git" | "git-core" | "openssh-client")
        || (family == Family::Node && matches!(name, "python3" | "python" | "python-is-python3"))
}

/// `-dev` packages, the runtime library of each and what is built against
/// it, for the note at the top of the rewrite.
const RUNTIME_LIBRARIES: &[(&str, &str, &str)] = &[
    ("libpq-dev", "libpq5", "psycopg2"),
    ("postgresql-dev", "libpq", "psycopg2"),
    ("libmariadb-dev", "libmariadb3", "mysqlclient"),
    ("default-libmysqlclient-dev", "libmariadb3", "mysqlclient"),
    ("mariadb-dev", "mariadb-connector-c", "mysqlclient"),
];

/// `-dev` packages whose library every image of the family has.
const NO_LIBRARY: &[&str] = &[
    "libc6-dev",
    "libc-dev",
    "musl-dev",
    "linux-headers",
    "python3-dev",
    "python-dev",
];

const CODENAMES: &[&str] = &["trixie", "bookworm", "bullseye", "buster"];

fn is_version(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The runtime tag of a `python` image: `3.12` → `3.12-slim`, `3.12-bookworm`
/// → `3.12-slim-bookworm`; slim and Alpine tags stay. None when unsure.
fn python_runtime_tag(tag: &str) -> Option<String> {
    let (version, rest) = tag.split_once('-').unwrap_or((tag, ""));
    if !is_version(version) {
        return None;
    }
    let slim_codename = rest.strip_prefix("slim-").is_some_and(|c| CODENAMES.contains(&c));
    match rest {
        "" => Some(format!("{version}-slim")),
        c if CODENAMES.contains(&c) => Some(format!("{version}-slim-{c}")),
        "slim" => Some(tag.to_string()),
        _ if slim_codename || rest.starts_with("alpine") => Some(tag.to_string()),
        _ => None,
    }
}

/// The runtime tag of a `node` image: `20` → `20-slim`, `20-bookworm` →
/// `20-bookworm-slim`; slim and Alpine tags stay. None when unsure.
fn node_runtime_tag(tag: &str) -> Option<String> {
    let (version, rest) = tag.split_once('-').unwrap_or((tag, ""));
    if !is_version(version) && !matches!(version, "lts" | "current") {
        return None;
    }
    let codename_slim = rest.strip_suffix("-slim").is_some_and(|c| CODENAMES.contains(&c));
    match rest {
        "" => Some(format!("{version}-slim")),
        c if CODENAMES.contains(&c) => Some(format!("{version}-{c}-slim")),
        "slim" => Some(tag.to_string()),
        _ if codename_slim || rest.starts_with("alpine") => Some(tag.to_string()),
        _ => None,
    }
}

/// The runtime image of a `golang` build: distroless/static for a static
/// binary that needs no shell; else distroless/base (glibc) or a slim Debian
/// of the same release, or the Alpine release the tag names. None when
/// unsure (an untagged release: the default Debian of a Go tag changes).
/// Distroless images are taken at their `nonroot` tag: a tag is needed
/// (DL3006), `latest` is not one to pin (DL3007).
fn go_runtime_image(tag: &str, static_binary: bool, needs_shell: bool) -> Option<(String, Os)> {
    if static_binary && !needs_shell {
        return Some(("gcr.io/distroless/static-debian12:nonroot".into(), Os::Distroless));
    }
    if let Some(at) = tag.find("alpine") {
        let release = &tag[at + "alpine".len()..];
        return is_version(release).then(|| (format!("alpine:{release}"), Os::Alpine));
    }
    let codename = CODENAMES.iter().find(|c| tag.split('-').any(|part| part == **c))?;
    Some(match (*codename, needs_shell) {
        ("bookworm", false) => ("gcr.io/distroless/base-debian12:nonroot".into(), Os::Distroless),
        ("bullseye", false) => ("gcr.io/distroless/base-debian11:nonroot".into(), Os::Distroless),
        (c, _) => (format!("debian:{c}-slim"), Os::Debian),
    })
}

/// `path` resolved against the folder `dir` (None when either is unknown).
fn resolve(dir: Option<&str>, path: &str) -> Option<String> {
    if path.contains('$') {
        return None;
    }
    if path.starts_with('/') {
        return Some(normalize(path));
    }
    dir.map(|d| normalize(&format!("{d}/{path}")))
}

fn inside(dir: &str, path: &str) -> bool {
    dir == "/" || path == dir || path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'))
}

/// A file a Python dependency install reads, not part of the app.
fn python_manifest(source: &str) -> bool {
    let name = source.trim_end_matches('/').rsplit('/').next().unwrap_or(source);
    ((name.starts_with("requirements") || name.starts_with("constraints"))
        && (name.ends_with(".txt") || name.ends_with(".in")))
        || matches!(
            name,
            "Pipfile" | "Pipfile.lock" | "pyproject.toml" | "poetry.lock" | "setup.py" | "setup.cfg"
        )
}

/// What a RUN is, for the rewrite.
#[derive(Default)]
struct Run {
    /// Installs build tools, installs dependencies or builds: build stage only.
    build: bool,
    /// Installs build tools.
    tools: bool,
    /// Calls pip.
    pip: bool,
    /// Sets up users or folders.
    setup: bool,
    /// Runs something this module does not know.
    other: bool,
    /// Package managers it uses.
    pms: Vec<Pm>,
    /// Packages installed next to build tools, which the app may need.
    keep: Vec<(Pm, String)>,
    /// `-dev` packages it installs.
    dev: Vec<String>,
}

enum Item {
    /// CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK, STOPSIGNAL, LABEL, MAINTAINER:
    /// settings of the image, in the runtime stage only.
    Setting,
    /// ARG, ENV, WORKDIR, USER, SHELL, VOLUME: in both stages.
    Context,
    Copy {
        /// The destination, resolved (None when it holds a variable).
        dest: Option<String>,
        /// Only Python dependency manifests (`requirements.txt`).
        manifest: bool,
        chown: Option<String>,
    },
    Run(Run),
}

/// What the walk over the stage found.
struct Plan {
    items: Vec<(usize, Item, Option<String>)>,
    /// Index in `items` of the last build step.
    split: usize,
    /// Index in `items` of the first RUN calling pip.
    first_pip: Option<usize>,
    /// Go binaries built with `-o`, resolved.
    binaries: Vec<String>,
    /// Every `go build` sets CGO_ENABLED=0 on its command or its RUN.
    static_inline: bool,
}

/// The commands of one RUN, classified; None when the rewrite cannot keep
/// its meaning (a tool with its own environment, a global install, a
/// binary whose path is unknown).
fn classify(
    family: Family,
    script: &Script,
    is_tool: fn(&str) -> bool,
    workdir: Option<&str>,
    plan: &mut Plan,
) -> Option<Run> {
    let mut run = Run::default();
    let mut cd = false;
    for cmd in &script.commands {
        let Some(name) = cmd.name() else { continue };
        if let Some((pm, sub)) = package_command(cmd) {
            if !matches!(pm, Pm::Apt | Pm::Apk) {
                return None;
            }
            run.pms.push(pm);
            if is_install(pm, &sub) {
                let packages = install_packages(cmd);
                if packages.iter().any(|w| is_tool(&w.value)) {
                    run.build = true;
                    run.tools = true;
                    for w in packages {
                        if !is_tool(&w.value) {
                            run.keep.push((pm, w.raw.to_string()));
                        } else if w.value.ends_with("-dev") || w.value.ends_with("-devel") {
                            run.dev.push(w.value.to_string());
                        }
                    }
                }
            }
            continue;
        }
        if name == "cd" {
            cd = true;
        }
        if NEUTRAL.contains(&name) {
            continue;
        }
        if SETUP.contains(&name) {
            run.setup = true;
            continue;
        }
        if COMPILERS.contains(&name) {
            run.build = true;
            continue;
        }
        let known = match family {
            Family::Python => python_command(cmd, name, &mut run)?,
            Family::Node => node_command(cmd, name)?,
            Family::Go => go_command(cmd, name, workdir, cd, script, plan)?,
        };
        if known {
            run.build = true;
        } else {
            run.other = true;
        }
    }
    Some(run)
}

fn is_python(name: &str) -> bool {
    name.strip_prefix("python")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// A Python build command (pip, `python -m pip`, `python setup.py`)? None
/// for what the virtualenv cannot hold.
fn python_command(cmd: &Command, name: &str, run: &mut Run) -> Option<bool> {
    if OWN_ENVIRONMENTS.contains(&name) {
        return None;
    }
    let program = cmd.name_word().map_or("", |w| &*w.value);
    let pip = if is_python(name) {
        let args = cmd.args();
        match args.first().map(|w| &*w.value) {
            Some("-m") => match args.get(1).map(|w| &*w.value) {
                Some("pip") => true,
                Some("venv" | "virtualenv") => return None,
                _ => return Some(false),
            },
            // the system's python (an absolute path) would install outside the virtualenv
            Some(script) if script.ends_with("setup.py") => return (!program.contains('/')).then_some(true),
            _ => return Some(false),
        }
    } else {
        name.strip_prefix("pip")
            .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    };
    if !pip {
        return Some(false);
    }
    // an absolute pip is the system's, and these put packages elsewhere
    if program.contains('/') || cmd.has_flag(&["--user", "--target", "-t", "--prefix", "--root"]) {
        return None;
    }
    run.pip = true;
    Some(true)
}

/// A Node build command (npm, yarn, pnpm...)? None for a global install.
fn node_command(cmd: &Command, name: &str) -> Option<bool> {
    match name {
        "npm" | "pnpm" | "yarn" | "bun" => {
            let sub = cmd.subcommand(&["--prefix", "-C", "--dir", "--cwd"]).map(|w| &*w.value);
            let global = cmd.has_flag(&["-g", "--global", "--prefix", "--location", "-C", "--dir", "--cwd"])
                || sub == Some("global");
            (!global).then_some(true)
        }
        "npx" | "node-gyp" | "corepack" | "node" => Some(true),
        _ => Some(false),
    }
}

/// Is this a dependency install of the family (what the rewrite needs to
/// find at least once)?
fn installs_dependencies(family: Family, cmd: &Command) -> bool {
    let sub = cmd.subcommand(&[]).map(|w| &*w.value);
    match (family, cmd.name()) {
        (Family::Python, _) => is_pip_install(cmd),
        (Family::Node, Some("npm")) => matches!(sub, Some("ci" | "install" | "i" | "add")),
        (Family::Node, Some("yarn")) => matches!(sub, None | Some("install")),
        (Family::Node, Some("pnpm" | "bun")) => matches!(sub, Some("install" | "i")),
        _ => false,
    }
}

/// A Go build command? `go build` must name its output with `-o`, a path
/// the rewrite can copy; its binaries are added to the plan.
fn go_command(
    cmd: &Command,
    name: &str,
    workdir: Option<&str>,
    cd: bool,
    script: &Script,
    plan: &mut Plan,
) -> Option<bool> {
    if name != "go" {
        return Some(false);
    }
    if cmd.positionals(&["-o"]).first().map(|w| &*w.value) != Some("build") {
        return Some(true);
    }
    let args = cmd.args();
    let mut output = None;
    for (k, w) in args.iter().enumerate() {
        let v = &*w.value;
        if v == "-o" || v == "--o" {
            output = args.get(k + 1).map(|w| w.value.to_string());
        } else if let Some(rest) = v.strip_prefix("-o=").or_else(|| v.strip_prefix("--o=")) {
            output = Some(rest.to_string());
        }
    }
    let output = output?;
    if cd && !output.starts_with('/') {
        return None;
    }
    let path = resolve(workdir, &output)?;
    if path == "/" {
        return None;
    }
    let cgo_off = |w: &dockwise_syntax::shell::ShWord| w.value == "CGO_ENABLED=0";
    let exported = script
        .commands
        .iter()
        .any(|e| e.name() == Some("export") && e.args().iter().any(cgo_off));
    plan.static_inline &= exported || cmd.assignments.iter().chain(cmd.words.iter()).any(cgo_off);
    if !plan.binaries.contains(&path) {
        plan.binaries.push(path);
    }
    Some(true)
}

/// Start of the line holding `offset`.
fn line_start(src: &str, offset: usize) -> usize {
    src[..offset].rfind('\n').map_or(0, |n| n + 1)
}

/// The end of the line where an instruction ending at `end` ends (after its
/// line break; `end` itself when the instruction's text ends with one, as a
/// heredoc's does).
fn line_end(src: &str, end: usize) -> usize {
    if end > 0 && src.as_bytes().get(end - 1) == Some(&b'\n') {
        return end;
    }
    src[end..].find('\n').map_or(src.len(), |n| end + n + 1)
}

/// The text of instruction `i` with the comments and blank lines above it,
/// ending with a line break.
fn chunk(model: &Model, i: usize, nl: &str) -> String {
    let src = model.source;
    let instrs = model.instructions();
    let start = i
        .checked_sub(1)
        .map_or(0, |p| line_end(src, instrs[p].span.end as usize));
    let end = line_end(src, instrs[i].span.end as usize);
    let mut text = src[start..end].to_string();
    if !text.ends_with('\n') {
        text.push_str(nl);
    }
    text
}

/// Does a CMD or ENTRYPOINT run through a shell?
fn runs_shell(ins: &Instruction) -> bool {
    match &ins.args {
        Args::Shell(_) => true,
        Args::Exec(words) => words.first().is_some_and(|w| {
            let base = w.value.rsplit('/').next().unwrap_or("");
            matches!(base, "sh" | "bash" | "ash" | "dash" | "zsh")
        }),
        _ => false,
    }
}

impl Plan {
    /// Walks the stage's instructions. None when one of them is outside
    /// what the rewrite understands.
    fn new(model: &Model, stage: &Stage, family: Family, is_tool: fn(&str) -> bool) -> Option<Plan> {
        let mut plan = Plan {
            items: Vec::new(),
            split: 0,
            first_pip: None,
            binaries: Vec::new(),
            static_inline: true,
        };
        // the golang images set WORKDIR /go; python and node leave it at /
        let mut workdir = Some(if family == Family::Go { "/go" } else { "/" }.to_string());
        let mut non_root = false;
        let mut deps = false;
        let mut split = None;
        for (i, ins) in model.body(stage) {
            let item = match ins.kind {
                Kind::Cmd
                | Kind::Entrypoint
                | Kind::Expose
                | Kind::Healthcheck
                | Kind::Stopsignal
                | Kind::Label
                | Kind::Maintainer => Item::Setting,
                Kind::Arg | Kind::Env | Kind::Shell | Kind::Volume => Item::Context,
                Kind::Workdir => {
                    workdir = ins.text().and_then(|w| resolve(workdir.as_deref(), &w.value));
                    Item::Context
                }
                Kind::User => {
                    non_root = ins
                        .text()
                        .is_none_or(|w| w.value.contains('$') || !is_root_user(&w.value));
                    Item::Context
                }
                Kind::Copy | Kind::Add => {
                    let words = ins.words();
                    let (dest, sources) = words.split_last()?;
                    Item::Copy {
                        dest: resolve(workdir.as_deref(), &dest.value),
                        manifest: !sources.is_empty() && sources.iter().all(|w| python_manifest(&w.value)),
                        chown: ins.flag("chown").and_then(|f| f.value.clone()),
                    }
                }
                Kind::Run => {
                    let script = model.script(i)?;
                    let run = classify(family, script, is_tool, workdir.as_deref(), &mut plan)?;
                    if run.pip && non_root {
                        // a non-root user cannot write the virtualenv in /opt
                        return None;
                    }
                    if run.build && has_cache_mount(ins, &["node_modules"]) {
                        return None;
                    }
                    deps |= script.commands.iter().any(|c| installs_dependencies(family, c));
                    if run.pip && plan.first_pip.is_none() {
                        plan.first_pip = Some(plan.items.len());
                    }
                    if run.build {
                        split = Some(plan.items.len());
                    }
                    Item::Run(run)
                }
                _ => return None,
            };
            plan.items.push((i, item, workdir.clone()));
        }
        plan.split = split?;
        // up to the last build step, every RUN must be understood: what an
        // unknown command leaves behind would not reach the runtime stage
        let unknown = plan.items[..=plan.split]
            .iter()
            .any(|(_, item, _)| matches!(item, Item::Run(r) if r.other));
        let tools = plan
            .items
            .iter()
            .any(|(_, item, _)| matches!(item, Item::Run(r) if r.tools));
        let found = tools
            && match family {
                Family::Python | Family::Node => deps,
                Family::Go => !plan.binaries.is_empty(),
            };
        (found && !unknown).then_some(plan)
    }

    fn pre(&self) -> &[(usize, Item, Option<String>)] {
        &self.items[..=self.split]
    }

    fn post(&self) -> &[(usize, Item, Option<String>)] {
        &self.items[self.split + 1..]
    }

    /// The folder of the app: the WORKDIR in effect at the last build step.
    fn app_dir(&self) -> Option<&str> {
        self.items[self.split].2.as_deref()
    }

    /// Does the runtime stage need a shell (a RUN, a shell-form command, a
    /// HEALTHCHECK that runs another program than a copied binary)?
    fn needs_shell(&self, model: &Model) -> bool {
        let instrs = model.instructions();
        let pre_setup = self
            .pre()
            .iter()
            .any(|(_, item, _)| matches!(item, Item::Run(r) if !r.build && r.setup));
        let post_run = self.post().iter().any(|(_, item, _)| matches!(item, Item::Run(_)));
        let commands = self.items.iter().any(|(i, _, dir)| {
            let ins = &instrs[*i];
            match (&ins.kind, &ins.args) {
                (Kind::Cmd | Kind::Entrypoint, _) => runs_shell(ins),
                (Kind::Healthcheck, Args::Healthcheck { cmd: Some(cmd), .. }) => match &**cmd {
                    Args::Exec(words) => !words
                        .first()
                        .is_some_and(|w| resolve(dir.as_deref(), &w.value).is_some_and(|p| self.binaries.contains(&p))),
                    _ => true,
                },
                _ => false,
            }
        });
        pre_setup || post_run || commands
    }
}

/// The rewrite, as one fix replacing the stage (see the module's text).
/// `is_tool` says which packages are build tools.
pub fn multistage(model: &Model, is_tool: fn(&str) -> bool) -> Option<Fix> {
    if !model.df.errors.is_empty() || model.stages.len() != 1 {
        return None;
    }
    if let Some(pre) = &model.preamble {
        if model.body(pre).any(|(_, i)| i.kind != Kind::Arg) {
            return None;
        }
    }
    let stage = &model.stages[0];
    let from = model.from_of(stage);
    let f = from.from_args()?;
    let img = &f.image;
    if !from.flags.is_empty() || !f.extra.is_empty() || img.has_variables || !img.is_docker_hub() {
        return None;
    }
    let family = match img.hub_name() {
        "python" => Family::Python,
        "node" => Family::Node,
        "golang" => Family::Go,
        _ => return None,
    };
    let tag = img.tag_text()?.to_ascii_lowercase();
    if ["windows", "nanoserver", "servercore"].iter().any(|w| tag.contains(w)) || tag == "latest" {
        return None;
    }
    let os = if tag.contains("alpine") { Os::Alpine } else { Os::Debian };
    let plan = Plan::new(model, stage, family, is_tool)?;

    // the runtime image: a smaller one of the family where one is known,
    // else the original (a digest pins the original exactly: kept)
    let known = if img.digest.is_some() {
        None
    } else {
        let name = &img.text[..img.text.len() - tag.len() - 1];
        match family {
            Family::Python => python_runtime_tag(&tag).map(|t| (format!("{name}:{t}"), os)),
            Family::Node => node_runtime_tag(&tag).map(|t| (format!("{name}:{t}"), os)),
            Family::Go => {
                let static_binary =
                    plan.static_inline || env_in_stage(model, stage, "CGO_ENABLED").is_some_and(|v| v.trim() == "0");
                go_runtime_image(&tag, static_binary, plan.needs_shell(model))
            }
        }
    };
    let unsure = known.is_none();
    let (runtime, runtime_os) = known.unwrap_or_else(|| (img.text.clone(), os));
    let pm_fits = |pm: Pm| match runtime_os {
        Os::Debian => pm == Pm::Apt,
        Os::Alpine => pm == Pm::Apk,
        Os::Distroless => false,
    };

    // packages installed next to the build tools that the app may need
    let mut keep: Vec<(Pm, String)> = Vec::new();
    let mut dev: Vec<String> = Vec::new();
    for (_, item, _) in plan.pre() {
        if let Item::Run(r) = item {
            if r.build {
                for (pm, p) in &r.keep {
                    if !build_only(family, p) && !keep.iter().any(|(_, k)| k == p) {
                        keep.push((*pm, p.clone()));
                    }
                }
                dev.extend(r.dev.iter().cloned());
            } else if runtime_os != Os::Distroless && !r.pms.iter().all(|pm| pm_fits(*pm)) {
                return None;
            }
        }
    }
    // the full Debian images have curl and wget, their slim variants not:
    // a HEALTHCHECK or a command of the runtime stage may call them
    let full = !tag.contains("slim") && !tag.contains("alpine");
    if runtime != img.text && runtime_os == Os::Debian && full {
        for p in runtime_programs(model, &plan) {
            if !keep.iter().any(|(_, k)| package_name(k) == p) {
                keep.push((Pm::Apt, p.to_string()));
            }
        }
    }
    if runtime_os == Os::Distroless {
        keep.clear();
    } else if !keep.iter().all(|(pm, _)| pm_fits(*pm)) {
        return None;
    }

    // the app folder, copied whole from the build stage (Node: with
    // node_modules; Python: when more than the requirements went in)
    let app = plan.app_dir().filter(|d| *d != "/").map(str::to_string);
    let app_copy = match family {
        Family::Node => Some(app.clone()?),
        Family::Python => app.clone().filter(|a| {
            plan.pre()
                .iter()
                .any(|(_, item, _)| matches!(item, Item::Copy { dest: Some(d), manifest: false, .. } if inside(a, d)))
        }),
        Family::Go => None,
    };
    let mut chowns: Vec<&str> = Vec::new();
    if let Some(a) = &app_copy {
        for (_, item, _) in plan.pre() {
            if let Item::Copy {
                dest: Some(d),
                chown: Some(c),
                ..
            } = item
            {
                if inside(a, d) && !chowns.contains(&c.as_str()) {
                    chowns.push(c);
                }
            }
        }
    }
    if chowns.len() > 1 {
        return None;
    }
    // what a pre-split COPY leaves in the build stage: sources (Go, or
    // inside the copied app folder) and Python requirements files
    let go_sources = plan.app_dir().unwrap_or("/").to_string();
    let copy_in_runtime = |dest: &Option<String>, manifest: bool| match family {
        Family::Go => !dest.as_deref().is_some_and(|d| inside(&go_sources, d)),
        Family::Node => !dest
            .as_deref()
            .is_some_and(|d| app_copy.as_deref().is_some_and(|a| inside(a, d))),
        Family::Python => {
            !manifest
                && !dest
                    .as_deref()
                    .is_some_and(|d| app_copy.as_deref().is_some_and(|a| inside(a, d)))
        }
    };

    let src = model.source;
    let nl = if src.contains("\r\n") { "\r\n" } else { "\n" };
    let kw = Keywords::default();
    let k = |word: &str| kw.get(model, word);
    let build_name = f.alias.as_ref().map_or("build".to_string(), |a| a.value.to_string());
    let instrs = model.instructions();

    // the note
    let mut out = String::new();
    let mut note = vec![
        "Rewritten by dockwise as a multi-stage build (the fix for DW1005). It was".to_string(),
        "never built: build it, run it and check what the app needs at runtime.".to_string(),
    ];
    if unsure {
        note.push(format!(
            "The runtime stage keeps {runtime}: no smaller image of it is known."
        ));
    }
    let libraries: Vec<String> = dev
        .iter()
        .filter(|d| !NO_LIBRARY.contains(&d.as_str()))
        .map(|d| match RUNTIME_LIBRARIES.iter().find(|(p, _, _)| p == d) {
            Some((_, lib, user)) => format!("{lib} ({user}, built with {d})"),
            None => format!("the library of {d}"),
        })
        .collect();
    let static_go = runtime.contains("distroless/static");
    if !libraries.is_empty() {
        note.push("Runtime libraries may still be missing from the final stage:".to_string());
        note.push(format!("{}.", libraries.join(", ")));
    } else if !static_go {
        note.push(
            match family {
                Family::Python => "Runtime libraries (e.g. libpq5 for psycopg2) may still be missing.",
                Family::Node => "Runtime libraries that native modules link to may still be missing.",
                Family::Go => "Runtime libraries the binary links to may still be missing.",
            }
            .to_string(),
        );
    }
    if family == Family::Go {
        note.push("Only the binary is copied: copy the files it reads at runtime too.".to_string());
    }
    if runtime_os == Os::Distroless && model.last_in_lineage(stage, Kind::User).is_none() {
        note.push("The distroless image runs as its nonroot user (uid 65532), not as root.".to_string());
    }
    for line in note {
        out.push_str(&format!("# {line}{nl}"));
    }

    // the build stage: the original FROM, named
    let from_start = line_start(src, from.span.start as usize);
    let from_end = line_end(src, from.span.end as usize);
    let at = img.span.end as usize;
    if f.alias.is_none() {
        if !(from_start..=from_end).contains(&at) || img.span.text(src) != img.text {
            return None;
        }
        let as_kw = if from.keyword.chars().any(|c| c.is_ascii_lowercase()) {
            "as"
        } else {
            "AS"
        };
        out.push_str(&src[from_start..at]);
        out.push_str(&format!(" {as_kw} {build_name}"));
        out.push_str(&src[at..from_end]);
    } else {
        out.push_str(&src[from_start..from_end]);
    }
    if !out.ends_with('\n') {
        out.push_str(nl);
    }
    for (n, (i, item, _)) in plan.pre().iter().enumerate() {
        if plan.first_pip == Some(n) {
            out.push_str(&format!(
                "{} python -m venv {VENV}{nl}{} PATH=\"{VENV}/bin:$PATH\"{nl}",
                k("RUN"),
                k("ENV")
            ));
        }
        if !matches!(item, Item::Setting) {
            out.push_str(&chunk(model, *i, nl));
        }
    }

    // the runtime stage
    out.push_str(nl);
    let last = stage.body.end.checked_sub(1)?;
    let stage_end = line_end(src, instrs[last].span.end as usize);
    // `stage ignore` pragmas (above the FROM or in the stage) go with the
    // runtime stage too
    let after_preamble = instrs[..stage.from].last().map_or(0, |p| p.span.end);
    for c in model.df.comments.iter().filter(|c| {
        !c.inside_instruction
            && c.span.start >= after_preamble
            && (c.span.start as usize) < stage_end
            && matches!(parse_comment(&c.text), Some((Scope::Stage, _)))
    }) {
        let start = line_start(src, c.span.start as usize);
        let line = src[start..].lines().next().unwrap_or("");
        out.push_str(line.trim_end_matches('\r'));
        out.push_str(nl);
    }
    out.push_str(&format!("{} {runtime}{nl}", k("FROM")));
    let workdir_set = plan.pre().iter().any(|(i, _, _)| instrs[*i].kind == Kind::Workdir);
    if family == Family::Go && !workdir_set && runtime_os != os_of_golang(&tag) {
        out.push_str(&format!("{} /go{nl}", k("WORKDIR")));
    }
    let mut kept = false;
    for (i, item, _) in plan.pre() {
        let ins = &instrs[*i];
        let keep_it = match item {
            Item::Setting => true,
            Item::Context => !(ins.kind == Kind::Shell && runtime_os == Os::Distroless),
            Item::Copy { dest, manifest, .. } => copy_in_runtime(dest, *manifest),
            Item::Run(r) if r.build => {
                if !kept && !keep.is_empty() {
                    kept = true;
                    out.push_str(&reinstall(&keep, &k("RUN"), nl));
                }
                false
            }
            Item::Run(_) => runtime_os != Os::Distroless,
        };
        if keep_it {
            out.push_str(&chunk(model, *i, nl));
        }
    }
    let copy = k("COPY");
    if family == Family::Python {
        out.push_str(&format!(
            "{copy} --from={build_name} {VENV} {VENV}{nl}{} PATH=\"{VENV}/bin:$PATH\"{nl}",
            k("ENV")
        ));
    }
    if let Some(a) = &app_copy {
        let chown = chowns.first().map_or(String::new(), |c| format!(" --chown={c}"));
        out.push_str(&format!("{copy} --from={build_name}{chown} {a} {a}{nl}"));
    }
    for b in &plan.binaries {
        out.push_str(&format!("{copy} --from={build_name} {b} {b}{nl}"));
    }
    for (i, _, _) in plan.post() {
        out.push_str(&chunk(model, *i, nl));
    }
    let title = format!(
        "rewrite as a multi-stage build: build on {}, run on {runtime}",
        img.text
    );
    Fix::unsafe_(title, vec![Edit::replace(Span::from_usize(from_start, stage_end), out)])
}

/// The name of a package without its version (`curl=7.88.1-10` → `curl`).
fn package_name(pkg: &str) -> &str {
    pkg.split(['=', '>', '<', '~']).next().unwrap_or(pkg)
}

/// Programs of a full Debian image that its slim variant lacks.
const FULL_IMAGE_PROGRAMS: &[&str] = &["curl", "wget"];

/// Which of [`FULL_IMAGE_PROGRAMS`] the runtime stage runs: in its RUNs,
/// CMD, ENTRYPOINT or HEALTHCHECK.
fn runtime_programs(model: &Model, plan: &Plan) -> Vec<&'static str> {
    let instrs = model.instructions();
    let mut names: Vec<String> = Vec::new();
    let mut take = |script: &Script| names.extend(script.commands.iter().filter_map(|c| c.name()).map(str::to_string));
    for (n, (i, item, _)) in plan.items.iter().enumerate() {
        match item {
            Item::Setting => {
                if let Some(script) = model::startup_script(&instrs[*i]) {
                    take(&script);
                }
            }
            Item::Run(r) if n > plan.split || !r.build => {
                if let Some(script) = model.script(*i) {
                    take(script);
                }
            }
            _ => {}
        }
    }
    FULL_IMAGE_PROGRAMS
        .iter()
        .copied()
        .filter(|p| names.iter().any(|n| n == p))
        .collect()
}

/// The userland of a golang image.
fn os_of_golang(tag: &str) -> Os {
    if tag.contains("alpine") {
        Os::Alpine
    } else {
        Os::Debian
    }
}

/// A RUN installing `packages` with the package manager of the runtime.
fn reinstall(packages: &[(Pm, String)], run: &str, nl: &str) -> String {
    let names: Vec<&str> = packages.iter().map(|(_, p)| p.as_str()).collect();
    let names = names.join(" ");
    match packages.first().map(|(pm, _)| *pm) {
        Some(Pm::Apk) => format!("{run} apk add --no-cache {names}{nl}"),
        _ => format!(
            "{run} apt-get update && apt-get install -y --no-install-recommends {names} && rm -rf /var/lib/apt/lists/*{nl}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_tags() {
        assert_eq!(python_runtime_tag("3.12").as_deref(), Some("3.12-slim"));
        assert_eq!(
            python_runtime_tag("3.12-bookworm").as_deref(),
            Some("3.12-slim-bookworm")
        );
        assert_eq!(
            python_runtime_tag("3.12-slim-bookworm").as_deref(),
            Some("3.12-slim-bookworm")
        );
        assert_eq!(
            python_runtime_tag("3.12-alpine3.20").as_deref(),
            Some("3.12-alpine3.20")
        );
        assert_eq!(python_runtime_tag("3.13-rc"), None);
        assert_eq!(node_runtime_tag("20").as_deref(), Some("20-slim"));
        assert_eq!(node_runtime_tag("20-bookworm").as_deref(), Some("20-bookworm-slim"));
        assert_eq!(node_runtime_tag("20-alpine").as_deref(), Some("20-alpine"));
        assert_eq!(node_runtime_tag("lts").as_deref(), Some("lts-slim"));
        assert_eq!(node_runtime_tag("hydrogen"), None);
        let go = |tag, st, sh| go_runtime_image(tag, st, sh).map(|(i, _)| i);
        assert_eq!(
            go("1.22", true, false).as_deref(),
            Some("gcr.io/distroless/static-debian12:nonroot")
        );
        assert_eq!(go("1.22", false, false), None);
        assert_eq!(
            go("1.22-bookworm", false, false).as_deref(),
            Some("gcr.io/distroless/base-debian12:nonroot")
        );
        assert_eq!(go("1.22-bookworm", true, true).as_deref(), Some("debian:bookworm-slim"));
        assert_eq!(go("1.22-alpine3.20", false, false).as_deref(), Some("alpine:3.20"));
        assert_eq!(go("1.22-alpine", false, true), None);
    }

    #[test]
    fn paths() {
        assert_eq!(resolve(Some("/app"), "./out/"), Some("/app/out".to_string()));
        assert_eq!(resolve(Some("/app"), "../bin/x"), Some("/bin/x".to_string()));
        assert_eq!(resolve(None, "x"), None);
        assert_eq!(resolve(Some("/"), "/x/$Y"), None);
        assert!(inside("/app", "/app") && inside("/app", "/app/a") && !inside("/app", "/application"));
        assert!(python_manifest("requirements-dev.txt") && python_manifest("./req/requirements.txt"));
        assert!(!python_manifest(".") && !python_manifest("app.py"));
    }
}
