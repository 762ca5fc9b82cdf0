//! The root component: owns the state, mounts the editor, runs the lint loop
//! (debounced) and connects the panels.

use crate::bridge::DockwiseEditor;
use crate::components::build::Build;
use crate::components::harden::Harden;
use crate::components::header::Shortcuts;
use crate::components::policy::PolicyView;
use crate::components::{
    card::Card, catalogue::Catalogue, findings::Findings, header::Header, practice::Practice, quick::QuickCheck,
};
use crate::lint;
use crate::settings::Settings;
use crate::state::{Action, AppState, Panel, Status, Tone};
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

/// Delay between the last keystroke and the check: short, since checks run
/// in a worker and a stale result is dropped (scripts/bench-browser.mjs).
const DEBOUNCE_MS: u32 = 60;

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
    /// The text and options of the last check asked for: the same check is
    /// not asked twice (a link's text and its settings both ask on load).
    pub last: Option<(String, String)>,
    /// The findings (as the checker sent them) that answered `last`.
    pub answered: Option<JsValue>,
    /// A lesson's task, in an embed with `task=`.
    pub task: Option<Task>,
}

/// A lesson's task (`#embed&task=RULE,RULE`): edit the text until these
/// rules are quiet and the file still parses.
pub struct Task {
    pub rules: Vec<&'static Rule>,
    /// The text the link brought: only the learner's edits can solve it.
    pub initial: Option<String>,
    /// `solved` was posted (once).
    pub solved: bool,
}

impl Setup {
    fn new(settings: &Settings) -> Setup {
        Setup {
            options: settings.options(),
            config: settings.to_yaml(),
            fixes: true,
            asked: 0,
            last: None,
            answered: None,
            task: None,
        }
    }

    /// What, besides the text, makes one check differ from another.
    fn key(&self) -> String {
        format!(
            "{}\n{:?}\n{:?}",
            self.config,
            self.options.kind.map(|k| k.as_str()),
            self.options.only
        )
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
        // the same text with the same options: the answer is already coming
        // (or came), and `findings-changed` goes out once per check
        let key = (text.to_string(), s.key());
        if s.last.as_ref() == Some(&key) {
            // ... but the editor gets its squiggles again: replacing the
            // text with the same text (a sample loaded twice) drops them
            let answered = s.answered.clone();
            drop(s);
            if let (Some(list), Some(h)) = (answered, editor.borrow().as_ref()) {
                h.editor.set_diagnostics(&list);
            }
            return;
        }
        s.last = Some(key);
        s.answered = None;
        s.asked += 1;
        s.asked
    };
    let start = now_ms();
    let promise = crate::bridge::ask("check", text, &setup.borrow().library_options());
    let (dispatch, editor, setup) = (dispatch.clone(), editor.clone(), setup.clone());
    let text = text.to_string();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
        if setup.borrow().asked != asked {
            return; // a newer check is under way
        }
        let answer = match answer {
            Ok(a) => a,
            Err(e) => {
                setup.borrow_mut().last = None; // asking again may work
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
        // the policy's findings (none, without loading anything, while no
        // policy is on), merged with the rules'
        let extra = wasm_bindgen_futures::JsFuture::from(crate::bridge::policy_check(&text, kind.as_str()))
            .await
            .ok()
            .filter(js_sys::Array::is_array)
            .map(|e| js_sys::Array::from(&e))
            .filter(|e| e.length() > 0);
        if setup.borrow().asked != asked {
            return; // a newer check is under way
        }
        let list: JsValue = match extra {
            Some(e) => js_sys::Array::from(&list).concat(&e).into(),
            None => list,
        };
        let findings: Vec<Located> = js_sys::Array::from(&list)
            .iter()
            .filter_map(|f| lint::located(&f))
            .collect();
        if let Some(h) = editor.borrow().as_ref() {
            h.editor.set_language(kind.syntax());
            h.editor.set_diagnostics(&list);
        }
        setup.borrow_mut().answered = Some(list.clone());
        crate::bridge::notify_parent(
            "findings-changed",
            &crate::bridge::object(&[
                ("kind", kind.as_str().into()),
                ("count", findings.len().into()),
                ("findings", list),
            ]),
        );
        let blank = field(&answer, "blank").as_bool().unwrap_or(true);
        // a kind set by hand, on a text that detection reads as another kind
        let forced = setup.borrow().options.kind;
        let looks = forced.and_then(|k| {
            let detected = dockwise_syntax::detect::from_content(&text);
            (!blank && detected != k).then_some(detected)
        });
        dispatch.dispatch(Action::KindHint(looks));
        task_progress(&text, blank, &findings, &dispatch, &setup);
        dispatch.dispatch(Action::Linted {
            kind,
            findings,
            lines: field(&answer, "lines").as_f64().unwrap_or(0.0) as usize,
            blank: field(&answer, "blank").as_bool().unwrap_or(true),
            ms,
        });
    });
}

/// In a task, after a check: once the learner's edits have made the task's
/// rules quiet in a file that parses, tells the lesson (`solved`, once) and
/// says so.
fn task_progress(
    text: &str,
    blank: bool,
    findings: &[Located],
    dispatch: &UseReducerDispatcher<AppState>,
    setup: &SharedSetup,
) {
    let solved = {
        let mut s = setup.borrow_mut();
        let Some(task) = s.task.as_mut() else {
            return;
        };
        let edited = task.initial.as_deref().is_some_and(|t| t != text);
        if task.solved || blank || !edited || !dockwise_rules::report::quiet(findings, &task.rules) {
            return;
        }
        task.solved = true;
        task.rules.iter().map(|r| r.id).collect::<Vec<_>>()
    };
    let ids: js_sys::Array = solved.iter().map(|id| JsValue::from(*id)).collect();
    crate::bridge::notify_parent("solved", &crate::bridge::object(&[("rules", ids.into())]));
    dispatch.dispatch(Action::Status(Some(Status {
        text: format!(
            "Task solved: {} {} quiet and the file parses.",
            solved.join(", "),
            if solved.len() == 1 { "is" } else { "are" }
        ),
        tone: Tone::Success,
        undo: false,
    })));
}

/// What an embed URL asks for besides the state `share.js` reads: the tabs
/// it shows beyond the findings and the quick check (`tabs=practice,rules`),
/// the kind picker (`kind-picker=1`) and a task (`task=RULE,RULE`).
#[derive(Clone, Debug, Default, PartialEq)]
struct EmbedOptions {
    tabs: Vec<String>,
    kind_picker: bool,
    task: Vec<&'static Rule>,
}

impl EmbedOptions {
    fn from_location() -> EmbedOptions {
        let params = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .and_then(|h| web_sys::UrlSearchParams::new_with_str(h.trim_start_matches('#')).ok());
        let Some(params) = params.filter(|p| p.has("embed")) else {
            return EmbedOptions::default();
        };
        let list = |key: &str| -> Vec<String> {
            params
                .get(key)
                .unwrap_or_default()
                .split(',')
                .map(|v| v.trim().to_ascii_lowercase())
                .filter(|v| !v.is_empty())
                .collect()
        };
        let mut task: Vec<&'static Rule> = Vec::new();
        for rule in list("task").iter().filter_map(|k| dockwise_rules::rules::find(k)) {
            if !task.iter().any(|r| std::ptr::eq(*r, rule)) {
                task.push(rule);
            }
        }
        EmbedOptions {
            tabs: list("tabs"),
            kind_picker: params.get("kind-picker").is_some_and(|v| v != "0"),
            task,
        }
    }

    /// Is this tab shown in an embed?
    fn shows(&self, p: Panel) -> bool {
        match p {
            Panel::Practice => self.tabs.iter().any(|t| t == "practice"),
            Panel::Rules => self.tabs.iter().any(|t| t == "rules"),
            Panel::Policy => self.tabs.iter().any(|t| t == "policy"),
            Panel::Build => self.tabs.iter().any(|t| t == "build"),
            Panel::Findings | Panel::Quick | Panel::Harden => true,
        }
    }
}

/// The id part of a side tab (`tab-findings`...).
fn panel_id(p: Panel) -> &'static str {
    match p {
        Panel::Findings => "findings",
        Panel::Quick => "quick",
        Panel::Practice => "practice",
        Panel::Rules => "rules",
        Panel::Harden => "harden",
        Panel::Build => "build",
        Panel::Policy => "policy",
    }
}

/// "a Dockerfile", "a Compose file", "a Kubernetes manifest".
fn kind_phrase(k: FileKind) -> &'static str {
    match k {
        FileKind::Dockerfile => "a Dockerfile",
        FileKind::Compose => "a Compose file",
        FileKind::Kubernetes => "a Kubernetes manifest",
    }
}

/// The text a loaded sample replaced, and the kind set then: what Undo
/// brings back.
type Replaced = (String, Option<String>);

/// Where a card was opened from: the element that had focus, and how far
/// the side panel was scrolled, so Back returns to both.
struct Origin {
    element: Option<web_sys::HtmlElement>,
    /// The same control found again when the list redraws its rows (it
    /// draws only the rows in view): a selector and where it was in the list.
    again: Option<(String, i32)>,
    /// The side panel it was in (None: the editor, beside every panel).
    panel: Option<Panel>,
    scroll: i32,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Remembers where focus is before a card opens (in the editor: the editor
/// itself, as its tooltip goes away).
fn remember_origin(origin: &RefCell<Option<Origin>>, panel: Option<Panel>) {
    let Some(doc) = document() else { return };
    let element = doc.active_element().map(|a| {
        a.closest(".cm-editor")
            .ok()
            .flatten()
            .and_then(|ed| ed.query_selector(".cm-content").ok().flatten())
            .unwrap_or(a)
    });
    let scroll = doc.get_element_by_id("side-panel").map_or(0, |e| e.scroll_top());
    // a rule's button in the side panel: `.rule-link[data-rule="DL3008"]`
    let again = element.as_ref().and_then(|e| {
        let rule = e.get_attribute("data-rule")?;
        e.closest("#side-panel").ok().flatten()?;
        let class = e.class_name().split_whitespace().next()?.to_string();
        let top = e.dyn_ref::<web_sys::HtmlElement>()?.offset_top();
        Some((format!("#side-panel .{class}[data-rule=\"{rule}\"]"), top))
    });
    *origin.borrow_mut() = Some(Origin {
        element: element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
        again,
        panel,
        scroll,
    });
}

/// Focuses `el` without scrolling (the panel is back where it was).
fn focus_in_place(el: &web_sys::HtmlElement) {
    let options = crate::bridge::object(&[("preventScroll", true.into())]);
    let focus = js_sys::Reflect::get(el, &JsValue::from_str("focus")).ok();
    if let Some(f) = focus.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        let _ = f.call1(el, &options);
    }
}

/// The control matching `selector` nearest to `top` in its list.
fn find_again(selector: &str, top: i32) -> Option<web_sys::HtmlElement> {
    let all = document()?.query_selector_all(selector).ok()?;
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .min_by_key(|e| (e.offset_top() - top).abs())
}

/// After Back: the side panel scrolled as it was, focus where it was.
fn restore_origin(origin: Origin, panel: Panel) {
    match origin.panel {
        Some(p) if p != panel => return, // another tab was chosen meanwhile
        Some(_) => {
            if let Some(side) = document().and_then(|d| d.get_element_by_id("side-panel")) {
                side.set_scroll_top(origin.scroll);
            }
        }
        None => {}
    }
    match (origin.element.filter(|e| e.is_connected()), origin.again) {
        (Some(el), _) => focus_in_place(&el),
        // the list drew its rows again: the same control, once they are there
        (None, Some((selector, top))) => {
            Timeout::new(0, move || {
                if let Some(el) = find_again(&selector, top) {
                    focus_in_place(&el);
                }
            })
            .forget();
        }
        (None, None) => {}
    }
}

/// Opens the state a share link or an embed URL carries.
fn open_link(dispatch: UseReducerDispatcher<AppState>, editor: Shared<EditorHandle>, setup: SharedSetup) {
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
                // a task is solved by the learner's edits, never by a fix button
                let task: Vec<&'static Rule> = setup
                    .borrow()
                    .task
                    .as_ref()
                    .map(|t| t.rules.clone())
                    .unwrap_or_default();
                let fixes = field(&state, "fixes").as_bool().unwrap_or(true) && !read_only && task.is_empty();
                dispatch.dispatch(Action::Embed(embed));
                dispatch.dispatch(Action::Fixes(fixes));
                if !embed {
                    dispatch.dispatch(Action::Status(Some(Status {
                        text: "You are looking at a shared link; your own draft is kept. Edits here are not saved."
                            .into(),
                        tone: Tone::Info,
                        undo: false,
                    })));
                }
                if !task.is_empty() {
                    // the task's rules run, whatever the focus set or the settings
                    for r in &task {
                        if settings.focus.is_empty() {
                            settings.set_on(r, true);
                        } else if !settings.focus.iter().any(|k| r.is(k)) {
                            settings.focus.push(r.id.to_string());
                        }
                    }
                    if let Some(t) = setup.borrow_mut().task.as_mut() {
                        t.initial = Some(text.clone());
                    }
                    let names: Vec<String> = task.iter().map(|r| format!("{} ({})", r.id, r.name)).collect();
                    dispatch.dispatch(Action::Status(Some(Status {
                        text: format!(
                            "Your task: edit the file until {} {} quiet, keeping it valid.",
                            names.join(", "),
                            if task.len() == 1 { "is" } else { "are" }
                        ),
                        tone: Tone::Info,
                        undo: false,
                    })));
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
    // what an embed URL asks for (read once)
    let embed_options = use_memo((), |_| EmbedOptions::from_location());
    let options: SharedSetup = use_mut_ref(|| {
        let mut setup = Setup::new(&state.settings);
        if !embed_options.task.is_empty() {
            setup.task = Some(Task {
                rules: embed_options.task.clone(),
                initial: None,
                solved: false,
            });
        }
        setup
    });
    // the text (and kind setting) a loaded sample replaced, for Undo
    let replaced: Rc<RefCell<Option<Replaced>>> = use_mut_ref(|| None);
    // where a card was opened from, for Back
    let origin: Rc<RefCell<Option<Origin>>> = use_mut_ref(|| None);
    let shortcuts = use_state(|| false);
    // a kind hint the user chose to ignore: (looks like, chosen)
    let kept_kind = use_state(|| None::<(FileKind, FileKind)>);

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
        let origin = origin.clone();
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
                    let (dispatch, origin) = (dispatch.clone(), origin.clone());
                    Closure::<dyn FnMut(String)>::new(move |id: String| {
                        if let Some(rule) = dockwise_rules::rules::find(&id) {
                            // from the editor's tooltip: Back returns to the editor
                            remember_origin(&origin, None);
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
                    open_link(dispatch.clone(), editor.clone(), options.clone());
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

    {
        // the text became another kind while the Build tab was open: back
        // to the findings (the tab is gone)
        let dispatch = state.dispatcher();
        use_effect_with((state.panel, state.kind), move |(panel, kind)| {
            if *panel == Panel::Build && *kind != FileKind::Dockerfile {
                dispatch.dispatch(Action::ShowPanel(Panel::Findings));
            }
        });
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
        let (dispatch, origin, card_open, panel) =
            (state.dispatcher(), origin.clone(), state.card.is_some(), state.panel);
        Callback::from(move |rule: &'static Rule| {
            // a policy's package has no card
            if dockwise_policy::located::is_policy_rule(rule) {
                return;
            }
            // a related rule opened from a card: Back still returns to the list
            if !card_open {
                remember_origin(&origin, Some(panel));
            }
            dispatch.dispatch(Action::OpenCard(rule))
        })
    };
    {
        // a card closed: back to where it was opened from
        let (origin, panel) = (origin.clone(), state.panel);
        use_effect_with(state.card.map(|r| r.id), move |card| {
            if card.is_none() {
                if let Some(o) = origin.borrow_mut().take() {
                    restore_origin(o, panel);
                }
            }
        });
    }
    {
        // `?` outside a text field: the keyboard shortcuts
        let shortcuts = shortcuts.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                if e.key() != "?" || e.ctrl_key() || e.meta_key() || e.alt_key() || e.default_prevented() {
                    return;
                }
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                    .is_some_and(|t| {
                        t.is_content_editable() || matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    });
                if !typing {
                    e.prevent_default();
                    shortcuts.set(true);
                }
            });
            let doc = document();
            if let Some(d) = &doc {
                let _ = d.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(d) = doc {
                    let _ = d.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    let open_shortcuts = {
        let shortcuts = shortcuts.clone();
        Callback::from(move |_: ()| shortcuts.set(true))
    };
    let close_shortcuts = {
        let shortcuts = shortcuts.clone();
        Callback::from(move |_: ()| shortcuts.set(false))
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
        let (editor, dispatch, settings, replaced) = (
            editor.clone(),
            state.dispatcher(),
            state.settings.clone(),
            replaced.clone(),
        );
        Callback::from(move |s: &'static Sample| {
            let kind_before = settings.kind.clone();
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
            let (editor, dispatch, replaced) = (editor.clone(), dispatch.clone(), replaced.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match crate::docs::sample_text(s.id).await {
                    Ok(text) => {
                        let mut before = String::new();
                        if let Some(h) = editor.borrow().as_ref() {
                            before = h.editor.get_text();
                            // one undoable change: Ctrl+Z brings the draft back too
                            h.editor.set_text(&text);
                            h.editor.focus();
                        }
                        dispatch.dispatch(Action::ShowPanel(Panel::Findings));
                        // never silently: the text it replaced stays one click away
                        if !before.trim().is_empty() && before != text {
                            *replaced.borrow_mut() = Some((before, kind_before));
                            dispatch.dispatch(Action::Status(Some(Status {
                                text: format!("Loaded the sample \u{201c}{}\u{201d} in place of your text.", s.title),
                                tone: Tone::Info,
                                undo: true,
                            })));
                        }
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
    let dismiss_status = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Status(None)))
    };
    let undo_sample = {
        let (editor, dispatch, settings, replaced) = (
            editor.clone(),
            state.dispatcher(),
            state.settings.clone(),
            replaced.clone(),
        );
        Callback::from(move |_| {
            let Some((text, kind)) = replaced.borrow_mut().take() else {
                return;
            };
            if let Some(h) = editor.borrow().as_ref() {
                h.editor.set_text(&text);
                h.editor.focus();
            }
            if settings.kind != kind {
                dispatch.dispatch(Action::Settings(Settings {
                    kind,
                    ..settings.clone()
                }));
            }
            dispatch.dispatch(Action::Status(Some(Status {
                text: "Your text is back.".into(),
                tone: Tone::Success,
                undo: false,
            })));
        })
    };
    let chosen_kind = state.settings.kind.as_deref().and_then(FileKind::parse);
    let kind_hint = match (state.kind_hint, chosen_kind) {
        (Some(looks), Some(chosen)) if *kept_kind != Some((looks, chosen)) => {
            let detect = {
                let on_kind = on_kind.clone();
                Callback::from(move |_| on_kind.emit(None))
            };
            let keep = {
                let kept_kind = kept_kind.clone();
                Callback::from(move |_| kept_kind.set(Some((looks, chosen))))
            };
            html! {
                <div class="notice info" role="status" data-testid="kind-hint">
                    <span>{format!(
                        "This looks like {}, but the kind is set to {} by hand, so it is checked as {}.",
                        kind_phrase(looks), chosen.label(), kind_phrase(chosen)
                    )}</span>
                    <button class="small primary" onclick={detect} data-testid="kind-detect">{"Detect the kind"}</button>
                    <button class="link" onclick={keep}>{format!("Keep {}", chosen.label())}</button>
                </div>
            }
        }
        _ => html! {},
    };

    let count = state.findings.len();
    // a card opens over the panel, which stays as it was (scrolled, a
    // challenge under way, the button that opened it) until Back
    let card = state
        .card
        .map(|rule| html! { <Card key={rule.id} {rule} on_close={on_close_card} on_open={on_explain.clone()} /> });
    let side = if state.panel == Panel::Practice {
        html! { <Practice on_explain={on_explain.clone()} /> }
    } else if state.panel == Panel::Quick {
        html! { <QuickCheck findings={state.findings.clone()} /> }
    } else if state.panel == Panel::Rules {
        html! { <Catalogue on_open={on_explain.clone()} settings={state.settings.clone()} {on_settings} /> }
    } else if state.panel == Panel::Policy {
        let recheck = {
            let (options, editor, dispatch) = (options.clone(), editor.clone(), state.dispatcher());
            Callback::from(move |_: ()| {
                // the policy changed: the same text is checked again
                options.borrow_mut().last = None;
                let text = editor.borrow().as_ref().map(|h| h.editor.get_text());
                if let Some(text) = text {
                    run_check(&text, &dispatch, &editor, &options);
                }
            })
        };
        html! { <PolicyView {recheck} /> }
    } else if state.panel == Panel::Build && state.kind == FileKind::Dockerfile {
        let reveal = {
            let editor = editor.clone();
            Callback::from(move |(from, to): (u32, u32)| {
                if let Some(h) = editor.borrow().as_ref() {
                    h.editor.reveal(from, to);
                }
            })
        };
        let replace = state.fixes.then(|| {
            let editor = editor.clone();
            Callback::from(move |text: String| editor.borrow().as_ref().is_some_and(|h| h.editor.replace_text(&text)))
        });
        html! {
            <Build text={text_now.clone()} {replace} undo={undo.clone()} {reveal}
                dockerignore={AttrValue::from(state.settings.dockerignore.join("\n"))}
                revision={state.revision} on_explain={on_explain.clone()} />
        }
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
        let on_order = {
            let dispatch = state.dispatcher();
            Callback::from(move |o| dispatch.dispatch(Action::Order(o)))
        };
        let library_options = {
            let options = options.clone();
            Callback::from(move |_: ()| options.borrow().library_options())
        };
        html! {
            <Findings findings={state.findings.clone()} kind={state.kind} hidden={state.hidden.clone()} blank={state.blank}
                order={state.order} {on_order} text={text_now} options={library_options}
                {on_toggle} {on_jump} on_explain={on_explain.clone()}
                on_fix={state.fixes.then_some(on_fix)} on_fix_all={(state.fixes && safe > 0).then_some(fix_all)} {safe} />
        }
    };
    // the side tabs: a tablist with one tab stop (the selected tab), arrow
    // keys, Home and End move and select; an embed shows fewer
    let tabs: Vec<Panel> = [
        Panel::Findings,
        Panel::Quick,
        Panel::Practice,
        Panel::Rules,
        Panel::Harden,
        Panel::Build,
        Panel::Policy,
    ]
    .into_iter()
    .filter(|p| *p != Panel::Harden || state.fixes)
    // the Build tab draws what a Dockerfile builds
    .filter(|p| *p != Panel::Build || state.kind == FileKind::Dockerfile)
    .filter(|p| !state.embed || embed_options.shows(*p))
    .collect();
    let on_tab_key = {
        let (on_panel, tabs, current) = (on_panel.clone(), tabs.clone(), state.panel);
        Callback::from(move |e: KeyboardEvent| {
            let n = tabs.len();
            let at = tabs.iter().position(|p| *p == current).unwrap_or(0);
            let to = match e.key().as_str() {
                "ArrowRight" => (at + 1) % n,
                "ArrowLeft" => (at + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            let next = tabs[to];
            if let Some(el) = document()
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", panel_id(next))))
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
            on_panel.emit(next);
        })
    };
    let tab = |p: Panel, label: String| {
        let on_panel = on_panel.clone();
        let selected = state.panel == p;
        html! {
            <button role="tab" id={format!("tab-{}", panel_id(p))} aria-controls="side-panel"
                class={classes!("tab", selected.then_some("selected"))} aria-selected={selected.to_string()}
                tabindex={if selected { "0" } else { "-1" }}
                onclick={Callback::from(move |_| on_panel.emit(p))}>{label}</button>
        }
    };
    let tab_label = |p: Panel| match p {
        Panel::Findings => format!("Findings ({count})"),
        Panel::Quick => "Quick check".to_string(),
        Panel::Practice => "Practice".to_string(),
        Panel::Rules => "Rules".to_string(),
        Panel::Harden => "Harden".to_string(),
        Panel::Build => "Build".to_string(),
        Panel::Policy => "Policy".to_string(),
    };
    let status = state.status.clone().map(|st| {
        let tone = match st.tone {
            Tone::Info => "info",
            Tone::Success => "success",
        };
        html! {
            <div class={classes!("notice", tone)} role="status" data-testid="status">
                <span>{st.text}</span>
                if st.undo {
                    <button class="small primary" onclick={undo_sample.clone()} data-testid="undo-sample">{"Undo: bring my text back"}</button>
                }
                <button class="link" onclick={dismiss_status.clone()}>{"Dismiss"}</button>
            </div>
        }
    });

    html! {
        <div class={classes!("app", state.embed.then_some("embed"))}>
            <Header {on_sample} {on_kind} {on_share} on_shortcuts={open_shortcuts} chosen={chosen_kind}
                kind_picker={!state.embed || embed_options.kind_picker} />
            if *shortcuts {
                <Shortcuts on_close={close_shortcuts} />
            }
            if let Some(url) = state.share_url.clone() {
                <div class="notice share success" role="status">
                    <span>{"Link copied. Everything is in the part after #, which browsers never send to a server:"}</span>
                    <input class="share-url" readonly=true value={url} data-testid="share-url" aria-label="Share link" />
                    <button class="link" onclick={close_share}>{"Close"}</button>
                </div>
            }
            if let Some(n) = state.notice.clone() {
                <div class="notice error" role="alert">
                    <span>{n}</span>
                    <button class="link" onclick={dismiss_notice}>{"Dismiss"}</button>
                </div>
            }
            { for status }
            { kind_hint }
            <main class="workspace">
                <section class="editor-pane" aria-label="Editor">
                    <div class="editor-host" ref={host}></div>
                </section>
                <aside class="side-pane" aria-label="Findings and rules">
                    <div class="tabs" role="tablist" aria-label="Side panels" onkeydown={on_tab_key}>
                        { for tabs.iter().map(|p| tab(*p, tab_label(*p))) }
                    </div>
                    <div class="side-body" id="side-panel" role="tabpanel" tabindex="0"
                        aria-labelledby={format!("tab-{}", panel_id(state.panel))}>
                        // keyed, as the card is: without keys Yew matches the
                        // children from the end, so a card opening would take
                        // the view's place and the view would be drawn anew
                        // (losing what was typed or chosen in it)
                        <div class="side-view" key="side-view" hidden={state.card.is_some()}>{ side }</div>
                        { for card }
                    </div>
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
                <crate::components::findings::RulesVersion on_link_note={
                    let dispatch = state.dispatcher();
                    Callback::from(move |note| dispatch.dispatch(Action::LinkNote(note)))
                } />
                <span class="privacy">{"Nothing you type leaves this page."}</span>
            </footer>
        </div>
    }
}
