//! Compose rules. One file per rule; one line per rule in `rules!` below.

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every Compose rule, in catalogue order.
        pub static RULES: &[&crate::rules::Rule] = &[$(&$module::RULE),*];
    };
}

rules! {
    dw2000,
    dw2001,
    dw2002,
    dw2003,
    dw2004,
    dw2005,
    dw2006,
    dw2007,
    dw2008,
    dw2009,
    dw2010,
}
