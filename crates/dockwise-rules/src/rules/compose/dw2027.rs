//! DW2027: services not in alphabetical order.

use crate::diagnostics::Fix;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
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
        question: "Does the order of services in the file change how Compose starts them?",
        choices: &[
            Choice {
                text: "Only `depends_on` decides the order",
                correct: true,
                feedback: "Compose starts services with no dependency between them in parallel; the file's order is \
                    for readers.",
            },
            Choice {
                text: "Yes: top to bottom, each after the one above it",
                correct: false,
                feedback: "Independent services start in parallel; Compose reads the whole file as one model, not as \
                    a script.",
            },
            Choice {
                text: "Yes: in alphabetical order",
                correct: false,
                feedback: "Compose does not sort services to start them; without `depends_on` they start in \
                    parallel.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["services-alphabetical-order"],
    check: Check::Compose(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Compose file reference: services.depends_on"),
        url: text!("https://docs.docker.com/reference/compose-file/services/#depends_on"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    // a service is out of place when a service above it sorts after it
    let mut max: Option<&str> = None;
    let mut first = true;
    for s in &c.services {
        match max {
            Some(m) if s.name < m => {
                // the first finding carries the fix that sorts them all
                let fix = || if std::mem::take(&mut first) { sort(c) } else { None };
                out.push(
                    Diagnostic::new(s.key.span, format!("service `{}` should come before `{m}`", s.name)).with_fix(fix),
                );
            }
            _ => max = Some(s.name),
        }
    }
}

/// Sorts the services by name, each with its lines (when no comment sits
/// between two of them and no anchor is defined in them).
fn sort(c: &Compose) -> Option<Fix> {
    let root = c.root?;
    let (_, services) = c.top("services")?;
    let names: Vec<&str> = services
        .as_map()?
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Option<_>>()?;
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| names[i]);
    fixes::safe(
        "sort the services by name",
        Editor::new(c.text).reorder(root, &["services"], &order),
    )
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

    #[test]
    fn fix() {
        let src = "services:\n  web:\n    image: w:1\n    # the port\n    ports: [\"80\"]\n\n  api:\n    image: a:1\n\n  cache:\n    image: c:1\nvolumes: {}\n";
        assert_eq!(
            fixed(&RULE, src),
            "services:\n  api:\n    image: a:1\n\n  cache:\n    image: c:1\n\n  web:\n    image: w:1\n    # the port\n    ports: [\"80\"]\nvolumes: {}\n"
        );
        // one fix, on the first finding
        let r = run(&RULE, "services:\n  c: {}\n  a: {}\n  b: {}\n");
        assert!(r[0].fix.is_some() && r[1].fix.is_none());
        fix_converges(&RULE, "services:\n  c: {}\n  a: {}\n  b: {}\n");
        // a comment between services may be about either: no fix
        assert!(run(&RULE, "services:\n  b: {}\n  # the api\n  a: {}\n")[0]
            .fix
            .is_none());
        // an anchor defined in a service: its alias may end up first
        assert!(run(&RULE, "services:\n  b: &b\n    image: x:1\n  a:\n    <<: *b\n")[0]
            .fix
            .is_none());
    }
}
