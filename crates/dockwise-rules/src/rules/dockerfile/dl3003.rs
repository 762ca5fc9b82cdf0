//! DL3003: `cd` inside RUN instead of WORKDIR.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3003",
    name: "use-workdir",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`cd` in RUN: use WORKDIR to change directory"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a `cd` command in a RUN instruction.",
        why: "Each RUN starts in the WORKDIR, so a `cd` only lasts until the end of that RUN. Readers (and later \
            instructions) easily assume it still applies, and long `cd a && ... && cd ../b` chains hide where files \
            really go. WORKDIR states the directory once, for every following instruction, and creates it if needed.",
        bad: "FROM node:20-slim\nCOPY . /app\nRUN cd /app && npm ci\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
        fix: "Set the directory with `WORKDIR /path` before the RUN. For a one-off command elsewhere, most tools take \
            a directory option (`make -C dir`, `npm --prefix dir`, `git -C dir`).",
    },
    quiz: quiz! {
        question: "After `RUN cd /app && npm ci`, in which directory does the next RUN start?",
        choices: &[
            Choice {
                text: "In the WORKDIR (or `/` if none was set)",
                correct: true,
                feedback: "Right: every RUN is a fresh shell that starts in the WORKDIR; the `cd` died with the \
                    previous shell.",
            },
            Choice {
                text: "In /app",
                correct: false,
                feedback: "No: the `cd` only changed the directory of the shell that ran that one RUN.",
            },
            Choice {
                text: "In the directory of the build context",
                correct: false,
                feedback: "The build context is not a directory inside the image; RUN starts in WORKDIR.",
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
    for (_, cmd) in cx.commands(false) {
        if cmd.name() == Some("cd") {
            out.report(
                cmd.program_span(),
                "`cd` only lasts for this RUN: use WORKDIR to set the directory",
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
            spans(&RULE, "FROM x:1\nRUN cd /usr/src/app && make\n"),
            ["cd /usr/src/app"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM x:1\nWORKDIR /usr/src/app\nRUN make\n");
        silent(&RULE, "FROM x:1\nRUN echo cd\n");
    }

    #[test]
    fn edge() {
        // inside a subshell still counts, like hadolint
        fires(&RULE, "FROM x:1\nRUN (cd /tmp && tar xf a.tgz)\n");
        // under PowerShell the POSIX shell rules do not apply
        silent(&RULE, "FROM x:1\nSHELL [\"pwsh\", \"-c\"]\nRUN cd C:\\\\app\n");
    }
}
