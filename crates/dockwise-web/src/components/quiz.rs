//! One quiz question with its choices and the feedback for the chosen one,
//! shared by rule cards, the quick check and a lesson's quiz embed. The
//! choices are dealt in a fresh order each time a quiz is shown, so the
//! answer has no fixed place; each choice keeps its own feedback. Answers are
//! announced to an embedding page (`quiz-answered`).

use super::rich;
use dockwise_rules::card::Card;
use std::rc::Rc;
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
    let shown = order.iter().filter_map(|&i| Some((i, choices.get(i)?)));
    let buttons = shown.enumerate().map(|(place, (i, c))| {
        let (chosen_h, on_answer, rule, correct) = (chosen.clone(), p.on_answer.clone(), p.rule, c.correct);
        let is_chosen = *chosen == Some(i);
        let class = classes!(
            "choice",
            is_chosen.then_some(if c.correct { "right" } else { "wrong" }),
            (done && c.correct && !is_chosen).then_some("right")
        );
        html! {
            <button class={class} role="radio" aria-checked={is_chosen.to_string()} data-correct={c.correct.to_string()}
                disabled={done} onclick={Callback::from(move |_| {
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
            <div class={classes!("feedback", if c.correct { "right" } else { "wrong" })} role="status" data-testid={p.feedback_id}>
                <strong>{ if c.correct { "Correct. " } else { "Not quite. " } }</strong>{rich(&c.feedback)}
                if !c.correct && p.retry { <span class="retry">{" Try another answer."}</span> }
            </div>
        }
    });
    html! {
        <>
            <p id="quiz-q" class="question">{rich(&p.text.quiz.question)}</p>
            <div class="choices" role="radiogroup" aria-labelledby="quiz-q">{ for buttons }</div>
            { for feedback }
        </>
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
            <section class="quiz" aria-labelledby="quiz-q">
                <p class="quiz-rule">{rule.id}{" · "}{rich(&title)}</p>
                { body }
            </section>
        </main>
    }
}
