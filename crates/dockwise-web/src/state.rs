//! The app's state and the pure reducer that changes it.

use crate::settings::Settings;
use dockwise_rules::report::triage::Order;
use dockwise_rules::report::Located;
use dockwise_rules::{Rule, Severity};
use dockwise_syntax::FileKind;
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Findings,
    Quick,
    Practice,
    Rules,
    Harden,
    /// The Build tab (Dockerfiles only): stages, layers, cache, base size.
    Build,
    Policy,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The kind the text was checked as (chosen or detected).
    pub kind: FileKind,
    pub findings: Rc<Vec<Located>>,
    pub lines: usize,
    pub blank: bool,
    pub lint_ms: f64,
    /// Counts the checks answered: a view that draws the text (the Build
    /// tab) draws again when it changes.
    pub revision: u64,
    /// Severities hidden by the filter chips.
    pub hidden: Vec<Severity>,
    /// The order of the findings list.
    pub order: Order,
    /// A shared link was made with other rules than this page's: said in the
    /// link's status message, once that is shown.
    pub link_note: Option<String>,
    /// The rule whose card is open.
    pub card: Option<&'static Rule>,
    pub panel: Panel,
    pub notice: Option<String>,
    pub settings: Settings,
    /// Embedded in a lesson (compact chrome).
    pub embed: bool,
    /// A link that was copied, shown so it can be copied by hand too.
    pub share_url: Option<String>,
    /// Fixes are offered (an embed can turn them off with `fixes=0`).
    pub fixes: bool,
    /// A message that is no error (errors are `notice`): a sample loaded
    /// over the draft (with Undo), a solved task, an opened link.
    pub status: Option<Status>,
    /// The kind the text looks like, when a kind set by hand differs.
    pub kind_hint: Option<FileKind>,
}

/// How a status message reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
    /// Offer to bring back the text a loaded sample replaced.
    pub undo: bool,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            kind: FileKind::Dockerfile,
            findings: Rc::new(Vec::new()),
            lines: 0,
            blank: true,
            lint_ms: 0.0,
            revision: 0,
            hidden: Vec::new(),
            order: Order::default(),
            link_note: None,
            card: None,
            panel: Panel::Findings,
            notice: None,
            settings: Settings::default(),
            embed: false,
            share_url: None,
            fixes: true,
            status: None,
            kind_hint: None,
        }
    }
}

// One action per user step or check: their size does not matter, and boxing
// the settings would only add an allocation to each change of them.
#[allow(clippy::large_enum_variant)]
pub enum Action {
    Linted {
        kind: FileKind,
        findings: Vec<Located>,
        lines: usize,
        blank: bool,
        ms: f64,
    },
    ToggleSeverity(Severity),
    Order(Order),
    /// The opened link was made with other rules: `note` says so.
    LinkNote(String),
    OpenCard(&'static Rule),
    CloseCard,
    ShowPanel(Panel),
    Notice(Option<String>),
    Settings(Settings),
    Embed(bool),
    Shared(Option<String>),
    Fixes(bool),
    Status(Option<Status>),
    KindHint(Option<FileKind>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Linted {
                kind,
                findings,
                lines,
                blank,
                ms,
            } => {
                s.kind = kind;
                s.findings = Rc::new(findings);
                s.lines = lines;
                s.blank = blank;
                s.lint_ms = ms;
                s.revision += 1;
            }
            Action::ToggleSeverity(sev) => {
                if let Some(i) = s.hidden.iter().position(|h| *h == sev) {
                    s.hidden.remove(i);
                } else {
                    s.hidden.push(sev);
                }
            }
            Action::OpenCard(rule) => s.card = Some(rule),
            Action::CloseCard => s.card = None,
            Action::ShowPanel(p) => {
                s.panel = p;
                s.card = None;
            }
            Action::Notice(n) => s.notice = n,
            Action::Settings(settings) => s.settings = settings,
            Action::Embed(e) => s.embed = e,
            Action::Shared(url) => s.share_url = url,
            Action::Fixes(on) => s.fixes = on,
            Action::Status(st) => {
                // the link's status message carries the note about its rules
                s.status = st.map(|mut st| {
                    if let Some(note) = s.link_note.take() {
                        st.text = format!("{} {note}", st.text);
                    }
                    st
                })
            }
            Action::Order(order) => s.order = order,
            Action::LinkNote(note) => match s.status.as_mut() {
                Some(st) => st.text = format!("{} {note}", st.text),
                None => s.link_note = Some(note),
            },
            Action::KindHint(k) => {
                if s.kind_hint == k {
                    return self;
                }
                s.kind_hint = k;
            }
        }
        Rc::new(s)
    }
}
