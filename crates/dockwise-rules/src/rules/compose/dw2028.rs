//! DW2028: `depends_on` entries not in alphabetical order.

use crate::diagnostics::Fix;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::yaml::Value;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2028",
    name: "compose-depends-on-order",
    severity: Severity::Style,
    kind: FileKind::Compose,
    title: text!("`depends_on` entries are not in alphabetical order"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a `depends_on` entry that sorts before the one above it. Off by default.",
        why: "Sorted dependency lists are easier to scan and to compare between services; the order has no effect on \
            startup, which follows the dependency graph.",
        bad: "services:\n  app:\n    image: myapp:1.4.2\n    depends_on:\n      - redis\n      - db\n",
        good: "services:\n  app:\n    image: myapp:1.4.2\n    depends_on:\n      - db\n      - redis\n",
        fix: "Sort the entries alphabetically.",
    },
    quiz: quiz! {
        question: "An app has `depends_on: [redis, db]`. Which of the two starts first?",
        choices: &[
            Choice {
                text: "No order between them; both precede the app",
                correct: true,
                feedback: "The list is a set of dependencies: Compose starts both before the app, in no particular \
                    order between themselves.",
            },
            Choice {
                text: "`redis`, because the list is a start order",
                correct: false,
                feedback: "List order does not sequence the dependencies; only a `depends_on` of their own would.",
            },
            Choice {
                text: "`db`, because Compose sorts dependencies by name",
                correct: false,
                feedback: "Alphabetical order plays no role either; Compose follows the dependency graph.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["service-dependencies-alphabetical-order"],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::COMPOSE_STARTUP_ORDER],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let Some(d) = s.get("depends_on") else { continue };
        let names: Vec<(&str, dockwise_syntax::span::Span)> = match &d.value {
            Value::Seq(items) => items.iter().filter_map(|i| i.as_str().map(|n| (n, i.span))).collect(),
            Value::Map(m) => m.iter().filter_map(|(k, _)| k.as_str().map(|n| (n, k.span))).collect(),
            _ => continue,
        };
        let mut first = true;
        for w in names.windows(2) {
            if w[1].0 < w[0].0 {
                // the first finding of the list carries the fix that sorts it
                let fix = || {
                    if std::mem::take(&mut first) {
                        sort(&ed, s.node, &names, d)
                    } else {
                        None
                    }
                };
                out.push(
                    Diagnostic::new(
                        w[1].1,
                        format!(
                            "`{}` should come before `{}` in the `depends_on` of `{}`",
                            w[1].0, w[0].0, s.name
                        ),
                    )
                    .with_fix(fix),
                );
            }
        }
    }
}

/// Sorts the entries of `depends_on` (each a name: none was left out).
fn sort(ed: &Editor, service: &Node, names: &[(&str, dockwise_syntax::span::Span)], d: &Node) -> Option<Fix> {
    let count = d
        .as_seq()
        .map(<[Node]>::len)
        .or(d.as_map().map(<[(Node, Node)]>::len))?;
    if count != names.len() {
        return None;
    }
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| names[i].0);
    fixes::safe("sort `depends_on`", ed.reorder(service, &["depends_on"], &order))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "services:\n  a:\n    depends_on: [z, b]\n"), ["b"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    depends_on: [b, z]\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "services:\n  a:\n    depends_on:\n      z: {condition: service_started}\n      b: {condition: service_healthy}\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  app:\n    depends_on:\n      - redis  # cache\n      - db\n"
            ),
            "services:\n  app:\n    depends_on:\n      - db\n      - redis  # cache\n"
        );
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    depends_on: [z, m, b]\n"),
            "services:\n  a:\n    depends_on: [b, m, z]\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    depends_on:\n      z:\n        condition: service_started\n      b:\n        condition: service_healthy\n",
        );
        assert!(run(&RULE, "services:\n  a:\n    depends_on: [z,\n      b]\n")[0]
            .fix
            .is_none());
    }
}
