//! DL3048: a LABEL key that breaks the label-key conventions.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3048",
    name: "label-key",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("LABEL key does not follow Docker's key format"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags LABEL keys that break Docker's key guidelines: a key should start with a lower-case letter, end \
            with a lower-case letter or digit, use only lower-case letters, digits, `.` and `-` (this rule also \
            accepts `_` and `/`), have no `..` or `--`, and not use the prefixes Docker reserves (`com.docker.`, \
            `io.docker.`, `org.dockerproject.`). Docker does not enforce these guidelines.",
        why: "Labels from different tools and teams share one set of keys. Lower-case reverse-DNS keys such as \
            `org.opencontainers.image.source` keep them from colliding and are easy to filter on, and Docker's \
            reserved prefixes are left to Docker.",
        bad: "FROM alpine:3.20\nLABEL Maintainer=\"team@example.com\"\n",
        good: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"team@example.com\"\n",
        fix: "Use lower-case reverse-DNS keys, preferably the standard OCI ones (`org.opencontainers.image.*`).",
    },
    quiz: quiz! {
        question: "What happens when you build with `LABEL Version=1.0`?",
        choices: &[
            Choice {
                text: "The label is set as written",
                correct: true,
                feedback: "Docker's key guidelines (lower case, reverse DNS, no reserved prefixes) are \
                    recommendations that nothing enforces, which is why a linter checks them.",
            },
            Choice {
                text: "The build fails: label keys must be lower case",
                correct: false,
                feedback: "Docker accepts any key; lower case is a recommendation.",
            },
            Choice {
                text: "Docker lower-cases it to `version`",
                correct: false,
                feedback: "Keys are stored exactly as written, so `Version` and `version` are two different labels.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Object labels (key format recommendations)"),
        url: text!("https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

pub fn valid_label_key(k: &str) -> bool {
    let b = k.as_bytes();
    let allowed = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'_' | b'/');
    !b.is_empty()
        && b[0].is_ascii_lowercase()
        && b.last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && b.iter().all(|&c| allowed(c))
        && !k.contains("..")
        && !k.contains("--")
        && !["com.docker.", "io.docker.", "org.dockerproject."]
            .iter()
            .any(|p| k.starts_with(p))
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx
        .instructions()
        .iter()
        .map(|i| i.effective())
        .filter(|i| i.kind == Kind::Label)
    {
        for kv in ins.key_values() {
            if !valid_label_key(&kv.key.value) {
                out.report(
                    kv.key.span,
                    format!(
                        "`{}` is not a valid label key: use lower-case reverse-DNS keys",
                        kv.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM a:1\nLABEL ok=1 Bad=2 com.docker.x=3 a..b=4 -x=5\n"),
            ["Bad", "com.docker.x", "a..b", "-x"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nLABEL org.opencontainers.image.source=x my_label=2 a/b-c.d=3\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nLABEL \"quoted.key\"=\"v\"\n");
        fires(&RULE, "FROM a:1\nLABEL maintainer-\n".replace("-\n", "-=x\n").as_str());
    }
}
