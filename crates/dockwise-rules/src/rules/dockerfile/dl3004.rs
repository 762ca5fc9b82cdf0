//! DL3004: `sudo` in RUN.

use super::helpers::fixes::delete_word;
use crate::diagnostics::{Diagnostic, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "Build steps run as the current USER, which is root unless you changed it, so `sudo` is either pointless \
            or a sign that the image's user was given sudo rights: then anyone who gets a shell in the container as \
            that user can become root. Docker's guide also warns that sudo's TTY and signal handling is \
            unpredictable in containers, and without a terminal sudo cannot ask for a password, so a step that needs \
            one fails.",
        bad: "FROM debian:12-slim\n\
            RUN apt-get update && apt-get install -y sudo && useradd app \\\n && echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app\n\
            USER app\n\
            RUN sudo apt-get install -y curl\n",
        good: "FROM debian:12-slim\n\
            RUN apt-get update && apt-get install -y curl && useradd app\n\
            USER app\n",
        fix: "Run the privileged steps before switching to the unprivileged user (or wrap them in `USER root` ... \
            `USER <app>`), and do not install sudo in the image. If a process must start as root and then drop \
            privileges, use a tool such as gosu in its entrypoint.",
    },
    quiz: quiz! {
        question: "Why is `RUN sudo apt-get install ...` a problem even when it works?",
        choices: &[
            Choice {
                text: "The image's user can become root again through sudo",
                correct: true,
                feedback: "sudo and its sudoers entry ship in the image, so anyone who gets a shell as that user is \
                    effectively root.",
            },
            Choice {
                text: "RUN steps run unprivileged, so sudo is needed for installs",
                correct: false,
                feedback: "RUN runs as the current USER, which is root unless you changed it; put the install before \
                    `USER app`.",
            },
            Choice {
                text: "sudo only matters at build time; containers do not keep it",
                correct: false,
                feedback: "sudo and the sudoers file are files in the image: every container has them, and so does \
                    anyone who gets a shell in it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Building best practices (USER: avoid sudo)"),
        url: text!("https://docs.docker.com/build/building/best-practices/#user"),
    }],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if let Some(w) = cmd.invocation("sudo") {
            // a plain `sudo cmd` only: unsafe, as the command now runs as the
            // stage's USER (and with its environment, which sudo resets)
            let plain = cmd.program.is_some_and(|p| p > 0 && std::ptr::eq(&cmd.words[p - 1], w));
            let fix = || {
                plain
                    .then(|| delete_word(cx, i, w))
                    .flatten()
                    .and_then(|e| Fix::unsafe_("remove sudo", vec![e]))
            };
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
