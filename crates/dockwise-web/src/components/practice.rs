//! The Practice tab: interview questions and spot-the-problem challenges.
//! Their text and UI live in `learn.js`, fetched the first time the tab
//! opens (nothing of it is in the first load); this side mounts it and gives
//! it the engine (`lint`) and a way to open rule cards.

use crate::bridge;
use dockwise_core::{FileKind, LintOptions, Rule};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_explain: Callback<&'static Rule>,
}

/// The checker for learn.js: `(text, kind) -> [{rule, name, severity, line, column, message}]`,
/// the same shape the page sends an embedding page.
fn lint_for_js(text: String, kind: String) -> JsValue {
    let options = LintOptions { kind: FileKind::parse(&kind), ..Default::default() };
    crate::lint::summary(&crate::lint::check(&text, &options).findings).into()
}

#[function_component(Practice)]
pub fn practice(p: &Props) -> Html {
    let host = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let (host, error, on_explain) = (host.clone(), error.clone(), p.on_explain.clone());
        use_effect_with((), move |_| {
            let lint = Closure::<dyn Fn(String, String) -> JsValue>::new(lint_for_js);
            let explain = Closure::<dyn Fn(String)>::new(move |id: String| {
                if let Some(rule) = dockwise_core::rules::find(&id) {
                    on_explain.emit(rule);
                }
            });
            if let Some(el) = host.cast::<web_sys::HtmlElement>() {
                let promise = bridge::mount_practice(&el, lint.as_ref().unchecked_ref(), explain.as_ref().unchecked_ref());
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                        error.set(Some("The practice questions could not be loaded.".into()));
                    }
                });
            }
            // the closures live as long as the panel
            move || drop((lint, explain))
        });
    }
    html! {
        <div class="practice" data-testid="practice">
            if let Some(e) = (*error).clone() { <p class="import-error" role="alert">{e}</p> }
            <div ref={host}></div>
        </div>
    }
}
