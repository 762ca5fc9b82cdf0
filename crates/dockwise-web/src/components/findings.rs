//! The findings list, triaged by the core (`report::triage`): a three-line
//! summary, the order (most severe first, or by line), severity filters,
//! exports, then one entry per finding, per token several rules speak of
//! (one piece of advice, every rule id) or per "missing from ..." holder.
//! An entry jumps to its span; each rule links to its card; fixes stay per
//! finding. Long lists are virtualised: only the entries near the visible
//! part are in the page, in blocks, with spacers of the estimated height for
//! the rest.
//!
//! Also here: the rules' version in the status bar ([`RulesVersion`]).

use super::{rich, sentence, severity_badge};
use crate::bridge;
use dockwise_rules::report::triage::{self, Entry, Order, Triage};
use dockwise_rules::report::Located;
use dockwise_rules::{Applicability, Rule, Severity};
use dockwise_syntax::FileKind;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub findings: Rc<Vec<Located>>,
    /// The kind the findings' text was checked as.
    pub kind: FileKind,
    pub hidden: Vec<Severity>,
    pub blank: bool,
    pub order: Order,
    pub on_order: Callback<Order>,
    /// The text the findings were found in: read when they change (for the
    /// tokens and names triage groups by).
    pub text: Callback<(), String>,
    /// The checker's options object (the exports check the text again).
    pub options: Callback<(), JsValue>,
    pub on_toggle: Callback<Severity>,
    pub on_jump: Callback<Located>,
    pub on_explain: Callback<&'static Rule>,
    /// Applies a finding's fix (None: fixes are off).
    #[prop_or_default]
    pub on_fix: Option<Callback<Located>>,
    /// Applies every safe fix (None: fixes are off, or none is safe).
    #[prop_or_default]
    pub on_fix_all: Option<Callback<MouseEvent>>,
    /// How many findings have a safe fix.
    #[prop_or_default]
    pub safe: usize,
}

/// The findings, compared by identity: a new check brings a new list, and
/// comparing 50,000 findings by value on every render would cost more than
/// the render.
#[derive(Clone)]
struct Same(Rc<Vec<Located>>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Entries per block: the unit the list renders and leaves out.
const BLOCK: usize = 25;
/// From this many entries on, the list is virtualised.
const VIRTUAL_FROM: usize = 200;
/// An entry's height before any is measured (pixels).
const FIRST_GUESS: f64 = 64.0;

/// Whole pixels, printed as an integer: formatting an `f64` would pull
/// Rust's float printing (about 10 KB) into the page's wasm.
fn px(v: f64) -> i64 {
    v.round().clamp(0.0, 1e12) as i64
}
/// The focused entry's block stays in the page while it is this many blocks
/// or fewer from the visible ones (so Tab and Shift+Tab go on from it).
const KEEP_FOCUSED: usize = 8;

/// What the virtual list knows of its layout.
struct Layout {
    /// The entries the heights below are for.
    list: Rc<Vec<usize>>,
    /// Each block's height as last measured (pixels; 0: never rendered).
    heights: Vec<f64>,
    /// Pixels and entries measured so far: the estimate for the others.
    measured: (f64, usize),
    /// The visible part of the list (pixels from its top).
    view: (f64, f64),
    /// The position of the entry that holds the focus.
    focused: Option<usize>,
    /// Stops watching the scroll position.
    stop: Option<js_sys::Function>,
    /// What is called while it is watched.
    on_view: Option<Closure<dyn FnMut(f64, f64)>>,
}

impl Layout {
    fn entries(&self) -> usize {
        self.list.len()
    }

    /// Starts over for another list of entries.
    fn reset(&mut self, list: Rc<Vec<usize>>) {
        if !Rc::ptr_eq(&self.list, &list) {
            self.heights = vec![0.0; list.len().div_ceil(BLOCK)];
            self.list = list;
        }
    }

    fn per_entry(&self) -> f64 {
        match self.measured {
            (px, n) if n > 0 => px / n as f64,
            _ => FIRST_GUESS,
        }
    }

    /// Block `k`'s height: measured, else estimated.
    fn height(&self, k: usize) -> f64 {
        match self.heights.get(k) {
            Some(&h) if h > 0.0 => h,
            _ => {
                let n = self.entries().saturating_sub(k * BLOCK).min(BLOCK);
                n as f64 * self.per_entry()
            }
        }
    }

    /// The blocks to render for the visible part: one block more on each
    /// side, and the focused entry's block when it is near.
    fn blocks(&self) -> (usize, usize) {
        let n = self.heights.len().max(1);
        let (mut first, mut last) = (None, n - 1);
        let mut top = 0.0;
        for k in 0..n {
            let bottom = top + self.height(k);
            if first.is_none() && bottom > self.view.0 {
                first = Some(k);
            }
            if top >= self.view.1 {
                last = k;
                break;
            }
            top = bottom;
        }
        let first = first.unwrap_or(n - 1).saturating_sub(1);
        let mut range = (first, last.max(first).min(n - 1));
        if let Some(b) = self.focused.map(|i| i / BLOCK).filter(|b| *b < n) {
            if b < range.0 && range.0 - b <= KEEP_FOCUSED {
                range.0 = b;
            } else if b > range.1 && b - range.1 <= KEEP_FOCUSED {
                range.1 = b;
            }
        }
        range
    }

    /// The spacers' heights for the blocks `first..=last`.
    fn spacers(&self, first: usize, last: usize) -> (f64, f64) {
        let above = (0..first).map(|k| self.height(k)).sum();
        let below = (last + 1..self.heights.len()).map(|k| self.height(k)).sum();
        (above, below)
    }

    /// Records the heights of the rendered blocks, read from the page after
    /// a render: the top of each block's first entry, and the bottom
    /// spacer's. True when a height changed by more than a pixel.
    fn measure(&mut self, top_spacer: &web_sys::Element) -> bool {
        let mut starts: Vec<(usize, f64)> = Vec::new();
        let mut end = None;
        let mut el = top_spacer.next_element_sibling();
        while let Some(e) = el {
            let at = e.dyn_ref::<web_sys::HtmlElement>().map(|h| f64::from(h.offset_top()));
            match e.get_attribute("data-index").and_then(|i| i.parse::<usize>().ok()) {
                Some(pos) if pos % BLOCK == 0 => starts.extend(at.map(|t| (pos / BLOCK, t))),
                Some(_) => {}
                None => {
                    end = at;
                    break;
                }
            }
            el = e.next_element_sibling();
        }
        let Some(end) = end else { return false };
        let mut changed = false;
        for (i, &(k, top)) in starts.iter().enumerate() {
            let next = starts.get(i + 1).map_or(end, |s| s.1);
            let h = next - top;
            let entries = self.entries().saturating_sub(k * BLOCK).min(BLOCK);
            if h <= 0.0 || k >= self.heights.len() {
                continue;
            }
            let old = self.heights[k];
            if old > 0.0 {
                self.measured.0 -= old;
                self.measured.1 -= entries;
            }
            self.measured.0 += h;
            self.measured.1 += entries;
            self.heights[k] = h;
            changed |= (h - old).abs() > 1.0;
        }
        changed
    }
}

/// The findings of entry `e` that the filters show.
fn shown(e: &Entry, findings: &[Located], hidden: &[Severity]) -> Vec<usize> {
    e.findings
        .iter()
        .copied()
        .filter(|&i| !hidden.contains(&findings[i].severity))
        .collect()
}

/// From this many findings on, triage runs in a task of its own, after the
/// one that handled the check's answer (which also gives the editor its
/// marks): the list shows the triage it has until the new one is ready.
const DEFER_FROM: usize = 2_000;

#[function_component(Findings)]
pub fn findings(p: &Props) -> Html {
    // triage once per check (the grouping does not depend on the order):
    // a short list at once, a long one a moment later
    let big = p.findings.len() >= DEFER_FROM;
    let now: Rc<Option<Rc<Triage>>> = {
        let text = p.text.clone();
        use_memo((Same(p.findings.clone()), big), move |(f, big)| {
            (!big).then(|| Rc::new(triage::triage(&text.emit(()), &f.0, Order::Severity)))
        })
    };
    let later = use_state(|| None::<(Same, Rc<Triage>)>);
    {
        let (later, text) = (later.clone(), p.text.clone());
        use_effect_with((Same(p.findings.clone()), big), move |(f, big)| {
            let mut timer = None;
            if *big {
                let (f, later) = (f.clone(), later.clone());
                timer = Some(gloo_timers::callback::Timeout::new(0, move || {
                    let t = triage::triage(&text.emit(()), &f.0, Order::Severity);
                    later.set(Some((f, Rc::new(t))));
                }));
            } else if later.is_some() {
                later.set(None);
            }
            // a newer check before it ran: dropping the timer cancels it
            move || drop(timer)
        });
    }
    // the findings on show and their triage
    let (shown_findings, triaged): (Rc<Vec<Located>>, Rc<Triage>) = match (&*now, &*later) {
        (Some(t), _) => (p.findings.clone(), t.clone()),
        (None, Some((f, t))) => (f.0.clone(), t.clone()),
        (None, None) => (Rc::new(Vec::new()), Rc::new(Triage::default())),
    };
    let sorting = now.is_none() && shown_findings.is_empty();
    // the entries the filters leave, in the order asked for
    let order: Rc<Vec<usize>> = {
        let t = triaged.clone();
        use_memo(
            (Same(shown_findings.clone()), p.order, p.hidden.clone()),
            move |(f, order, hidden)| {
                t.ordered(*order)
                    .into_iter()
                    .filter(|&e| {
                        hidden.is_empty()
                            || t.entries[e]
                                .findings
                                .iter()
                                .any(|&i| !hidden.contains(&f.0[i].severity))
                    })
                    .collect::<Vec<usize>>()
            },
        )
    };
    let virtual_list = order.len() > VIRTUAL_FROM;
    let layout = use_mut_ref(|| Layout {
        list: Rc::new(Vec::new()),
        heights: Vec::new(),
        measured: (0.0, 0),
        view: (0.0, 1000.0),
        focused: None,
        stop: None,
        on_view: None,
    });
    layout.borrow_mut().reset(order.clone());
    let range = use_state_eq(|| (0usize, 2usize));
    let host = use_node_ref();
    let top_spacer = use_node_ref();
    // bumped when a measurement changed the layout: draws it again
    let redraw = use_state_eq(|| 0u64);

    {
        // follow the scroll position while the list is virtual
        let (layout, range, host) = (layout.clone(), range.clone(), host.clone());
        use_effect_with(virtual_list, move |on| {
            if *on {
                if let Some(el) = host.cast::<web_sys::Element>() {
                    let l = layout.clone();
                    let on_view = Closure::<dyn FnMut(f64, f64)>::new(move |top: f64, bottom: f64| {
                        l.borrow_mut().view = (top, bottom);
                        range.set(l.borrow().blocks());
                    });
                    let stop = bridge::watch_view(&el, on_view.as_ref().unchecked_ref());
                    let mut l = layout.borrow_mut();
                    l.stop = Some(stop);
                    l.on_view = Some(on_view);
                }
            }
            move || {
                let (stop, on_view) = {
                    let mut l = layout.borrow_mut();
                    (l.stop.take(), l.on_view.take())
                };
                if let Some(stop) = stop {
                    let _ = stop.call0(&JsValue::NULL);
                }
                // dropped only once watchView has let go of it
                drop(on_view);
            }
        });
    }
    {
        // after each render of the virtual list: measure what was drawn, and
        // draw again when the spacers were off
        let (layout, range, top_spacer, redraw) = (layout.clone(), range.clone(), top_spacer.clone(), redraw.clone());
        use_effect(move || {
            if let Some(top) = top_spacer.cast::<web_sys::Element>() {
                let mut l = layout.borrow_mut();
                if virtual_list && l.measure(&top) {
                    let r = l.blocks();
                    drop(l);
                    range.set(r);
                    redraw.set(*redraw + 1);
                }
            }
        });
    }

    let on_focus = {
        let layout = layout.clone();
        Callback::from(move |e: FocusEvent| {
            let at = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("li[data-index]").ok().flatten())
                .and_then(|li| li.get_attribute("data-index"))
                .and_then(|i| i.parse::<usize>().ok());
            layout.borrow_mut().focused = at;
        })
    };

    let findings = &shown_findings;
    let chips = Severity::ALL.iter().map(|&sev| {
        let n = triaged
            .summary
            .severities
            .iter()
            .find(|(s, _)| *s == sev)
            .map_or(0, |(_, n)| *n);
        let shown = !p.hidden.contains(&sev);
        let on_toggle = p.on_toggle.clone();
        html! {
            <button class={classes!("chip", format!("chip-{}", sev.as_str()), (!shown).then_some("off"))}
                aria-pressed={shown.to_string()} data-testid={format!("filter-{}", sev.as_str())}
                title={format!("{} {} findings", if shown { "Hide" } else { "Show" }, sev.as_str())}
                onclick={Callback::from(move |_| on_toggle.emit(sev))}>
                <span class="dot" aria-hidden="true"></span>{format!("{} {}", n, sev.as_str())}
            </button>
        }
    });
    let noun = triage::file_noun(p.kind);
    let body = if p.blank {
        html! { <div class="empty">{"Paste a Dockerfile, a Compose file or a Kubernetes manifest into the editor, or load a sample, to check it."}</div> }
    } else if sorting {
        html! { <div class="empty" data-testid="sorting">{format!("Sorting {} findings…", p.findings.len())}</div> }
    } else if p.findings.is_empty() {
        html! { <div class="empty good" data-testid="no-findings">{format!("No findings: this {noun} follows every rule Dockwise knows.")}</div> }
    } else if order.is_empty() {
        html! { <div class="empty">{"Every finding is hidden by the filters above."}</div> }
    } else {
        let (first, last) = if virtual_list {
            let (a, b) = *range;
            let n = order.len().div_ceil(BLOCK);
            (a.min(n - 1), b.min(n - 1))
        } else {
            (0, order.len().div_ceil(BLOCK).saturating_sub(1))
        };
        let from = first * BLOCK;
        let to = ((last + 1) * BLOCK).min(order.len());
        let (above, below) = if virtual_list {
            layout.borrow().spacers(first, last)
        } else {
            (0.0, 0.0)
        };
        let rows = (from..to).map(|pos| {
            let e = &triaged.entries[order[pos]];
            entry(p, findings, e, pos, &shown(e, findings, &p.hidden))
        });
        html! {
            <ul class="finding-list" data-testid="findings" data-count={order.len().to_string()} onfocusin={on_focus}>
                <li class="spacer" aria-hidden="true" key="spacer-top" ref={top_spacer}
                    style={format!("height: {}px", px(above))}></li>
                { for rows }
                <li class="spacer" aria-hidden="true" key="spacer-bottom"
                    style={format!("height: {}px", px(below))}></li>
            </ul>
        }
    };
    let summary = summary(p, findings, &triaged);
    let order_button = |o: Order, label: &'static str| {
        let on_order = p.on_order.clone();
        let pressed = p.order == o;
        html! {
            <button class={classes!("small", pressed.then_some("chosen"))} aria-pressed={pressed.to_string()}
                data-testid={format!("order-{}", o.as_str())}
                onclick={Callback::from(move |_| on_order.emit(o))}>{label}</button>
        }
    };
    html! {
        <div class="findings">
            { summary }
            <div class="filters" role="group" aria-label="Show findings by severity">{ for chips }</div>
            if !p.blank && !p.findings.is_empty() {
                <div class="list-tools">
                    <div class="order" role="group" aria-label="Order of the findings">
                        { order_button(Order::Severity, "Most severe first") }
                        { order_button(Order::Line, "By line") }
                    </div>
                    <Export text={p.text.clone()} options={p.options.clone()} />
                </div>
            }
            if let Some(cb) = p.on_fix_all.clone() {
                <div class="fix-all">
                    <button class="small primary" onclick={cb} data-testid="fix-all"
                        title="Apply every safe fix: each means the same to the builder (Ctrl+Z undoes them)">
                        {format!("Fix all safe ({})", p.safe)}
                    </button>
                </div>
            }
            <div class="entries" ref={host}>{ body }</div>
        </div>
    }
}

/// The summary's three lines: counts by severity, by concern, and the one
/// thing to fix first (a link that jumps to it).
fn summary(p: &Props, findings: &[Located], t: &Triage) -> Html {
    let s = &t.summary;
    if s.total == 0 {
        return html! {};
    }
    let severities: Vec<String> = s.severities.iter().map(|&(sev, n)| triage::count(sev, n)).collect();
    let concerns: Vec<String> = s
        .concerns
        .iter()
        .map(|(tag, n)| format!("{} {n}", tag.as_str()))
        .collect();
    let first = s.first.as_ref().map(|first| {
        let jump = {
            let (cb, f) = (p.on_jump.clone(), findings[first.finding].clone());
            Callback::from(move |_| cb.emit(f.clone()))
        };
        let explain = {
            let (cb, r) = (p.on_explain.clone(), first.rule);
            Callback::from(move |_| cb.emit(r))
        };
        html! {
            <p class="fix-first" data-testid="fix-first">
                <span class="label">{"Fix first: "}</span>
                <button class="link" onclick={jump} title="Show it in the editor">
                    <span class="rule-id">{first.rule.id}</span>{" "}
                    {rich(&sentence(&findings[first.finding].message))}
                </button>
                {format!(" ({}) ", triage::count(first.severity, first.count))}
                if !dockwise_policy::located::is_policy_rule(first.rule) {
                    <button class="link" onclick={explain} title={format!("Explain {}", first.rule.id)}>{"Learn why →"}</button>
                }
            </p>
        }
    });
    html! {
        <div class="triage-summary" data-testid="summary">
            <p data-testid="summary-severity">
                <strong>{format!("{} finding{}", s.total, if s.total == 1 { "" } else { "s" })}</strong>
                {format!(": {}", severities.join(", "))}
            </p>
            <p data-testid="summary-concerns">{format!("By concern: {}", concerns.join(" · "))}</p>
            { for first }
        </div>
    }
}

/// One entry: its place (or what it is missing from), the most severe
/// severity, its advice (one combined text, or each finding's message), and
/// for an entry of several findings a row per finding with its rule, its
/// card and its fix.
fn entry(p: &Props, findings: &[Located], e: &Entry, pos: usize, shown: &[usize]) -> Html {
    let Some(&lead) = shown.first() else {
        return html! {};
    };
    let f = &findings[lead];
    let several = shown.len() > 1 || e.missing.is_some();
    let mut ids: Vec<&str> = Vec::new();
    for &i in shown {
        if !ids.contains(&findings[i].rule.id) {
            ids.push(findings[i].rule.id);
        }
    }
    let jump = |f: &Located| {
        let (cb, f) = (p.on_jump.clone(), f.clone());
        Callback::from(move |_| cb.emit(f.clone()))
    };
    let explain = |r: &'static Rule| {
        let cb = p.on_explain.clone();
        Callback::from(move |_| cb.emit(r))
    };
    let fix = |f: &Located| match (&p.on_fix, &f.fix) {
        (Some(cb), Some(x)) => {
            let (cb, f2) = (cb.clone(), f.clone());
            let unsafe_fix = x.applicability == Applicability::Unsafe;
            let label = format!("Fix: {}{}", x.title, if unsafe_fix { " (check it)" } else { "" });
            html! {
                <button class={classes!("small", "fix", unsafe_fix.then_some("unsafe"))} data-testid="fix"
                    title={if unsafe_fix { "This fix changes behaviour: read it before you keep it (Ctrl+Z undoes it)" } else { "A safe fix: it means the same to the builder (Ctrl+Z undoes it)" }}
                    onclick={Callback::from(move |_| cb.emit(f2.clone()))}>{rich(&label)}</button>
            }
        }
        _ => html! {},
    };
    let rule_link = |r: &'static Rule| {
        // a policy's package: no card to open
        if dockwise_policy::located::is_policy_rule(r) {
            return html! {
                <span class="rule-link policy-rule" data-rule={r.id}>
                    <span class="rule-id">{r.id}</span>{" "}<span class="rule-name">{"policy"}</span>
                </span>
            };
        }
        html! {
            <button class="rule-link" data-rule={r.id} onclick={explain(r)} title={format!("Explain {}", r.id)}>
                <span class="rule-id">{r.id}</span>{" "}<span class="rule-name">{r.name}</span>
                <span class="learn">{"Learn why →"}</span>
            </button>
        }
    };
    let severity = f.severity;
    let class = classes!(
        "finding",
        format!("finding-{}", severity.as_str()),
        (shown.len() > 1 && e.missing.is_none()).then_some("group"),
        e.missing.is_some().then_some("missing"),
    );
    let place = match &e.missing {
        Some(m) => html! { <span class="loc holder">{rich(&m.title(p.kind))}</span> },
        None => html! { <span class="loc">{format!("Ln {}, Col {}", f.range.line, f.range.column)}</span> },
    };
    let advice = match (e.advice.filter(|_| shown.len() > 1), &e.missing) {
        (Some(text), _) => html! { <span class="msg advice" data-testid="advice">{rich(text)}</span> },
        (None, Some(_)) => html! {
            <span class="msg">{format!("{} thing{} to add", shown.len(), if shown.len() == 1 { "" } else { "s" })}</span>
        },
        // several rules on one spot, with nothing to say for them together:
        // each speaks in its row below
        (None, None) if shown.len() > 1 => html! {
            <span class="msg">{
                if ids.len() > 1 { format!("{} rules flag this", ids.len()) } else { format!("{} findings here", shown.len()) }
            }</span>
        },
        (None, None) => html! { <span class="msg">{rich(&sentence(&f.message))}</span> },
    };
    let main = html! {
        <button class="finding-main" onclick={jump(f)} title="Show in the editor">
            { place }
            { severity_badge(severity) }
            { advice }
        </button>
    };
    let rows = if several {
        html! {
            <ul class="finding-items">
                { for shown.iter().map(|&i| {
                    let g = &findings[i];
                    // the page's rules carry no titles (they come with the
                    // cards): each finding's own message, backticks as code
                    let text = rich(&sentence(&g.message));
                    html! {
                        <li class={classes!("item", format!("item-{}", g.severity.as_str()))} data-rule={g.rule.id}
                            data-line={g.range.line.to_string()}>
                            <button class="item-main" onclick={jump(g)} title="Show in the editor">
                                // a stage's lack, apart from the file's first line
                                if e.missing.is_some() && g.range.line != e.line {
                                    <span class="loc">{format!("Ln {}", g.range.line)}</span>
                                }
                                { severity_badge(g.severity) }
                                <span class="item-title">{ text }</span>
                            </button>
                            { rule_link(g.rule) }
                            { fix(g) }
                        </li>
                    }
                }) }
            </ul>
        }
    } else {
        html! { <>{ rule_link(f.rule) }{ fix(f) }</> }
    };
    html! {
        <li {class} key={format!("e{}-{}", e.findings[0], e.line)} data-index={pos.to_string()} data-rule={f.rule.id}
            data-rules={ids.join(" ")} data-line={e.line.to_string()}>
            { main }
            { rows }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct ExportProps {
    text: Callback<(), String>,
    options: Callback<(), JsValue>,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    CopyMarkdown,
    Markdown,
    Json,
}

/// The Export menu: the findings as Markdown (copied, or saved as a file)
/// or as the CLI's JSON (saved as a file). The checker writes them; the file
/// is saved from a Blob URL of the page, so nothing leaves it.
#[function_component(Export)]
fn export(p: &ExportProps) -> Html {
    let said = use_state(String::new);
    let run = |format: Format| {
        let (text, options, said) = (p.text.clone(), p.options.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            let which = if format == Format::Json { "json" } else { "markdown" };
            let promise = bridge::ask_with("export", &text.emit(()), &options.emit(()), which);
            let said = said.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let report = match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(r) => r.as_string().unwrap_or_default(),
                    Err(_) => {
                        said.set("The checker could not write the report.".into());
                        return;
                    }
                };
                match format {
                    Format::CopyMarkdown => {
                        let copied = wasm_bindgen_futures::JsFuture::from(bridge::copy_text(&report)).await;
                        said.set(
                            if copied.is_ok() {
                                "Copied as Markdown."
                            } else {
                                "This browser refused to copy: use Download instead."
                            }
                            .into(),
                        );
                    }
                    Format::Markdown => {
                        bridge::download("dockwise-findings.md", &report, "text/markdown");
                        said.set("Saved dockwise-findings.md.".into());
                    }
                    Format::Json => {
                        bridge::download("dockwise-findings.json", &report, "application/json");
                        said.set("Saved dockwise-findings.json.".into());
                    }
                }
            });
        })
    };
    html! {
        <details class="export" data-testid="export">
            <summary>{"Export"}</summary>
            <div class="export-menu">
                <button class="small" data-testid="export-copy-markdown" onclick={run(Format::CopyMarkdown)}>{"Copy as Markdown"}</button>
                <button class="small" data-testid="export-markdown" onclick={run(Format::Markdown)}>{"Download Markdown"}</button>
                <button class="small" data-testid="export-json" onclick={run(Format::Json)}>{"Download JSON"}</button>
                <span class="export-said" role="status">{(*said).clone()}</span>
            </div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct VersionProps {
    /// Called with a sentence when the opened share link was made with
    /// other rules than this page's.
    pub on_link_note: Callback<String>,
}

/// `0.1.0 (179 rules)` from `0.1.0+179`.
fn readable(version: &str) -> String {
    match version.split_once('+') {
        Some((v, "1")) => format!("{v} (1 rule)"),
        Some((v, n)) => format!("{v} ({n} rules)"),
        None => version.to_string(),
    }
}

/// The rules' version and how many there are, for the status bar. Share
/// links carry it; a link made with other rules says so.
#[function_component(RulesVersion)]
pub fn rules_version(p: &VersionProps) -> Html {
    let version = use_memo((), |_| triage::catalogue_version());
    {
        let (version, on_note) = (version.clone(), p.on_link_note.clone());
        use_effect_with((), move |_| {
            bridge::set_rules_version(&version);
            if bridge::has_location_state() {
                wasm_bindgen_futures::spawn_local(async move {
                    let other = wasm_bindgen_futures::JsFuture::from(bridge::link_version_differs())
                        .await
                        .ok()
                        .and_then(|v| v.as_string())
                        .filter(|v| !v.is_empty());
                    if let Some(other) = other {
                        on_note.emit(format!(
                            "It was made with the rules {}; this page has {}, so the findings may differ.",
                            readable(&other),
                            readable(&version)
                        ));
                    }
                });
            }
        });
    }
    html! {
        <span data-testid="rules-version" data-version={(*version).clone()}
            title="The version of the rules and how many there are; share links carry it">
            {format!("Rules {}", readable(&version))}
        </span>
    }
}
