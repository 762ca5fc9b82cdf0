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
    dl3002,
    dl3003,
    dl3004,
    dl3006,
    dl3007,
    dl3009,
    dl3014,
    dl3015,
    dl3020,
    dl3025,
    dl3042,
    dl4000,
    dw1001,
    dw1002,
    dw1003,
    dw1004,
    dw1005,
    dw4001,
    dw4002,
}
