//! Kubernetes rules. One file per rule; one line per rule in `rules!` below.

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every Kubernetes rule, in catalogue order.
        pub static RULES: &[&crate::rules::Rule] = &[$(&$module::RULE),*];
    };
}

rules! {
    dw3000,
}
