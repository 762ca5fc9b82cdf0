//! DW2015: the service runs as root explicitly.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2015",
    name: "compose-user-root",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("Service runs as root (`user: root` or `0`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `user: root`, `user: 0` and `user: \"0:0\"` (root user, any group).",
        why: "Containers share the host's kernel. Root in a container is the same user id 0 as on the host, held back \
            only by capabilities, seccomp and namespaces; a kernel bug or a misconfiguration (a mounted host path, \
            the Docker socket) turns it into root on the host. Setting it explicitly also overrides an image that was \
            built to run unprivileged.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n    user: root\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    user: \"10001:10001\"\n",
        fix: "Remove the override so the image's USER applies, or set a numeric unprivileged id (`\"10001:10001\"`) \
            and give that user ownership of the paths it writes.",
    },
    quiz: quiz! {
        question: "Why is root in a container still dangerous even though it is \"in a container\"?",
        choices: &[
            Choice {
                text: "It is the host's user 0, separated only by kernel features that can fail",
                correct: true,
                feedback: "Right: there is no separate kernel; escapes from root containers give root on the host.",
            },
            Choice {
                text: "It is not: container root has no power outside",
                correct: false,
                feedback: "Without user namespaces, container root and host root are the same uid.",
            },
            Choice {
                text: "Because root cannot write logs to stdout",
                correct: false,
                feedback: "Root can write to stdout fine; the risk is about privilege, not logging.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::CIS_CREATE_USER, &sources::PSS_RESTRICTED_NON_ROOT],
    concern: Some(&sources::ROOT_USER),
    fixes: Fixes::Unsafe,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let Some(v) = s.get("user") else { continue };
        let Some(u) = v.scalar_text() else { continue };
        let user = u.split(':').next().unwrap_or("").trim();
        if user == "root" || user == "0" {
            let fix = || fixes::unsafe_(
                "run as user 10001:10001",
                ed.set(s.node, &["user"], &New::scalar("\"10001:10001\"")),
            );
            out.push(
                Diagnostic::new(
                    v.span,
                    format!("service `{}` runs as root: use an unprivileged user id", s.name),
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
        assert_eq!(spans(&RULE, "services:\n  a:\n    user: root\n"), ["root"]);
        fires(&RULE, "services:\n  a:\n    user: 0\n");
        fires(&RULE, "services:\n  a:\n    user: \"0:0\"\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    user: \"1000:1000\"\n");
    }

    #[test]
    fn edge() {
        // root group with an unprivileged user (OpenShift style) is not root
        silent(&RULE, "services:\n  a:\n    user: \"1001:0\"\n");
        silent(&RULE, "services:\n  a:\n    user: ${UID}\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    user: root  # for now\n"),
            "services:\n  a:\n    user: \"10001:10001\"  # for now\n"
        );
        fix_converges(&RULE, "services:\n  a:\n    user: 0\n  b:\n    user: \"0:0\"\n");
        assert!(run(&RULE, "services:\n  a: {user: root}\n")[0].fix.is_none());
    }
}
