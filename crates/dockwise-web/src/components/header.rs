//! The top bar: brand, the kind and sample pickers, and the keyboard
//! shortcuts sheet it opens (also with `?`).

use dockwise_rules::samples::{Sample, SAMPLES};
use dockwise_syntax::FileKind;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_sample: Callback<&'static Sample>,
    /// The kind chosen by hand; None: detected from the text.
    pub chosen: Option<FileKind>,
    pub on_kind: Callback<Option<FileKind>>,
    pub on_share: Callback<()>,
    /// Opens the keyboard shortcuts sheet.
    pub on_shortcuts: Callback<()>,
    /// Show the kind picker (an embed hides it unless asked for).
    #[prop_or(true)]
    pub kind_picker: bool,
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
    let shortcuts = {
        let cb = props.on_shortcuts.clone();
        Callback::from(move |_| cb.emit(()))
    };
    // a kind set by hand says so, and how to go back to detection
    let forced = props.chosen.is_some();
    let kind_title = match props.chosen {
        Some(k) => format!(
            "Checked as {} because you chose it; choose \"Detect kind\" to go back to detection",
            k.label()
        ),
        None => "The kind is detected from the text; choose one to override it".to_string(),
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
                <button class="small" onclick={shortcuts} data-testid="shortcuts-button" aria-keyshortcuts="?" title="Keyboard shortcuts (?)">{"Keys ?"}</button>
                if props.kind_picker {
                    <label class={classes!("kind-picker", forced.then_some("forced"))} title={kind_title}>
                        <span class="visually-hidden">{"File kind"}</span>
                        <select onchange={on_kind} data-testid="kind-picker">
                            { for std::iter::once(("auto", "Detect kind")).chain(FileKind::ALL.map(|k| (k.as_str(), k.label()))).map(|(v, l)| html! {
                                <option value={v} selected={v == chosen}>{
                                    if v == chosen && forced { format!("{l} (set by hand)") } else { l.to_string() }
                                }</option>
                            }) }
                        </select>
                    </label>
                }
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

/// One line of the shortcuts sheet: the keys (or what to press), and what
/// they do.
enum Keys {
    Keys(&'static [&'static str]),
    Control(&'static str),
}

const SHORTCUTS: &[(Keys, &str)] = &[
    (Keys::Keys(&["F8"]), "In the editor: select the next finding; its message is shown under the editor and read out."),
    (Keys::Keys(&["Shift", "F8"]), "In the editor: the previous finding."),
    (
        Keys::Keys(&["Ctrl", "Shift", "M"]),
        "In the editor: every finding in a panel. Arrows move, Enter jumps, the underlined letter runs an action (F: fix, E: explain), Esc closes.",
    ),
    (Keys::Keys(&["Esc", "Tab"]), "Leave the editor. Until you type in it, Tab alone moves on; after that Tab indents."),
    (Keys::Control("Fix"), "A finding's Fix button (in the list, the tooltip or the panel); Ctrl+Z undoes it."),
    (Keys::Control("Learn why"), "A finding's card (the panel's E: explain); Back returns to where you were."),
    (Keys::Keys(&["←", "→", "Home", "End"]), "Move between the side tabs."),
    (Keys::Keys(&["↑", "↓"]), "Move between a quiz's answers; Enter or Space answers."),
    (Keys::Keys(&["?"]), "This list, from anywhere outside a text field. Esc closes it."),
];

#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    pub on_close: Callback<()>,
}

/// The keyboard shortcuts, in a modal dialog: focus moves into it and stays
/// there (Tab and Shift+Tab wrap), Esc or Close ends it and focus goes back
/// to where it was.
#[function_component(Shortcuts)]
pub fn shortcuts(p: &ShortcutsProps) -> Html {
    let dialog = use_node_ref();
    let close_button = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with((), move |_| {
            let before = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(b) = close_button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
            move || {
                if let Some(e) = before.filter(|e| e.is_connected()) {
                    let _ = e.focus();
                }
            }
        });
    }
    let close = {
        let cb = p.on_close.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let on_key = {
        let (cb, dialog) = (p.on_close.clone(), dialog.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                cb.emit(());
            }
            "Tab" => trap_tab(&e, &dialog),
            _ => {}
        })
    };
    let on_backdrop = {
        let cb = p.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            // a click beside the sheet closes it, one inside does not
            let outside = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|t| t.class_name() == "sheet-backdrop");
            if outside {
                cb.emit(());
            }
        })
    };
    html! {
        <div class="sheet-backdrop" onclick={on_backdrop}>
            <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" ref={dialog}
                onkeydown={on_key} data-testid="shortcuts">
                <h2 id="shortcuts-title">{"Keyboard shortcuts"}</h2>
                <dl class="keys">
                    { for SHORTCUTS.iter().map(|(keys, what)| html! {
                        <>
                            <dt>{ match keys {
                                Keys::Keys(keys) => html! { <>{ for keys.iter().enumerate().map(|(i, k)| html! {
                                    <>{ if i > 0 { " " } else { "" } }<kbd>{*k}</kbd></>
                                }) }</> },
                                Keys::Control(name) => html! { <span class="control">{*name}</span> },
                            } }</dt>
                            <dd>{*what}</dd>
                        </>
                    }) }
                </dl>
                <button class="small primary" onclick={close} ref={close_button} data-testid="shortcuts-close">{"Close"}</button>
            </div>
        </div>
    }
}

/// Keeps Tab inside the dialog: from its last focusable element Tab goes
/// to the first, from the first Shift+Tab goes to the last.
fn trap_tab(e: &KeyboardEvent, dialog: &NodeRef) {
    let Some(dialog) = dialog.cast::<web_sys::Element>() else {
        return;
    };
    let focusable = |el: &web_sys::Element| {
        matches!(el.tag_name().as_str(), "BUTTON" | "A" | "INPUT" | "SELECT" | "TEXTAREA")
            || el.get_attribute("tabindex").is_some_and(|t| t != "-1")
    };
    // the dialog's focusable elements, in document order
    let mut all: Vec<web_sys::HtmlElement> = Vec::new();
    let mut stack = vec![dialog.clone()];
    while let Some(el) = stack.pop() {
        if el != dialog && focusable(&el) {
            if let Ok(h) = el.clone().dyn_into::<web_sys::HtmlElement>() {
                all.push(h);
            }
        }
        let mut child = el.last_element_child();
        while let Some(c) = child {
            child = c.previous_element_sibling();
            stack.push(c);
        }
    }
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        e.prevent_default();
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |n: &web_sys::Node| active.as_ref().is_some_and(|a| a.is_same_node(Some(n)));
    if e.shift_key() && (at(first) || at(&dialog)) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && at(last) {
        e.prevent_default();
        let _ = first.focus();
    }
}
