//! DW2027: services not in alphabetical order.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2027",
    name: "compose-services-order",
    severity: Severity::Style,
    kind: FileKind::Compose,
    title: text!("Services are not in alphabetical order"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a service whose name sorts before a service above it. Off by default: many teams order services \
            by role (proxy, app, database) on purpose.",
        why: "In long files a fixed order makes a service easy to find and keeps merge conflicts small. It is a \
            convention, not a correctness issue.",
        bad: "services:\n  web:\n    image: myweb:3.1\n  api:\n    image: myapi:2.0.1\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n  web:\n    image: myweb:3.1\n",
        fix: "Move the service into alphabetical position, or leave the rule off if the order carries meaning.",
    },
    quiz: quiz! {
        question: "Does the order of services change how Compose starts them?",
        choices: &[
            Choice {
                text: "No: `depends_on` decides start order",
                correct: true,
                feedback: "Right: file order is for readers only.",
            },
            Choice {
                text: "Yes: top to bottom",
                correct: false,
                feedback: "Compose starts independent services in parallel.",
            },
            Choice {
                text: "Yes: alphabetical",
                correct: false,
                feedback: "Neither order matters to Compose.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["services-alphabetical-order"],
    check: Check::Compose(check),
    standard: &[&sources::COMPOSE_SPEC],
    concern: None,
    fixes: Fixes::No,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    // a service is out of place when a service above it sorts after it
    let mut max: Option<&str> = None;
    for s in &c.services {
        match max {
            Some(m) if s.name < m => out.report(s.key.span, format!("service `{}` should come before `{m}`", s.name)),
            _ => max = Some(s.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "services:\n  b: {}\n  a: {}\n"), ["a"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a: {}\n  b: {}\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  only: {}\n");
        // both `a` and `b` are out of place below `c`
        assert_eq!(spans(&RULE, "services:\n  c: {}\n  a: {}\n  b: {}\n"), ["a", "b"]);
    }
}
