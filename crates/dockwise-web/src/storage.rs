//! localStorage access. The editor bridge saves the text itself on every
//! change; this side reads it back at start and keeps small settings.

pub const TEXT_KEY: &str = "dockwise.text.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn set(key: &str, value: &str) -> Result<(), String> {
    let s = storage().ok_or("localStorage is not available")?;
    s.set_item(key, value).map_err(|e| format!("{e:?}"))
}
