//! Bindings to the CodeMirror 6 bridge in `web/editor/editor.js`, which the
//! build bundles to `editor.js` next to the app's own JavaScript.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(raw_module = "./editor.js")]
extern "C" {
    pub type DockwiseEditor;

    #[wasm_bindgen(constructor)]
    pub fn new(
        parent: &web_sys::HtmlElement,
        doc: &str,
        language: &str,
        storage_key: &str,
        read_only: bool,
        on_change: &js_sys::Function,
        on_explain: &js_sys::Function,
    ) -> DockwiseEditor;

    /// The findings (the page's payload).
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    pub fn set_diagnostics(this: &DockwiseEditor, list: &JsValue);

    /// Offer the findings' fixes as actions (off in an embed with `fixes=0`).
    #[wasm_bindgen(method, js_name = setFixes)]
    pub fn set_fixes(this: &DockwiseEditor, on: bool);

    /// Applies edits (`[{from, to, replacement}]`, UTF-16) computed for the
    /// text last given findings, as one undoable change; false if the text
    /// has changed since.
    #[wasm_bindgen(method, js_name = applyEdits)]
    pub fn apply_edits(this: &DockwiseEditor, edits: &JsValue) -> bool;

    /// Replaces the text by `text` as one undoable change.
    #[wasm_bindgen(method, js_name = replaceText)]
    pub fn replace_text(this: &DockwiseEditor, text: &str) -> bool;

    #[wasm_bindgen(method)]
    pub fn undo(this: &DockwiseEditor);

    #[wasm_bindgen(method, js_name = setText)]
    pub fn set_text(this: &DockwiseEditor, text: &str);

    #[wasm_bindgen(method, js_name = getText)]
    pub fn get_text(this: &DockwiseEditor) -> String;

    #[wasm_bindgen(method)]
    pub fn reveal(this: &DockwiseEditor, from: u32, to: u32);

    #[wasm_bindgen(method)]
    pub fn focus(this: &DockwiseEditor);

    #[wasm_bindgen(method, js_name = setReadOnly)]
    pub fn set_read_only(this: &DockwiseEditor, read_only: bool);

    #[wasm_bindgen(method, js_name = setLanguage)]
    pub fn set_language(this: &DockwiseEditor, language: &str);

    #[wasm_bindgen(method)]
    pub fn destroy(this: &DockwiseEditor);
}

/// Share links, embeds, messages to an embedding page and the theme: also in
/// `editor.js` (web/editor/share.js), so the wasm stays small.
#[wasm_bindgen(raw_module = "./editor.js")]
extern "C" {
    #[wasm_bindgen(js_name = hasLocationState)]
    pub fn has_location_state() -> bool;

    /// Resolves to `{text, kind, settings, rules, readOnly, embed}` or null.
    #[wasm_bindgen(js_name = readLocationState)]
    pub fn read_location_state() -> js_sys::Promise;

    #[wasm_bindgen(js_name = shareLink)]
    pub fn share_link(text: &str, kind: &str, settings: &str) -> js_sys::Promise;

    #[wasm_bindgen(js_name = copyText)]
    pub fn copy_text(text: &str) -> js_sys::Promise;

    #[wasm_bindgen(js_name = notifyParent)]
    pub fn notify_parent(kind: &str, payload: &JsValue);

    /// Loads `learn.js` on first use and mounts the practice panel into
    /// `el`; `core` holds `score`, `explain` and `kinds` (see practice.rs).
    #[wasm_bindgen(js_name = mountPractice)]
    pub fn mount_practice(el: &web_sys::HtmlElement, core: &JsValue) -> js_sys::Promise;

    /// Loads `harden.js` and the library on first use and draws the Harden
    /// view into `el`; `host` holds `text`, `apply`, `undo`, `explain`, `options`.
    #[wasm_bindgen(js_name = mountHarden)]
    pub fn mount_harden(el: &web_sys::HtmlElement, host: &JsValue) -> js_sys::Promise;

    /// Loads `picture.js` on first use and draws the Build tab into `el`;
    /// `host` holds `text`, `replace` (absent: fixes off), `undo`, `reveal`,
    /// `explain`, `dockerignore`. Resolves to `{refresh}`.
    #[wasm_bindgen(js_name = mountBuild)]
    pub fn mount_build(el: &web_sys::HtmlElement, host: &JsValue) -> js_sys::Promise;

    /// Asks the checker (a worker running the library): `op` is `check`,
    /// `fix` or `harden`, with the text and the library's options object.
    #[wasm_bindgen(js_name = ask)]
    pub fn ask(op: &str, text: &str, options: &JsValue) -> js_sys::Promise;

    /// Asks the checker with one more argument: `export` (the format) or
    /// `triage` (the order).
    #[wasm_bindgen(js_name = ask)]
    pub fn ask_with(op: &str, text: &str, options: &JsValue, extra: &str) -> js_sys::Promise;

    /// The rules' version of this page (`0.1.0+179`), which share links carry.
    #[wasm_bindgen(js_name = setRulesVersion)]
    pub fn set_rules_version(version: &str);

    /// Resolves to the rules' version a share link was made with when it is
    /// not this page's, else to "".
    #[wasm_bindgen(js_name = linkVersionDiffers)]
    pub fn link_version_differs() -> js_sys::Promise;

    /// Saves `text` as a file (a Blob URL of the page's own origin).
    #[wasm_bindgen(js_name = download)]
    pub fn download(name: &str, text: &str, kind: &str);

    /// Calls `on_view(top, bottom)` with the part of `el` that can be seen
    /// (pixels from its top) now and whenever it scrolls or is resized;
    /// returns the function that stops it.
    #[wasm_bindgen(js_name = watchView)]
    pub fn watch_view(el: &web_sys::Element, on_view: &js_sys::Function) -> js_sys::Function;

    /// A finding's numbers: line, column, end line, end column, from, to,
    /// instruction line (NaN: none), 1 if it has a fix.
    #[wasm_bindgen(js_name = findingNumbers)]
    pub fn finding_numbers(f: &JsValue, out: &mut [f64]);

    /// A finding's rule, severity and message, joined by NUL characters.
    #[wasm_bindgen(js_name = findingText)]
    pub fn finding_text(f: &JsValue) -> String;

    /// Loads the policy module on first use and draws the Policy tab into
    /// `el`; `host` holds `recheck` (check the file again).
    #[wasm_bindgen(js_name = mountPolicy)]
    pub fn mount_policy(el: &web_sys::HtmlElement, host: &JsValue) -> js_sys::Promise;

    #[wasm_bindgen(js_name = unmountPolicy)]
    pub fn unmount_policy();

    /// Resolves to the policy's findings on `text` (the checker's shape,
    /// with `policy: true`), or to [] while no policy is on.
    #[wasm_bindgen(js_name = policyCheck)]
    pub fn policy_check(text: &str, kind: &str) -> js_sys::Promise;

    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(theme: &str);

    #[wasm_bindgen(js_name = getTheme)]
    pub fn get_theme() -> String;
}

/// A JS object from (key, value) pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

pub fn field(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
