//! DL3011: EXPOSE of a port number that does not exist.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3011",
    name: "valid-port",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("EXPOSE of a port outside 0–65535"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags EXPOSE with a port, or either end of a port range, above 65535.",
        why: "Ports are 16-bit numbers, so 65535 is the highest there is. BuildKit refuses a larger number and the \
            build fails. It is nearly always a typo (a missing or extra digit) for the port the app really uses.",
        bad: "FROM nginx:1.27\nEXPOSE 80800\n",
        good: "FROM nginx:1.27\nEXPOSE 8080\n",
        fix: "Use the port number the app really listens on, between 0 and 65535.",
    },
    quiz: quiz! {
        question: "What happens when you build with `EXPOSE 80800`?",
        choices: &[
            Choice {
                text: "BuildKit stops the build: the port is above 65535",
                correct: true,
                feedback: "BuildKit parses EXPOSE ports as numbers from 0 to 65535 and stops with \"value out of \
                    range\".",
            },
            Choice {
                text: "It builds: EXPOSE is only documentation",
                correct: false,
                feedback: "EXPOSE publishes nothing, but BuildKit still parses the ports and refuses one above 65535.",
            },
            Choice {
                text: "The port is cut down to 16 bits (15264)",
                correct: false,
                feedback: "BuildKit does not wrap or truncate the number; it reports it as out of range.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("hadolint wiki: DL3011 (valid port range)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3011"),
        },
        &sources::DOCKER_REF_EXPOSE,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for p in cx.exposed_ports() {
        if p.port.split('-').any(|n| n.parse::<u64>().is_ok_and(|n| n > 65535)) {
            out.report(
                p.word.span,
                format!("`{}` is not a valid port: ports go from 0 to 65535", p.word.value),
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
        assert_eq!(spans(&RULE, "FROM a:1\nEXPOSE 80 65536/tcp\n"), ["65536/tcp"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nEXPOSE 80 443/tcp 65535\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM a:1\nEXPOSE 1000-70000\n");
        silent(&RULE, "FROM a:1\nEXPOSE $PORT 8000-8010/udp\n");
    }
}
