//! The practice content (`web/learn/*.json`) agrees with the engine: every
//! rule it names exists, every challenge's problems are found by the checker
//! on the lines it teaches, and the sets cover what the issues ask for.
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockwise_rules::{learn, lint, rules, FileKind, LintOptions};
use serde_json::Value;
use std::collections::BTreeSet;

fn load(name: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../web/learn")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn interview_questions_cover_every_lesson_topic() {
    let qs = load("interview.json");
    let topics: Vec<String> = qs.iter().map(|q| q["topic"].as_str().unwrap().to_lowercase()).collect();
    for want in [
        "root",
        "escape",
        "scanning",
        "limits",
        "health",
        "latest",
        "secrets",
        "multi-stage",
        "stdout",
        "environment",
        "sha",
        "read-only",
        "capabilities",
        "shutdown",
    ] {
        assert!(
            topics.iter().any(|t| t.contains(want)),
            "no interview question on {want}: {topics:?}"
        );
    }
    for q in &qs {
        let id = q["id"].as_str().unwrap();
        assert!(
            strs(&q["strong"]).len() >= 2 && !strs(&q["red_flags"]).is_empty(),
            "{id}: needs strong points and red flags"
        );
        for r in strs(&q["rules"]) {
            assert!(rules::find(r).is_some(), "{id}: unknown rule {r}");
        }
    }
}

#[test]
fn every_challenge_is_scored_by_the_engine() {
    let cs = load("challenges.json");
    assert!(cs.len() >= 12, "at least 12 challenges");
    let mut kinds_levels = BTreeSet::new();
    for c in &cs {
        let id = c["id"].as_str().unwrap();
        let kind = FileKind::parse(c["kind"].as_str().unwrap()).unwrap();
        kinds_levels.insert((kind.as_str(), c["level"].as_str().unwrap().to_string()));
        let text = c["text"].as_str().unwrap();
        let focus = strs(&c["rules"]);
        assert!(!focus.is_empty(), "{id}: no rules");
        let r = lint(
            text,
            &LintOptions {
                kind: Some(kind),
                ..Default::default()
            },
        );
        assert!(
            !r.has_syntax_errors()
                && !r
                    .findings
                    .iter()
                    .any(|f| std::ptr::eq(f.rule, rules::syntax_rule(kind))),
            "{id}: does not parse"
        );
        for rule in &focus {
            assert!(rules::find(rule).is_some(), "{id}: unknown rule {rule}");
            assert!(
                r.findings.iter().any(|f| f.rule.is(rule)),
                "{id}: {rule} does not fire, so the challenge would not count it"
            );
        }
        // scored as the page scores it: nothing marked, every problem line is missed
        let focus: Vec<String> = focus.iter().map(|s| s.to_string()).collect();
        let lines: BTreeSet<u32> = learn::score(text, kind, &focus, &[]).missed.into_iter().collect();
        assert!(
            lines.len() >= 2,
            "{id}: a challenge needs at least two problem lines, has {lines:?}"
        );
    }
    for kind in ["dockerfile", "compose", "kubernetes"] {
        for level in ["easy", "medium", "hard"] {
            assert!(
                kinds_levels.contains(&(kind, level.to_string())),
                "no {level} {kind} challenge"
            );
        }
    }
}

/// One challenge, scored as the page scores it: the lines it counts are
/// exactly `lines`, its `scored` text states how many, marking every line
/// the checker flags finds them all with no false alarm (the lines other
/// rules flag are good catches), and a line nothing flags is a false alarm.
fn check_challenge(id: &str, lines: &[u32]) {
    let cs = load("challenges.json");
    let c = cs
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no challenge {id}"));
    let kind = FileKind::parse(c["kind"].as_str().unwrap()).unwrap();
    let text = c["text"].as_str().unwrap();
    let rules: Vec<String> = strs(&c["rules"]).iter().map(|s| s.to_string()).collect();
    let nothing = learn::score(text, kind, &rules, &[]);
    let scored: Vec<u32> = nothing.problems.iter().map(|p| p.line).collect();
    assert_eq!(scored, lines, "{id}: the lines it scores");
    let says = c["scored"].as_str().unwrap_or_default();
    let count = format!("{} line{}", lines.len(), if lines.len() == 1 { "" } else { "s" });
    assert!(says.starts_with(&count), "{id}: `scored` must say {count}: {says}");
    let r = lint(
        text,
        &LintOptions {
            kind: Some(kind),
            ..Default::default()
        },
    );
    let flagged: BTreeSet<u32> = dockwise_rules::report::located("", text, &r)
        .iter()
        .map(|f| f.range.line)
        .collect();
    let marked: Vec<u32> = flagged.iter().copied().collect();
    let all = learn::score(text, kind, &rules, &marked);
    assert_eq!(all.found, lines, "{id}");
    assert!(all.missed.is_empty() && all.false_alarms.is_empty(), "{id}: {all:?}");
    let also: Vec<u32> = all.also.iter().map(|p| p.line).collect();
    let others: Vec<u32> = flagged.iter().copied().filter(|l| !lines.contains(l)).collect();
    assert_eq!(also, others, "{id}: lines other rules flag are good catches");
    let quiet = (1..=text.lines().count() as u32).find(|l| !flagged.contains(l));
    if let Some(quiet) = quiet {
        assert_eq!(learn::score(text, kind, &rules, &[quiet]).false_alarms, [quiet], "{id}");
    }
}

macro_rules! challenges {
    ($($name:ident: $id:literal => $lines:expr;)*) => {
        $(
            #[test]
            fn $name() {
                check_challenge($id, &$lines);
            }
        )*
        const TESTED: &[&str] = &[$($id),*];
    };
}

challenges! {
    challenge_df_first_steps: "df-first-steps" => [1, 7];
    challenge_df_apt: "df-apt" => [2, 3];
    challenge_df_secrets: "df-secrets" => [2, 3, 5, 6, 7];
    challenge_df_multistage: "df-multistage" => [1, 5, 6, 7, 8];
    challenge_co_monitoring: "co-monitoring" => [3, 7, 11];
    challenge_co_database: "co-database" => [9, 11];
    challenge_co_agent: "co-agent" => [1, 5, 6, 7, 8, 10, 11];
    challenge_co_logs: "co-logs" => [5, 7, 9, 12, 18];
    challenge_k8s_pod: "k8s-pod" => [11, 13];
    challenge_k8s_secrets: "k8s-secrets" => [27, 28];
    challenge_k8s_node_access: "k8s-node-access" => [17, 23, 27];
    challenge_k8s_rollout: "k8s-rollout" => [9, 12, 22, 27];
    challenge_df_shutdown: "df-shutdown" => [7, 8, 9];
    challenge_df_size: "df-size" => [1, 3, 5];
    challenge_co_hardening: "co-hardening" => [9, 11, 13, 15];
    challenge_k8s_limits: "k8s-limits" => [21, 29];
    challenge_k8s_wiring: "k8s-wiring" => [26, 37, 46];
}

#[test]
fn every_challenge_has_its_own_test() {
    let ids: Vec<String> = load("challenges.json")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    for id in &ids {
        assert!(TESTED.contains(&id.as_str()), "{id} has no test of its own");
    }
    assert_eq!(ids.len(), TESTED.len());
}

// ---- the question bank (web/learn/questions.json) and the lesson topics ----
//
// A question: {id, topic, form, question, source: {title, url}, ...} where
// `form` is one of
//   single | predict: `choices` [{text, correct, feedback}], 3-4, one correct
//   multi:   `choices`, 4-6, at least two correct and one wrong ("pick all that apply")
//   line:    `kind`, `text` (a short file), `lines` (the problem lines), `rule`
//            (the rule that flags exactly those lines), `explain`
//   order:   `items` in the best order (the page shuffles them), `explain`;
//            with `kind` and `rule`: the items in order make a file the rule
//            accepts, and reversed one it flags

const SOURCE_HOSTS: [&str; 5] = [
    "https://docs.docker.com/",
    "https://kubernetes.io/docs/",
    "https://www.cisecurity.org/benchmark/",
    "https://github.com/moby/buildkit/",
    "https://github.com/compose-spec/compose-spec/",
];

fn rules_flagging(text: &str, kind: FileKind, rule: &str) -> (bool, BTreeSet<u32>) {
    let r = lint(
        text,
        &LintOptions {
            kind: Some(kind),
            ..Default::default()
        },
    );
    let parses = !r
        .findings
        .iter()
        .any(|f| std::ptr::eq(f.rule, rules::syntax_rule(kind)));
    let lines = dockwise_rules::report::located("", text, &r)
        .iter()
        .filter(|f| f.rule.is(rule))
        .map(|f| f.range.line)
        .collect();
    (parses, lines)
}

fn verdict_start(feedback: &str) -> bool {
    learn::starts_with_verdict(feedback)
}

#[test]
fn the_question_bank_is_sound_and_checked_by_the_engine() {
    let topics: Vec<String> = load("topics.json")
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    let qs = load("questions.json");
    let mut ids = BTreeSet::new();
    let mut forms: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut single, mut longest) = (0, 0);
    for q in &qs {
        let id = q["id"].as_str().unwrap();
        assert!(ids.insert(id.to_string()), "{id}: duplicate id");
        let topic = q["topic"].as_str().unwrap_or_default();
        assert!(topics.iter().any(|t| t == topic), "{id}: unknown topic {topic}");
        assert!(
            q["question"].as_str().is_some_and(|s| s.len() > 15),
            "{id}: no question"
        );
        let url = q["source"]["url"].as_str().unwrap_or_default();
        assert!(
            q["source"]["title"].as_str().is_some_and(|t| !t.is_empty())
                && SOURCE_HOSTS.iter().any(|h| url.starts_with(h) && url.len() > h.len()),
            "{id}: needs a source page: {url}"
        );
        let form = q["form"].as_str().unwrap();
        *forms.entry(form.to_string()).or_default() += 1;
        match form {
            "single" | "predict" | "multi" => {
                let choices = q["choices"].as_array().unwrap();
                let right = choices.iter().filter(|c| c["correct"] == true).count();
                if form == "multi" {
                    assert!((4..=6).contains(&choices.len()), "{id}: 4-6 choices");
                    assert!(
                        right >= 2 && right < choices.len(),
                        "{id}: two or more right, one or more wrong"
                    );
                } else {
                    assert!(
                        (3..=4).contains(&choices.len()) && right == 1,
                        "{id}: 3-4 choices, one right"
                    );
                    single += 1;
                    let len = |c: &Value| c["text"].as_str().unwrap_or_default().chars().count();
                    let answer = choices.iter().find(|c| c["correct"] == true).map(len).unwrap_or(0);
                    if choices.iter().filter(|c| c["correct"] != true).all(|c| len(c) < answer) {
                        longest += 1;
                    }
                }
                for c in choices {
                    let f = c["feedback"].as_str().unwrap_or_default();
                    assert!(f.len() > 10 && !verdict_start(f), "{id}: feedback must explain: {f}");
                    let t = c["text"].as_str().unwrap_or_default().to_lowercase();
                    assert!(!t.is_empty() && !t.contains("of the above"), "{id}: {t}");
                }
            }
            "line" => {
                let kind = FileKind::parse(q["kind"].as_str().unwrap()).unwrap();
                let text = q["text"].as_str().unwrap();
                let rule = q["rule"].as_str().unwrap();
                assert!(rules::find(rule).is_some(), "{id}: unknown rule {rule}");
                assert!(text.lines().count() <= 14, "{id}: a short file");
                let want: BTreeSet<u32> = q["lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_u64().unwrap() as u32)
                    .collect();
                let (parses, got) = rules_flagging(text, kind, rule);
                assert!(parses, "{id}: the file does not parse");
                assert_eq!(got, want, "{id}: {rule} flags these lines");
                assert!(q["explain"].as_str().is_some_and(|s| s.len() > 20), "{id}: explain");
            }
            "order" => {
                let items: Vec<&str> = strs(&q["items"]);
                assert!((3..=7).contains(&items.len()), "{id}: 3-7 items");
                assert!(q["explain"].as_str().is_some_and(|s| s.len() > 20), "{id}: explain");
                if let (Some(kind), Some(rule)) = (q["kind"].as_str(), q["rule"].as_str()) {
                    let kind = FileKind::parse(kind).unwrap();
                    let file = |items: &[&str]| items.join("\n") + "\n";
                    let (parses, flagged) = rules_flagging(&file(&items), kind, rule);
                    assert!(
                        parses && flagged.is_empty(),
                        "{id}: in order, {rule} must be quiet: {flagged:?}"
                    );
                    let reversed: Vec<&str> = items.iter().rev().copied().collect();
                    assert!(
                        !rules_flagging(&file(&reversed), kind, rule).1.is_empty(),
                        "{id}: reversed, {rule} must fire"
                    );
                }
            }
            other => panic!("{id}: unknown form {other}"),
        }
    }
    for form in ["single", "predict", "multi", "line", "order"] {
        assert!(
            forms.get(form).copied().unwrap_or(0) >= 3,
            "at least three `{form}` questions: {forms:?}"
        );
    }
    assert!(
        longest * 10 <= single * 4,
        "the answer is the longest choice in {longest} of {single} questions"
    );
}

/// Every topic of the lessons has questions (several), and rules where a
/// file can show the problem; every id it names exists.
#[test]
fn every_lesson_topic_is_covered() {
    let qs = load("questions.json");
    let challenges: Vec<String> = load("challenges.json")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let interview: Vec<String> = load("interview.json")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    for t in load("topics.json") {
        let id = t["id"].as_str().unwrap();
        for r in strs(&t["rules"]) {
            assert!(rules::find(r).is_some(), "{id}: unknown rule {r}");
        }
        for c in strs(&t["challenges"]) {
            assert!(challenges.iter().any(|x| x == c), "{id}: unknown challenge {c}");
        }
        for i in strs(&t["interview"]) {
            assert!(interview.iter().any(|x| x == i), "{id}: unknown interview question {i}");
        }
        let n = qs.iter().filter(|q| q["topic"] == id).count();
        assert!(n >= 2, "{id}: a lesson topic needs several questions, has {n}");
    }
}
