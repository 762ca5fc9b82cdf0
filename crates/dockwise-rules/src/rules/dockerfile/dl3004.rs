//! DL3004: `sudo` in RUN.

use super::helpers::fixes::delete_word;
use crate::diagnostics::{Diagnostic, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3004",
    name: "no-sudo",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("`sudo` in RUN: switch USER instead"),
    tags: &[Tag::Security, Tag::Reliability],
    docs: docs! {
        what: "Flags any command run through `sudo` in a RUN instruction.",
        why: "Build steps already run as the current USER, which is root unless you changed it, so `sudo` is either \
            pointless or a sign that an unprivileged user was given sudo rights, which leaves a privilege-escalation \
            path inside the running container. sudo also behaves differently without a TTY and may ask for a \
            password, hanging or failing the build.",
        bad: "FROM ubuntu:24.04\nRUN sudo apt-get update\n",
        good: "FROM ubuntu:24.04\nUSER root\nRUN apt-get update\nUSER 10001\n",
        fix: "Run the privileged steps before switching to the unprivileged user (or wrap them in `USER root` ... \
            `USER <app>`), and do not install sudo in the image. At runtime, use a tool such as gosu or su-exec only \
            in an entrypoint that drops privileges.",
    },
    quiz: quiz! {
        question: "Why is `RUN sudo apt-get install ...` a problem even when it works?",
        choices: &[
            Choice {
                text: "It means the image's user can become root through sudo, which defeats running as non-root",
                correct: true,
                feedback: "Yes: a container user with sudo rights is effectively root to any attacker who gets a \
                    shell.",
            },
            Choice {
                text: "sudo makes the layer bigger than USER root would",
                correct: false,
                feedback: "Size is not the issue; the privilege cx is.",
            },
            Choice {
                text: "It is faster to use `su -c`",
                correct: false,
                feedback: "`su` has the same problem; the fix is to order steps with USER, not another escalation \
                    tool.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::Unsafe,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if let Some(w) = cmd.invocation("sudo") {
            // a plain `sudo cmd` only: unsafe, as the command now runs as the
            // stage's USER (and with its environment, which sudo resets)
            let plain = cmd.program.is_some_and(|p| p > 0 && std::ptr::eq(&cmd.words[p - 1], w));
            let fix = || plain
                .then(|| delete_word(cx, i, w))
                .flatten()
                .and_then(|e| Fix::unsafe_("remove sudo", vec![e]));
            out.push(
                Diagnostic::new(
                    w.span,
                    "do not use `sudo` in a build: run this step as root (USER root), then switch back",
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
        assert_eq!(spans(&RULE, "FROM x:1\nRUN sudo -E apt-get update && make\n"), ["sudo"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM x:1\nRUN apt-get update\n");
    }

    #[test]
    fn edge() {
        // mentioning sudo as an argument is not running it
        silent(&RULE, "FROM x:1\nRUN apt-get install -y sudo\n");
        fires(&RULE, "FROM x:1\nRUN [\"sudo\", \"make\"]\n");
        fires(&RULE, "FROM x:1\nRUN if true; then sudo make install; fi\n");
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let src = "FROM u:1\nRUN sudo apt-get update && sudo  make install\n";
        assert_eq!(
            fix_converges(&RULE, src),
            "FROM u:1\nRUN apt-get update && make install\n"
        );
        assert_eq!(
            run(&RULE, src)[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        // `sudo -u app cmd` asks for a user: no fix
        assert!(run(&RULE, "FROM u:1\nRUN sudo -u app make\n")[0].fix.is_none());
    }
}
