//! DL3048: a LABEL key that breaks the label-key conventions.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3048",
    name: "label-key",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("Invalid LABEL key"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags LABEL keys that break Docker's label-key conventions: keys must be lower-case letters, digits, \
            `.`, `-`, `_` and `/`, start with a letter, end with a letter or digit, not repeat `.` or `-`, and not \
            use the reserved prefixes `com.docker.`, `io.docker.` and `org.dockerproject.`.",
        why: "Tools that read labels (registries, scanners, orchestrators) expect reverse-DNS style keys such as \
            `org.opencontainers.image.source`. Odd keys collide with other tools' labels or are ignored, and reserved \
            prefixes belong to Docker itself.",
        bad: "FROM alpine:3.20\nLABEL Maintainer=\"team@example.com\"\n",
        good: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"team@example.com\"\n",
        fix: "Use lower-case reverse-DNS keys, preferably the standard OCI ones (`org.opencontainers.image.*`).",
    },
    quiz: quiz! {
        question: "Which label key follows the conventions?",
        choices: &[
            Choice {
                text: "`org.opencontainers.image.version`",
                correct: true,
                feedback: "Right: lower case, reverse DNS, and a standard OCI key.",
            },
            Choice {
                text: "`Version`",
                correct: false,
                feedback: "Keys should be lower case and namespaced.",
            },
            Choice {
                text: "`com.docker.version`",
                correct: false,
                feedback: "`com.docker.` is reserved for Docker itself.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
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
