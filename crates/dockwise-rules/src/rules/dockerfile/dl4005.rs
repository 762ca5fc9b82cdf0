//! DL4005: replacing /bin/sh with a symlink instead of using SHELL.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL4005",
    name: "use-shell-instruction",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`ln` over /bin/sh: use SHELL to change the shell"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `ln` commands that touch `/bin/sh`, typically `ln -sf /bin/bash /bin/sh`.",
        why: "Replacing /bin/sh changes the shell for everything in the image that runs `sh`, including system \
            scripts written for the distribution's sh, and readers of later RUN lines cannot see it. The SHELL \
            instruction changes only the shell Docker uses for this Dockerfile's shell-form RUN, CMD and ENTRYPOINT, \
            in plain sight, and /bin/sh stays what the distribution expects.",
        bad: "FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n",
        good: "FROM debian:12-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n",
        fix: "Use `SHELL [\"/bin/bash\", \"-c\"]` (add `-o pipefail` while at it).",
    },
    quiz: quiz! {
        question: "What does the SHELL instruction change?",
        choices: &[
            Choice {
                text: "The shell used by shell-form instructions",
                correct: true,
                feedback: "Shell-form RUN, CMD and ENTRYPOINT run with it; nothing else in the image changes.",
            },
            Choice {
                text: "The login shell of every user in the image",
                correct: false,
                feedback: "Users' shells come from /etc/passwd.",
            },
            Choice {
                text: "The `/bin/sh` symlink inside the image",
                correct: false,
                feedback: "That is what the `ln` hack does, with its side effects.",
            },
            Choice {
                text: "Only the shell of RUN, not CMD or ENTRYPOINT",
                correct: false,
                feedback: "The reference lists RUN, CMD and ENTRYPOINT in shell form; all three use the SHELL.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Dockerfile reference (SHELL)"),
        url: text!("https://docs.docker.com/reference/dockerfile/#shell"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (_, cmd) in cx.commands(true) {
        if cmd.name() == Some("ln") && cmd.args().iter().any(|w| w.value == "/bin/sh") {
            out.report(
                cmd.program_span(),
                "replacing /bin/sh affects the whole image: use the SHELL instruction",
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
            spans(&RULE, "FROM a:1\nRUN ln -s /bin/bash /bin/sh\n"),
            ["ln -s /bin/bash /bin/sh"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN ln -s /usr/bin/python3 /usr/bin/python\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM a:1\nRUN ln -sf /bin/sh /bin/bash\n");
    }
}
