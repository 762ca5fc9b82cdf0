//! DL3001: commands that make no sense in a build.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3001",
    name: "pointless-command",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("A command that makes no sense in a build"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags interactive or system-management commands in RUN: `free`, `kill`, `mount`, `ps`, `service`, \
            `shutdown`, `ssh`, `top`, `vim`.",
        why: "A build step runs in a throwaway container with no init system, no terminal and no long-running \
            processes. `service nginx start` starts a process that dies with the step; `vim` waits for a keyboard; \
            `ps` and `top` only show the build itself. They signal a misunderstanding of how images are built.",
        bad: "FROM ubuntu:24.04\nRUN service nginx start\n",
        good: "FROM nginx:1.27\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
        fix: "Start services with CMD/ENTRYPOINT (one process per container), edit files with COPY or `sed`, and \
            inspect processes in a running container with `docker exec`.",
    },
    quiz: quiz! {
        question: "What happens to `RUN service nginx start`?",
        choices: &[
            Choice {
                text: "nginx starts and is gone when the step ends; the image stores files, not processes",
                correct: true,
                feedback: "Right: only the filesystem is kept in the layer.",
            },
            Choice {
                text: "nginx keeps running in every container from the image",
                correct: false,
                feedback: "Containers start with CMD/ENTRYPOINT, not with processes from the build.",
            },
            Choice {
                text: "The build hangs forever",
                correct: false,
                feedback: "`service` returns; the problem is that it does nothing lasting.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
};

const POINTLESS: &[&str] = &[
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (_, cmd) in cx.commands(true) {
        if let Some(name) = cmd.name().filter(|n| POINTLESS.contains(n)) {
            if let Some(w) = cmd.name_word() {
                out.report(
                    w.span,
                    format!(
                        "`{name}` does nothing useful in a build step: a build keeps files, not processes or sessions"
                    ),
                );
            }
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
            spans(&RULE, "FROM a:1\nRUN apt-get install -y x && service x start\n"),
            ["service"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN apt-get install -y procps openssh-client\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM a:1\nONBUILD RUN ps aux\n");
    }
}
