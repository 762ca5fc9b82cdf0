//! Kubernetes rules. One file per rule; one line per rule in `rules!` below.

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every Kubernetes rule, in catalogue order.
        pub static RULES: &[&crate::rule::Rule] = &[$(&$module::RULE),*];
    };
}

pub mod helpers;

rules! {
    dw3000,
    dw3001,
    dw3002,
    dw3003,
    dw3004,
    dw3005,
    dw3006,
    dw3007,
    dw3008,
    dw3009,
    dw3010,
    dw3011,
    dw3012,
    dw3013,
    dw3014,
    dw3015,
    dw3016,
    dw3017,
    dw3018,
    dw3019,
    dw3020,
    dw3021,
    dw3022,
    dw3023,
    dw3024,
    dw3025,
    dw3026,
    dw3027,
    dw3028,
    dw3029,
    dw3030,
    dw3031,
}
