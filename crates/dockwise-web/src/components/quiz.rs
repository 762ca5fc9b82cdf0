//! One quiz question with its choices and the feedback for the chosen one,
//! shared by rule cards and the quick check. Answers are announced to an
//! embedding page (`quiz-answered`).

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
    let chosen = use_state(|| None::<usize>);
    let choices = &p.text.quiz.choices;
    let done = chosen.is_some_and(|i| !p.retry || choices.get(i).is_some_and(|c| c.correct));
    let buttons = choices.iter().enumerate().map(|(i, c)| {
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
                <span class="choice-letter" aria-hidden="true">{((b'A' + i as u8) as char).to_string()}</span>
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
