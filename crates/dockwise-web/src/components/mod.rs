pub mod build;
pub mod card;
pub mod catalogue;
pub mod findings;
pub mod harden;
pub mod header;
pub mod policy;
pub mod practice;
pub mod quick;
pub mod quiz;

use dockwise_rules::Severity;
use yew::prelude::*;

/// Renders text where `backticks` mark code, without ever interpreting HTML.
pub fn rich(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 { html! { <code>{part}</code> } } else { html! { {part} } }) }
    }
}

/// A finding message as a sentence: first letter capitalised.
pub fn sentence(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The small coloured severity label used in lists and cards.
pub fn severity_badge(sev: Severity) -> Html {
    html! { <span class={classes!("sev", format!("sev-{}", sev.as_str()))}>{sev.as_str()}</span> }
}
