//! Base image sizes: a table of compressed sizes (what a pull downloads) of
//! official images and their variants, each read from a page that states
//! it, with the date it was read and the architecture; and the estimate the
//! Build tab shows: the final stage's base against the slim, Alpine and
//! distroless variants of the same image.
//!
//! An estimate, and only of the base: the layers a Dockerfile adds come on
//! top, tags move (a `22` today is not the `22` of the table), and other
//! architectures differ. Entries without a source the table could cite are
//! left out; a base the table does not know has no estimate.

use super::{Base, StageNode};
use serde::Serialize;

/// One image variant's compressed size.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ImageSize {
    /// Docker Hub name (`node`) or full reference path for other registries.
    pub image: &'static str,
    pub tag: &'static str,
    /// Compressed size in megabytes, as the source states it.
    pub mb: f64,
    /// The platform the size is for.
    pub arch: &'static str,
    /// When the source was read (YYYY-MM-DD).
    pub read: &'static str,
    /// The page that states the size.
    pub source: &'static str,
}

/// Docker Hub's tag list of the official `node` image, filtered by name: it
/// states each tag's compressed size per platform.
const NODE_22_23_4: &str = "https://hub.docker.com/_/node/tags?name=22.23.4";
const NODE_20: &str = "https://hub.docker.com/_/node/tags?name=20";
const READ: &str = "2026-12-01";
const AMD64: &str = "linux/amd64";

macro_rules! size {
    ($image:expr, $tag:expr, $mb:expr, $source:expr) => {
        ImageSize {
            image: $image,
            tag: $tag,
            mb: $mb,
            arch: AMD64,
            read: READ,
            source: $source,
        }
    };
}

/// The table. Only sizes read from a page that states them: Docker Hub's
/// tag pages of the official images (stored copies, read on the date given).
/// Python, golang, eclipse-temurin, debian, ubuntu, alpine, nginx, postgres
/// and distroless are not in it yet: no page stating their compressed sizes
/// could be read (see README, "The build picture").
pub const TABLE: &[ImageSize] = &[
    size!("node", "22.23.4", 389.5, NODE_22_23_4),
    size!("node", "22.23.4-bookworm", 389.5, NODE_22_23_4),
    size!("node", "22.23.4-trixie", 419.39, NODE_22_23_4),
    size!("node", "22.23.4-slim", 76.15, NODE_22_23_4),
    size!("node", "22.23.4-trixie-slim", 77.73, NODE_22_23_4),
    size!("node", "24.20.0-alpine", 55.78, NODE_20),
    size!("node", "24.20.0-alpine3.24", 55.78, NODE_20),
    size!("node", "24.20.0-alpine3.23", 55.77, NODE_20),
    size!("node", "24.20.0-trixie-slim", 81.34, NODE_20),
    size!("node", "24.20-trixie-slim", 81.34, NODE_20),
];

/// What kind of variant a tag is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// The default image: a full distribution with build tools.
    Full,
    Slim,
    Alpine,
    Distroless,
}

pub fn variant(image: &str, tag: &str) -> Variant {
    if image.contains("distroless") {
        Variant::Distroless
    } else if tag.contains("alpine") {
        Variant::Alpine
    } else if tag.contains("slim") {
        Variant::Slim
    } else {
        Variant::Full
    }
}

/// The version part of a tag (`22.23.4` of `22.23.4-bookworm-slim`).
fn version(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// The non-version part of a tag (`bookworm-slim`).
fn flavour(tag: &str) -> &str {
    tag.split_once('-').map_or("", |(_, f)| f)
}

/// A size from the table for one image reference.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Match {
    /// The tag of the table's entry.
    pub tag: String,
    pub variant: Variant,
    pub size: ImageSize,
    /// The entry is the tag itself; false when a newer patch release of the
    /// same version and flavour stands in (`22-slim` read as `22.23.4-slim`).
    pub exact: bool,
}

/// The table's entry for `image:tag` (a Docker Hub name), exact or standing in.
pub fn lookup(image: &str, tag: &str) -> Option<Match> {
    let image = image.strip_prefix("library/").unwrap_or(image);
    if let Some(e) = TABLE.iter().find(|e| e.image == image && e.tag == tag) {
        return Some(Match {
            tag: e.tag.to_string(),
            variant: variant(e.image, e.tag),
            size: *e,
            exact: true,
        });
    }
    // `22-slim` → the table's `22.x.y-slim`: same flavour, a version that
    // starts with this one
    let (v, f) = (version(tag), flavour(tag));
    if v.is_empty() || !v.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    TABLE
        .iter()
        .filter(|e| e.image == image && flavour(e.tag) == f && version(e.tag).starts_with(&format!("{v}.")))
        .max_by(|a, b| a.tag.len().cmp(&b.tag.len()).then(a.tag.cmp(b.tag)))
        .map(|e| Match {
            tag: e.tag.to_string(),
            variant: variant(e.image, e.tag),
            size: *e,
            exact: false,
        })
}

/// The final base's estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaseEstimate {
    /// The reference as written in FROM.
    pub reference: String,
    pub image: String,
    pub tag: Option<String>,
    pub variant: Variant,
    /// The table's size for it, when the table knows it.
    pub size: Option<Match>,
    /// Other variants of the same image and version (slim, Alpine,
    /// distroless...), smallest first.
    pub alternatives: Vec<Match>,
}

/// The estimate for a base image (`name` as Docker Hub knows it).
pub fn estimate(reference: &str, name: &str, tag: Option<&str>) -> BaseEstimate {
    let tag_text = tag.unwrap_or("latest");
    let size = lookup(name, tag_text);
    // alternatives: entries of the same image whose version is the one the
    // base names (or the table's stand-in for it), of another variant
    let v = size.as_ref().map_or(version(tag_text), |s| version(s.size.tag));
    let own = variant(name, tag_text);
    let mut alternatives: Vec<Match> = TABLE
        .iter()
        .filter(|e| e.image == name && version(e.tag) == v && variant(e.image, e.tag) != own)
        .map(|e| Match {
            tag: e.tag.to_string(),
            variant: variant(e.image, e.tag),
            size: *e,
            exact: true,
        })
        .collect();
    alternatives.sort_by(|a, b| a.size.mb.total_cmp(&b.size.mb));
    BaseEstimate {
        reference: reference.to_string(),
        image: name.to_string(),
        tag: tag.map(str::to_string),
        variant: own,
        size,
        alternatives,
    }
}

/// The estimate for stage `index`'s image base (following `FROM <stage>`
/// back to an image); None for `scratch`, an unreadable FROM, or a
/// reference with variables.
pub fn estimate_stage(stages: &[StageNode], index: usize) -> Option<BaseEstimate> {
    let mut cur = index;
    // each step goes to an earlier stage: at most `index` steps
    for _ in 0..=index {
        match &stages.get(cur)?.base {
            Base::Stage { index } if *index < cur => cur = *index,
            Base::Image {
                reference,
                registry,
                name,
                tag,
                variables: false,
                ..
            } => {
                let mut e = estimate(reference, name, tag.as_deref());
                // the table holds Docker Hub images: `registry.example/node`
                // is another image of the same name
                if registry.is_some() {
                    e.size = None;
                    e.alternatives.clear();
                }
                return Some(e);
            }
            _ => return None,
        }
    }
    None
}

/// Before and after a multi-stage refactor: the final base's estimate of
/// the original text and of the rewritten one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Refactor {
    pub before: Option<BaseEstimate>,
    pub after: Option<BaseEstimate>,
    /// Megabytes the final base loses (before − after), when both are known.
    pub saved_mb: Option<f64>,
    /// The rewritten text (the multi-stage fix's, or the learner's).
    pub text: String,
}

/// The final base's estimate of a Dockerfile text.
pub fn final_base(text: &str) -> Option<BaseEstimate> {
    super::picture(text, &super::Options::default()).base
}

/// Compares the final base of `before` and `after` (two versions of one
/// Dockerfile: a learner's refactor is scored with this).
pub fn compare(before: &str, after: &str) -> Refactor {
    let (b, a) = (final_base(before), final_base(after));
    let mb = |e: &Option<BaseEstimate>| e.as_ref().and_then(|e| e.size.as_ref()).map(|s| s.size.mb);
    let saved_mb = match (mb(&b), mb(&a)) {
        (Some(x), Some(y)) => Some(((x - y) * 100.0).round() / 100.0),
        _ => None,
    };
    Refactor {
        before: b,
        after: a,
        saved_mb,
        text: after.to_string(),
    }
}

/// The challenge "measure before and after a multi-stage refactor": applies
/// the multi-stage rewrite DW1005 (`build-tools-in-final-image`) offers and
/// compares the final base before and after. None when DW1005 offers no
/// rewrite for the text (it is not a single-stage Python, Node or Go image
/// that installs build tools).
#[cfg(feature = "fixes")]
pub fn multistage(text: &str) -> Option<Refactor> {
    use crate::options::LintOptions;
    use dockwise_syntax::FileKind;
    let result = crate::engine::lint(
        text,
        &LintOptions {
            kind: Some(FileKind::Dockerfile),
            only: Some(vec![MULTISTAGE_RULE.to_string()]),
            ..Default::default()
        },
    );
    let fixed = result.findings.iter().find_map(|f| f.fix.as_ref()?.apply(text))?;
    Some(compare(text, &fixed))
}

/// The rule whose fix is the multi-stage rewrite.
pub const MULTISTAGE_RULE: &str = "DW1005";
