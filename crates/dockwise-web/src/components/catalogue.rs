//! Every rule, searchable by id, name, title or severity.

use super::severity_badge;
use dockwise_core::Rule;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_open: Callback<&'static Rule>,
}

fn matches(r: &Rule, q: &str) -> bool {
    let q = q.trim().to_lowercase();
    q.is_empty()
        || q.split_whitespace().all(|w| {
            r.id.to_lowercase().contains(w) || r.name.contains(w) || r.title.to_lowercase().contains(w) || r.severity.as_str() == w || r.tags.iter().any(|t| t.as_str() == w)
        })
}

#[function_component(Catalogue)]
pub fn catalogue(p: &Props) -> Html {
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                query.set(i.value());
            }
        })
    };
    let rules: Vec<&'static Rule> = dockwise_core::rules::all().filter(|r| matches(r, &query)).collect();
    html! {
        <div class="catalogue">
            <input type="search" class="search" placeholder="Search rules: id, name, words, severity…" aria-label="Search rules"
                value={(*query).clone()} {oninput} data-testid="rule-search" />
            <p class="count">{format!("{} of {} rules", rules.len(), dockwise_core::rules::all().count())}</p>
            <ul class="rule-list">
                { for rules.into_iter().map(|r| {
                    let open = { let cb = p.on_open.clone(); Callback::from(move |_| cb.emit(r)) };
                    html! {
                        <li>
                            <button class="rule-row" onclick={open}>
                                <span class="rule-id">{r.id}</span>
                                { severity_badge(r.severity) }
                                <span class="rule-name">{r.name}</span>
                                <span class="rule-title">{r.title}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
