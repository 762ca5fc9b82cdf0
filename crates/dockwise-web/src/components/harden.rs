//! The Harden view. Its UI is `harden.js` and its answers come from the
//! library (`lib/dockwise.js`), both fetched the first time the view opens;
//! this side hands them the editor (text, apply, undo), the settings and a
//! way to open rule cards.

use crate::bridge::{self, object};
use dockwise_rules::Rule;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The editor's text now.
    pub text: Callback<(), String>,
    /// Applies edits (`[{from, to, replacement}]`) in the editor as one
    /// undoable change; false when the text changed meanwhile.
    pub apply: Callback<JsValue, bool>,
    pub undo: Callback<()>,
    /// The library's options object for the text now.
    pub options: Callback<(), JsValue>,
    pub on_explain: Callback<&'static Rule>,
}

#[function_component(Harden)]
pub fn harden_view(p: &Props) -> Html {
    let host = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let (host, error, on_explain) = (host.clone(), error.clone(), p.on_explain.clone());
        let (text, apply, undo, options) = (p.text.clone(), p.apply.clone(), p.undo.clone(), p.options.clone());
        use_effect_with((), move |_| {
            let text_js = Closure::<dyn Fn() -> String>::new(move || text.emit(()));
            let apply_js = Closure::<dyn Fn(JsValue) -> bool>::new(move |e: JsValue| apply.emit(e));
            let undo_js = Closure::<dyn Fn()>::new(move || undo.emit(()));
            let options_js = Closure::<dyn Fn() -> JsValue>::new(move || options.emit(()));
            let explain = Closure::<dyn Fn(String)>::new(move |id: String| {
                if let Some(rule) = dockwise_rules::rules::find(&id) {
                    on_explain.emit(rule);
                }
            });
            let gone = Rc::new(Cell::new(false));
            if let Some(el) = host.cast::<web_sys::HtmlElement>() {
                // The functions belong to the page from here on: harden.js
                // calls them after its lazy load and after its checks come
                // back, which can be after the tab was left (dropping them
                // then made those calls throw). They only reach the editor,
                // the settings and the cards, which outlive every view.
                let host = object(&[
                    ("text", text_js.into_js_value()),
                    ("apply", apply_js.into_js_value()),
                    ("undo", undo_js.into_js_value()),
                    ("options", options_js.into_js_value()),
                    ("explain", explain.into_js_value()),
                ]);
                let promise = bridge::mount_harden(&el, &host);
                let gone = gone.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() && !gone.get() {
                        error.set(Some("The Harden view could not be loaded.".into()));
                    }
                });
            }
            move || gone.set(true)
        });
    }
    html! {
        <div class="harden" data-testid="harden">
            if let Some(e) = (*error).clone() { <p class="import-error" role="alert">{e}</p> }
            <div ref={host}></div>
        </div>
    }
}
