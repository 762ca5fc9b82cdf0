//! The Practice tab: interview questions and spot-the-problem challenges.
//! Their text and UI live in `learn.js`, fetched the first time the tab
//! opens (nothing of it is in the first load); this side mounts it and gives
//! it the kinds' names and a way to open rule cards; the challenges are
//! scored by the checker (the library, in its worker).

use crate::bridge::{self, object};
use dockwise_rules::Rule;
use dockwise_syntax::FileKind;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_explain: Callback<&'static Rule>,
}

/// `{dockerfile: "Dockerfile", ...}`: the kinds' names for people.
fn kind_labels() -> JsValue {
    object(&FileKind::ALL.map(|k| (k.as_str(), JsValue::from(k.label()))))
}

#[function_component(Practice)]
pub fn practice(p: &Props) -> Html {
    let host = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let (host, error, on_explain) = (host.clone(), error.clone(), p.on_explain.clone());
        use_effect_with((), move |_| {
            let explain = Closure::<dyn Fn(String)>::new(move |id: String| {
                if let Some(rule) = dockwise_rules::rules::find(&id) {
                    on_explain.emit(rule);
                }
            });
            if let Some(el) = host.cast::<web_sys::HtmlElement>() {
                // scoring is the checker's (share.js adds it): this side gives the cards and labels
                let core = object(&[("explain", explain.as_ref().clone()), ("kinds", kind_labels())]);
                let promise = bridge::mount_practice(&el, &core);
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                        error.set(Some("The practice questions could not be loaded.".into()));
                    }
                });
            }
            // the closure lives as long as the panel
            move || drop(explain)
        });
    }
    html! {
        <div class="practice" data-testid="practice">
            if let Some(e) = (*error).clone() { <p class="import-error" role="alert">{e}</p> }
            <div ref={host}></div>
        </div>
    }
}
