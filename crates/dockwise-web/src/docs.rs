//! The rules' docs and quizzes, fetched once from `rules.json` (same origin)
//! when a card or the rule list is first opened. The wasm carries only ids
//! and names, which keeps the first download small.

use wasm_bindgen::JsValue;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, PartialEq)]
pub struct Docs {
    pub what: String,
    pub why: String,
    pub bad: String,
    pub good: String,
    pub fix: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub feedback: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quiz {
    pub question: String,
    pub choices: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RuleText {
    pub id: String,
    pub title: String,
    /// Rules about the same concern, the standard the advice comes from, an
    /// analogy (may be empty) and the bad → good example as a line diff.
    pub related: Vec<String>,
    pub standard: String,
    pub analogy: String,
    pub diff: Vec<(char, String)>,
    pub docs: Docs,
    pub quiz: Quiz,
}

pub type Library = Rc<HashMap<String, Rc<RuleText>>>;

thread_local! {
    static CACHE: RefCell<Option<Library>> = const { RefCell::new(None) };
}

pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| "the rule texts could not be loaded".to_string())?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "unexpected response".to_string())?;
    if !resp.ok() {
        return Err(format!("the rule texts could not be loaded (HTTP {})", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| "unreadable response".to_string())?).await.map_err(|_| "unreadable response".to_string())?;
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
            let list: js_sys::Array = js_sys::JSON::parse(&json).ok().and_then(|v| v.dyn_into().ok()).ok_or("the samples are damaged")?;
            let map: Rc<HashMap<String, String>> = Rc::new(list.iter().filter_map(|s| Some((text(&s, "id")?, text(&s, "text")?))).collect());
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
    let list = parse(&text).ok_or_else(|| "the rule texts are damaged".to_string())?;
    let lib: Library = Rc::new(list.into_iter().map(|r| (r.id.clone(), Rc::new(r))).collect());
    CACHE.with(|c| *c.borrow_mut() = Some(lib.clone()));
    Ok(lib)
}

pub fn field(o: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined())
}

pub fn text(o: &JsValue, key: &str) -> Option<String> {
    field(o, key)?.as_string()
}

/// Reads `rules.json` with the browser's JSON parser (no serde in the wasm).
fn parse(json: &str) -> Option<Vec<RuleText>> {
    let list: js_sys::Array = js_sys::JSON::parse(json).ok()?.dyn_into().ok()?;
    list.iter()
        .map(|r| {
            let d = field(&r, "docs")?;
            let q = field(&r, "quiz")?;
            let choices: js_sys::Array = field(&q, "choices")?.dyn_into().ok()?;
            let card = field(&r, "card")?;
            let list = |v: JsValue| -> Vec<JsValue> { v.dyn_into::<js_sys::Array>().map(|a| a.iter().collect()).unwrap_or_default() };
            Some(RuleText {
                id: text(&r, "id")?,
                title: text(&r, "title")?,
                related: list(field(&card, "related")?).iter().filter_map(|v| v.as_string()).collect(),
                standard: text(&card, "standard")?,
                analogy: text(&card, "analogy")?,
                diff: list(field(&card, "diff")?)
                    .iter()
                    .filter_map(|d| {
                        let pair = list(d.clone());
                        Some((pair.first()?.as_string()?.chars().next()?, pair.get(1)?.as_string()?))
                    })
                    .collect(),
                docs: Docs { what: text(&d, "what")?, why: text(&d, "why")?, bad: text(&d, "bad")?, good: text(&d, "good")?, fix: text(&d, "fix")? },
                quiz: Quiz {
                    question: text(&q, "question")?,
                    choices: choices
                        .iter()
                        .map(|c| Some(Choice { text: text(&c, "text")?, correct: field(&c, "correct")?.as_bool()?, feedback: text(&c, "feedback")? }))
                        .collect::<Option<_>>()?,
                },
            })
        })
        .collect()
}
