//! DW1014: EXPOSE protocol not in lower case (BuildKit's ExposeProtoCasing).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "Docker lower-cases the protocol when it stores the port, so `80/TCP` works and ends up as `80/tcp` in \
            the image. Writing it in lower case matches how Docker records and shows ports and keeps the file \
            consistent; nothing else changes.",
        bad: "FROM nginx:1.27\nEXPOSE 80/TCP\n",
        good: "FROM nginx:1.27\nEXPOSE 80/tcp\n",
        fix: "Write the protocol in lower case: `80/tcp`, `53/udp`.",
    },
    quiz: quiz! {
        question: "`EXPOSE 80/TCP` is in a Dockerfile. What does the built image record?",
        choices: &[
            Choice {
                text: "The port as `80/tcp`",
                correct: true,
                feedback: "BuildKit accepts tcp, udp and sctp in any case and stores them in lower case; the warning \
                    is about consistency, not behaviour.",
            },
            Choice {
                text: "`80/TCP`, as written",
                correct: false,
                feedback: "The protocol is lower-cased before it is stored; only the Dockerfile keeps the capitals.",
            },
            Choice {
                text: "No port: an upper-case protocol is not recognised",
                correct: false,
                feedback: "The protocol is compared without regard to case, so the port is kept.",
            },
            Choice {
                text: "Nothing: the build fails on the protocol",
                correct: false,
                feedback: "Only an unknown protocol (say `80/http`) fails the build; `TCP` is accepted.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["ExposeProtoCasing"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Build checks: ExposeProtoCasing"),
            url: text!("https://docs.docker.com/reference/build-checks/expose-proto-casing/"),
        },
        &Source {
            title: text!("BuildKit source: EXPOSE parsing (convert_expose.go)"),
            url: text!(
                "https://github.com/moby/buildkit/blob/master/frontend/dockerfile/dockerfile2llb/convert_expose.go"
            ),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for p in cx.exposed_ports() {
        if p.protocol.is_some_and(|proto| proto.chars().any(|c| c.is_uppercase())) {
            let lower = p.word.value.to_lowercase();
            // a quoted word keeps its quotes: no fix
            let fix = || {
                (p.word.span.text(cx.source) == p.word.value)
                    .then(|| {
                        Fix::safe(
                            "write the protocol in lower case",
                            vec![Edit::replace(p.word.span, lower.as_str())],
                        )
                    })
                    .flatten()
            };
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
