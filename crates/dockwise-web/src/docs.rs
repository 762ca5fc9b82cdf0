//! The rules' docs and quizzes, fetched once from `rules.json` (same origin)
//! when a card is first opened. The wasm carries only ids, names and titles,
//! which keeps the first download small.

use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Docs {
    pub what: String,
    pub why: String,
    pub bad: String,
    pub good: String,
    pub fix: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub feedback: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Quiz {
    pub question: String,
    pub choices: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RuleText {
    pub id: String,
    pub docs: Docs,
    pub quiz: Quiz,
}

pub type Library = Rc<HashMap<String, Rc<RuleText>>>;

thread_local! {
    static CACHE: RefCell<Option<Library>> = const { RefCell::new(None) };
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| "the rule texts could not be loaded".to_string())?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "unexpected response".to_string())?;
    if !resp.ok() {
        return Err(format!("the rule texts could not be loaded (HTTP {})", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| "unreadable response".to_string())?).await.map_err(|_| "unreadable response".to_string())?;
    text.as_string().ok_or_else(|| "unreadable response".to_string())
}

/// The docs of every rule, loaded on first use and then kept.
pub async fn library() -> Result<Library, String> {
    if let Some(lib) = CACHE.with(|c| c.borrow().clone()) {
        return Ok(lib);
    }
    let text = fetch_text("rules.json").await?;
    let list: Vec<RuleText> = serde_json::from_str(&text).map_err(|e| format!("the rule texts are damaged: {e}"))?;
    let lib: Library = Rc::new(list.into_iter().map(|r| (r.id.clone(), Rc::new(r))).collect());
    CACHE.with(|c| *c.borrow_mut() = Some(lib.clone()));
    Ok(lib)
}
