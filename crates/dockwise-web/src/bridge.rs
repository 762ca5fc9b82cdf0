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

    #[wasm_bindgen(method, js_name = setDiagnostics)]
    pub fn set_diagnostics(this: &DockwiseEditor, list: &JsValue);

    #[wasm_bindgen(method, js_name = setText)]
    pub fn set_text(this: &DockwiseEditor, text: &str);

    #[wasm_bindgen(method, js_name = getText)]
    pub fn get_text(this: &DockwiseEditor) -> String;

    #[wasm_bindgen(method)]
    pub fn reveal(this: &DockwiseEditor, from: u32, to: u32);

    #[wasm_bindgen(method)]
    pub fn focus(this: &DockwiseEditor);

    #[wasm_bindgen(method, js_name = setLanguage)]
    pub fn set_language(this: &DockwiseEditor, language: &str);

    #[wasm_bindgen(method)]
    pub fn destroy(this: &DockwiseEditor);
}
