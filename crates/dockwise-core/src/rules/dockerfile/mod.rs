//! Dockerfile rules. One file per rule; one line per rule in `rules!` below.

pub mod common;

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every Dockerfile rule, in catalogue order.
        pub static RULES: &[&crate::rules::Rule] = &[$(&$module::RULE),*];
    };
}

rules! {
    dl3006,
    dl3007,
}
