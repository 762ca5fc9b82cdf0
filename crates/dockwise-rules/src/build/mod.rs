//! The build picture of a Dockerfile: what the page's Build tab draws.
//!
//! - The stage graph: every stage with its base (an image, `scratch` or an
//!   earlier stage), the edges that make one stage need another (`FROM`
//!   a stage, `COPY --from=`, `RUN --mount=...,from=`), each with the line
//!   that makes it, the final stage, and which stages the final stage needs
//!   (`used`: BuildKit builds only those). An image named in `COPY --from=`
//!   or `--mount from=` is a node of its own.
//! - Per instruction: whether it adds a filesystem layer or only changes the
//!   image's metadata, and what a COPY or ADD copies in.
//! - The cache view ([`cache`]): which instructions rebuild when one file
//!   of the build context changes, and the rule that would fix the order.
//! - The base size estimate ([`sizes`]): the final base's compressed size
//!   against its slimmer variants, from a table of sourced sizes.
//!
//! Everything here reads the `Model` of `dockwise-syntax` and costs time
//! linear in the file (stage references are looked up, never searched).

pub mod cache;
pub mod installs;
pub mod sizes;

use dockwise_syntax::dockerfile::model::{head_span, mounts};
use dockwise_syntax::dockerfile::{parse, Args, Instruction, Kind, Model};
use dockwise_syntax::image::ImageRef;
use dockwise_syntax::span::utf16_offsets;
use dockwise_syntax::Span;
use serde::Serialize;

/// Where something is in the text: 1-based lines and a byte range (or UTF-16
/// offsets after [`Picture::to_utf16`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    pub line: u32,
    pub end_line: u32,
    pub from: u32,
    pub to: u32,
}

impl Place {
    fn of(model: &Model, span: Span) -> Place {
        Place {
            line: model.line(span.start),
            end_line: model.line(span.end.saturating_sub(1).max(span.start)),
            from: span.start,
            to: span.end,
        }
    }
}

/// What a stage is built on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Base {
    /// An image: `python:3.12-slim`, `gcr.io/distroless/static`.
    Image {
        reference: String,
        /// `ghcr.io`, `localhost:5000`; None for Docker Hub.
        registry: Option<String>,
        /// The repository path without registry, `library/` dropped
        /// (`python`, `org/app`).
        name: String,
        tag: Option<String>,
        digest: Option<String>,
        /// `$VAR` in the reference: decided at build time.
        variables: bool,
    },
    /// `FROM scratch`: an empty file system.
    Scratch,
    /// An earlier stage, by index.
    Stage { index: usize },
    /// A FROM whose arguments could not be read.
    Unknown,
}

impl Base {
    fn of_image(image: &ImageRef) -> Base {
        if image.is_scratch() {
            return Base::Scratch;
        }
        Base::Image {
            reference: image.text.clone(),
            registry: image
                .registry
                .as_ref()
                .filter(|_| !image.is_docker_hub())
                .map(|r| r.text.clone()),
            name: image.hub_name().to_string(),
            tag: image.tag_text().map(str::to_string),
            digest: image.digest.as_ref().map(|d| d.text.clone()),
            variables: image.has_variables,
        }
    }
}

/// One stage of the build.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StageNode {
    pub index: usize,
    /// The `AS` name, lower-cased.
    pub name: Option<String>,
    pub base: Base,
    /// The stage's FROM instruction.
    pub place: Place,
    /// The last stage: the image `docker build` makes without `--target`.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// The final stage needs this stage (it is the final stage, or it is
    /// reached from it through bases, copies and mounts). BuildKit skips the
    /// others; the page greys them out.
    pub used: bool,
    /// Indices (into [`Picture::instructions`]) of the FROM and the last
    /// instruction of the stage.
    pub first: usize,
    pub last: usize,
}

/// An image a stage copies or mounts from without building it on: `COPY
/// --from=nginx:1.27 ...`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExternalNode {
    pub index: usize,
    pub reference: String,
}

/// Where an edge comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    Stage {
        index: usize,
    },
    Image {
        index: usize,
    },
    /// A stage number that names no earlier stage (`--from=7` in a file with
    /// three stages, or a stage's own index): BuildKit refuses it.
    Missing {
        reference: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// `FROM <stage>`.
    Base,
    /// `COPY --from=<stage or image>` (ADD too).
    Copy,
    /// `RUN --mount=...,from=<stage or image>`.
    Mount,
}

/// `to` needs `from`: the stage index it points at, and the instruction
/// that makes the edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub kind: EdgeKind,
    pub from: Source,
    pub to: usize,
    /// Index into [`Picture::instructions`].
    pub instruction: usize,
    pub line: u32,
}

/// What an instruction does to the image.
///
/// Only RUN, COPY and ADD change the file system and so add a layer; the
/// other instructions (ENV, LABEL, WORKDIR, USER, CMD, EXPOSE...) change the
/// image's configuration only. Docker's documentation, "Storage drivers",
/// section "Images and layers"
/// (<https://docs.docker.com/engine/storage/drivers/>): commands that modify
/// the file system create a layer (its example's COPY and RUNs), while
/// `LABEL` only modifies the image's metadata and produces no layer. One
/// nuance: BuildKit creates the directory WORKDIR names when it is missing,
/// which can leave a small layer; it is still counted as metadata here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// FROM: the stage starts from its base's layers.
    Base,
    /// RUN, COPY, ADD: a file-system layer.
    Layer,
    /// Configuration only (ARG before the first FROM included).
    Metadata,
    /// ONBUILD: a trigger stored in the image, run by builds on top of it.
    Trigger,
    /// An unknown or unparsable instruction: BuildKit stops there.
    Invalid,
}

/// What a COPY or ADD brings into the image.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CopyIn {
    /// Sources as written: context paths or globs, URLs (ADD), or heredoc
    /// names (`<<EOF`).
    pub sources: Vec<String>,
    pub destination: Option<String>,
    /// `--from=`: a stage or image instead of the build context.
    pub from: Option<Source>,
    /// Sources are inline (`COPY <<EOF /x`).
    pub heredoc: bool,
    /// `--exclude=` patterns.
    pub exclude: Vec<String>,
}

/// One `--mount` of a RUN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mount {
    /// `bind` (the default), `cache`, `secret`, `ssh`, `tmpfs`.
    #[serde(rename = "type")]
    pub kind: String,
    pub from: Option<Source>,
    pub source: Option<String>,
    pub target: Option<String>,
}

/// One instruction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub index: usize,
    /// None before the first FROM.
    pub stage: Option<usize>,
    /// `RUN`, `COPY`... (empty for an unknown instruction).
    pub keyword: &'static str,
    pub effect: Effect,
    pub place: Place,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy: Option<CopyIn>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mounts: Vec<Mount>,
}

/// Options of [`picture`].
#[derive(Clone, Debug, Default)]
pub struct Options<'o> {
    /// A context path the developer edits (`src/app.py`): adds the cache view.
    pub edited: Option<&'o str>,
    /// The `.dockerignore` text: a path it leaves out rebuilds nothing.
    pub dockerignore: Option<&'o str>,
}

/// The build picture of a Dockerfile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Picture {
    pub stages: Vec<StageNode>,
    pub externals: Vec<ExternalNode>,
    pub edges: Vec<Edge>,
    pub instructions: Vec<Step>,
    /// Index of the final stage (None in a file without FROM).
    #[serde(rename = "final")]
    pub final_stage: Option<usize>,
    /// The cache view for [`Options::edited`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache: Option<cache::CacheView>,
    /// The final stage's base size, if it is built on an image.
    pub base: Option<sizes::BaseEstimate>,
    /// The file has syntax errors: the picture shows what could be read.
    pub errors: bool,
}

/// The build picture of the Dockerfile `text`.
pub fn picture(text: &str, options: &Options) -> Picture {
    let df = parse(text);
    let model = Model::new(text, &df);
    of_model(&model, options)
}

/// The build picture of a parsed Dockerfile.
pub fn of_model(model: &Model, options: &Options) -> Picture {
    let mut externals: Vec<ExternalNode> = Vec::new();
    let mut external_index = std::collections::HashMap::<String, usize>::new();
    let mut source_of = |value: &str, before: usize| -> Source {
        if let Some(s) = model.stage_ref(value, before) {
            return Source::Stage { index: s };
        }
        if value.parse::<usize>().is_ok() {
            return Source::Missing {
                reference: value.to_string(),
            };
        }
        let next = externals.len();
        let index = *external_index.entry(value.to_string()).or_insert(next);
        if index == next {
            externals.push(ExternalNode {
                index,
                reference: value.to_string(),
            });
        }
        Source::Image { index }
    };

    let instrs = model.instructions();
    let mut steps = Vec::with_capacity(instrs.len());
    let mut edges = Vec::new();
    for (i, ins) in instrs.iter().enumerate() {
        let stage = model.stage_of[i];
        let place = Place::of(model, head_span(ins));
        let mut step = Step {
            index: i,
            stage,
            keyword: ins.kind.keyword(),
            effect: effect(ins),
            place,
            copy: None,
            mounts: Vec::new(),
        };
        let before = stage.unwrap_or(0);
        if matches!(ins.kind, Kind::Copy | Kind::Add) {
            let from = ins
                .flag("from")
                .and_then(|f| f.value.as_deref())
                .map(|v| source_of(v, before));
            if let (Some(to), Some(from)) = (stage, &from) {
                edges.push(Edge {
                    kind: EdgeKind::Copy,
                    from: from.clone(),
                    to,
                    instruction: i,
                    line: place.line,
                });
            }
            step.copy = Some(copy_in(ins, from));
        }
        if ins.kind == Kind::Run {
            for opts in mounts(ins) {
                let get = |k: &str| opts.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
                let from = get("from").map(|v| source_of(&v, before));
                if let (Some(to), Some(from)) = (stage, &from) {
                    edges.push(Edge {
                        kind: EdgeKind::Mount,
                        from: from.clone(),
                        to,
                        instruction: i,
                        line: place.line,
                    });
                }
                step.mounts.push(Mount {
                    kind: get("type").unwrap_or_else(|| "bind".into()),
                    from,
                    source: get("source").or_else(|| get("src")),
                    target: get("target").or_else(|| get("dst")).or_else(|| get("destination")),
                });
            }
        }
        steps.push(step);
    }

    let n = model.stages.len();
    let mut stages: Vec<StageNode> = Vec::with_capacity(n);
    for s in &model.stages {
        let base = match (s.parent, model.base_image(s)) {
            (Some(p), _) => {
                edges.push(Edge {
                    kind: EdgeKind::Base,
                    from: Source::Stage { index: p },
                    to: s.index,
                    instruction: s.from,
                    line: steps[s.from].place.line,
                });
                Base::Stage { index: p }
            }
            (None, Some(image)) => Base::of_image(image),
            (None, None) => Base::Unknown,
        };
        stages.push(StageNode {
            index: s.index,
            name: s.name.clone(),
            base,
            place: steps[s.from].place,
            is_final: s.index + 1 == n,
            used: false,
            first: s.from,
            last: s.body.end.saturating_sub(1).max(s.from),
        });
    }
    // edges in instruction order, base edges at their FROM
    edges.sort_by_key(|e| (e.instruction, e.kind != EdgeKind::Base));

    // reachability from the final stage: every edge points at an earlier
    // stage, so one pass from the last stage down is enough
    let mut needs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &edges {
        if let Source::Stage { index } = e.from {
            if index < e.to {
                needs[e.to].push(index);
            }
        }
    }
    if let Some(last) = stages.last_mut() {
        last.used = true;
    }
    for s in (0..n).rev() {
        if stages[s].used {
            for &d in &needs[s] {
                stages[d].used = true;
            }
        }
    }

    let final_stage = n.checked_sub(1);
    let cache = options
        .edited
        .map(|path| cache::view(model, &stages, &steps, path, options.dockerignore));
    let base = final_stage.and_then(|f| sizes::estimate_stage(&stages, f));
    Picture {
        stages,
        externals,
        edges,
        instructions: steps,
        final_stage,
        cache,
        base,
        errors: !model.df.errors.is_empty(),
    }
}

fn effect(ins: &Instruction) -> Effect {
    match ins.kind {
        Kind::From => Effect::Base,
        Kind::Run | Kind::Copy | Kind::Add => {
            if matches!(ins.args, Args::Invalid) {
                Effect::Invalid
            } else {
                Effect::Layer
            }
        }
        Kind::Onbuild => Effect::Trigger,
        Kind::Unknown => Effect::Invalid,
        _ => Effect::Metadata,
    }
}

fn copy_in(ins: &Instruction, from: Option<Source>) -> CopyIn {
    let words = ins.words();
    let heredoc = !ins.heredocs.is_empty();
    let (sources, destination) = match words.split_last() {
        Some((dest, sources)) if !sources.is_empty() || heredoc => (
            sources.iter().map(|w| w.value.to_string()).collect(),
            Some(dest.value.to_string()),
        ),
        // one word: a source without a destination (BuildKit refuses it)
        _ => (words.iter().map(|w| w.value.to_string()).collect(), None),
    };
    CopyIn {
        sources,
        destination,
        from,
        heredoc,
        exclude: ins.flags_named("exclude").filter_map(|f| f.value.clone()).collect(),
    }
}

impl Picture {
    /// Turns every place's byte offsets into UTF-16 offsets of `text` (what
    /// JavaScript strings and the editor count), in one pass over the text.
    pub fn to_utf16(&mut self, text: &str) {
        let mut places: Vec<&mut Place> = Vec::new();
        places.extend(self.stages.iter_mut().map(|s| &mut s.place));
        places.extend(self.instructions.iter_mut().map(|s| &mut s.place));
        let offsets: Vec<u32> = places.iter().flat_map(|p| [p.from, p.to]).collect();
        let converted = utf16_offsets(text, &offsets);
        for (p, pair) in places.into_iter().zip(converted.chunks(2)) {
            p.from = pair[0];
            p.to = pair[1];
        }
    }
}

#[cfg(test)]
mod tests;
