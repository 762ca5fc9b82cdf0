//! Helpers shared by several Dockerfile rules.

pub mod fixes;
pub mod labels;
pub mod multistage;
pub mod shell;

use crate::diagnostics::{Diagnostic, Fix, Reporter};
use dockwise_syntax::dockerfile::{model, Args, Instruction, Kind, Model, Stage};
use dockwise_syntax::shell::{Command, ShWord};
use std::borrow::Cow;

/// `root`, `0`, `root:group`, `0:0`.
pub fn is_root_user(user: &str) -> bool {
    let u = user.trim().trim_matches(['"', '\'']);
    let name = u.split(':').next().unwrap_or(u);
    name == "root" || name == "0"
}

/// Is the instruction at index `i` inside a stage that ends up in the final
/// image (the final stage, its ancestors, stages it copies from)?
pub fn in_final_image(model: &Model, i: usize) -> bool {
    match model.stage_of.get(i).copied().flatten() {
        Some(s) => model.stages_in_final_image().contains(&s),
        None => false,
    }
}

/// The package-manager families rules know about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pm {
    Apt,
    Apk,
    Yum,
    Dnf,
    Zypper,
}

/// Value-taking options of apt-get, so that `-o X=Y install` finds `install`.
pub const APT_VALUE_FLAGS: &[&str] = &[
    "-o",
    "-c",
    "-t",
    "--option",
    "--config-file",
    "--target-release",
    "--default-release",
];
const YUM_VALUE_FLAGS: &[&str] = &[
    "-c",
    "--config",
    "--installroot",
    "--enablerepo",
    "--disablerepo",
    "-x",
    "--exclude",
    "--releasever",
    "--setopt",
    "--repo",
    "--repofrompath",
];
const APK_VALUE_FLAGS: &[&str] = &[
    "-t",
    "--virtual",
    "-X",
    "--repository",
    "-p",
    "--root",
    "--arch",
    "--cache-dir",
    "--keys-dir",
    "--repositories-file",
];

/// The package-manager family of `cmd` and the word that is its subcommand
/// (`install` in `apt-get -o X=1 install curl`).
pub fn package_subcommand<'c, 's>(cmd: &'c Command<'s>) -> Option<(Pm, &'c ShWord<'s>)> {
    let (pm, flags) = match cmd.name()? {
        "apt-get" | "apt" | "aptitude" => (Pm::Apt, APT_VALUE_FLAGS),
        "apk" => (Pm::Apk, APK_VALUE_FLAGS),
        "yum" => (Pm::Yum, YUM_VALUE_FLAGS),
        "dnf" | "microdnf" | "dnf5" | "tdnf" => (Pm::Dnf, YUM_VALUE_FLAGS),
        "zypper" => (Pm::Zypper, &["--root", "-R", "--config", "-c"][..]),
        _ => return None,
    };
    Some((pm, cmd.subcommand(flags)?))
}

/// The package manager run by `cmd` and its subcommand (`install`, `update`...).
pub fn package_command<'c>(cmd: &'c Command<'_>) -> Option<(Pm, Cow<'c, str>)> {
    let (pm, word) = package_subcommand(cmd)?;
    let sub: &str = &word.value;
    let sub = if sub.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(sub.to_ascii_lowercase())
    } else {
        Cow::Borrowed(sub)
    };
    Some((pm, sub))
}

/// dnf's short subcommands and what they stand for, as hadolint lists them
/// for DL3040 (Dockwise reads them in DL3038 and DL3041 too).
const DNF_ALIASES: &[(&str, &str)] = &[
    ("in", "install"),
    ("rei", "reinstall"),
    ("up", "upgrade"),
    ("up-min", "upgrade-minimal"),
];

/// The subcommand of a dnf (microdnf, dnf5...) command, a short form spelled
/// out: `dnf -y in x` → `install`.
pub fn dnf_subcommand<'c>(cmd: &'c Command<'_>) -> Option<Cow<'c, str>> {
    let (Pm::Dnf, sub) = package_command(cmd)? else {
        return None;
    };
    Some(match DNF_ALIASES.iter().find(|(short, _)| *short == sub) {
        Some((_, long)) => Cow::Borrowed(*long),
        None => sub,
    })
}

/// True for `apt-get install`, `apk add`, `yum install`, `dnf install`, ...
pub fn is_install(pm: Pm, sub: &str) -> bool {
    match pm {
        Pm::Apt => matches!(
            sub,
            "install" | "reinstall" | "build-dep" | "upgrade" | "dist-upgrade" | "full-upgrade"
        ),
        Pm::Apk => matches!(sub, "add" | "upgrade"),
        Pm::Yum | Pm::Dnf => matches!(
            sub,
            "install" | "groupinstall" | "localinstall" | "reinstall" | "upgrade" | "update" | "module"
        ),
        Pm::Zypper => matches!(
            sub,
            "install" | "in" | "update" | "up" | "dist-upgrade" | "dup" | "patch"
        ),
    }
}

/// True for the index refresh: `apt-get update`, `apk update`, `dnf makecache`, `zypper refresh`.
pub fn is_index_update(pm: Pm, sub: &str) -> bool {
    match pm {
        Pm::Apt => sub == "update",
        Pm::Apk => sub == "update",
        Pm::Yum | Pm::Dnf => sub == "makecache",
        Pm::Zypper => matches!(sub, "refresh" | "ref"),
    }
}

/// The packages named by an install command (flags and their values skipped).
pub fn install_packages<'c, 's>(cmd: &'c Command<'s>) -> Vec<&'c dockwise_syntax::shell::ShWord<'s>> {
    let flags: &[&str] = match cmd.name() {
        Some("apk") => APK_VALUE_FLAGS,
        Some("yum" | "dnf" | "microdnf" | "dnf5" | "tdnf") => YUM_VALUE_FLAGS,
        _ => APT_VALUE_FLAGS,
    };
    cmd.positionals(flags).into_iter().skip(1).collect()
}

/// Has a `--mount=type=cache` (or tmpfs) on a target under one of `paths`?
pub fn has_cache_mount(ins: &Instruction, paths: &[&str]) -> bool {
    model::mounts(ins).iter().any(|m| {
        let get = |k: &str| m.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        let ty = get("type").unwrap_or("bind");
        let target = get("target")
            .or_else(|| get("dst"))
            .or_else(|| get("destination"))
            .unwrap_or("");
        (ty == "cache" || ty == "tmpfs")
            && paths
                .iter()
                .any(|p| target.trim_end_matches('/').ends_with(p.trim_end_matches('/')))
    })
}

/// ENV values visible in a stage (its own ENVs and its ancestors'), last wins.
pub fn env_in_stage(model: &Model, stage: &Stage, name: &str) -> Option<String> {
    model.lineage(stage).into_iter().find_map(|s| {
        model.body(s).rev().find_map(|(_, ins)| {
            if ins.kind != Kind::Env {
                return None;
            }
            ins.key_values()
                .iter()
                .rev()
                .find(|kv| kv.key.value == name)
                .map(|kv| kv.value.as_ref().map(|v| v.value.to_string()).unwrap_or_default())
        })
    })
}

pub fn is_truthy(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on")
}

/// The CMD or ENTRYPOINT text of an instruction (exec words joined, or shell text).
pub fn command_text(ins: &Instruction) -> String {
    match &ins.args {
        Args::Exec(w) => w.iter().map(|w| &*w.value).collect::<Vec<_>>().join(" "),
        Args::Shell(w) => w.raw.to_string(),
        _ => String::new(),
    }
}

/// Is the stage a Windows image (Windows base, or a PowerShell/cmd shell)?
/// Linux-specific advice (root user, apt) does not apply there.
pub fn is_windows_stage(model: &Model, stage: &Stage) -> bool {
    is_windows_base(model, stage)
        || !model.posix.get(stage.from).copied().unwrap_or(true)
        || model.body(stage).any(|(i, _)| !model.posix[i])
}

/// Is the stage built on a Windows image (whatever its SHELL)?
pub fn is_windows_base(model: &Model, stage: &Stage) -> bool {
    let root = *model.lineage(stage).last().unwrap_or(&stage);
    model.base_image(root).is_some_and(|img| {
        let t = img.text.to_ascii_lowercase();
        t.contains("windows") || t.contains("servercore") || t.contains("nanoserver")
    })
}

/// The pieces of a script that use a package manager: command, family,
/// subcommand.
pub fn package_commands<'s>(
    script: &'s dockwise_syntax::shell::Script<'_>,
) -> impl Iterator<Item = (&'s Command<'s>, Pm, Cow<'s, str>)> + 's {
    script
        .commands
        .iter()
        .filter_map(|c| package_command(c).map(|(pm, s)| (c, pm, s)))
}

/// Reports each install command of `program` (by name) whose packages are not
/// all pinned; `pinned` decides per package. Applies to RUN and ONBUILD RUN.
pub fn unpinned_packages(
    model: &Model,
    out: &mut Reporter,
    programs: &[&str],
    install_words: &[&str],
    pinned: impl Fn(&str) -> bool,
    message: impl Fn(&str) -> String,
) {
    for (_, cmd) in model.commands(true) {
        if !cmd.name().is_some_and(|n| programs.contains(&n)) {
            continue;
        }
        let Some((_, sub)) = package_command(cmd) else { continue };
        if !install_words.contains(&&*sub) {
            continue;
        }
        if let Some(w) = install_packages(cmd).into_iter().find(|w| !pinned(&w.value)) {
            out.report(w.span, message(&w.value));
        }
    }
}

/// Reports each command of `programs` whose subcommand is in `subs` and that
/// has none of the `yes` flags: the non-interactive rules (DL3030, DL3034,
/// DL3038). The fix adds the first of `yes` after the subcommand (zypper's
/// `-n`, a global option, after the program).
pub fn missing_yes(model: &Model, out: &mut Reporter, programs: &[&str], subs: &[&str], yes: &[&str], message: &str) {
    for (i, cmd) in model.commands(true) {
        if !cmd.name().is_some_and(|n| programs.contains(&n)) {
            continue;
        }
        let Some((_, sub)) = package_command(cmd) else { continue };
        if subs.contains(&&*sub) && !cmd.has_flag(yes) {
            let flag = yes.first().copied().unwrap_or("-y");
            let word = if cmd.name() == Some("zypper") {
                cmd.name_word()
            } else {
                package_subcommand(cmd).map(|(_, w)| w)
            };
            let fix = || fixes::add_flag(model, i, word, flag);
            out.push(Diagnostic::new(cmd.program_span(), message).with_fix(fix));
        }
    }
}

/// A fix that ends the RUN at instruction `i` with `&& clean`: safe unless a
/// later RUN of the stage (or of a stage built on it) `needs` what it cleans
/// before it `refreshes` it.
pub fn clean_fix(
    model: &Model,
    i: usize,
    clean: &str,
    needs: &dyn Fn(&Command) -> bool,
    refreshes: &dyn Fn(&Command) -> bool,
) -> Option<Fix> {
    let edit = fixes::append_to_run(model, i, clean)?;
    let applicability = fixes::safe_unless(fixes::used_later(model, i, needs, refreshes));
    Fix::new(applicability, format!("end the RUN with {clean}").as_str(), vec![edit])
}

/// Reports an install (`subs`) with no cleaning command after it in the same
/// RUN: the cache rules (DL3032, DL3036, DL3040). `cleans` decides which
/// commands clean; `mounts` are cache directories that make cleaning moot.
/// The fix ends the RUN with `<program> <clean>` (`dnf clean all`), and is
/// unsafe when a later RUN installs again (it would fetch the metadata anew).
pub fn missing_clean(
    model: &Model,
    out: &mut Reporter,
    installs: impl Fn(&Command) -> bool,
    cleans: impl Fn(&Command) -> bool,
    mounts: &[&str],
    message: &str,
    clean: &str,
) {
    for (i, script) in model.scripts(true) {
        if has_cache_mount(model.instructions()[i].effective(), mounts) {
            continue;
        }
        let install = script.commands.iter().position(&installs);
        if let Some(at) = install {
            if !script.commands[at + 1..].iter().any(&cleans) {
                let cmd = &script.commands[at];
                let fix = || {
                    cmd.name()
                        .and_then(|name| clean_fix(model, i, &format!("{name} {clean}"), &installs, &|_| false))
                };
                out.push(Diagnostic::new(cmd.program_span(), message).with_fix(fix));
            }
        }
    }
}

/// `rm -r`/`-rf` of one of `paths` (or a parent of it).
pub fn removes_any(cmd: &Command, paths: &[&str]) -> bool {
    cmd.name() == Some("rm")
        && cmd.has_flag(&["-r", "-R", "--recursive"])
        && cmd.positionals(&[]).iter().any(|w| {
            let p = w.value.trim_end_matches(['*', '/']);
            !p.is_empty()
                && paths
                    .iter()
                    .any(|target| target.starts_with(p) && p.len() > 4 || p.starts_with(target))
        })
}

/// An RPM-style package version: `name-<something starting with a digit>`,
/// or an `.rpm` file (DL3033 for yum, DL3041 for dnf). A `$VAR` part counts
/// as a version when `defined(VAR)`.
pub fn rpm_version_like(p: &str, defined: &dyn Fn(&str) -> bool) -> bool {
    if p.ends_with(".rpm") {
        return true;
    }
    let parts: Vec<&str> = p.split('-').collect();
    let var = |part: &str| {
        part.strip_prefix('$')
            .is_some_and(|v| defined(v.trim_start_matches('{').trim_end_matches('}')))
    };
    parts.len() > 1
        && parts[1..]
            .iter()
            .all(|part| var(part) || part.chars().all(|c| c.is_ascii_alphanumeric() || ".~^_:+".contains(c)))
        && parts[1..]
            .iter()
            .any(|part| var(part) || part.starts_with(|c: char| c.is_ascii_digit()))
}

/// Names defined by ARG (global or in the stage lineage) or ENV in the stage
/// of instruction `i`, before it.
pub fn defined_names(model: &Model, i: usize) -> Vec<String> {
    let mut names = Vec::new();
    let mut take = |ins: &dockwise_syntax::dockerfile::Instruction| {
        if matches!(ins.kind, Kind::Arg | Kind::Env) {
            names.extend(ins.key_values().iter().map(|kv| kv.key.value.to_string()));
        }
    };
    for ins in model.instructions().iter().take_while(|i| i.kind != Kind::From) {
        take(ins);
    }
    if let Some(stage) = model.stage_of.get(i).copied().flatten().map(|s| &model.stages[s]) {
        for s in model.lineage(stage) {
            for (j, ins) in model.body(s) {
                if j < i {
                    take(ins);
                }
            }
        }
    }
    names
}

/// Does the command's argument list contain `word` (hadolint's any-position match)?
pub fn has_arg(cmd: &Command, word: &str) -> bool {
    cmd.args().iter().any(|w| w.value == word)
}

/// Reports every instruction of `kind` after the first in each stage (and in
/// the instructions before the first FROM, as hadolint does). Only the last
/// one counts, so the fix deletes the one before it: the image is the same.
pub fn later_duplicates(model: &Model, kind: Kind, out: &mut Reporter, message: &str) {
    for stage in model.sections() {
        let mut earlier = None;
        for (i, ins) in model.body(stage).filter(|(_, i)| i.kind == kind) {
            if let Some(e) = earlier {
                let fix = || {
                    fixes::delete_instruction(model, e)
                        .and_then(|d| Fix::safe(format!("remove the earlier {}", kind.keyword()).as_str(), vec![d]))
                };
                out.push(Diagnostic::new(ins.keyword_span, message).with_fix(fix));
            }
            earlier = Some(i);
        }
    }
}

pub fn is_absolute(path: &str) -> bool {
    let p = path.trim_matches(['"', '\'']);
    let b = p.as_bytes();
    p.starts_with('/') || p.starts_with('$') || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// Is this a `pip install` (pip, pip3, pip3.12, `python -m pip install`)?
pub fn is_pip_install(cmd: &Command) -> bool {
    let Some(name) = cmd.name() else { return false };
    let args = cmd.args();
    let is_pip =
        name == "pip" || (name.starts_with("pip") && name[3..].chars().all(|c| c.is_ascii_digit() || c == '.'));
    if is_pip {
        return cmd
            .subcommand(&["--python", "--log", "--cache-dir", "--proxy"])
            .is_some_and(|w| w.value == "install");
    }
    let is_python = name.starts_with("python") && name[6..].chars().all(|c| c.is_ascii_digit() || c == '.');
    if is_python {
        if let Some(m) = args.iter().position(|w| w.value == "-m") {
            return args.get(m + 1).is_some_and(|w| w.value == "pip")
                && args.get(m + 2).is_some_and(|w| w.value == "install");
        }
    }
    false
}

/// A package manager whose download cache a RUN of the final image should
/// clean (or keep in a cache mount): `npm cache clean`, `yarn cache clean`.
pub struct CacheClean<'a> {
    pub program: &'a str,
    /// The first positional words that install packages.
    pub installs: &'a [&'a str],
    /// Cache mount targets that keep the cache out of the layer.
    pub mounts: &'a [&'a str],
    /// Also check `ONBUILD RUN`.
    pub onbuild: bool,
    pub message: &'a str,
    /// The command that cleans the cache: `npm cache clean --force`.
    pub clean: &'a str,
}

/// Reports an install of `c.program` whose RUN neither cleans its cache nor
/// mounts it, in the final image's stages (a file without FROM counts as one).
pub fn missing_cache_clean(model: &Model, out: &mut Reporter, c: &CacheClean) {
    let Some(last) = model.final_section() else { return };
    let named = |cmd: &&Command| cmd.name() == Some(c.program);
    let installs = |cmd: &Command| {
        named(&cmd)
            && cmd
                .positionals(&[])
                .first()
                .is_some_and(|w| c.installs.contains(&&*w.value))
    };
    for stage in model.lineage(last) {
        for (i, ins, script) in model.runs(stage, c.onbuild) {
            if has_cache_mount(ins.effective(), c.mounts) {
                continue;
            }
            let install = script.commands.iter().position(installs);
            let Some(at) = install else { continue };
            // a clean before the install leaves the install's downloads behind
            let clean = script.commands[at + 1..]
                .iter()
                .filter(named)
                .any(|cmd| has_arg(cmd, "cache") && has_arg(cmd, "clean"));
            if !clean {
                // unsafe when a later RUN installs again (from the cache, until now)
                let fix = || clean_fix(model, i, c.clean, &installs, &|_| false);
                out.push(Diagnostic::new(script.commands[at].program_span(), c.message).with_fix(fix));
            }
        }
    }
}
