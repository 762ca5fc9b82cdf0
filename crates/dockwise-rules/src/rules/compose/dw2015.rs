//! DW2015: the service runs as root explicitly.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "Containers share the host's kernel. Without user-namespace remapping or rootless Docker, root in a \
            container is the same uid 0 as on the host, held back only by capabilities, seccomp, AppArmor and \
            namespaces; a kernel bug or a misconfiguration (a mounted host path, the Docker socket) turns it into \
            root on the host. Setting it explicitly also overrides an image that was built to run unprivileged.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n    user: root\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    user: \"10001:10001\"\n",
        fix: "Remove the override so the image's USER applies, or set a numeric unprivileged id (`\"10001:10001\"`) \
            and give that user ownership of the paths it writes.",
    },
    quiz: quiz! {
        question: "A service sets `user: root`. Why is that risky even inside a container?",
        choices: &[
            Choice {
                text: "It is the host's uid 0, behind fences that can fail",
                correct: true,
                feedback: "Without user-namespace remapping there is no separate root: only capabilities, seccomp, \
                    AppArmor and namespaces hold it back, and an escape through a kernel bug or a mounted host path \
                    lands as root on the host.",
            },
            Choice {
                text: "It is not: root in a container has no power outside it",
                correct: false,
                feedback: "Container root and host root are the same uid unless user namespaces remap it; the \
                    isolation around it is what stops it, and isolation has bugs.",
            },
            Choice {
                text: "Because Docker turns seccomp off for root containers",
                correct: false,
                feedback: "Seccomp and AppArmor stay on for root containers; they are among the fences root is held \
                    back by, and kernel bugs sometimes get past them.",
            },
            Choice {
                text: "Because only root can bind the host's low ports",
                correct: false,
                feedback: "Published ports are opened by Docker on the host, not by the process; inside its own \
                    network namespace any user may bind low ports since Docker 20.10.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0018"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Building best practices: USER"),
            url: text!("https://docs.docker.com/build/building/best-practices/#user"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference: services.user"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#user"),
        },
        &sources::CIS_CREATE_USER,
    ],
    concern: Some(&sources::ROOT_USER),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let Some(v) = s.get("user") else { continue };
        // `${UID:-0}` by its default
        let Some(u) = s.text("user") else { continue };
        let user = u.split(':').next().unwrap_or("").trim();
        if user == "root" || user == "0" {
            let fix = || {
                fixes::unsafe_(
                    "run as user 10001:10001",
                    ed.set(s.node, &["user"], &New::scalar("\"10001:10001\"")),
                )
            };
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
