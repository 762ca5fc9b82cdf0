//! The root component: owns the state, mounts the editor, runs the lint loop
//! (debounced) and connects the panels.

use crate::bridge::DockwiseEditor;
use crate::components::harden::Harden;
use crate::components::{
    card::Card, catalogue::Catalogue, findings::Findings, header::Header, practice::Practice, quick::QuickCheck,
};
use crate::lint;
use crate::settings::Settings;
use crate::state::{Action, AppState, Panel};
use crate::storage::{self, TEXT_KEY};
use dockwise_rules::report::Located;
use dockwise_rules::samples::{self, Sample};
use dockwise_rules::{Applicability, LintOptions, Rule};
use dockwise_syntax::FileKind;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Delay between the last keystroke and the check.
const DEBOUNCE_MS: u32 = 120;

/// The mounted editor and the JS callbacks it holds, kept alive together.
struct EditorHandle {
    editor: DockwiseEditor,
    _on_change: Closure<dyn FnMut(String)>,
    _on_explain: Closure<dyn FnMut(String)>,
    _on_storage_error: Closure<dyn FnMut(web_sys::Event)>,
}

type Shared<T> = Rc<RefCell<Option<T>>>;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// What a check needs: the settings, as options for the page and as the
/// checker's options object.
pub struct Setup {
    pub options: LintOptions,
    /// The settings as a `.dockwise.yaml` text (the checker's `config`).
    pub config: String,
    /// Fixes are offered (an embed can turn them off).
    pub fixes: bool,
    /// Counts checks asked for: an answer to an older one is dropped.
    pub asked: u64,
}

impl Setup {
    fn new(settings: &Settings) -> Setup {
        Setup {
            options: settings.options(),
            config: settings.to_yaml(),
            fixes: true,
            asked: 0,
        }
    }

    fn update(&mut self, settings: &Settings) {
        self.options = settings.options();
        self.config = settings.to_yaml();
    }

    /// The checker's options object: `{kind?, rules?, config}`.
    pub fn library_options(&self) -> JsValue {
        let mut pairs = vec![("config", JsValue::from(self.config.as_str()))];
        if let Some(kind) = self.options.kind {
            pairs.push(("kind", JsValue::from(kind.as_str())));
        }
        if let Some(only) = &self.options.only {
            let rules: js_sys::Array = only.iter().map(|r| JsValue::from(r.as_str())).collect();
            pairs.push(("rules", rules.into()));
        }
        crate::bridge::object(&pairs)
    }
}

type SharedSetup = Rc<RefCell<Setup>>;

/// Sends `text` to the checker; when its answer comes (and no newer check
/// was asked for meanwhile), updates the state and the editor's marks.
fn run_check(
    text: &str,
    dispatch: &UseReducerDispatcher<AppState>,
    editor: &Shared<EditorHandle>,
    setup: &SharedSetup,
) {
    let asked = {
        let mut s = setup.borrow_mut();
        s.asked += 1;
        s.asked
    };
    let start = now_ms();
    let promise = crate::bridge::ask("check", text, &setup.borrow().library_options());
    let (dispatch, editor, setup) = (dispatch.clone(), editor.clone(), setup.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
        if setup.borrow().asked != asked {
            return; // a newer check is under way
        }
        let answer = match answer {
            Ok(a) => a,
            Err(e) => {
                let why = js_sys::Error::from(e).message().as_string().unwrap_or_default();
                dispatch.dispatch(Action::Notice(Some(format!("The checker failed: {why}"))));
                return;
            }
        };
        let ms = now_ms() - start;
        use crate::bridge::field;
        let kind = field(&answer, "kind")
            .as_string()
            .and_then(|k| FileKind::parse(&k))
            .unwrap_or(FileKind::Dockerfile);
        let list = field(&answer, "findings");
        let findings: Vec<Located> = js_sys::Array::from(&list)
            .iter()
            .filter_map(|f| lint::located(&f))
            .collect();
        if let Some(h) = editor.borrow().as_ref() {
            h.editor.set_language(kind.syntax());
            h.editor.set_diagnostics(&list);
        }
        crate::bridge::notify_parent(
            "findings-changed",
            &crate::bridge::object(&[
                ("kind", kind.as_str().into()),
                ("count", findings.len().into()),
                ("findings", list),
            ]),
        );
        dispatch.dispatch(Action::Linted {
            kind,
            findings,
            lines: field(&answer, "lines").as_f64().unwrap_or(0.0) as usize,
            blank: field(&answer, "blank").as_bool().unwrap_or(true),
            ms,
        });
    });
}

/// Opens the state a share link or an embed URL carries.
fn open_link(dispatch: UseReducerDispatcher<AppState>, editor: Shared<EditorHandle>) {
    use crate::bridge::field;
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(crate::bridge::read_location_state()).await {
            Ok(state) if !state.is_null() => {
                let text = field(&state, "text").as_string().unwrap_or_default();
                let kind = field(&state, "kind")
                    .as_string()
                    .and_then(|k| FileKind::parse(&k))
                    .map(|k| k.as_str().to_string());
                let mut settings = field(&state, "settings")
                    .as_string()
                    .and_then(|y| Settings::import(&y).ok())
                    .map(|(s, _)| s)
                    .unwrap_or_default();
                settings.kind = kind;
                settings.transient = true;
                let rules = field(&state, "rules");
                settings.focus = js_sys::Array::from(&rules)
                    .iter()
                    .filter_map(|r| r.as_string())
                    .collect();
                let embed = field(&state, "embed").as_bool().unwrap_or(false);
                let read_only = field(&state, "readOnly").as_bool().unwrap_or(false);
                let fixes = field(&state, "fixes").as_bool().unwrap_or(true) && !read_only;
                dispatch.dispatch(Action::Embed(embed));
                dispatch.dispatch(Action::Fixes(fixes));
                if !embed {
                    dispatch.dispatch(Action::Notice(Some(
                        "You are looking at a shared link; your own draft is kept. Edits here are not saved.".into(),
                    )));
                }
                if let Some(h) = editor.borrow().as_ref() {
                    h.editor.set_read_only(read_only);
                    h.editor.set_fixes(fixes);
                    h.editor.set_text(&text);
                }
                // the settings effect checks the text with the link's settings
                dispatch.dispatch(Action::Settings(settings));
            }
            Ok(_) => {}
            Err(e) => {
                let msg = js_sys::Error::from(e)
                    .message()
                    .as_string()
                    .unwrap_or_else(|| "This link could not be opened.".into());
                dispatch.dispatch(Action::Notice(Some(msg)));
            }
        }
    });
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState {
        settings: Settings::load(),
        ..Default::default()
    });
    let host = use_node_ref();
    let editor: Shared<EditorHandle> = use_mut_ref(|| None);
    let timer: Shared<Timeout> = use_mut_ref(|| None);
    let options: SharedSetup = use_mut_ref(|| Setup::new(&state.settings));

    {
        // settings changed: keep them, apply them, check again
        let (options, editor, dispatch) = (options.clone(), editor.clone(), state.dispatcher());
        use_effect_with(state.settings.clone(), move |settings| {
            settings.save();
            options.borrow_mut().update(settings);
            let text = editor.borrow().as_ref().map(|h| h.editor.get_text());
            if let Some(text) = text {
                run_check(&text, &dispatch, &editor, &options);
            }
        });
    }

    {
        let host = host.clone();
        let editor = editor.clone();
        let dispatch = state.dispatcher();
        let options = options.clone();
        use_effect_with((), move |_| {
            if let Some(el) = host.cast::<web_sys::HtmlElement>() {
                // A share link or an embed brings its own text: shown, never
                // saved over the user's own draft.
                let linked = crate::bridge::has_location_state();
                let storage_key = if linked { "" } else { TEXT_KEY };
                let saved = if linked { None } else { storage::get(TEXT_KEY) };
                let first_visit = !linked && saved.is_none();
                let initial = saved.unwrap_or_default();

                let on_change = {
                    let (dispatch, editor, timer, options) =
                        (dispatch.clone(), editor.clone(), timer.clone(), options.clone());
                    Closure::<dyn FnMut(String)>::new(move |text: String| {
                        let (dispatch, editor, options) = (dispatch.clone(), editor.clone(), options.clone());
                        // Replacing the timeout cancels the pending check.
                        *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                            run_check(&text, &dispatch, &editor, &options)
                        }));
                    })
                };
                let on_explain = {
                    let dispatch = dispatch.clone();
                    Closure::<dyn FnMut(String)>::new(move |id: String| {
                        if let Some(rule) = dockwise_rules::rules::find(&id) {
                            dispatch.dispatch(Action::OpenCard(rule));
                        }
                    })
                };
                let on_storage_error = {
                    let dispatch = dispatch.clone();
                    Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
                        dispatch.dispatch(Action::Notice(Some(
                            "This browser refused to save your text (storage full or disabled). Keep a copy before you reload.".into(),
                        )));
                    })
                };
                if let Some(w) = web_sys::window() {
                    let _ = w.add_event_listener_with_callback(
                        "dockwise-storage-error",
                        on_storage_error.as_ref().unchecked_ref(),
                    );
                }
                let ed = DockwiseEditor::new(
                    &el,
                    &initial,
                    options
                        .borrow()
                        .options
                        .kind
                        .unwrap_or_else(|| dockwise_syntax::detect::from_content(&initial))
                        .syntax(),
                    storage_key,
                    false,
                    on_change.as_ref().unchecked_ref(),
                    on_explain.as_ref().unchecked_ref(),
                );
                *editor.borrow_mut() = Some(EditorHandle {
                    editor: ed,
                    _on_change: on_change,
                    _on_explain: on_explain,
                    _on_storage_error: on_storage_error,
                });
                if first_visit {
                    // a first visit starts with the first sample, fetched on demand
                    let (editor, dispatch, options) = (editor.clone(), dispatch.clone(), options.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Ok(text) = crate::docs::sample_text(samples::SAMPLES[0].id).await {
                            let empty = editor.borrow().as_ref().is_some_and(|h| h.editor.get_text().is_empty());
                            if empty {
                                if let Some(h) = editor.borrow().as_ref() {
                                    h.editor.set_text(&text);
                                }
                                run_check(&text, &dispatch, &editor, &options);
                            }
                        }
                    });
                } else if linked {
                    open_link(dispatch.clone(), editor.clone());
                } else {
                    run_check(&initial, &dispatch, &editor, &options);
                }
            }
            move || {
                if let Some(h) = editor.borrow_mut().take() {
                    h.editor.destroy();
                }
            }
        });
    }

    {
        // an embed can turn fixes off
        let options = options.clone();
        use_effect_with(state.fixes, move |on| options.borrow_mut().fixes = *on);
    }

    let on_jump = {
        let editor = editor.clone();
        Callback::from(move |f: Located| {
            if let Some(h) = editor.borrow().as_ref() {
                h.editor.reveal(f.from, f.to);
            }
        })
    };
    let on_explain = {
        let dispatch = state.dispatcher();
        Callback::from(move |rule: &'static Rule| dispatch.dispatch(Action::OpenCard(rule)))
    };
    // fixes: applied in the editor, one undoable change each
    let text_now = {
        let editor = editor.clone();
        Callback::from(move |_: ()| {
            editor
                .borrow()
                .as_ref()
                .map(|h| h.editor.get_text())
                .unwrap_or_default()
        })
    };
    let apply_edits = {
        let editor = editor.clone();
        Callback::from(move |edits: JsValue| editor.borrow().as_ref().is_some_and(|h| h.editor.apply_edits(&edits)))
    };
    let undo = {
        let editor = editor.clone();
        Callback::from(move |_: ()| {
            if let Some(h) = editor.borrow().as_ref() {
                h.editor.undo();
            }
        })
    };
    let on_fix = {
        let apply_edits = apply_edits.clone();
        Callback::from(move |f: Located| {
            if let Some(fix) = &f.fix {
                apply_edits.emit(lint::edits(fix));
            }
        })
    };
    let fix_all = {
        let (editor, options, dispatch) = (editor.clone(), options.clone(), state.dispatcher());
        Callback::from(move |_| {
            let Some(text) = editor.borrow().as_ref().map(|h| h.editor.get_text()) else {
                return;
            };
            let promise = crate::bridge::ask("fix", &text, &options.borrow().library_options());
            let (editor, dispatch) = (editor.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(fixed) => {
                        if let (Some(h), Some(fixed)) = (
                            editor.borrow().as_ref(),
                            crate::bridge::field(&fixed, "text").as_string(),
                        ) {
                            // only onto the text the fixes were made for
                            if h.editor.get_text() == text {
                                h.editor.replace_text(&fixed);
                            }
                        }
                    }
                    Err(_) => dispatch.dispatch(Action::Notice(Some("The checker could not apply the fixes.".into()))),
                }
            });
        })
    };
    let on_toggle = {
        let dispatch = state.dispatcher();
        Callback::from(move |sev| dispatch.dispatch(Action::ToggleSeverity(sev)))
    };
    let on_sample = {
        let (editor, dispatch, settings) = (editor.clone(), state.dispatcher(), state.settings.clone());
        Callback::from(move |s: &'static Sample| {
            // a kind chosen by hand would misread a sample of another kind
            if settings
                .kind
                .as_deref()
                .and_then(FileKind::parse)
                .is_some_and(|k| k != s.kind)
            {
                dispatch.dispatch(Action::Settings(Settings {
                    kind: None,
                    ..settings.clone()
                }));
            }
            let (editor, dispatch) = (editor.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match crate::docs::sample_text(s.id).await {
                    Ok(text) => {
                        if let Some(h) = editor.borrow().as_ref() {
                            h.editor.set_text(&text);
                            h.editor.focus();
                        }
                        dispatch.dispatch(Action::ShowPanel(Panel::Findings));
                    }
                    Err(e) => dispatch.dispatch(Action::Notice(Some(format!("The sample could not be loaded: {e}")))),
                }
            });
        })
    };
    let on_panel = {
        let dispatch = state.dispatcher();
        Callback::from(move |p: Panel| dispatch.dispatch(Action::ShowPanel(p)))
    };
    let on_close_card = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::CloseCard))
    };
    let on_settings = {
        let dispatch = state.dispatcher();
        Callback::from(move |s: Settings| dispatch.dispatch(Action::Settings(s)))
    };
    let on_kind = {
        let (dispatch, settings) = (state.dispatcher(), state.settings.clone());
        Callback::from(move |kind: Option<FileKind>| {
            dispatch.dispatch(Action::Settings(Settings {
                kind: kind.map(|k| k.as_str().to_string()),
                ..settings.clone()
            }))
        })
    };
    let on_share = {
        let (editor, dispatch, settings) = (editor.clone(), state.dispatcher(), state.settings.clone());
        Callback::from(move |_| {
            let Some(text) = editor.borrow().as_ref().map(|h| h.editor.get_text()) else {
                return;
            };
            let (dispatch, yaml, kind) = (
                dispatch.clone(),
                settings.to_yaml(),
                settings.kind.clone().unwrap_or_default(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(url) =
                    wasm_bindgen_futures::JsFuture::from(crate::bridge::share_link(&text, &kind, &yaml)).await
                else {
                    dispatch.dispatch(Action::Notice(Some(
                        "This browser cannot compress the link (CompressionStream is missing).".into(),
                    )));
                    return;
                };
                let url = url.as_string().unwrap_or_default();
                // copying can be refused (no permission): the link is shown either way
                let _ = wasm_bindgen_futures::JsFuture::from(crate::bridge::copy_text(&url)).await;
                dispatch.dispatch(Action::Shared(Some(url)));
            });
        })
    };
    let close_share = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Shared(None)))
    };
    let dismiss_notice = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Notice(None)))
    };

    let count = state.findings.len();
    let side = if let Some(rule) = state.card {
        html! { <Card key={rule.id} {rule} on_close={on_close_card} on_open={on_explain.clone()} /> }
    } else if state.panel == Panel::Practice {
        html! { <Practice on_explain={on_explain.clone()} /> }
    } else if state.panel == Panel::Quick {
        html! { <QuickCheck findings={state.findings.clone()} /> }
    } else if state.panel == Panel::Rules {
        html! { <Catalogue on_open={on_explain.clone()} settings={state.settings.clone()} {on_settings} /> }
    } else if state.panel == Panel::Harden && state.fixes {
        let library_options = {
            let options = options.clone();
            Callback::from(move |_: ()| options.borrow().library_options())
        };
        html! {
            <Harden text={text_now} apply={apply_edits} {undo} options={library_options} on_explain={on_explain.clone()} />
        }
    } else {
        let safe = state
            .findings
            .iter()
            .filter(|f| f.fix.as_ref().is_some_and(|x| x.applicability == Applicability::Safe))
            .count();
        html! {
            <Findings findings={state.findings.clone()} hidden={state.hidden.clone()} blank={state.blank}
                {on_toggle} {on_jump} on_explain={on_explain.clone()}
                on_fix={state.fixes.then_some(on_fix)} on_fix_all={(state.fixes && safe > 0).then_some(fix_all)} {safe} />
        }
    };
    let tab = |p: Panel, label: String| {
        let on_panel = on_panel.clone();
        let selected = state.panel == p && state.card.is_none();
        html! {
            <button role="tab" class={classes!("tab", selected.then_some("selected"))} aria-selected={selected.to_string()}
                onclick={Callback::from(move |_| on_panel.emit(p))}>{label}</button>
        }
    };

    html! {
        <div class={classes!("app", state.embed.then_some("embed"))}>
            <Header {on_sample} {on_kind} {on_share} chosen={state.settings.kind.as_deref().and_then(FileKind::parse)} />
            if let Some(url) = state.share_url.clone() {
                <div class="notice share" role="status">
                    <span>{"Link copied. Everything is in the part after #, which browsers never send to a server:"}</span>
                    <input class="share-url" readonly=true value={url} data-testid="share-url" aria-label="Share link" />
                    <button class="link" onclick={close_share}>{"Close"}</button>
                </div>
            }
            if let Some(n) = state.notice.clone() {
                <div class="notice" role="alert">
                    <span>{n}</span>
                    <button class="link" onclick={dismiss_notice}>{"Dismiss"}</button>
                </div>
            }
            <main class="workspace">
                <section class="editor-pane" aria-label="Editor">
                    <div class="editor-host" ref={host}></div>
                </section>
                <aside class="side-pane" aria-label="Findings and rules">
                    <div class="tabs" role="tablist">
                        { tab(Panel::Findings, format!("Findings ({count})")) }
                        { tab(Panel::Quick, "Quick check".to_string()) }
                        { tab(Panel::Practice, "Practice".to_string()) }
                        { tab(Panel::Rules, "Rules".to_string()) }
                        if state.fixes { { tab(Panel::Harden, "Harden".to_string()) } }
                    </div>
                    <div class="side-body">{ side }</div>
                </aside>
            </main>
            <footer class="statusbar">
                <span data-testid="kind">{ state.kind.label() }{ if state.settings.kind.is_none() { " (detected)" } else { "" } }</span>
                <span>{format!("{} line{}", state.lines, if state.lines == 1 { "" } else { "s" })}</span>
                <span data-testid="lint-time">{
                    // tenths of a millisecond, without float formatting (smaller wasm)
                    match (state.lint_ms * 10.0).round() as u64 {
                        0 => "checked in < 0.1 ms".to_string(),
                        t => format!("checked in {}.{} ms", t / 10, t % 10),
                    }
                }</span>
                <span class="privacy">{"Nothing you type leaves this page."}</span>
            </footer>
        </div>
    }
}
