//! DW2009: json-file logging without rotation.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2009",
    name: "compose-log-rotation",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("`json-file` logging without `max-size`: logs grow without bound"),
    tags: &[Tag::Reliability, Tag::Operability],
    docs: docs! {
        what: "Flags a `logging:` block that uses the `json-file` driver (named, or the default when `driver` is left \
            out) without a `max-size` option.",
        why: "The json-file driver keeps every line a container prints in a file under `/var/lib/docker`, and by \
            default (`max-size` of -1, unlimited) it never rotates it. A chatty service can fill the disk, and a \
            full disk breaks every container on the host that needs to write, databases included.",
        bad: "services:\n  app:\n    image: myapp:1.4.2\n    logging:\n      driver: json-file\n",
        good: "services:\n  app:\n    image: myapp:1.4.2\n    logging:\n      driver: json-file\n      options:\n        max-size: \"10m\"\n        max-file: \"3\"\n",
        fix: "Add `options: {max-size: \"10m\", max-file: \"3\"}`, or use the `local` driver (which rotates by \
            default), or ship logs to a collector. Rotation set in the daemon's `daemon.json` (`log-opts`) applies \
            to containers created after the daemon restarts.",
    },
    quiz: quiz! {
        question: "What does Docker's json-file log driver do with old lines by default?",
        choices: &[
            Choice {
                text: "Keeps all of them in one ever-growing file",
                correct: true,
                feedback: "`max-size` defaults to -1 (unlimited), and `max-file` takes effect only once `max-size` \
                    is set, so nothing is ever rotated away.",
            },
            Choice {
                text: "Rotates the file daily and keeps a week of history",
                correct: false,
                feedback: "That is logrotate's habit on many distributions; Docker's json-file driver does no \
                    time-based rotation at all.",
            },
            Choice {
                text: "Caps it at 100 MB, as the `local` driver does",
                correct: false,
                feedback: "The `local` driver rotates by default (five files of 20 MB); json-file, still Docker's \
                    default driver, does not.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: JSON File logging driver: Options"),
            url: text!("https://docs.docker.com/engine/logging/drivers/json-file/#options"),
        },
        &Source {
            title: text!("Docker docs: Local file logging driver"),
            url: text!("https://docs.docker.com/engine/logging/drivers/local/"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let Some((key, logging)) = s.entry("logging") else {
            continue;
        };
        let driver = logging.get("driver").and_then(|d| d.as_str());
        if driver.is_some_and(|d| d != "json-file") {
            continue;
        }
        if logging.path(&["options", "max-size"]).is_none() {
            let at = logging.get("driver").map(|d| d.span).unwrap_or(key.span);
            let fix = || {
                fixes::unsafe_(
                    "set `max-size: \"10m\"`",
                    ed.set(s.node, &["logging", "options", "max-size"], &New::scalar("\"10m\"")),
                )
            };
            out.push(
                Diagnostic::new(
                    at,
                    format!(
                        "service `{}` logs to json-file without `max-size`: the log file has no size limit",
                        s.name
                    ),
                )
                .with_fix(fix),
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
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    logging:\n      driver: \"json-file\"\n"),
            ["\"json-file\""]
        );
        fires(
            &RULE,
            "services:\n  a:\n    logging:\n      options:\n        max-file: '3'\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    logging:\n      driver: local\n");
        // no logging block: the daemon's default applies, which this file cannot see
        silent(&RULE, "services:\n  a:\n    image: x:1\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    logging:\n      driver: json-file\n    image: x:1\n"),
            "services:\n  a:\n    logging:\n      driver: json-file\n      options:\n        max-size: \"10m\"\n    image: x:1\n"
        );
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  a:\n    logging:\n      options:\n        max-file: '3'\n"
            ),
            "services:\n  a:\n    logging:\n      options:\n        max-file: '3'\n        max-size: \"10m\"\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    logging:\n      driver: \"json-file\"\n      options: {}\n",
        );
        assert!(run(&RULE, "services:\n  a:\n    logging: {driver: json-file}\n")[0]
            .fix
            .is_none());
        assert!(
            run(&RULE, "services:\n  a:\n    logging:\n      options: {max-file: '3'}\n")[0]
                .fix
                .is_none()
        );
    }
}
