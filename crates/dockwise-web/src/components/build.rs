//! The Build tab. Its UI is `picture.js` and its answers come from the
//! library (`buildPicture`, `sizeRefactor` in the worker), both fetched the
//! first time the tab opens; this side hands them the editor (text, replace,
//! undo, reveal), the settings' `.dockerignore` and a way to open rule
//! cards, and asks for a new drawing when the text was checked again.

use crate::bridge::{self, object};
use dockwise_rules::Rule;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The editor's text now.
    pub text: Callback<(), String>,
    /// Replaces the editor's text as one undoable change; None when fixes
    /// are off (a read-only link, a lesson's task, `fixes=0`).
    pub replace: Option<Callback<String, bool>>,
    pub undo: Callback<()>,
    /// Selects a range (UTF-16 offsets) in the editor and focuses it.
    pub reveal: Callback<(u32, u32)>,
    /// The settings' `.dockerignore` patterns, one a line ("" for none).
    pub dockerignore: AttrValue,
    /// Changes when the text was checked again: the tab draws again.
    pub revision: u64,
    pub on_explain: Callback<&'static Rule>,
}

#[function_component(Build)]
pub fn build_view(p: &Props) -> Html {
    let host = use_node_ref();
    let error = use_state(|| None::<String>);
    // what picture.js answered when mounted: `{refresh}`
    let view: Rc<RefCell<Option<JsValue>>> = use_mut_ref(|| None);
    let dockerignore: Rc<RefCell<AttrValue>> = use_mut_ref(AttrValue::default);
    *dockerignore.borrow_mut() = p.dockerignore.clone();
    {
        let (host, error, view, on_explain) = (host.clone(), error.clone(), view.clone(), p.on_explain.clone());
        let (text, replace, undo, reveal) = (p.text.clone(), p.replace.clone(), p.undo.clone(), p.reveal.clone());
        let dockerignore = dockerignore.clone();
        use_effect_with((), move |_| {
            let gone = Rc::new(Cell::new(false));
            if let Some(el) = host.cast::<web_sys::HtmlElement>() {
                // The functions belong to the page from here on, as Harden's
                // do: picture.js may call them after the tab was left.
                let mut pairs = vec![
                    (
                        "text",
                        Closure::<dyn Fn() -> String>::new(move || text.emit(())).into_js_value(),
                    ),
                    ("undo", Closure::<dyn Fn()>::new(move || undo.emit(())).into_js_value()),
                    (
                        "reveal",
                        Closure::<dyn Fn(u32, u32)>::new(move |from, to| reveal.emit((from, to))).into_js_value(),
                    ),
                    (
                        "explain",
                        Closure::<dyn Fn(String)>::new(move |id: String| {
                            if let Some(rule) = dockwise_rules::rules::find(&id) {
                                on_explain.emit(rule);
                            }
                        })
                        .into_js_value(),
                    ),
                    (
                        "dockerignore",
                        Closure::<dyn Fn() -> String>::new(move || dockerignore.borrow().to_string()).into_js_value(),
                    ),
                ];
                if let Some(replace) = replace {
                    pairs.push((
                        "replace",
                        Closure::<dyn Fn(String) -> bool>::new(move |t: String| replace.emit(t)).into_js_value(),
                    ));
                }
                let promise = bridge::mount_build(&el, &object(&pairs));
                let gone = gone.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match wasm_bindgen_futures::JsFuture::from(promise).await {
                        Ok(v) => *view.borrow_mut() = Some(v),
                        Err(_) if !gone.get() => error.set(Some("The Build tab could not be loaded.".into())),
                        Err(_) => {}
                    }
                });
            }
            move || gone.set(true)
        });
    }
    {
        // the text was checked again: picture.js draws it (it keeps the
        // drawing when the text is the same)
        let view = view.clone();
        use_effect_with(p.revision, move |_| {
            let refresh = view
                .borrow()
                .as_ref()
                .and_then(|v| bridge::field(v, "refresh").dyn_into::<js_sys::Function>().ok());
            if let Some(f) = refresh {
                let _ = f.call0(&JsValue::NULL);
            }
        });
    }
    html! {
        <div class="build" data-testid="build">
            if let Some(e) = (*error).clone() { <p class="import-error" role="alert">{e}</p> }
            <div ref={host}></div>
        </div>
    }
}
