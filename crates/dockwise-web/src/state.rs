//! The app's state and the pure reducer that changes it.

use crate::settings::Settings;
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
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The kind the text was checked as (chosen or detected).
    pub kind: FileKind,
    pub findings: Rc<Vec<Located>>,
    pub lines: usize,
    pub blank: bool,
    pub lint_ms: f64,
    /// Severities hidden by the filter chips.
    pub hidden: Vec<Severity>,
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
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            kind: FileKind::Dockerfile,
            findings: Rc::new(Vec::new()),
            lines: 0,
            blank: true,
            lint_ms: 0.0,
            hidden: Vec::new(),
            card: None,
            panel: Panel::Findings,
            notice: None,
            settings: Settings::default(),
            embed: false,
            share_url: None,
            fixes: true,
        }
    }
}

pub enum Action {
    Linted {
        kind: FileKind,
        findings: Vec<Located>,
        lines: usize,
        blank: bool,
        ms: f64,
    },
    ToggleSeverity(Severity),
    OpenCard(&'static Rule),
    CloseCard,
    ShowPanel(Panel),
    Notice(Option<String>),
    Settings(Settings),
    Embed(bool),
    Shared(Option<String>),
    Fixes(bool),
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
        }
        Rc::new(s)
    }
}
