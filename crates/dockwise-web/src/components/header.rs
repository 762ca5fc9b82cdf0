//! The top bar: brand and the sample picker.

use dockwise_rules::samples::{Sample, SAMPLES};
use dockwise_syntax::FileKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_sample: Callback<&'static Sample>,
    /// The kind chosen by hand; None: detected from the text.
    pub chosen: Option<FileKind>,
    pub on_kind: Callback<Option<FileKind>>,
    pub on_share: Callback<()>,
}

#[function_component(Header)]
pub fn header(props: &Props) -> Html {
    let on_change = {
        let cb = props.on_sample.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            if let Some(s) = dockwise_rules::samples::find(&select.value()) {
                cb.emit(s);
            }
            // back to the prompt, so the same sample can be loaded again
            select.set_value("");
        })
    };
    let on_kind = {
        let cb = props.on_kind.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                cb.emit(FileKind::parse(&select.value()));
            }
        })
    };
    let chosen = props.chosen.map(|k| k.as_str()).unwrap_or("auto");
    let theme = use_state(crate::bridge::get_theme);
    let next_theme = {
        let theme = theme.clone();
        Callback::from(move |_| {
            // system → dark → light → system
            let next = match theme.as_str() {
                "" => "dark",
                "dark" => "light",
                _ => "",
            };
            crate::bridge::set_theme(next);
            theme.set(next.to_string());
        })
    };
    let theme_label = match theme.as_str() {
        "dark" => "Theme: dark",
        "light" => "Theme: light",
        _ => "Theme: system",
    };
    let share = {
        let cb = props.on_share.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let group = |kind: FileKind| {
        html! {
            <optgroup label={format!("{} samples", kind.label())}>
                { for SAMPLES.iter().filter(|s| s.kind == kind).map(|s| html! { <option value={s.id}>{s.title}</option> }) }
            </optgroup>
        }
    };
    html! {
        <header class="topbar">
            <div class="brand">
                <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="7" fill="#2457d6" />
                    <path d="M7 13h4v4H7zm5 0h4v4h-4zm5 0h4v4h-4zm-5-5h4v4h-4zm5 0h4v4h-4z" fill="#fff" />
                    <path d="M6 19h20c0 4-4 7-10 7S6 23 6 19z" fill="#9fd0ff" />
                    <path d="m20 22 3 3 5-6" stroke="#35d07f" stroke-width="2.4" fill="none" stroke-linecap="round" stroke-linejoin="round" />
                </svg>
                <span class="name">{"Dockwise"}</span>
                <span class="tagline">{"Container best practices, checked in your browser"}</span>
            </div>
            <div class="controls">
                <button class="small" onclick={next_theme} data-testid="theme" aria-label={theme_label} title={theme_label}>{theme_label}</button>
                <button class="small" onclick={share} data-testid="share" title="Copy a link that reopens this text and these settings">{"Copy link"}</button>
                <label class="kind-picker">
                    <span class="visually-hidden">{"File kind"}</span>
                    <select onchange={on_kind} data-testid="kind-picker">
                        { for std::iter::once(("auto", "Detect kind")).chain(FileKind::ALL.map(|k| (k.as_str(), k.label()))).map(|(v, l)| html! {
                            <option value={v} selected={v == chosen}>{l}</option>
                        }) }
                    </select>
                </label>
                <label class="sample-picker">
                    <span class="visually-hidden">{"Load a sample"}</span>
                    <select onchange={on_change} data-testid="samples">
                        <option value="" selected=true>{"Load a sample…"}</option>
                        { for FileKind::ALL.into_iter().map(group) }
                    </select>
                </label>
            </div>
        </header>
    }
}
