//! Policies as code: the input document Dockwise derives from a file
//! ([`input`]), and Rego policies evaluated over it with regorus
//! ([`policy`]). Policy findings become ordinary findings ([`located`]) whose
//! rule is the policy's package.

pub mod input;
pub mod located;
#[cfg(feature = "engine")]
pub mod policy;

pub use input::{input, inputs, Format, Input};
#[cfg(feature = "engine")]
pub use policy::{Policy, PolicyError, PolicyFinding, Syntax};

/// The starter policies (Rego v1), by file name: the lessons' three gates
/// first.
pub const STARTERS: &[(&str, &str)] = &[
    ("image.rego", include_str!("../starters/image.rego")),
    ("labels.rego", include_str!("../starters/labels.rego")),
    ("compose.rego", include_str!("../starters/compose.rego")),
    ("kubernetes.rego", include_str!("../starters/kubernetes.rego")),
];
