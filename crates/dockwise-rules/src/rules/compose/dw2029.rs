//! DW2029: published ports not in ascending order.

use crate::diagnostics::Fix;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::compose::{Port, Service};
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2029",
    name: "compose-ports-order",
    severity: Severity::Style,
    kind: FileKind::Compose,
    title: text!("`ports` entries are not in ascending order"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a `ports` entry whose published (or container) port is lower than the entry above it. Off by \
            default.",
        why: "Sorted port lists make it easy to see which ports a service opens and to spot duplicates. Order has no \
            effect on Docker.",
        bad: "services:\n  web:\n    image: myweb:3.1\n    ports:\n      - \"127.0.0.1:8443:443\"\n      - \"127.0.0.1:8080:80\"\n",
        good: "services:\n  web:\n    image: myweb:3.1\n    ports:\n      - \"127.0.0.1:8080:80\"\n      - \"127.0.0.1:8443:443\"\n",
        fix: "Sort the entries by host port.",
    },
    quiz: quiz! {
        question: "Does the order of `ports` entries matter to Docker?",
        choices: &[
            Choice {
                text: "Not at all: every entry is published",
                correct: true,
                feedback: "Each entry is a separate mapping, published the same way whatever its place in the list.",
            },
            Choice {
                text: "Yes: the first entry is the main port",
                correct: false,
                feedback: "Docker has no notion of a main port; every mapping is equal.",
            },
            Choice {
                text: "Yes: a later entry overrides an earlier one",
                correct: false,
                feedback: "Entries do not override each other; two that ask for the same host port clash and the \
                    container fails to start.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["service-ports-alphabetical-order"],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::COMPOSE_PORTS],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let ports = s.ports();
        let key = |p: &dockwise_syntax::compose::Port| {
            let n = p.published.as_deref().unwrap_or(&p.target);
            n.split('-').next().unwrap_or("").trim().parse::<u32>().ok()
        };
        let mut first = true;
        for w in ports.windows(2) {
            if let (Some(a), Some(b)) = (key(&w[0]), key(&w[1])) {
                if b < a {
                    // the first finding of the service carries the fix that sorts its ports
                    let fix = || {
                        if std::mem::take(&mut first) {
                            sort(&ed, s, &ports, key)
                        } else {
                            None
                        }
                    };
                    out.push(
                        Diagnostic::new(
                            w[1].span,
                            format!("port {b} should come before {a} in service `{}`", s.name),
                        )
                        .with_fix(fix),
                    );
                }
            }
        }
    }
}

/// Sorts the ports of a service by host port, when every entry has one
/// that is a number.
fn sort(ed: &Editor, s: &Service, ports: &[Port], key: impl Fn(&Port) -> Option<u32>) -> Option<Fix> {
    let keys: Vec<u32> = ports.iter().map(key).collect::<Option<_>>()?;
    if s.get("ports")?.as_seq()?.len() != keys.len() {
        return None;
    }
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    fixes::safe("sort the ports", ed.reorder(s.node, &["ports"], &order))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    ports: [\"443:443\", \"80:80\"]\n"),
            ["\"80:80\""]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    ports: [\"80:80\", \"443:443\"]\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    ports: [\"${PORT}:80\", \"443:443\"]\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    ports: [\"443:443\", \"80:80\"]\n"),
            "services:\n  a:\n    ports: [\"80:80\", \"443:443\"]\n"
        );
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    ports:\n      - \"8443:443\"  # tls\n      - target: 80\n        published: 8080\n"),
            "services:\n  a:\n    ports:\n      - target: 80\n        published: 8080\n      - \"8443:443\"  # tls\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    ports:\n    - 9000\n    - \"3000-3005:3000-3005\"\n    - 22\n",
        );
        // an entry without a number to sort by: no fix
        assert!(run(
            &RULE,
            "services:\n  a:\n    ports: [\"${P}:1\", \"443:443\", \"80:80\"]\n"
        )[0]
        .fix
        .is_none());
    }
}
