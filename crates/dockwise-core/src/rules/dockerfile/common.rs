//! Helpers shared by several Dockerfile rules.

use crate::dockerfile::{model, Args, Instruction, Kind, Model, Stage};
use crate::shell::Command;

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
pub const APT_VALUE_FLAGS: &[&str] = &["-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release"];
const YUM_VALUE_FLAGS: &[&str] = &["-c", "--config", "--installroot", "--enablerepo", "--disablerepo", "-x", "--exclude", "--releasever", "--setopt", "--repo", "--repofrompath"];
const APK_VALUE_FLAGS: &[&str] = &["-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file"];

/// The package manager run by `cmd` and its subcommand (`install`, `update`...).
pub fn package_command(cmd: &Command) -> Option<(Pm, String)> {
    let name = cmd.name()?;
    let (pm, flags) = match name {
        "apt-get" | "apt" | "aptitude" => (Pm::Apt, APT_VALUE_FLAGS),
        "apk" => (Pm::Apk, APK_VALUE_FLAGS),
        "yum" => (Pm::Yum, YUM_VALUE_FLAGS),
        "dnf" | "microdnf" | "dnf5" | "tdnf" => (Pm::Dnf, YUM_VALUE_FLAGS),
        "zypper" => (Pm::Zypper, &["--root", "-R", "--config", "-c"][..]),
        _ => return None,
    };
    let sub = cmd.subcommand(flags)?.value.to_ascii_lowercase();
    Some((pm, sub))
}

/// True for `apt-get install`, `apk add`, `yum install`, `dnf install`, ...
pub fn is_install(pm: Pm, sub: &str) -> bool {
    match pm {
        Pm::Apt => matches!(sub, "install" | "reinstall" | "build-dep" | "upgrade" | "dist-upgrade" | "full-upgrade"),
        Pm::Apk => matches!(sub, "add" | "upgrade"),
        Pm::Yum | Pm::Dnf => matches!(sub, "install" | "groupinstall" | "localinstall" | "reinstall" | "upgrade" | "update" | "module"),
        Pm::Zypper => matches!(sub, "install" | "in" | "update" | "up" | "dist-upgrade" | "dup" | "patch"),
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
pub fn install_packages(cmd: &Command) -> Vec<&crate::shell::ShWord> {
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
        let target = get("target").or_else(|| get("dst")).or_else(|| get("destination")).unwrap_or("");
        (ty == "cache" || ty == "tmpfs") && paths.iter().any(|p| target.trim_end_matches('/').ends_with(p.trim_end_matches('/')))
    })
}

/// ENV values visible in a stage (its own ENVs and its ancestors'), last wins.
pub fn env_in_stage(model: &Model, stage: &Stage, name: &str) -> Option<String> {
    model.lineage(stage).into_iter().find_map(|s| {
        model.body(s).rev().find_map(|(_, ins)| {
            if ins.kind != Kind::Env {
                return None;
            }
            ins.key_values().iter().rev().find(|kv| kv.key.value == name).map(|kv| kv.value.as_ref().map(|v| v.value.clone()).unwrap_or_default())
        })
    })
}

pub fn is_truthy(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on")
}

/// The CMD or ENTRYPOINT text of an instruction (exec words joined, or shell text).
pub fn command_text(ins: &Instruction) -> String {
    match &ins.args {
        Args::Exec(w) => w.iter().map(|w| w.value.as_str()).collect::<Vec<_>>().join(" "),
        Args::Shell(w) => w.raw.clone(),
        _ => String::new(),
    }
}

/// Is the stage a Windows image (Windows base, or a PowerShell/cmd shell)?
/// Linux-specific advice (root user, apt) does not apply there.
pub fn is_windows_stage(model: &Model, stage: &Stage) -> bool {
    let root = *model.lineage(stage).last().unwrap_or(&stage);
    let windows_base = model.base_image(root).is_some_and(|img| {
        let t = img.text.to_ascii_lowercase();
        t.contains("windows") || t.contains("servercore") || t.contains("nanoserver")
    });
    windows_base || !model.posix.get(stage.from).copied().unwrap_or(true) || model.body(stage).any(|(i, _)| !model.posix[i])
}
