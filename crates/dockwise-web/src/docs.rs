//! The rules' cards, fetched once from `rules.json` (same origin) when a
//! card or the rule list is first opened. The wasm carries only ids and
//! names, which keeps the first download small. The schema is the core's
//! (`dockwise_rules::card`), read with the browser's JSON parser.

use dockwise_rules::card::{Card, Entry, Json};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub type Library = Rc<HashMap<String, Rc<Card>>>;

thread_local! {
    static CACHE: RefCell<Option<Library>> = const { RefCell::new(None) };
}

pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "the rule texts could not be loaded".to_string())?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "unexpected response".to_string())?;
    if !resp.ok() {
        return Err(format!("the rule texts could not be loaded (HTTP {})", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| "unreadable response".to_string())?)
        .await
        .map_err(|_| "unreadable response".to_string())?;
    text.as_string().ok_or_else(|| "unreadable response".to_string())
}

thread_local! {
    static SAMPLES: RefCell<Option<Rc<HashMap<String, String>>>> = const { RefCell::new(None) };
}

/// A sample's text, from `samples.json` (fetched once; the wasm carries
/// only the samples' ids and titles).
pub async fn sample_text(id: &str) -> Result<String, String> {
    let cached = SAMPLES.with(|c| c.borrow().clone());
    let map = match cached {
        Some(m) => m,
        None => {
            let json = fetch_text("samples.json").await?;
            let list: js_sys::Array = js_sys::JSON::parse(&json)
                .ok()
                .and_then(|v| v.dyn_into().ok())
                .ok_or("the samples are damaged")?;
            let map: Rc<HashMap<String, String>> = Rc::new(
                list.iter()
                    .filter_map(|s| Some((text(&s, "id")?, text(&s, "text")?)))
                    .collect(),
            );
            SAMPLES.with(|c| *c.borrow_mut() = Some(map.clone()));
            map
        }
    };
    map.get(id).cloned().ok_or_else(|| format!("no sample `{id}`"))
}

/// The docs of every rule, loaded on first use and then kept.
pub async fn library() -> Result<Library, String> {
    if let Some(lib) = CACHE.with(|c| c.borrow().clone()) {
        return Ok(lib);
    }
    let text = fetch_text("rules.json").await?;
    let list: js_sys::Array = js_sys::JSON::parse(&text)
        .ok()
        .and_then(|v| v.dyn_into().ok())
        .ok_or("the rule texts are damaged")?;
    let cards = list
        .iter()
        .map(|v| Entry::read(&JsJson(v)).and_then(Entry::into_card))
        .collect::<Option<Vec<Card>>>();
    let cards = cards.ok_or("the rule texts are damaged")?;
    let lib: Library = Rc::new(cards.into_iter().map(|c| (c.id.clone(), Rc::new(c))).collect());
    CACHE.with(|c| *c.borrow_mut() = Some(lib.clone()));
    Ok(lib)
}

/// The browser's parsed JSON, read through the core's [`Json`] trait.
struct JsJson(JsValue);

impl Json for JsJson {
    fn get(&self, key: &str) -> Option<Self> {
        if !self.0.is_object() {
            return None;
        }
        js_sys::Reflect::get(&self.0, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined())
            .map(JsJson)
    }

    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn items(&self) -> Option<Vec<Self>> {
        self.0
            .dyn_ref::<js_sys::Array>()
            .map(|a| a.iter().map(JsJson).collect())
    }
}

fn text(o: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).ok()?.as_string()
}
