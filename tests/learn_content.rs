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
