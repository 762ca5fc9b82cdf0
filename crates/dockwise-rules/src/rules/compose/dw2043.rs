//! DW2043: a service's `healthcheck:` switches health checking off.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2043",
    name: "compose-healthcheck-disabled",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("The healthcheck is switched off (`disable: true` or `test: [\"NONE\"]`)"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a `healthcheck:` with `disable: true`, or whose `test` is `NONE` (`[\"NONE\"]` or the bare \
            string). DW2005 reports services with no `healthcheck:` at all; this is the one that is written but \
            says \"do not check\".",
        why: "`disable: true` and `NONE` also turn off a `HEALTHCHECK` the image itself defines, so the service \
            ends up with no check even when its authors wrote one. Docker then shows the container as running \
            while it hangs, `depends_on: condition: service_healthy` cannot wait for it, and nothing restarts or \
            reports it when it stops answering.",
        bad: "services:\n  api:\n    image: acme/api:3.2\n    healthcheck:\n      disable: true\n",
        good: "services:\n  api:\n    image: acme/api:3.2\n    healthcheck:\n      test: [\"CMD\", \"wget\", \"-qO-\", \"http://localhost:8080/health\"]\n      interval: 30s\n",
        fix: "Remove the `healthcheck:` block to keep the image's own check, or write a `test` that asks the service \
            whether it answers (an HTTP health endpoint, `pg_isready`...). If the image's check is wrong, replace \
            it rather than switch it off.",
    },
    quiz: quiz! {
        question: "An image defines a `HEALTHCHECK`. The Compose file adds `healthcheck: {disable: true}`. What \
            does Docker do?",
        choices: &[
            Choice {
                text: "Runs the image's check anyway: Compose can only add checks, not remove them",
                correct: false,
                feedback: "Compose settings override the image's; `disable` removes its check too.",
            },
            Choice {
                text: "Runs no health check at all for that service",
                correct: true,
                feedback: "The container never becomes `healthy`, so nothing can wait for or react to its health.",
            },
            Choice {
                text: "Marks the container `unhealthy` at once, so that `depends_on` waits for a fix",
                correct: false,
                feedback: "A disabled check reports no health state at all, neither healthy nor unhealthy.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Compose file reference: services.healthcheck"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#healthcheck"),
        },
        &sources::COMPOSE_STARTUP_ORDER,
    ],
    concern: Some(&sources::HEALTH),
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// The node that switches the check off: `disable: true` or a `NONE` test.
fn switch_off(h: &Node) -> Option<&Node> {
    if let Some(d) = h.get("disable").filter(|d| d.as_bool() == Some(true)) {
        return Some(d);
    }
    let test = h.get("test")?;
    let first = match test.as_seq() {
        Some(items) => items.first()?.scalar_text()?,
        None => test.scalar_text()?,
    };
    (first.trim() == "NONE").then_some(test)
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        let Some(node) = s.get("healthcheck").and_then(switch_off) else {
            continue;
        };
        out.report(
            node.span,
            format!(
                "service `{}` switches health checking off (the image's own HEALTHCHECK too): nothing can tell whether it answers",
                s.name
            ),
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
            spans(&RULE, "services:\n  a:\n    healthcheck:\n      disable: true\n"),
            ["true"]
        );
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    healthcheck:\n      test: [\"NONE\"]\n"),
            ["[\"NONE\"]"]
        );
        fires(&RULE, "services:\n  a:\n    healthcheck:\n      test: NONE\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n  b:\n    healthcheck:\n      disable: false\n      test: [\"CMD-SHELL\", \"echo NONE\"]\n  c:\n    image: x:1\n",
        );
    }
}
