//! DW2034: a service is stopped with SIGKILL or with no grace period.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2034",
    name: "compose-no-stop-grace",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("Service is stopped with SIGKILL or no grace period"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `stop_signal: SIGKILL` (also `KILL` or `9`) and a `stop_grace_period` of zero (`0`, `0s`, \
            `0ms`...).",
        why: "To stop a service, Compose sends its stop signal (SIGTERM unless told otherwise), waits the grace \
            period (10 seconds by default) and only then kills it. SIGKILL cannot be handled, and a zero grace \
            period kills at once: either way the app cannot finish its requests, flush what it buffered or close \
            its files and connections, on every `docker compose down`, restart and redeploy.",
        bad: "services:\n  worker:\n    image: acme/worker:3.2\n    stop_grace_period: 0s\n",
        good: "services:\n  worker:\n    image: acme/worker:3.2\n    stop_grace_period: 30s\n",
        fix: "Remove the setting (SIGTERM and 10 seconds), or give the app the time its shutdown needs \
            (`stop_grace_period: 30s`). If it ignores SIGTERM, set the `stop_signal` it does handle (`SIGINT`, \
            `SIGQUIT`) or run it under an init (`init: true`).",
    },
    quiz: quiz! {
        question: "Which `stop_grace_period` lets a service drain its in-flight requests on `docker compose down`?",
        choices: &[
            Choice {
                text: "`30s`, if that covers the longest request",
                correct: true,
                feedback: "The grace period is the time between the stop signal and SIGKILL; size it to the \
                    shutdown the app needs.",
            },
            Choice {
                text: "`0s`, since the container then stops without waiting for anything",
                correct: false,
                feedback: "Zero means SIGKILL right after the stop signal: nothing gets drained.",
            },
            Choice {
                text: "None: requests are drained by Docker's network, whatever the setting is",
                correct: false,
                feedback: "Docker only sends signals; draining is the app's work, and it needs the time.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Compose file reference (services: stop_grace_period)"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#stop_grace_period"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference (services: stop_signal)"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#stop_signal"),
        },
    ],
    concern: Some(&sources::GRACEFUL_SHUTDOWN),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

/// `SIGKILL`, `KILL` or `9`, in any case.
fn is_kill(signal: &str) -> bool {
    matches!(signal.trim().to_ascii_uppercase().as_str(), "SIGKILL" | "KILL" | "9")
}

/// Is this Compose duration zero (`0`, `0s`, `0ms`, `0m0s`, `0.0s`)?
fn is_zero_duration(d: &str) -> bool {
    let d = d.trim();
    d.chars().any(|c| c.is_ascii_digit())
        && d.chars()
            .all(|c| matches!(c, '0' | '.' | 'h' | 'm' | 's' | 'u' | 'µ' | 'n'))
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let signal = s
            .get("stop_signal")
            .and_then(|v| v.scalar_text().filter(|t| is_kill(t)).map(|t| (v, t)));
        if let Some((v, sig)) = signal {
            out.push(
                Diagnostic::new(
                    v.span,
                    format!(
                        "service `{}` is stopped with {sig}: it can never shut down cleanly",
                        s.name
                    ),
                )
                .with_fix(|| {
                    fixes::unsafe_(
                        "remove `stop_signal` (the default is SIGTERM)",
                        ed.remove(s.node, &["stop_signal"]),
                    )
                }),
            );
        }
        let grace = s
            .get("stop_grace_period")
            .and_then(|v| v.scalar_text().filter(|t| is_zero_duration(t)).map(|t| (v, t)));
        if let Some((v, d)) = grace {
            out.push(
                Diagnostic::new(
                    v.span,
                    format!(
                        "service `{}` has a `stop_grace_period` of {d}: it is killed as soon as it is asked to stop",
                        s.name
                    ),
                )
                .with_fix(|| {
                    fixes::unsafe_(
                        "remove `stop_grace_period` (the default is 10 seconds)",
                        ed.remove(s.node, &["stop_grace_period"]),
                    )
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_zero_duration, RULE};
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "services:\n  a:\n    stop_signal: SIGKILL\n"), ["SIGKILL"]);
        assert_eq!(spans(&RULE, "services:\n  a:\n    stop_signal: \"9\"\n"), ["\"9\""]);
        assert_eq!(spans(&RULE, "services:\n  a:\n    stop_grace_period: 0\n"), ["0"]);
        assert_eq!(
            spans(
                &RULE,
                "services:\n  a:\n    stop_grace_period: 0ms\n    stop_signal: kill\n"
            )
            .len(),
            2
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    stop_signal: SIGINT\n    stop_grace_period: 1m30s\n  b:\n    stop_signal: SIGQUIT\n    stop_grace_period: 10\n",
        );
    }

    #[test]
    fn edge() {
        assert!(is_zero_duration("0m0s") && is_zero_duration("0.0s") && is_zero_duration("00"));
        assert!(!is_zero_duration("1m0s") && !is_zero_duration("s") && !is_zero_duration("10s"));
        // interpolated: decided when the file is used
        silent(&RULE, "services:\n  a:\n    stop_grace_period: ${GRACE:-0s}\n");
        // a comment is not a setting
        silent(&RULE, "services:\n  a:\n    image: x:1  # stop_signal: SIGKILL\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(
                &RULE,
                "services:\n  a:\n    image: x:1\n    stop_signal: SIGKILL\n    stop_grace_period: 0s\n    read_only: true\n"
            ),
            "services:\n  a:\n    image: x:1\n    read_only: true\n"
        );
    }
}
