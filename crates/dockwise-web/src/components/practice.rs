//! The Practice tab: interview questions and spot-the-problem challenges.
//! Their text and UI live in `learn.js`, fetched the first time the tab
//! opens (nothing of it is in the first load); this side mounts it and gives
//! it the core: challenge scoring, kind labels, and a way to open rule cards.

use crate::bridge::{self, object};
use crate::lint::payloads;
use dockwise_rules::learn;
use dockwise_rules::Rule;
use dockwise_syntax::FileKind;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_explain: Callback<&'static Rule>,
}

fn numbers(v: &[u32]) -> JsValue {
    v.iter().map(|&n| JsValue::from(n)).collect::<js_sys::Array>().into()
}

/// The scorer for learn.js: `(text, kind, rules, marked) -> {found, missed,
/// falseAlarms, problems: [{line, findings}]}`, each finding in the page's
/// one payload shape.
fn score_for_js(text: String, kind: String, rules: js_sys::Array, marked: js_sys::Array) -> JsValue {
    let kind = FileKind::parse(&kind).unwrap_or(FileKind::Dockerfile);
    let rules: Vec<String> = rules.iter().filter_map(|r| r.as_string()).collect();
    let marked: Vec<u32> = marked.iter().filter_map(|m| m.as_f64()).map(|m| m as u32).collect();
    let s = learn::score(&text, kind, &rules, &marked);
    let problems: js_sys::Array = s
        .problems
        .iter()
        .map(|p| object(&[("line", p.line.into()), ("findings", payloads(&p.findings).into())]))
        .collect();
    object(&[
        ("found", numbers(&s.found)),
        ("missed", numbers(&s.missed)),
        ("falseAlarms", numbers(&s.false_alarms)),
        ("problems", problems.into()),
    ])
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
            let score = Closure::<dyn Fn(String, String, js_sys::Array, js_sys::Array) -> JsValue>::new(score_for_js);
            let explain = Closure::<dyn Fn(String)>::new(move |id: String| {
                if let Some(rule) = dockwise_rules::rules::find(&id) {
                    on_explain.emit(rule);
                }
            });
            if let Some(el) = host.cast::<web_sys::HtmlElement>() {
                let core = object(&[
                    ("score", score.as_ref().clone()),
                    ("explain", explain.as_ref().clone()),
                    ("kinds", kind_labels()),
                ]);
                let promise = bridge::mount_practice(&el, &core);
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                        error.set(Some("The practice questions could not be loaded.".into()));
                    }
                });
            }
            // the closures live as long as the panel
            move || drop((score, explain))
        });
    }
    html! {
        <div class="practice" data-testid="practice">
            if let Some(e) = (*error).clone() { <p class="import-error" role="alert">{e}</p> }
            <div ref={host}></div>
        </div>
    }
}
