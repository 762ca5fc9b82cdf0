//! DW2014: `no-new-privileges` is not set.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2014",
    name: "compose-no-new-privileges",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("Processes may gain privileges (`no-new-privileges` not set)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a service whose `security_opt` lacks `no-new-privileges:true`.",
        why: "Without it, a process in the container can become root again through a setuid binary (`su`, `sudo`, \
            `passwd`) or file capabilities, which undoes running as a non-root user. The flag makes the kernel refuse \
            any privilege gain after start.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n    user: \"10001\"\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    user: \"10001\"\n    security_opt:\n      - no-new-privileges:true\n",
        fix: "Add `security_opt: [\"no-new-privileges:true\"]`. It breaks only apps that rely on setuid helpers, \
            which a container should not.",
    },
    quiz: quiz! {
        question: "A container runs as user 10001, but its image contains a setuid-root `su`. What does \
            `no-new-privileges` change?",
        choices: &[
            Choice {
                text: "`su` can no longer turn the process into root",
                correct: true,
                feedback: "Right: the kernel ignores setuid bits and file capabilities for the container's processes.",
            },
            Choice {
                text: "Nothing: a non-root user cannot run `su` anyway",
                correct: false,
                feedback: "Setuid binaries exist precisely to let ordinary users become root.",
            },
            Choice {
                text: "It deletes setuid binaries from the image",
                correct: false,
                feedback: "It changes no files; it changes what the kernel allows at exec time.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::CIS_CAPABILITIES, &sources::PSS_BASELINE_RESTRICTED],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::Unsafe,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    let flag = |o: &str| o.replace(' ', "");
    for s in &c.services {
        let set = s.strings("security_opt").iter().any(|(o, _)| {
            let o = flag(o);
            o == "no-new-privileges" || o == "no-new-privileges:true" || o == "no-new-privileges=true"
        });
        if !set {
            // a `no-new-privileges:false` item is turned around; else the flag is added
            let off = s.get("security_opt").and_then(Node::as_seq).and_then(|items| {
                items.iter().position(|i| {
                    i.scalar_text()
                        .is_some_and(|t| flag(&t).starts_with("no-new-privileges"))
                })
            });
            let edits = match off {
                Some(i) => ed.replace_item(s.node, &["security_opt"], i, "no-new-privileges:true"),
                None => ed.append(s.node, &["security_opt"], &New::scalar("no-new-privileges:true")),
            };
            out.push(
                Diagnostic::new(
                    s.key.span,
                    format!(
                        "service `{}` does not set `no-new-privileges:true`: setuid binaries can regain root",
                        s.name
                    ),
                )
                .with_fix(|| fixes::unsafe_("add `no-new-privileges:true`", edits)),
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
        assert_eq!(spans(&RULE, "services:\n  a:\n    image: x:1\n"), ["a"]);
        fires(
            &RULE,
            "services:\n  a:\n    security_opt: [\"no-new-privileges:false\"]\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    security_opt:\n      - no-new-privileges:true\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    security_opt: [no-new-privileges]\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    image: x:1\n"),
            "services:\n  a:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n"
        );
        // merged into an existing list; a `false` turned around
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    security_opt:\n      - label:disable\n    image: x:1\n"),
            "services:\n  a:\n    security_opt:\n      - label:disable\n      - no-new-privileges:true\n    image: x:1\n"
        );
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  a:\n    security_opt:\n    - no-new-privileges:false\n"
            ),
            "services:\n  a:\n    security_opt:\n    - no-new-privileges:true\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    security_opt:\n  b:\n    security_opt: []\n",
        );
        assert!(run(
            &RULE,
            "services:\n  a:\n    security_opt: [\"no-new-privileges:false\"]\n"
        )[0]
        .fix
        .is_none());
    }
}
