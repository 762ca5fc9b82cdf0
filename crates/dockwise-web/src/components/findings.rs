//! The findings list: severity filters, then one entry per finding, sorted
//! by position. An entry jumps to its span; its rule link opens the card.

use super::{rich, sentence, severity_badge};
use dockwise_rules::report::Located;
use dockwise_rules::{Rule, Severity};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub findings: Rc<Vec<Located>>,
    pub hidden: Vec<Severity>,
    pub blank: bool,
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

#[function_component(Findings)]
pub fn findings(p: &Props) -> Html {
    let chips = Severity::ALL.iter().map(|&sev| {
        let n = p.findings.iter().filter(|f| f.severity == sev).count();
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
    let visible: Vec<&Located> = p.findings.iter().filter(|f| !p.hidden.contains(&f.severity)).collect();
    let body = if p.blank {
        html! { <div class="empty">{"Paste a Dockerfile into the editor, or load a sample, to check it."}</div> }
    } else if p.findings.is_empty() {
        html! { <div class="empty good" data-testid="no-findings">{"No findings: this Dockerfile follows every rule Dockwise knows."}</div> }
    } else if visible.is_empty() {
        html! { <div class="empty">{"Every finding is hidden by the filters above."}</div> }
    } else {
        html! {
            <ul class="finding-list" data-testid="findings">
                { for visible.into_iter().map(|f| {
                    let jump = { let (cb, f) = (p.on_jump.clone(), f.clone()); Callback::from(move |_| cb.emit(f.clone())) };
                    let explain = { let (cb, r) = (p.on_explain.clone(), f.rule); Callback::from(move |_| cb.emit(r)) };
                    let fix = match (&p.on_fix, &f.fix) {
                        (Some(cb), Some(x)) => {
                            let (cb, f2) = (cb.clone(), f.clone());
                            let unsafe_fix = x.applicability == dockwise_rules::Applicability::Unsafe;
                            let label = format!("Fix: {}{}", x.title, if unsafe_fix { " (check it)" } else { "" });
                            html! {
                                <button class={classes!("small", "fix", unsafe_fix.then_some("unsafe"))} data-testid="fix"
                                    title={if unsafe_fix { "This fix changes behaviour: read it before you keep it (Ctrl+Z undoes it)" } else { "A safe fix: it means the same to the builder (Ctrl+Z undoes it)" }}
                                    onclick={Callback::from(move |_| cb.emit(f2.clone()))}>{rich(&label)}</button>
                            }
                        }
                        _ => html! {},
                    };
                    html! {
                        <li class={classes!("finding", format!("finding-{}", f.severity.as_str()))} data-rule={f.rule.id} data-line={f.range.line.to_string()}>
                            <button class="finding-main" onclick={jump} title="Show in the editor">
                                <span class="loc">{format!("Ln {}, Col {}", f.range.line, f.range.column)}</span>
                                { severity_badge(f.severity) }
                                <span class="msg">{rich(&sentence(&f.message))}</span>
                            </button>
                            <button class="rule-link" onclick={explain} title={format!("Explain {}", f.rule.id)}>
                                <span class="rule-id">{f.rule.id}</span>{" "}<span class="rule-name">{f.rule.name}</span>
                                <span class="learn">{"Learn why →"}</span>
                            </button>
                            { fix }
                        </li>
                    }
                }) }
            </ul>
        }
    };
    html! {
        <div class="findings">
            <div class="filters" role="group" aria-label="Show findings by severity">{ for chips }</div>
            if let Some(cb) = p.on_fix_all.clone() {
                <div class="fix-all">
                    <button class="small primary" onclick={cb} data-testid="fix-all"
                        title="Apply every safe fix: each means the same to the builder (Ctrl+Z undoes them)">
                        {format!("Fix all safe ({})", p.safe)}
                    </button>
                </div>
            }
            { body }
        </div>
    }
}
