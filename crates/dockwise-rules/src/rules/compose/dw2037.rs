//! DW2037: a service's logging driver is `none`.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2037",
    name: "compose-logging-disabled",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("Logging is switched off (`logging.driver: none`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `logging: {driver: none}` on a service (in any case).",
        why: "With the `none` driver Docker keeps nothing the container writes to stdout or stderr: `docker compose \
            logs` shows nothing, and after an incident there is no record of what the service did, which requests \
            it refused or which errors came before a crash. Attackers like containers that leave no trace.",
        bad: "services:\n  api:\n    image: acme/api:3.2\n    logging:\n      driver: none\n",
        good: "services:\n  api:\n    image: acme/api:3.2\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n        max-file: \"3\"\n",
        fix: "Remove the `logging` block to get the daemon's default driver, or name a driver that keeps or ships \
            the logs (`json-file` or `local` with rotation, `journald`, `fluentd`...). If the output is too \
            chatty, lower the service's log level instead.",
    },
    quiz: quiz! {
        question: "A noisy service is given `logging: {driver: none}`. What is lost?",
        choices: &[
            Choice {
                text: "Only the logs on disk: `docker compose logs` still streams the output live",
                correct: false,
                feedback: "`docker compose logs` reads from the logging driver; with `none` it has nothing to show.",
            },
            Choice {
                text: "Everything the container writes to stdout and stderr, live and afterwards",
                correct: true,
                feedback: "No driver, no record: neither `docker compose logs` nor a shipper sees a line.",
            },
            Choice {
                text: "Nothing: `none` means the default driver chosen by the Docker daemon",
                correct: false,
                feedback: "Leaving the key out gives the default; `none` is a driver that discards everything.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0014"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Configure logging drivers (the none driver)"),
            url: text!("https://docs.docker.com/engine/logging/configure/"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference: services.logging"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#logging"),
        },
    ],
    concern: Some(&sources::LOGGING),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let Some(logging) = s.get("logging") else { continue };
        let Some(driver) = logging.get("driver") else { continue };
        if !driver
            .scalar_text()
            .is_some_and(|d| d.trim().eq_ignore_ascii_case("none"))
        {
            continue;
        }
        // the block goes when the driver is all it says
        let alone = logging.as_map().is_some_and(|m| m.len() == 1);
        let fix = || {
            fixes::unsafe_(
                "remove `logging` (the daemon's default driver keeps the logs)",
                alone.then(|| ed.remove(s.node, &["logging"])).flatten(),
            )
        };
        out.push(
            Diagnostic::new(
                driver.span,
                format!(
                    "service `{}` discards its logs (`driver: none`): nothing it prints is kept",
                    s.name
                ),
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(
                &RULE,
                "services:\n  a:\n    image: x:1\n    logging:\n      driver: none\n"
            ),
            ["none"]
        );
        fires(&RULE, "services:\n  a:\n    logging: {driver: \"None\"}\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    logging:\n      driver: local\n  b:\n    logging:\n      options:\n        max-size: 1m\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(
                &RULE,
                "services:\n  a:\n    image: x:1\n    logging:\n      driver: none\n    read_only: true\n"
            ),
            "services:\n  a:\n    image: x:1\n    read_only: true\n"
        );
        // options beside the driver: a person decides
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  a:\n    logging:\n      driver: none\n      options: {}\n"
            ),
            "services:\n  a:\n    logging:\n      driver: none\n      options: {}\n"
        );
    }
}
