//! Quick check: a short quiz built from the rules found in the current file
//! (or from a topic when the file is clean), "1 / 3" progress, feedback on
//! each answer and a score. Rules answered wrongly come back in later rounds
//! (spaced repetition, the core's `learn::Review`). Answered questions, the
//! review boxes and the streak of right answers are kept in localStorage and
//! can be reset.

use super::quiz::Quiz;
use crate::docs::{self, Library};
use crate::storage;
use dockwise_rules::learn::Review;
use dockwise_rules::report::Located;
use dockwise_rules::rules;
use dockwise_rules::{Rule, Tag};
use std::rc::Rc;
use yew::prelude::*;

const KEY: &str = "dockwise.progress.v1";
const LENGTH: usize = 3;

/// Progress kept across visits: `answered` lines (`id 1` right, `id 0`
/// wrong, the latest answer per rule) and the current and best streaks.
#[derive(Clone, Default, PartialEq)]
pub struct Progress {
    pub answered: Vec<(String, bool)>,
    pub streak: u32,
    pub best: u32,
    /// Rules to ask again, and when.
    pub review: Review,
}

impl Progress {
    pub fn load() -> Progress {
        let text = storage::get(KEY).unwrap_or_default();
        let mut p = Progress {
            review: Review::from_text(&text),
            ..Progress::default()
        };
        for line in text.lines() {
            let mut w = line.split_whitespace();
            match (w.next(), w.next(), w.next()) {
                (Some("answered"), Some(id), Some(ok)) => p.answered.push((id.to_string(), ok == "1")),
                (Some("streak"), Some(n), None) => p.streak = n.parse().unwrap_or(0),
                (Some("best"), Some(n), None) => p.best = n.parse().unwrap_or(0),
                _ => {}
            }
        }
        p
    }

    fn save(&self) {
        let mut out = format!("streak {}\nbest {}\n{}", self.streak, self.best, self.review.to_text());
        for (id, ok) in &self.answered {
            out.push_str(&format!("answered {id} {}\n", if *ok { 1 } else { 0 }));
        }
        let _ = storage::set(KEY, &out);
    }

    fn record(&mut self, id: &str, right: bool) {
        self.answered.retain(|(a, _)| a != id);
        self.answered.push((id.to_string(), right));
        self.streak = if right { self.streak + 1 } else { 0 };
        self.best = self.best.max(self.streak);
        self.review.record(id, right);
        self.save();
    }

    pub fn right(&self) -> usize {
        self.answered.iter().filter(|(_, ok)| *ok).count()
    }
}

/// Up to three rules to ask about: first (at most two) rules due for review
/// because they were answered wrongly before, then those found in the file
/// (most severe first), else the rules of a topic the learner got wrong or
/// never saw.
fn pick(findings: &[Located], topic: Tag, progress: &Progress, due: &[String]) -> Vec<&'static Rule> {
    let mut found: Vec<&Located> = findings.iter().filter(|f| !f.is_syntax_error()).collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.severity.rank()));
    let mut out: Vec<&'static Rule> = due.iter().filter_map(|id| rules::find(id)).collect();
    let reviews = out.len();
    for f in found {
        if !out.iter().any(|r| std::ptr::eq(*r, f.rule)) {
            out.push(f.rule);
        }
    }
    if out.len() == reviews {
        let known = |r: &Rule| progress.answered.iter().any(|(id, ok)| id == r.id && *ok);
        let mut pool: Vec<&'static Rule> = rules::all()
            .filter(|r| r.enabled_by_default && r.tags.contains(&topic) && !r.is_syntax_error())
            .filter(|r| !out.iter().any(|o| std::ptr::eq(*o, *r)))
            .collect();
        pool.sort_by_key(|r| known(r));
        out.extend(pool);
    }
    out.truncate(LENGTH);
    out
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub findings: Rc<Vec<Located>>,
}

const TOPICS: [(Tag, &str); 4] = [
    (Tag::Security, "Security"),
    (Tag::Reliability, "Reliability"),
    (Tag::Size, "Image size"),
    (Tag::Operability, "Operability"),
];

#[function_component(QuickCheck)]
pub fn quick_check(p: &Props) -> Html {
    let progress = use_state(Progress::load);
    let topic = use_state(|| Tag::Security);
    // the questions, fixed when a round starts
    let round = use_state(|| None::<Vec<&'static Rule>>);
    let step = use_state(|| 0usize);
    let answered = use_state(|| false);
    let score = use_state(|| 0usize);
    // the rules of this round that came back for review
    let reviewing = use_state(Vec::<String>::new);
    let lib = use_state(|| None::<Result<Library, String>>);
    {
        let lib = lib.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { lib.set(Some(docs::library().await)) });
        });
    }
    let start = {
        let (round, step, answered, score, topic, progress, findings, reviewing) = (
            round.clone(),
            step.clone(),
            answered.clone(),
            score.clone(),
            topic.clone(),
            progress.clone(),
            p.findings.clone(),
            reviewing.clone(),
        );
        Callback::from(move |_| {
            let mut p = (*progress).clone();
            let due = p.review.start_round(2);
            p.save();
            round.set(Some(pick(&findings, *topic, &p, &due)));
            reviewing.set(due);
            progress.set(p);
            step.set(0);
            answered.set(false);
            score.set(0);
        })
    };
    let reset = {
        let progress = progress.clone();
        Callback::from(move |_| {
            let p = Progress::default();
            p.save();
            progress.set(p);
        })
    };
    let on_topic = {
        let topic = topic.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                topic.set(
                    TOPICS
                        .iter()
                        .find(|(_, l)| *l == s.value())
                        .map(|(t, _)| *t)
                        .unwrap_or(Tag::Security),
                );
            }
        })
    };
    let stats = html! {
        <p class="progress-stats" data-testid="progress">
            {format!("Answered {} · right {} · streak {} (best {})", progress.answered.len(), progress.right(), progress.streak, progress.best)}
            if !progress.review.boxes.is_empty() {
                {format!(" · {} to review", progress.review.boxes.len())}
            }
            if !progress.answered.is_empty() {
                {" "}<button class="link" onclick={reset} data-testid="reset-progress">{"Reset progress"}</button>
            }
        </p>
    };
    let intro = |label: &str| {
        html! {
            <div class="quick-intro">
                <p>{"Three questions on the rules this file breaks, or on a topic when it is clean. Questions you miss come back in later rounds until you know them."}</p>
                <label class="topic">{"Topic for a clean file: "}
                    <select onchange={on_topic.clone()} data-testid="topic">
                        { for TOPICS.iter().map(|(t, l)| html! { <option value={*l} selected={*t == *topic}>{*l}</option> }) }
                    </select>
                </label>
                <button class="small primary" onclick={start.clone()} data-testid="start-quick">{label.to_string()}</button>
            </div>
        }
    };
    let body = match (&*round, &*lib) {
        (None, _) => intro("Start"),
        (Some(_), None) => html! { <p class="loading" aria-busy="true">{"Loading the questions…"}</p> },
        (Some(_), Some(Err(e))) => html! { <p class="import-error" role="alert">{e}</p> },
        (Some(qs), _) if qs.is_empty() => html! { <p>{"No questions for this topic yet."}</p> },
        (Some(qs), _) if *step >= qs.len() => html! {
            <div class="quick-done" role="status" data-testid="quick-score">
                <p class="score">{format!("You got {} of {} right.", *score, qs.len())}</p>
                { intro("Again") }
            </div>
        },
        (Some(qs), Some(Ok(lib))) => {
            let rule = qs[*step];
            match lib.get(rule.id) {
                None => html! { <p>{format!("No question for {}.", rule.id)}</p> },
                Some(t) => {
                    let on_answer = {
                        let (answered, score_h, progress_h, id) =
                            (answered.clone(), score.clone(), progress.clone(), rule.id);
                        Callback::from(move |correct: bool| {
                            answered.set(true);
                            if correct {
                                score_h.set(*score_h + 1);
                            }
                            let mut p = (*progress_h).clone();
                            p.record(id, correct);
                            progress_h.set(p);
                        })
                    };
                    let next = {
                        let (step, answered) = (step.clone(), answered.clone());
                        Callback::from(move |_| {
                            step.set(*step + 1);
                            answered.set(false);
                        })
                    };
                    html! {
                        <div class="quiz quick">
                            <p class="quick-step" data-testid="quick-step">{format!("{} / {}", *step + 1, qs.len())}<span class="quick-rule">{format!(" · {} {}", rule.id, rule.name)}</span>
                                if reviewing.iter().any(|r| r == rule.id) {
                                    <span class="review-badge" data-testid="review-badge">{" · back for review"}</span>
                                }
                            </p>
                            <Quiz key={rule.id} rule={rule.id} text={t.clone()} retry=false {on_answer} feedback_id="quick-feedback" />
                            if *answered {
                                <button class="small primary" onclick={next} data-testid="quick-next" autofocus=true>
                                    { if *step + 1 == qs.len() { "See the score" } else { "Next question" } }
                                </button>
                            }
                        </div>
                    }
                }
            }
        }
    };
    html! {
        <div class="quick-check" data-testid="quick-check">
            <h2 class="visually-hidden">{"Quick check"}</h2>
            { body }
            { stats }
        </div>
    }
}
