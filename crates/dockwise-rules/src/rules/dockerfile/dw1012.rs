//! DW1012: `ENV key value` / `LABEL key value` (BuildKit's LegacyKeyValueFormat).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1012",
    name: "legacy-key-value-format",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("ENV or LABEL in the legacy `key value` form"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `ENV key value` and `LABEL key value` written with a space instead of `=` (BuildKit's \
            LegacyKeyValueFormat).",
        why: "In the legacy form everything after the first space is the value, so `ENV A 1 B 2` sets A to `1 B 2`, \
            not two variables. The `key=value` form is unambiguous, allows several pairs per line, and the old form \
            is deprecated.",
        bad: "FROM alpine:3.20\nENV APP_HOME /srv/app\n",
        good: "FROM alpine:3.20\nENV APP_HOME=/srv/app\n",
        fix: "Write `key=value` (quote values with spaces: `ENV GREETING=\"hello world\"`).",
    },
    quiz: quiz! {
        question: "What does `ENV A 1 B 2` set?",
        choices: &[
            Choice {
                text: "A to `1 B 2`",
                correct: true,
                feedback: "Right: the legacy form takes the rest of the line as one value.",
            },
            Choice {
                text: "A to 1 and B to 2",
                correct: false,
                feedback: "That needs `ENV A=1 B=2`.",
            },
            Choice {
                text: "Nothing: it is a syntax error",
                correct: false,
                feedback: "It parses, which is the trap.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(check),
    standard: &[&sources::BUILD_CHECKS],
    concern: None,
    fixes: Fixes::No,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        if !matches!(ins.kind, Kind::Env | Kind::Label) {
            continue;
        }
        for kv in ins.key_values().iter().filter(|kv| kv.legacy) {
            out.report(
                kv.raw.span,
                format!(
                    "legacy form: write `{} {}={}`",
                    ins.kind.keyword(),
                    kv.key.raw,
                    kv.value.as_ref().map(|v| &*v.raw).unwrap_or("")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nENV A 1\n"), ["A 1"]);
        fires(&RULE, "FROM a:1\nLABEL maintainer Jane\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nENV A=1 B=\"two words\"\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nARG A\n");
    }
}
