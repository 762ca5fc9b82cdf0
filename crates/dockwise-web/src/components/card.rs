//! A rule's card: what it checks, why it matters, before/after, the fix, and
//! its quiz question with feedback for the chosen answer. The text comes from
//! `rules.json`, fetched the first time a card opens.

use super::quiz::Quiz;
use super::{rich, severity_badge};
use crate::docs;
use dockwise_rules::card::Card as RuleCard;
use dockwise_rules::Rule;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rule: &'static Rule,
    pub on_close: Callback<()>,
    /// Opens another rule's card (related rules).
    pub on_open: Callback<&'static Rule>,
}

#[function_component(Card)]
pub fn card(p: &Props) -> Html {
    let r = p.rule;
    let text = use_state(|| None::<Result<Rc<RuleCard>, String>>);
    let node = use_node_ref();
    {
        // A card opens at its top, wherever the list was scrolled.
        let node = node.clone();
        let text = text.clone();
        use_effect_with(r.id, move |id| {
            if let Some(parent) = node.cast::<web_sys::Element>().and_then(|e| e.parent_element()) {
                parent.set_scroll_top(0);
            }
            let id = id.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                let result = docs::library()
                    .await
                    .and_then(|lib| lib.get(&id).cloned().ok_or_else(|| format!("no text for {id}")));
                text.set(Some(result));
            });
        });
    }
    let close = {
        let cb = p.on_close.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let head = html! {
        <>
            <div class="card-head">
                <button class="back" onclick={close} aria-label="Back to the list">{"← Back"}</button>
                <span class="card-id">{r.id}</span>
                { severity_badge(r.severity) }
                { for r.tags.iter().map(|t| html! { <span class="tag">{t.as_str()}</span> }) }
            </div>
            <h2 id="card-title">{ match &*text { Some(Ok(t)) => rich(&t.title), _ => html! { {r.name} } } }</h2>
            <p class="card-name"><code>{r.name}</code></p>
        </>
    };
    let body = match &*text {
        None => html! { <p class="loading" aria-busy="true">{"Loading the explanation…"}</p> },
        Some(Err(e)) => html! { <p class="import-error" role="alert">{e}</p> },
        Some(Ok(t)) => {
            html! {
                <>
                    <section><h3>{"What it checks"}</h3><p>{rich(&t.docs.what)}</p></section>
                    <section><h3>{"Why it matters"}</h3><p>{rich(&t.docs.why)}</p></section>
                    if !t.extras.analogy.is_empty() {
                        <section class="analogy"><h3>{"Think of it like this"}</h3><p>{rich(&t.extras.analogy)}</p></section>
                    }
                    <section class="examples">
                        <h3>{"Before → after"}</h3>
                        <pre class="diff" data-testid="example-diff" aria-label="The example, lines removed marked minus, lines added marked plus">{
                            for t.extras.diff.iter().map(|(op, line)| {
                                let class = match op { '-' => "del", '+' => "ins", _ => "same" };
                                html! { <span class={class}>{format!("{op} {line}\n")}</span> }
                            })
                        }</pre>
                    </section>
                    <section><h3>{"How to fix"}</h3><p>{rich(&t.docs.fix)}</p></section>
                    if let Some(fix) = &t.extras.fix {
                        <section class="card-fix" data-testid="card-fix">
                            <h3>{"The automatic fix"}</h3>
                            <p>
                                {rich(&fix.title)}{" "}
                                if fix.applicability == dockwise_rules::Applicability::Safe {
                                    <span class="applicability safe">{"safe: means the same to the builder"}</span>
                                } else {
                                    <span class="applicability unsafe">{"check it: changes behaviour"}</span>
                                }
                            </p>
                            <pre class="diff" aria-label="The example fixed, lines removed marked minus, lines added marked plus">{
                                for fix.diff.iter().map(|(op, line)| {
                                    let class = match op { '-' => "del", '+' => "ins", _ => "same" };
                                    html! { <span class={class}>{format!("{op} {line}\n")}</span> }
                                })
                            }</pre>
                        </section>
                    }
                    <section class="source"><h3>{"Where this comes from"}</h3>
                        <ul data-testid="standard">{ for t.extras.sources.iter().map(|s| html! {
                            // a plain link the learner opens: the page fetches nothing
                            <li><a href={s.url.clone()} target="_blank" rel="noopener noreferrer">{&s.title}</a></li>
                        }) }</ul>
                    </section>
                    if !t.extras.related.is_empty() {
                        <section class="related"><h3>{"Related rules"}</h3>
                            <p>{ for t.extras.related.iter().filter_map(|id| dockwise_rules::rules::find(id)).map(|other| {
                                let open = p.on_open.clone();
                                html! { <button class="link related-rule" onclick={Callback::from(move |_| open.emit(other))}>{format!("{} {}", other.id, other.name)}</button> }
                            }) }</p>
                        </section>
                    }
                    <section class="quiz" aria-labelledby={super::quiz::question_id("quiz-feedback")}>
                        <h3>{"Quick check"}</h3>
                        <Quiz key={r.id} rule={r.id} text={t.clone()} retry=true feedback_id="quiz-feedback" />
                    </section>
                </>
            }
        }
    };
    html! {
        <article class="card" aria-labelledby="card-title" data-testid="rule-card" ref={node}>
            { head }
            { body }
            <p class="pragma">{"Silence it on one instruction with "}<code>{format!("# dockwise ignore={}", r.id)}</code>{" on the line above."}</p>
        </article>
    }
}
