//! DW2013: writable root filesystem.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2013",
    name: "compose-read-only",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("Root filesystem is writable (no `read_only: true`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a service without `read_only: true`.",
        why: "With a read-only root filesystem an intruder cannot drop tools, edit the app's code or plant a backdoor \
            that survives in the container; the app's image stays exactly what you built. It also forces writable \
            paths to be explicit, which documents where state lives.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    read_only: true\n    tmpfs:\n      - /tmp\n",
        fix: "Set `read_only: true`, then give the app what it must write: `tmpfs:` for scratch space (`/tmp`, \
            `/run`), named volumes for data.",
    },
    quiz: quiz! {
        question: "An app with `read_only: true` needs to write temporary files. What is the usual fix?",
        choices: &[
            Choice {
                text: "Mount a `tmpfs` at `/tmp`",
                correct: true,
                feedback: "Yes: writable scratch space in memory, gone at restart, while the rest stays read-only.",
            },
            Choice {
                text: "Give up and remove `read_only`",
                correct: false,
                feedback: "That throws away the protection for one directory's sake.",
            },
            Choice {
                text: "Run the container privileged",
                correct: false,
                feedback: "Privilege has nothing to do with it, and it would undo far more than read-only protects.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::CIS_READ_ONLY],
    concern: Some(&sources::READ_ONLY_ROOT),
    fixes: Fixes::Unsafe,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        if s.is_true("read_only").is_none() {
            let fix = || fixes::unsafe_(
                "set `read_only: true`",
                ed.set(s.node, &["read_only"], &New::scalar("true")),
            );
            out.push(
                Diagnostic::new(
                    s.key.span,
                    format!(
                        "service `{}` has a writable root filesystem: set `read_only: true`",
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
        assert_eq!(spans(&RULE, "services:\n  a:\n    image: x:1\n"), ["a"]);
        fires(&RULE, "services:\n  a:\n    read_only: false\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    read_only: true\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "x-hardening: &h\n  read_only: true\nservices:\n  a:\n    <<: *h\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    image: x:1\n"),
            "services:\n  a:\n    image: x:1\n    read_only: true\n"
        );
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    read_only: false  # writes to /var\n"),
            "services:\n  a:\n    read_only: true  # writes to /var\n"
        );
        fix_converges(&RULE, "services:\r\n  a:\r\n    image: x:1\r\n  b:\r\n    image: y:1");
        assert!(run(&RULE, "services:\n  a: {image: x:1}\n")[0].fix.is_none());
        // a service that is an alias of another: editing it would edit both
        let r = run(&RULE, "services:\n  a: &a\n    image: x:1\n  b: *a\n");
        assert!(r.iter().all(|f| f.fix.is_none()));
    }
}
