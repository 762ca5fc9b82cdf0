//! Dockwise's syntax layer: text in, models with exact byte spans out.
//!
//! Everything a rule looks at is built here: the line index, the Dockerfile
//! parser and its stage model, the shell model of RUN commands, the YAML
//! reader and the Compose and Kubernetes models on top of it, image
//! references and `.dockerignore` patterns. Nothing here knows about rules,
//! findings or options: the rules crate (`dockwise-rules`) sits on top.

pub mod compose;
pub mod detect;
pub mod dockerfile;
pub mod dockerignore;
pub mod image;
pub mod kind;
pub mod kubernetes;
pub mod shell;
pub mod span;
pub mod yaml;

pub use kind::FileKind;
pub use span::{LineIndex, OffsetMap, Position, Span};
