//! A rule's card, and the catalogue entry that carries it: the schema of
//! `dockwise rules --format json` (with `--with-docs`, the playground's
//! `rules.json`). Declared once here: the CLI writes it with serde, the web
//! app reads it back through [`Json`] (the browser's own JSON parser, so the
//! wasm carries no JSON library), and a test checks the two agree.
//!
//! Besides the docs and quiz, a card shows the rules related to the rule
//! (the same concern in the other file kinds), the standard the advice comes
//! from, an analogy where one helps, and the bad → good example as a line
//! diff.

use crate::diagnostics::{Severity, Tag};
use crate::rule::{Fixes, Rule};
use crate::rules::all;
use dockwise_syntax::FileKind;
use serde::Serialize;

/// Rules about the same concern (up to four, other kinds first), else rules
/// of the same kind sharing the first tag.
pub fn related(rule: &Rule) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = match rule.concern {
        Some(c) => {
            let same = |r: &&Rule| r.id != rule.id && r.concern.is_some_and(|o| std::ptr::eq(o, c));
            let other_kinds = all().filter(same).filter(|r| r.kind != rule.kind);
            other_kinds
                .chain(all().filter(same).filter(|r| r.kind == rule.kind))
                .map(|r| r.id)
                .collect()
        }
        None => Vec::new(),
    };
    if out.is_empty() {
        let tag = rule.tags.first();
        out = all()
            .filter(|r| r.id != rule.id && r.kind == rule.kind && r.tags.first() == tag && r.enabled_by_default)
            .map(|r| r.id)
            .take(3)
            .collect();
    }
    out.truncate(4);
    out
}

/// The pages the advice rests on, each with the link the card shows.
pub fn sources(rule: &Rule) -> Vec<CardSource> {
    rule.standard
        .iter()
        .map(|s| CardSource {
            title: s.title.into(),
            url: s.url.into(),
        })
        .collect()
}

/// An analogy, where one helps (empty otherwise).
pub fn analogy(rule: &Rule) -> &'static str {
    rule.concern.map(|c| c.analogy).unwrap_or("")
}

/// The bad → good example as a line diff: (`' '` same, `'-'` removed, `'+'` added).
pub fn diff(bad: &str, good: &str) -> Vec<(char, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (bad.lines().collect(), good.lines().collect());
    // longest common subsequence of lines
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push((' ', a[i].to_string()));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // removals before additions, as diffs are read
            out.push(('-', a[i].to_string()));
            i += 1;
        } else {
            out.push(('+', b[j].to_string()));
            j += 1;
        }
    }
    out
}

/// A rule's docs, as the card shows them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CardDocs {
    pub what: String,
    pub why: String,
    pub bad: String,
    pub good: String,
    pub fix: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CardChoice {
    pub text: String,
    pub correct: bool,
    pub feedback: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CardQuiz {
    pub question: String,
    pub choices: Vec<CardChoice>,
}

/// A page a card's claim rests on: a plain link the learner opens (the
/// page itself fetches nothing).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CardSource {
    pub title: String,
    pub url: String,
}

/// What a card adds to the docs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CardExtras {
    pub tags: Vec<String>,
    pub related: Vec<String>,
    /// The pages the advice rests on.
    pub sources: Vec<CardSource>,
    pub analogy: String,
    pub diff: Vec<(char, String)>,
    /// What the rule's own fix does to the bad example, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<CardFix>,
}

/// A rule's fix shown on its card: its title, whether it is safe, and the
/// bad example before and after it, as a line diff.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CardFix {
    pub title: String,
    pub applicability: crate::diagnostics::Applicability,
    pub diff: Vec<(char, String)>,
}

/// The rule's fix applied to its bad example (with the `fixes` feature).
#[cfg(feature = "fixes")]
fn card_fix(rule: &Rule) -> Option<CardFix> {
    use crate::fix::fix;
    let bad = rule.docs.bad;
    let options = crate::options::LintOptions {
        kind: Some(rule.kind),
        ..crate::config::example_options(bad, Some(vec![rule.id.to_string()]))
    };
    let fixed = fix(bad, &options, crate::diagnostics::Applicability::Unsafe);
    let first = fixed.applied.first()?;
    Some(CardFix {
        title: first.title.clone(),
        applicability: first.applicability,
        diff: diff(bad, &fixed.text),
    })
}

#[cfg(not(feature = "fixes"))]
fn card_fix(_rule: &Rule) -> Option<CardFix> {
    None
}

/// One rule in the catalogue: `dockwise rules --format json`, and with
/// docs, quiz and card, one entry of `rules.json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub kind: FileKind,
    pub title: String,
    pub enabled_by_default: bool,
    pub aliases: Vec<String>,
    /// Which fixes the rule's findings carry: `no`, `safe`, `unsafe`, `contextual`.
    pub fixes: Fixes,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<CardDocs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiz: Option<CardQuiz>,
    /// Card extras (with docs): tags, related rules, the standard, an
    /// analogy, the example as a diff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<CardExtras>,
}

impl Entry {
    /// The catalogue entry of `rule`, with its docs, quiz and card when
    /// `with_docs` (they are empty without the `docs` feature).
    pub fn of(rule: &Rule, with_docs: bool) -> Entry {
        let d = &rule.docs;
        Entry {
            id: rule.id.into(),
            name: rule.name.into(),
            severity: rule.severity,
            kind: rule.kind,
            title: rule.title.into(),
            enabled_by_default: rule.enabled_by_default,
            aliases: rule.aliases.iter().map(|a| a.to_string()).collect(),
            fixes: rule.fixes,
            docs: with_docs.then(|| CardDocs {
                what: d.what.into(),
                why: d.why.into(),
                bad: d.bad.into(),
                good: d.good.into(),
                fix: d.fix.into(),
            }),
            quiz: with_docs.then(|| CardQuiz {
                question: rule.quiz.question.into(),
                choices: rule
                    .quiz
                    .choices
                    .iter()
                    .map(|c| CardChoice {
                        text: c.text.into(),
                        correct: c.correct,
                        feedback: c.feedback.into(),
                    })
                    .collect(),
            }),
            card: with_docs.then(|| CardExtras {
                tags: rule.tags.iter().map(|t| t.as_str().to_string()).collect(),
                related: related(rule).into_iter().map(str::to_string).collect(),
                sources: sources(rule),
                analogy: analogy(rule).into(),
                diff: diff(d.bad, d.good),
                fix: card_fix(rule),
            }),
        }
    }

    /// Reads an entry back from parsed JSON. None when a field is missing or
    /// has the wrong type.
    pub fn read<J: Json>(v: &J) -> Option<Entry> {
        let s = |o: &J, k: &str| o.get(k)?.string();
        let strings = |o: &J, k: &str| {
            o.get(k)?
                .items()?
                .iter()
                .map(Json::string)
                .collect::<Option<Vec<String>>>()
        };
        let docs = match v.get("docs") {
            Some(d) => Some(CardDocs {
                what: s(&d, "what")?,
                why: s(&d, "why")?,
                bad: s(&d, "bad")?,
                good: s(&d, "good")?,
                fix: s(&d, "fix")?,
            }),
            None => None,
        };
        let quiz = match v.get("quiz") {
            Some(q) => Some(CardQuiz {
                question: s(&q, "question")?,
                choices: q
                    .get("choices")?
                    .items()?
                    .iter()
                    .map(|c| {
                        Some(CardChoice {
                            text: s(c, "text")?,
                            correct: c.get("correct")?.boolean()?,
                            feedback: s(c, "feedback")?,
                        })
                    })
                    .collect::<Option<_>>()?,
            }),
            None => None,
        };
        let card = match v.get("card") {
            Some(c) => Some(CardExtras {
                tags: strings(&c, "tags")?,
                related: strings(&c, "related")?,
                sources: c
                    .get("sources")?
                    .items()?
                    .iter()
                    .map(|x| {
                        Some(CardSource {
                            title: s(x, "title")?,
                            url: s(x, "url")?,
                        })
                    })
                    .collect::<Option<_>>()?,
                analogy: s(&c, "analogy")?,
                diff: read_diff(&c)?,
                fix: match c.get("fix") {
                    Some(f) => Some(CardFix {
                        title: s(&f, "title")?,
                        applicability: match s(&f, "applicability")?.as_str() {
                            "safe" => crate::diagnostics::Applicability::Safe,
                            _ => crate::diagnostics::Applicability::Unsafe,
                        },
                        diff: read_diff(&f)?,
                    }),
                    None => None,
                },
            }),
            None => None,
        };
        Some(Entry {
            id: s(v, "id")?,
            name: s(v, "name")?,
            severity: Severity::parse(&s(v, "severity")?)?,
            kind: FileKind::parse(&s(v, "kind")?)?,
            title: s(v, "title")?,
            enabled_by_default: v.get("enabled_by_default")?.boolean()?,
            aliases: strings(v, "aliases")?,
            fixes: [Fixes::No, Fixes::Safe, Fixes::Unsafe, Fixes::Contextual]
                .into_iter()
                .find(|f| Some(f.as_str()) == s(v, "fixes").as_deref())?,
            docs,
            quiz,
            card,
        })
    }

    /// The tags as values (unknown names are dropped).
    pub fn tags(&self) -> Vec<Tag> {
        let names = self.card.as_ref().map(|c| c.tags.as_slice()).unwrap_or_default();
        names
            .iter()
            .filter_map(|n| Tag::ALL.into_iter().find(|t| t.as_str() == n))
            .collect()
    }
}

/// A rule's whole card, as a page shows it: an entry that has docs, quiz
/// and card extras.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: String,
    pub title: String,
    pub docs: CardDocs,
    pub quiz: CardQuiz,
    pub extras: CardExtras,
}

impl Entry {
    /// The card of an entry read with docs; None for an entry without them.
    pub fn into_card(self) -> Option<Card> {
        Some(Card {
            id: self.id,
            title: self.title,
            docs: self.docs?,
            quiz: self.quiz?,
            extras: self.card?,
        })
    }
}

/// A `diff` field: `[[op, line], ...]`.
fn read_diff<J: Json>(v: &J) -> Option<Vec<(char, String)>> {
    v.get("diff")?
        .items()?
        .iter()
        .map(|pair| {
            let pair = pair.items()?;
            Some((pair.first()?.string()?.chars().next()?, pair.get(1)?.string()?))
        })
        .collect()
}

/// Read access to parsed JSON, so one reader serves serde_json (the CLI and
/// the tests) and the browser's `JSON.parse` (the web app).
pub trait Json: Sized {
    fn get(&self, key: &str) -> Option<Self>;
    fn string(&self) -> Option<String>;
    fn boolean(&self) -> Option<bool>;
    fn items(&self) -> Option<Vec<Self>>;
}

impl Json for serde_json::Value {
    fn get(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }

    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::find;

    #[test]
    fn every_rule_has_a_standard_and_related_rules() {
        let root = find("DW3007").unwrap();
        assert!(related(root).contains(&"DL3002"));
        assert!(sources(root).iter().any(|s| s.title.contains("Pod Security Standards")));
        assert!(!analogy(root).is_empty());
    }

    /// Every card links the page its claim rests on: at least one Docker,
    /// BuildKit, Compose specification, Kubernetes or CIS page (a page, not
    /// a site's home); other sources (a man page, hadolint's wiki for its
    /// own conventions) come in addition, as https links too.
    #[test]
    fn every_card_links_its_source() {
        const PRIMARY: [&str; 5] = [
            "https://docs.docker.com/",
            "https://kubernetes.io/docs/",
            "https://www.cisecurity.org/benchmark/",
            "https://github.com/moby/buildkit/",
            "https://github.com/compose-spec/compose-spec/",
        ];
        let page = |url: &str, prefix: &str| url.starts_with(prefix) && url.len() > prefix.len();
        let mut bad = Vec::new();
        for r in all() {
            let s = sources(r);
            if !s.iter().any(|x| PRIMARY.iter().any(|p| page(&x.url, p))) {
                bad.push(format!("{}: no Docker, Kubernetes, Compose or CIS page", r.id));
            }
            for x in &s {
                let path = x
                    .url
                    .strip_prefix("https://")
                    .and_then(|u| u.split_once('/'))
                    .map(|(_, p)| p);
                if x.title.trim().is_empty() || path.is_none_or(str::is_empty) {
                    bad.push(format!("{}: {} <{}>", r.id, x.title, x.url));
                }
            }
        }
        assert!(
            bad.is_empty(),
            "cards without a proper source link:\n{}",
            bad.join("\n")
        );
    }

    #[test]
    fn related_rules_share_the_concern_and_other_kinds_come_first() {
        let latest = find("DL3007").unwrap();
        let rel = related(latest);
        assert_eq!(rel.len(), 4);
        assert!(rel.iter().all(|id| find(id)
            .unwrap()
            .concern
            .is_some_and(|c| std::ptr::eq(c, latest.concern.unwrap()))));
        assert_eq!(find(rel[0]).unwrap().kind, FileKind::Compose, "{rel:?}");
    }

    #[test]
    fn diff_of_examples() {
        let d = diff("FROM python:latest\nUSER 1001\n", "FROM python:3.12\nUSER 1001\n");
        assert_eq!(
            d,
            [
                ('-', "FROM python:latest".into()),
                ('+', "FROM python:3.12".into()),
                (' ', "USER 1001".into())
            ]
        );
        // every card's diff rebuilds both examples
        for r in all() {
            let d = diff(r.docs.bad, r.docs.good);
            let old: Vec<&str> = d.iter().filter(|(op, _)| *op != '+').map(|(_, l)| l.as_str()).collect();
            let new: Vec<&str> = d.iter().filter(|(op, _)| *op != '-').map(|(_, l)| l.as_str()).collect();
            assert_eq!(old, r.docs.bad.lines().collect::<Vec<_>>(), "{}", r.id);
            assert_eq!(new, r.docs.good.lines().collect::<Vec<_>>(), "{}", r.id);
        }
    }

    /// The schema is declared once: what the CLI writes, the reader reads
    /// back unchanged, for every rule, with and without docs.
    #[test]
    fn entries_round_trip_through_json() {
        for r in all() {
            for with_docs in [true, false] {
                let e = Entry::of(r, with_docs);
                let v = serde_json::to_value(&e).unwrap();
                assert_eq!(Entry::read(&v).as_ref(), Some(&e), "{}", r.id);
            }
        }
        let e = Entry::of(find("DL3007").unwrap(), true);
        assert_eq!(e.tags(), find("DL3007").unwrap().tags);
        assert!(e
            .clone()
            .into_card()
            .is_some_and(|c| c.extras.diff.len() > 1 && c.quiz.choices.len() >= 3));
        assert!(Entry::of(find("DL3007").unwrap(), false).into_card().is_none());
        // a fixing rule's card shows its fix on the bad example
        let card = Entry::of(find("DL3015").unwrap(), true).into_card().unwrap();
        let fix = card.extras.fix.expect("DL3015 has a fix");
        assert!(
            fix.diff
                .iter()
                .any(|(op, l)| *op == '+' && l.contains("--no-install-recommends")),
            "{:?}",
            fix.diff
        );
        assert!(Entry::of(find("DL3007").unwrap(), true).card.unwrap().fix.is_none());
        // a damaged entry is refused, not half read
        let mut v = serde_json::to_value(&e).unwrap();
        v["quiz"]["choices"][0]["correct"] = serde_json::json!("yes");
        assert!(Entry::read(&v).is_none());
    }
}
