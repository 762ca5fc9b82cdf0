//! DW2012: capabilities are not dropped.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::shared::fixes;
use crate::rules::shared::normalise_capability;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2012",
    name: "compose-cap-drop-all",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("Service keeps Docker's default capabilities (no `cap_drop: [ALL]`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a service without `cap_drop: [ALL]`.",
        why: "Docker gives every container a fixed set of 14 capabilities by default, among them `NET_RAW` (craft \
            raw packets), `CHOWN`, `DAC_OVERRIDE`, `SETUID` and `MKNOD`. Most apps need none of them. Dropping all \
            and adding back only what fails follows least privilege: an attacker who takes over the process inherits \
            only what the app really used.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    cap_drop: [ALL]\n",
        fix: "Add `cap_drop: [ALL]`, start the stack, and add back (`cap_add`) only what fails without it. Images \
            that start as root and switch user typically need `SETUID` and `SETGID`.",
    },
    quiz: quiz! {
        question: "Why add `cap_drop: [ALL]` to a service that runs with Docker's default capabilities?",
        choices: &[
            Choice {
                text: "So it keeps only the capabilities it really uses",
                correct: true,
                feedback: "Docker's default set has 14 capabilities, most of which an ordinary app never touches; \
                    dropping all removes them from an attacker's reach too.",
            },
            Choice {
                text: "Because Docker grants every capability by default",
                correct: false,
                feedback: "Docker keeps a fixed allow-list of 14 capabilities, not all of them; `privileged: true` \
                    is what grants everything.",
            },
            Choice {
                text: "Because `cap_add` is ignored unless `cap_drop: [ALL]` comes first",
                correct: false,
                feedback: "Both work on their own: `cap_add` adds to the default set, `cap_drop` removes from it. \
                    Combining them is a security choice, not a requirement.",
            },
            Choice {
                text: "To stop the container from running as root",
                correct: false,
                feedback: "Capabilities do not change the user id: the process can still be uid 0, just with fewer \
                    powers. `user:` is what runs it as another user.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0006"],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::DOCKER_RUN_PRIVILEGES, &sources::CIS_CAPABILITIES],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::Unsafe,
    scope: Scope::Service,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        if !s
            .strings("cap_drop")
            .iter()
            .any(|(cap, _)| normalise_capability(cap) == "ALL")
        {
            let fix = || {
                fixes::unsafe_(
                    "drop all capabilities",
                    ed.append(s.node, &["cap_drop"], &New::scalar("ALL")),
                )
            };
            out.push(
                Diagnostic::new(
                    s.key.span,
                    format!(
                        "service `{}` keeps Docker's default capabilities: add `cap_drop: [ALL]`",
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
        fires(&RULE, "services:\n  a:\n    cap_drop: [NET_RAW]\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    cap_drop:\n      - ALL\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    cap_drop: [cap_all]\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    image: x:1\n"),
            "services:\n  a:\n    image: x:1\n    cap_drop:\n      - ALL\n"
        );
        // added to a block list; in the file's list style
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    cap_drop:\n    - NET_RAW\n    image: x:1\n"),
            "services:\n  a:\n    cap_drop:\n    - NET_RAW\n    - ALL\n    image: x:1\n"
        );
        fix_converges(&RULE, "services:\n  a:\n    image: x:1\n  b:\n    cap_drop: []\n");
        // merged in from an anchor: no fix; a service with a merge key still gets its own key
        assert!(run(
            &RULE,
            "x-sec: &sec\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *sec\n    image: x:1\n"
        )[0]
        .fix
        .is_none());
        assert_eq!(
            fix_converges(&RULE, "x-base: &base\n  restart: always\nservices:\n  a:\n    <<: *base\n    image: x:1\n"),
            "x-base: &base\n  restart: always\nservices:\n  a:\n    <<: *base\n    image: x:1\n    cap_drop:\n      - ALL\n"
        );
        // a flow list is left alone
        assert!(run(&RULE, "services:\n  a:\n    cap_drop: [NET_RAW]\n")[0]
            .fix
            .is_none());
    }
}
