//! One quiz question with its choices and the feedback for the chosen one,
//! shared by rule cards, the quick check and a lesson's quiz embed. The
//! choices are dealt in a fresh order each time a quiz is shown, so the
//! answer has no fixed place; each choice keeps its own feedback. Answers are
//! announced to an embedding page (`quiz-answered`).
//!
//! The choices are a radio group: one tab stop (the chosen choice, else the
//! first), the arrow keys and Home/End move between choices, Enter or Space
//! answers. After the answer, focus stays on the chosen choice.

use super::rich;
use dockwise_rules::card::Card;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rule: &'static str,
    pub text: Rc<Card>,
    /// May the learner try again after a wrong answer (cards), or is the
    /// first answer final (quick check)?
    pub retry: bool,
    /// Called with each answer: right or wrong.
    #[prop_or_default]
    pub on_answer: Callback<bool>,
    /// `data-testid` of the feedback box.
    pub feedback_id: &'static str,
}

#[function_component(Quiz)]
pub fn quiz(p: &Props) -> Html {
    let choices = &p.text.quiz.choices;
    // one order per showing (a remount deals again)
    let n = choices.len();
    let order = use_state(move || {
        dockwise_rules::learn::shuffled(n, (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64)
    });
    let order: Vec<usize> = if order.len() == n {
        (*order).clone()
    } else {
        (0..n).collect()
    };
    // the chosen choice, by its index in the card (not its place on screen)
    let chosen = use_state(|| None::<usize>);
    let done = chosen.is_some_and(|i| !p.retry || choices.get(i).is_some_and(|c| c.correct));
    // the one tab stop of the group: the chosen choice, else the first
    let stop = chosen.and_then(|i| order.iter().position(|&o| o == i)).unwrap_or(0);
    let count = order.len();
    let shown = order.iter().filter_map(|&i| Some((i, choices.get(i)?)));
    let buttons = shown.enumerate().map(|(place, (i, c))| {
        let (chosen_h, on_answer, rule, correct) = (chosen.clone(), p.on_answer.clone(), p.rule, c.correct);
        let is_chosen = *chosen == Some(i);
        let class = classes!(
            "choice",
            is_chosen.then_some(if c.correct { "right" } else { "wrong" }),
            (done && c.correct && !is_chosen).then_some("right")
        );
        // answered: the choices stay focusable (focus stays where it was)
        // but no longer answer
        html! {
            <button class={class} role="radio" aria-checked={is_chosen.to_string()} data-correct={c.correct.to_string()}
                aria-disabled={done.then_some("true")} tabindex={if place == stop { "0" } else { "-1" }}
                onkeydown={Callback::from(move |e: KeyboardEvent| move_focus(&e, place, count))}
                onclick={Callback::from(move |_| {
                    if done {
                        return;
                    }
                    chosen_h.set(Some(i));
                    on_answer.emit(correct);
                    crate::bridge::notify_parent("quiz-answered", &crate::bridge::object(&[("rule", rule.into()), ("correct", correct.into())]));
                })}>
                <span class="choice-letter" aria-hidden="true">{((b'A' + place as u8) as char).to_string()}</span>
                <span>{rich(&c.text)}</span>
            </button>
        }
    });
    let feedback = chosen.and_then(|i| choices.get(i)).map(|c| {
        html! {
            <div key="feedback" class={classes!("feedback", if c.correct { "right" } else { "wrong" })} role="status" data-testid={p.feedback_id}>
                <strong>{ if c.correct { "Correct. " } else { "Not quite. " } }</strong>{rich(&c.feedback)}
                if !c.correct && p.retry { <span class="retry">{" Try another answer."}</span> }
            </div>
        }
    });
    let question_id = question_id(p.feedback_id);
    // keyed: the feedback that appears is added, the choices (and the focus
    // on the one answered) stay as they are
    html! {
        <>
            <p key="question" id={question_id.clone()} class="question">{rich(&p.text.quiz.question)}</p>
            <div key="choices" class="choices" role="radiogroup" aria-labelledby={question_id}>{ for buttons }</div>
            { for feedback }
        </>
    }
}

/// The id of a quiz's question (unique on the page: a card's quiz and the
/// quick check's can both be in the document).
pub fn question_id(feedback_id: &str) -> String {
    format!("{feedback_id}-question")
}

/// Arrow keys, Home and End move focus between a radio group's choices (the
/// choice under focus is the group's tab stop); they never answer.
fn move_focus(e: &KeyboardEvent, place: usize, count: usize) {
    if count == 0 {
        return;
    }
    let to = match e.key().as_str() {
        "ArrowDown" | "ArrowRight" => (place + 1) % count,
        "ArrowUp" | "ArrowLeft" => (place + count - 1) % count,
        "Home" => 0,
        "End" => count - 1,
        _ => return,
    };
    e.prevent_default();
    let Some(group) = e
        .target_dyn_into::<web_sys::Element>()
        .and_then(|t| t.closest("[role=radiogroup]").ok().flatten())
    else {
        return;
    };
    // the group's children are its choices, in the order shown
    let mut next = group.first_element_child();
    let mut k = 0;
    while let Some(el) = next {
        next = el.next_element_sibling();
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            el.set_tab_index(if k == to { 0 } else { -1 });
            if k == to {
                let _ = el.focus();
            }
        }
        k += 1;
    }
}

/// The rule named by `#embed&quiz=RULE`, if the page was opened as a
/// lesson's quiz embed.
pub fn embedded_quiz() -> Option<&'static dockwise_rules::Rule> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(hash.trim_start_matches('#')).ok()?;
    if !params.has("embed") {
        return None;
    }
    dockwise_rules::rules::find(&params.get("quiz")?)
}

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub rule: &'static dockwise_rules::Rule,
}

/// A lesson's quiz embed: one rule's card quiz alone, nothing else loaded.
#[function_component(QuizEmbed)]
pub fn quiz_embed(p: &EmbedProps) -> Html {
    let lib = use_state(|| None::<Result<crate::docs::Library, String>>);
    {
        let lib = lib.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { lib.set(Some(crate::docs::library().await)) });
        });
    }
    let rule = p.rule;
    // the rule's title comes with its card (the page's wasm carries ids and names only)
    let mut title = rule.name.to_string();
    let body = match &*lib {
        None => html! { <p class="loading" aria-busy="true">{"Loading the question…"}</p> },
        Some(Err(e)) => html! { <p class="import-error" role="alert">{e}</p> },
        Some(Ok(lib)) => match lib.get(rule.id) {
            None => html! { <p role="alert">{format!("No question for {}.", rule.id)}</p> },
            Some(t) => {
                title = t.title.clone();
                html! { <Quiz key={rule.id} rule={rule.id} text={t.clone()} retry=true feedback_id="quiz-feedback" /> }
            }
        },
    };
    html! {
        <main class="app embed quiz-embed" data-testid="quiz-embed">
            <section class="quiz" aria-labelledby={question_id("quiz-feedback")}>
                <p class="quiz-rule">{rule.id}{" · "}{rich(&title)}</p>
                { body }
            </section>
        </main>
    }
}
