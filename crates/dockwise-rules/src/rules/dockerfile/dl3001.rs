//! DL3001: commands that make no sense in a build.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "A RUN step runs in a temporary container: when the step ends its processes are stopped and only the \
            files it changed are kept. `service nginx start` therefore starts nothing that lasts, editors such as \
            `vim` need a person at a terminal, and `ps`, `top` or `free` only describe the build container. These \
            commands usually show a misunderstanding of how images are built.",
        bad: "FROM ubuntu:24.04\n\
            RUN apt-get update && apt-get install -y --no-install-recommends nginx \\\n && service nginx start\n",
        good: "FROM ubuntu:24.04\n\
            RUN apt-get update && apt-get install -y --no-install-recommends nginx\n\
            CMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
        fix: "Start services with CMD/ENTRYPOINT (one process per container), edit files with COPY or `sed`, and \
            inspect processes in a running container with `docker exec`.",
    },
    quiz: quiz! {
        question: "What does `RUN ... && service nginx start` leave in the image?",
        choices: &[
            Choice {
                text: "The installed nginx files, but no running process",
                correct: true,
                feedback: "A RUN step commits files. The nginx process ends with the step; the process a container \
                    runs is the one CMD or ENTRYPOINT starts.",
            },
            Choice {
                text: "A running nginx that every container starts with",
                correct: false,
                feedback: "Containers start only their CMD/ENTRYPOINT process; nothing started during the build \
                    survives the step.",
            },
            Choice {
                text: "An nginx service that starts at boot, as on a server",
                correct: false,
                feedback: "A container has no init system starting services at boot; it runs its CMD, so start nginx \
                    there.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("hadolint wiki: DL3001 (commands that make no sense in a container)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3001"),
        },
        &sources::DOCKER_REF_CMD,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
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
