//! The cache view: a developer edits one file of the build context; which
//! instructions does the next build run again?
//!
//! The build cache reuses an instruction's result while the instruction and
//! everything before it are unchanged; for COPY and ADD, "unchanged"
//! includes the content of the files they copy
//! (<https://docs.docker.com/build/cache/invalidation/>). So in each stage
//! the final stage needs (BuildKit builds no other), the first instruction
//! that takes the edited file in (a COPY or ADD from the context whose
//! sources could include it, or a RUN that bind-mounts it), or that copies
//! or mounts from a stage that rebuilds, or the FROM of a stage built on
//! one that rebuilds, starts the rebuild, and every later instruction of
//! the stage follows.
//!
//! When a dependency install reruns only because a COPY before it took in
//! a file that is not one of its manifests, the order is what costs the
//! time: [`OrderFix`] names the install, the COPY, and the rule that asks
//! for the manifests to be copied first (`DW1024`, which flags `COPY . <dest>`
//! before an install).

use super::installs::{install, Install};
use super::{Source, StageNode, Step};
use dockwise_syntax::dockerfile::model::variable_refs;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::dockerignore::{clean, DockerIgnore};
use serde::Serialize;

/// The rule that flags the whole context copied before a dependency install.
pub const ORDER_RULE: &str = "DW1024";

/// Why an instruction reruns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// This COPY or ADD takes the edited file in.
    Copies,
    /// This RUN bind-mounts the edited file from the context.
    Mounts,
    /// An earlier instruction of the stage reran.
    After,
    /// The stage this one is built on reran.
    Base { stage: usize },
    /// It copies or mounts from a stage that reran.
    From { stage: usize },
}

/// One instruction that reruns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rebuild {
    /// Index into `Picture::instructions`.
    pub instruction: usize,
    pub stage: usize,
    pub reason: Reason,
}

/// A dependency install that reruns because a COPY before it took in a
/// file that is not one of its manifests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrderFix {
    /// The RUN with the install.
    pub install: usize,
    /// The COPY or ADD that took the edited file in.
    pub copy: usize,
    /// The install command.
    pub command: String,
    /// What to copy before the install instead (its manifests).
    pub manifests: Vec<String>,
    /// The rule that flags this order, where it fires on the COPY (DW1024
    /// flags `COPY . <dest>` before an install it knows); None for narrower
    /// copies, installs it does not know, or a pragma that silences it.
    pub rule: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CacheView {
    /// The edited path, cleaned as the builder resolves context paths.
    pub path: String,
    /// `.dockerignore` leaves the path out of the context: nothing reruns.
    pub ignored: bool,
    /// The instructions that rerun, in order.
    pub rebuilds: Vec<Rebuild>,
    pub fixes: Vec<OrderFix>,
}

/// Could a COPY/ADD source (as written) include the context path `path`?
/// A variable may stand for any folders; URLs and git sources are not the
/// context.
pub fn could_include(source: &str, path: &str) -> bool {
    if source.contains("://") || source.starts_with("git@") {
        return false;
    }
    // a variable could stand for any folders: `${DIR}/requirements.txt`
    // still copies only files named requirements.txt
    let owned;
    let source = if source.contains('$') {
        let mut out = String::new();
        let mut at = 0;
        for v in variable_refs(source, '\\') {
            out.push_str(&source[at..v.start]);
            out.push_str("**");
            at = v.end;
        }
        out.push_str(&source[at..]);
        owned = out;
        owned.as_str()
    } else {
        source
    };
    let cleaned = clean(source);
    if cleaned.is_empty() {
        return true;
    }
    if cleaned.starts_with('!') {
        return cleaned == path || path.starts_with(&format!("{cleaned}/"));
    }
    // a source names a file, a folder (everything under it) or a glob:
    // exactly what a .dockerignore pattern matches, parents included
    DockerIgnore::parse(&cleaned).excludes(path)
}

/// Is `path` left out of a COPY by its `--exclude` patterns? They are
/// matched against the path and against the path below the first source
/// folder that holds it: one matcher, two questions, however many patterns
/// and sources the COPY has.
fn excluded(patterns: &[String], sources: &[String], path: &str) -> bool {
    if patterns.is_empty() {
        return false;
    }
    let m = DockerIgnore::parse(&patterns.join("\n"));
    let below = sources.iter().find_map(|s| {
        let s = clean(s);
        (!s.is_empty() && !s.contains('$'))
            .then(|| path.strip_prefix(&format!("{s}/")))
            .flatten()
    });
    m.excludes(path) || below.is_some_and(|rest| m.excludes(rest))
}

/// The cache view of `path` (see the module's text).
pub fn view(model: &Model, stages: &[StageNode], steps: &[Step], path: &str, dockerignore: Option<&str>) -> CacheView {
    let path = clean(path);
    let ignored = !path.is_empty() && dockerignore.is_some_and(|t| DockerIgnore::parse(t).excludes(&path));
    let mut out = CacheView {
        path: path.clone(),
        ignored,
        rebuilds: Vec::new(),
        fixes: Vec::new(),
    };
    if ignored || path.is_empty() {
        return out;
    }
    let mut rebuilt = vec![false; stages.len()];
    // where DW1024 reports, asked once and only when an install reruns
    let mut order_findings: Option<Vec<u32>> = None;
    let reran = |rebuilt: &[bool], from: &Option<Source>| match from {
        Some(Source::Stage { index }) => rebuilt.get(*index).copied().unwrap_or(false).then_some(*index),
        _ => None,
    };
    for stage in stages.iter().filter(|s| s.used) {
        let s = stage.index;
        // (instruction, reason) that starts the rebuild
        let mut start: Option<(usize, Reason)> = None;
        if let super::Base::Stage { index } = stage.base {
            if rebuilt.get(index).copied().unwrap_or(false) {
                start = Some((stage.first, Reason::Base { stage: index }));
            }
        }
        if start.is_none() {
            for step in &steps[stage.first + 1..=stage.last.max(stage.first)] {
                let i = step.index;
                if let Some(c) = &step.copy {
                    if let Some(k) = reran(&rebuilt, &c.from) {
                        start = Some((i, Reason::From { stage: k }));
                    } else if c.from.is_none()
                        && !c.heredoc
                        && c.sources.iter().any(|src| could_include(src, &path))
                        && !excluded(&c.exclude, &c.sources, &path)
                    {
                        start = Some((i, Reason::Copies));
                    }
                }
                for m in &step.mounts {
                    if start.is_some() {
                        break;
                    }
                    if let Some(k) = reran(&rebuilt, &m.from) {
                        start = Some((i, Reason::From { stage: k }));
                    } else if m.kind == "bind"
                        && m.from.is_none()
                        && could_include(m.source.as_deref().unwrap_or("."), &path)
                    {
                        start = Some((i, Reason::Mounts));
                    }
                }
                if start.is_some() {
                    break;
                }
            }
        }
        let Some((first, reason)) = start else { continue };
        rebuilt[s] = true;
        out.rebuilds.push(Rebuild {
            instruction: first,
            stage: s,
            reason,
        });
        for i in first + 1..=stage.last {
            out.rebuilds.push(Rebuild {
                instruction: i,
                stage: s,
                reason: Reason::After,
            });
            if reason != Reason::Copies {
                continue;
            }
            // an install that reruns because of a file it does not read
            let Some(ins) = model.instructions().get(i) else {
                continue;
            };
            if ins.kind != Kind::Run {
                continue;
            }
            let Some(script) = model.script(i) else { continue };
            let found: Option<Install> = script.commands.iter().find_map(install);
            let Some(inst) = found else { continue };
            if inst.whole_source || inst.reads(&path) {
                continue;
            }
            let copy_place = steps[first].place;
            let flagged = order_findings
                .get_or_insert_with(|| order_rule_findings(model))
                .iter()
                .any(|&at| copy_place.from <= at && at < copy_place.to);
            out.fixes.push(OrderFix {
                install: i,
                copy: first,
                command: inst.command,
                manifests: inst.manifests,
                rule: flagged.then_some(ORDER_RULE),
            });
        }
    }
    out
}

/// Byte offsets where the order rule (DW1024) reports in the model's text:
/// the fix names the rule only where the rule really fires (not under a
/// pragma that silences it, not for an install it does not know).
#[cfg(feature = "checks")]
fn order_rule_findings(model: &Model) -> Vec<u32> {
    use crate::options::LintOptions;
    use dockwise_syntax::FileKind;
    let options = LintOptions {
        kind: Some(FileKind::Dockerfile),
        only: Some(vec![ORDER_RULE.to_string()]),
        ..Default::default()
    };
    crate::engine::lint(model.source, &options)
        .findings
        .iter()
        .map(|f| f.span.start)
        .collect()
}

/// Without the checks, where DW1024 would report: `COPY . <dest>` (or
/// `./`), the whole context in one COPY from the context.
#[cfg(not(feature = "checks"))]
fn order_rule_findings(model: &Model) -> Vec<u32> {
    model
        .instructions()
        .iter()
        .filter(|ins| ins.kind == Kind::Copy && ins.flag("from").is_none())
        .filter_map(|ins| match ins.words() {
            [src, _] if matches!(&*src.value, "." | "./") => Some(src.span.start),
            _ => None,
        })
        .collect()
}
