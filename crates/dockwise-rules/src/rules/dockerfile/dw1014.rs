//! DW1014: EXPOSE protocol not in lower case (BuildKit's ExposeProtoCasing).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1014",
    name: "expose-protocol-casing",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("EXPOSE protocol is not lower case"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `EXPOSE 80/TCP`: a protocol written with upper-case letters (BuildKit's ExposeProtoCasing).",
        why: "The protocol is stored as written in the image metadata, and tools that compare it with `tcp`/`udp` may \
            not match `TCP`.",
        bad: "FROM nginx:1.27\nEXPOSE 80/TCP\n",
        good: "FROM nginx:1.27\nEXPOSE 80/tcp\n",
        fix: "Write the protocol in lower case: `80/tcp`, `53/udp`.",
    },
    quiz: quiz! {
        question: "What protocol does `EXPOSE 8080` use?",
        choices: &[
            Choice {
                text: "tcp, the default",
                correct: true,
                feedback: "Right: `/tcp` is implied.",
            },
            Choice {
                text: "udp",
                correct: false,
                feedback: "UDP must be asked for with `/udp`.",
            },
            Choice {
                text: "both",
                correct: false,
                feedback: "One protocol per port entry.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::BUILD_CHECKS],
    concern: None,
    fixes: Fixes::Safe,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for p in cx.exposed_ports() {
        if p.protocol.is_some_and(|proto| proto.chars().any(|c| c.is_uppercase())) {
            let lower = p.word.value.to_lowercase();
            // a quoted word keeps its quotes: no fix
            let fix = || (p.word.span.text(cx.source) == p.word.value)
                .then(|| {
                    Fix::safe(
                        "write the protocol in lower case",
                        vec![Edit::replace(p.word.span, lower.as_str())],
                    )
                })
                .flatten();
            out.push(
                Diagnostic::new(p.word.span, format!("write the protocol in lower case: `{lower}`")).with_fix(fix),
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
        assert_eq!(spans(&RULE, "FROM a:1\nEXPOSE 80/tcp 53/UDP\n"), ["53/UDP"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nEXPOSE 80/tcp 53/udp 8080\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nEXPOSE $PORT\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nEXPOSE 80/tcp 53/UDP 443/Tcp\n"),
            "FROM a:1\nEXPOSE 80/tcp 53/udp 443/tcp\n"
        );
    }
}
