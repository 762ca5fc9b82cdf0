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
    dl1001,
    dl3000,
    dl3002,
    dl3003,
    dl3004,
    dl3006,
    dl3007,
    dl3008,
    dl3009,
    dl3011,
    dl3012,
    dl3014,
    dl3015,
    dl3018,
    dl3019,
    dl3020,
    dl3021,
    dl3022,
    dl3023,
    dl3024,
    dl3025,
    dl3026,
    dl3027,
    dl3028,
    dl3029,
    dl3030,
    dl3032,
    dl3033,
    dl3034,
    dl3035,
    dl3036,
    dl3037,
    dl3038,
    dl3040,
    dl3041,
    dl3042,
    dl3043,
    dl3044,
    dl3045,
    dl3048,
    dl3057,
    dl3061,
    dl3063,
    dl3064,
    dl3065,
    dl3066,
    dl3067,
    dl4000,
    dl4003,
    dl4004,
    dw1001,
    dw1002,
    dw1003,
    dw1004,
    dw1005,
    dw4001,
    dw4002,
}
