//! DW2002: a service runs privileged.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2002",
    name: "compose-privileged",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("Service runs with `privileged: true`"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a service with `privileged: true`.",
        why: "A privileged container gets every capability, every host device and no seccomp or AppArmor confinement. \
            A process that breaks out of the app (or simply runs `mount`) can reach the host's disks and kernel: it \
            is root on the machine, not in a box.",
        bad: "services:\n  app:\n    image: myapp:1.4.2\n    privileged: true\n",
        good: "services:\n  app:\n    image: myapp:1.4.2\n    cap_add: [NET_BIND_SERVICE]\n",
        fix: "Remove `privileged`. Grant only what the app needs: a single capability with `cap_add`, a specific \
            device with `devices:`.",
    },
    quiz: quiz! {
        question: "A service needs to bind port 80 as a non-root user. What should it get?",
        choices: &[
            Choice {
                text: "`cap_add: [NET_BIND_SERVICE]`",
                correct: true,
                feedback: "Right: one capability, exactly the one it needs.",
            },
            Choice {
                text: "`privileged: true`",
                correct: false,
                feedback: "That grants every capability and every device, far more than binding a low port.",
            },
            Choice {
                text: "`network_mode: host`",
                correct: false,
                feedback: "That shares the host's network stack; it does not grant the right to bind a low port, and \
                    it removes network isolation.",
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
    for s in &c.services {
        if let Some(v) = s.is_true("privileged") {
            let fix = || fixes::unsafe_(
                "set `privileged: false`",
                ed.set(s.node, &["privileged"], &New::scalar("false")),
            );
            out.push(
                Diagnostic::new(
                    v.span,
                    format!(
                        "service `{}` runs privileged: it gets every capability and the host's devices",
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
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    image: x:1\n    privileged: true\n"),
            ["true"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    image: x:1\n    privileged: false\n");
    }

    #[test]
    fn edge() {
        // a quoted "true" is still true for Compose
        fires(&RULE, "services:\n  a:\n    privileged: \"true\"\n");
        // merged in from an anchor
        fires(
            &RULE,
            "x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: x:1\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  a:\n    image: x:1\n    privileged: true  # for the GPU\n"
            ),
            "services:\n  a:\n    image: x:1\n    privileged: false  # for the GPU\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    privileged: \"true\"\n  b:\n    privileged: yes\n",
        );
        // a flow mapping, or a value merged in from an anchor: no fix
        assert!(run(&RULE, "services:\n  a: {privileged: true}\n")[0].fix.is_none());
        assert!(run(
            &RULE,
            "x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: x:1\n"
        )[0]
        .fix
        .is_none());
    }
}
