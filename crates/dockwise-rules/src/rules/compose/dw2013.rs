//! DW2013: writable root filesystem.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
                text: "Mount a `tmpfs` at `/tmp` for scratch files",
                correct: true,
                feedback: "It gives writable scratch space in memory, emptied when the container stops, while the \
                    rest of the filesystem stays read-only.",
            },
            Choice {
                text: "Make `/tmp` world-writable in the Dockerfile",
                correct: false,
                feedback: "File permissions cannot override a read-only mount: nothing writes to it, whatever the \
                    mode bits say.",
            },
            Choice {
                text: "Run the process as root so it can write anyway",
                correct: false,
                feedback: "A read-only mount refuses writes from every user, root included; running as root only \
                    adds risk.",
            },
            Choice {
                text: "Drop `read_only` for this service",
                correct: false,
                feedback: "That throws away the protection for the sake of one directory, when a `tmpfs` gives \
                    exactly that directory.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0007"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Compose file reference: services.read_only"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#read_only"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference: services.tmpfs"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#tmpfs"),
        },
        &sources::CIS_READ_ONLY_ROOT,
    ],
    concern: Some(&sources::READ_ONLY_ROOT),
    fixes: Fixes::Unsafe,
    scope: Scope::Service,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        if s.is_true("read_only").is_none() {
            let fix = || {
                fixes::unsafe_(
                    "set `read_only: true`",
                    ed.set(s.node, &["read_only"], &New::scalar("true")),
                )
            };
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
