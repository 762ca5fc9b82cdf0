//! Dockerfiles: syntax tree, parser, image references and the stage model.

pub mod ast;
pub mod check;
pub mod dump;
pub mod model;
pub mod parser;
pub mod words;

pub use crate::image::{ImageRef, Part};
pub use crate::span::OffsetMap;
pub use ast::*;
pub use model::{ExposedPort, Model, Stage};
pub use parser::parse;
