//! DL3044: ENV refers to a variable the same ENV defines.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;
use std::collections::{HashMap, HashSet};

pub static RULE: Rule = Rule {
    id: "DL3044",
    name: "env-self-reference",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("ENV uses a variable defined in the same ENV line"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `ENV A=1 B=$A`: a value referring to a variable defined by another pair of the same ENV, unless \
            an earlier ENV or ARG already defined it.",
        why: "All pairs of one ENV are expanded with the values from before that line. In `ENV A=1 B=$A`, B gets the \
            old A (often empty), not 1. The result looks right and is silently wrong.",
        bad: "FROM alpine:3.20\nENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin\n",
        good: "FROM alpine:3.20\nENV APP_HOME=/srv/app\nENV APP_BIN=$APP_HOME/bin\n",
        fix: "Split it: define the variable in one ENV, use it in the next.",
    },
    quiz: quiz! {
        question: "After `ENV A=1 B=$A` (A not set before), what is B?",
        choices: &[
            Choice {
                text: "Empty",
                correct: true,
                feedback: "All pairs of one ENV are expanded with the values from before the line, and A had none.",
            },
            Choice {
                text: "1",
                correct: false,
                feedback: "A=1 takes effect only after this instruction; that would need two ENV lines.",
            },
            Choice {
                text: "The literal text `$A`",
                correct: false,
                feedback: "ENV does expand variables, just with the old values.",
            },
            Choice {
                text: "The build fails: A is not defined yet",
                correct: false,
                feedback: "An unset variable expands to an empty string; the build goes on.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Dockerfile reference (Environment replacement)"),
        url: text!("https://docs.docker.com/reference/dockerfile/#environment-replacement"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Does `text` mention `$name` or `${name}` (and not `$name_more`)?
pub fn mentions(text: &str, name: &str) -> bool {
    if text.contains(&format!("${{{name}}}")) || text.contains(&format!("${{{name}:")) {
        return true;
    }
    let needle = format!("${name}");
    text.match_indices(&needle).any(|(i, _)| {
        text[i + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
    })
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The names `text` mentions, in the sense of [`mentions`] for a name of
/// letters, digits and `_`: `$NAME` not followed by such a character,
/// `${NAME}` and `${NAME:...`. One pass over the text.
fn mentioned_names(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .filter(|(_, &c)| c == b'$')
        .filter_map(move |(i, _)| {
            let braced = b.get(i + 1) == Some(&b'{');
            let from = i + 1 + usize::from(braced);
            let len = b[from.min(b.len())..].iter().take_while(|&&c| is_word(c)).count();
            let after = b.get(from + len).copied();
            let ok = len > 0 && (!braced || matches!(after, Some(b'}' | b':')));
            ok.then(|| &text[from..from + len])
        })
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let mut known: HashSet<String> = HashSet::new();
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        match ins.kind {
            Kind::Arg => known.extend(ins.key_values().iter().map(|kv| kv.key.value.to_string())),
            Kind::Env => {
                let kvs = ins.key_values();
                // which pairs' values mention each name, read once (not once per key)
                let mut users: HashMap<&str, Vec<usize>> = HashMap::new();
                for (j, other) in kvs.iter().enumerate() {
                    for name in other
                        .value
                        .as_ref()
                        .map(|v| mentioned_names(&v.raw))
                        .into_iter()
                        .flatten()
                    {
                        let list = users.entry(name).or_default();
                        if list.last() != Some(&j) {
                            list.push(j);
                        }
                    }
                }
                for (i, kv) in kvs.iter().enumerate() {
                    let name: &str = &kv.key.value;
                    if known.contains(name) {
                        continue;
                    }
                    let user = if !name.is_empty() && name.bytes().all(is_word) {
                        let j = users.get(name).and_then(|js| js.iter().find(|&&j| j != i));
                        j.and_then(|&j| kvs.get(j).map(|other| (j, other)))
                    } else {
                        kvs.iter()
                            .enumerate()
                            .find(|(j, other)| *j != i && other.value.as_ref().is_some_and(|v| mentions(&v.raw, name)))
                    };
                    if let Some((_, other)) = user {
                        let span = other.value.as_ref().map(|v| v.span).unwrap_or(other.raw.span);
                        out.report(
                            span,
                            format!("`${name}` is expanded before this ENV sets it: define `{name}` in an earlier ENV"),
                        );
                        break;
                    }
                }
                known.extend(kvs.iter().map(|kv| kv.key.value.to_string()));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nENV A=1 B=$A/x\n"), ["$A/x"]);
        fires(&RULE, "FROM a:1\nENV G=1 H=${G}x\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nENV A=1\nENV B=$A\n");
        silent(&RULE, "FROM a:1\nENV PATH=/x:$PATH\n");
    }

    #[test]
    fn edge() {
        // defined before by ARG: the old value is meant
        silent(&RULE, "FROM a:1\nARG E\nENV E=1 F=$E\n");
        // `$Ax` is another variable
        silent(&RULE, "FROM a:1\nENV A=1 B=$Ax\n");
        silent(&RULE, "FROM a:1\nENV A=1 B=${A-x} C=$ D=${}\n");
        assert_eq!(spans(&RULE, "FROM a:1\nENV A=1 B=${A:-x}$A\n"), ["${A:-x}$A"]);
        // a name that is not a plain identifier is still found
        assert_eq!(spans(&RULE, "FROM a:1\nENV a.b=1 C=${a.b}\n"), ["${a.b}"]);
    }

    #[test]
    fn mentioned_names_agree_with_mentions() {
        let texts = [
            "$A", "${A}", "${A:-x}", "${A-x}", "$Ax", "x$A/y", "$", "${", "${}", "$1", "$A$B${C}", "é$A",
        ];
        for text in texts {
            for name in ["A", "Ax", "B", "C", "1"] {
                assert_eq!(
                    super::mentioned_names(text).any(|n| n == name),
                    super::mentions(text, name),
                    "{text} {name}"
                );
            }
        }
    }
}
