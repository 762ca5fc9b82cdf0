//! Every rule, searchable, each with its on/off switch and severity: the
//! playground's settings, with import from and export to a config file.

use super::severity_badge;
use crate::settings::Settings;
use dockwise_rules::{LintOptions, Rule, Severity};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_open: Callback<&'static Rule>,
    pub settings: Settings,
    pub on_settings: Callback<Settings>,
}

fn matches(r: &Rule, title: &str, q: &str) -> bool {
    let q = q.trim().to_lowercase();
    q.is_empty()
        || q.split_whitespace().all(|w| {
            r.id.to_lowercase().contains(w)
                || r.name.contains(w)
                || title.to_lowercase().contains(w)
                || r.severity.as_str() == w
                || (w == "fix" && r.fixes != dockwise_rules::Fixes::No)
                || r.tags.iter().any(|t| t.as_str() == w)
                || r.kind.as_str() == w
                || r.aliases.iter().any(|a| a.contains(w))
        })
}

#[function_component(Catalogue)]
pub fn catalogue(p: &Props) -> Html {
    let query = use_state(String::new);
    let panel = use_state(|| None::<&'static str>);
    let import_text = use_state(String::new);
    let import_result = use_state(|| None::<Result<String, String>>);
    // titles come with the rule texts, fetched when the list first opens
    let lib = use_state(|| None::<crate::docs::Library>);
    {
        let lib = lib.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(l) = crate::docs::library().await {
                    lib.set(Some(l));
                }
            });
        });
    }
    let title_of = |r: &Rule| -> String {
        lib.as_ref()
            .and_then(|l| l.get(r.id))
            .map(|t| t.title.clone())
            .unwrap_or_default()
    };
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                query.set(i.value());
            }
        })
    };
    let rules: Vec<&'static Rule> = dockwise_rules::rules::all()
        .filter(|r| matches(r, &title_of(r), &query))
        .collect();
    let total = dockwise_rules::rules::all().count();
    let changed = !p.settings.is_default();
    // what each rule does under these settings is the core's answer (an
    // embed's focus set aside: the list shows the user's own settings)
    let options = LintOptions {
        only: None,
        ..p.settings.options()
    };

    let toggle_panel = |name: &'static str| {
        let panel = panel.clone();
        Callback::from(move |_| panel.set(if *panel == Some(name) { None } else { Some(name) }))
    };
    let reset = {
        let cb = p.on_settings.clone();
        Callback::from(move |_| cb.emit(Settings::default()))
    };
    let apply_import = {
        let (text, result, cb) = (import_text.clone(), import_result.clone(), p.on_settings.clone());
        Callback::from(move |_| match Settings::import(&text) {
            Ok((s, warnings)) => {
                cb.emit(s);
                let msg = if warnings.is_empty() {
                    "Applied.".to_string()
                } else {
                    format!("Applied, with warnings:\n{}", warnings.join("\n"))
                };
                result.set(Some(Ok(msg)));
            }
            Err(e) => result.set(Some(Err(e))),
        })
    };
    let on_import_input = {
        let text = import_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                text.set(t.value());
            }
        })
    };

    let tools = html! {
        <div class="settings-tools">
            <button class="small" onclick={toggle_panel("import")} aria-expanded={(*panel == Some("import")).to_string()}>{"Import config"}</button>
            <button class="small" onclick={toggle_panel("export")} aria-expanded={(*panel == Some("export")).to_string()}>{"Export .dockwise.yaml"}</button>
            if changed { <button class="small" onclick={reset} data-testid="reset-settings">{"Reset to defaults"}</button> }
        </div>
    };
    let panel_view = match *panel {
        Some("import") => html! {
            <div class="settings-panel">
                <label for="import-config">{"Paste a .dockwise.yaml or .hadolint.yaml:"}</label>
                <textarea id="import-config" rows="6" spellcheck="false" value={(*import_text).clone()} oninput={on_import_input}
                    placeholder={"ignored: [DL3008]\noverride:\n  error: [DL3007]"} />
                <button class="small primary" onclick={apply_import}>{"Apply"}</button>
                { for import_result.as_ref().map(|r| match r {
                    Ok(m) => html! { <pre class="import-ok" role="status">{m}</pre> },
                    Err(e) => html! { <pre class="import-error" role="alert">{e}</pre> },
                }) }
            </div>
        },
        Some("export") => html! {
            <div class="settings-panel">
                <label for="export-config">{"Save this as .dockwise.yaml next to your Dockerfile; the CLI reads it:"}</label>
                <textarea id="export-config" rows="8" readonly=true spellcheck="false" value={p.settings.to_yaml()} data-testid="export-config" />
            </div>
        },
        _ => html! {},
    };

    html! {
        <div class="catalogue">
            <input type="search" class="search" placeholder="Search rules: id, name, words, severity, kind…" aria-label="Search rules"
                value={(*query).clone()} {oninput} data-testid="rule-search" />
            <p class="count">{format!("{} of {} rules", rules.len(), total)}{ if changed { " · settings changed" } else { "" } }</p>
            { tools }
            { panel_view }
            <ul class="rule-list">
                { for rules.into_iter().map(|r| {
                    let open = { let cb = p.on_open.clone(); Callback::from(move |_| cb.emit(r)) };
                    let on = r.is_enabled(&options);
                    let sev = r.severity_in(&options);
                    let on_toggle = {
                        let (cb, s) = (p.on_settings.clone(), p.settings.clone());
                        Callback::from(move |e: Event| {
                            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                                let mut s = s.clone();
                                s.set_on(r, i.checked());
                                cb.emit(s);
                            }
                        })
                    };
                    let on_severity = {
                        let (cb, s) = (p.on_settings.clone(), p.settings.clone());
                        Callback::from(move |e: Event| {
                            if let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() {
                                if let Some(v) = Severity::parse(&sel.value()) {
                                    let mut s = s.clone();
                                    s.set_severity(r, v);
                                    cb.emit(s);
                                }
                            }
                        })
                    };
                    let syntax = r.is_syntax_error();
                    html! {
                        <li class={classes!("rule-item", (!on).then_some("off"))} data-rule={r.id}>
                            <button class="rule-row" onclick={open} title="Open the rule's card">
                                <span class="rule-id">{r.id}</span>
                                { severity_badge(sev) }
                                <span class="rule-name">{r.name}</span>
                                <span class={classes!("rule-kind", r.kind.as_str())}>{r.kind.label()}</span>
                                if r.fixes != dockwise_rules::Fixes::No {
                                    <span class="rule-fix" title={format!("Its findings come with a {} fix", r.fixes.as_str())}>{"fix"}</span>
                                }
                                <span class="rule-title">{super::rich(&title_of(r))}</span>
                            </button>
                            if !syntax {
                                <div class="rule-controls">
                                    <label class="switch" title={if on { "Switch this rule off" } else { "Switch this rule on" }}>
                                        <input type="checkbox" checked={on} onchange={on_toggle} aria-label={format!("{} enabled", r.id)} />
                                        <span>{ if on { "on" } else { "off" } }</span>
                                    </label>
                                    <select class="sev-select" onchange={on_severity} aria-label={format!("{} severity", r.id)} disabled={!on}>
                                        { for Severity::ALL.iter().map(|s| html! { <option value={s.as_str()} selected={*s == sev}>{s.as_str()}</option> }) }
                                    </select>
                                </div>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
