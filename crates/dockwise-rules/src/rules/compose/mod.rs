//! Compose rules. One file per rule; one line per rule in `rules!` below.

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every Compose rule, in catalogue order.
        pub static RULES: &[&crate::rule::Rule] = &[$(&$module::RULE),*];
    };
}

pub mod helpers;

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
    dw2011,
    dw2012,
    dw2013,
    dw2014,
    dw2015,
    dw2016,
    dw2017,
    dw2018,
    dw2019,
    dw2020,
    dw2021,
    dw2022,
    dw2023,
    dw2024,
    dw2025,
    dw2026,
    dw2027,
    dw2028,
    dw2029,
    dw2030,
    dw2031,
    dw2032,
    dw2033,
    dw2034,
    dw2035,
    dw2036,
    dw2037,
    dw2038,
    dw2039,
    dw2040,
    dw2041,
    dw2042,
    dw2043,
}
