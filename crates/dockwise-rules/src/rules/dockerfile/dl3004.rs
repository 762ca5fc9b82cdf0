//! DL3004: `sudo` in RUN.

use crate::diagnostics::{Reporter, Severity, Tag};
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
    check: Check::Dockerfile(check),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (_, cmd) in cx.commands(true) {
        if let Some(w) = cmd.invocation("sudo") {
            out.report(
                w.span,
                "do not use `sudo` in a build: run this step as root (USER root), then switch back",
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
}
