//! The Policy tab. Its UI is `policy.js` and its answers come from the
//! policy module (regorus compiled to WebAssembly), both fetched the first
//! time the tab opens; this side hands them a way to check the file again, whose findings the page merges with the
//! rules' (see `run_check` in app.rs).

use crate::bridge::{self, object};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Checks the file again (the policy changed).
    pub recheck: Callback<()>,
}

#[function_component(PolicyView)]
pub fn policy_view(p: &Props) -> Html {
    let host = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let (host, error) = (host.clone(), error.clone());
        let recheck = p.recheck.clone();
        use_effect_with((), move |_| {
            let recheck_js = Closure::<dyn Fn()>::new(move || recheck.emit(()));
            let gone = Rc::new(Cell::new(false));
            if let Some(el) = host.cast::<web_sys::HtmlElement>() {
                // the functions belong to the page from here on (policy.js
                // calls them after its lazy load and on every policy edit)
                let host = object(&[("recheck", recheck_js.into_js_value())]);
                let promise = bridge::mount_policy(&el, &host);
                let gone = gone.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() && !gone.get() {
                        error.set(Some("The Policy tab could not be loaded.".into()));
                    }
                });
            }
            move || {
                gone.set(true);
                bridge::unmount_policy();
            }
        });
    }
    html! {
        <div class="policy" data-testid="policy">
            if let Some(e) = (*error).clone() { <p class="import-error" role="alert">{e}</p> }
            <div ref={host}></div>
        </div>
    }
}
