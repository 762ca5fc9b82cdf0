//! SC3010: `[[ ]]` in a RUN run by /bin/sh, which may not have it.

use super::helpers::shell::for_each_sh_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC3010",
    name: "sh-double-brackets",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`[[ ]]` in a RUN run by /bin/sh, which may not have it"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `[[ ... ]]` in a RUN whose shell is POSIX sh (Docker's default `/bin/sh -c`, or SHELL naming sh, dash or ash).",
        why: "`[[` is a keyword of bash, ksh and zsh, not of POSIX sh. Debian's and Ubuntu's /bin/sh is dash, which has no `[[`: the test fails with `[[: not found`, and in an `if` or `&&` that failure just takes the other branch, so the build goes on doing the wrong thing. BusyBox ash (Alpine) happens to accept it, so the same line behaves differently on another base image.",
        bad: "FROM debian:12-slim\nRUN if [[ -f /etc/debian_version ]]; then echo debian > /etc/family; fi\n",
        good: "FROM debian:12-slim\nRUN if [ -f /etc/debian_version ]; then echo debian > /etc/family; fi\n",
        fix: "Use `[ ... ]` (quote the variables inside it), or run the RUN with bash: `SHELL [\"/bin/bash\", \"-c\"]` before it, where the image has bash.",
    },
    quiz: quiz! {
        question: "On debian:12-slim, what does `RUN if [[ -f /x ]]; then echo yes; else echo no; fi` print when /x exists?",
        choices: &[
            Choice {
                text: "`no`, after an error: dash has no `[[`, so the condition fails",
                correct: true,
                feedback: "dash reports `[[: not found`; the failed condition picks the else branch and the build carries on.",
            },
            Choice {
                text: "`yes`: `[[` is standard in every /bin/sh",
                correct: false,
                feedback: "`[[` is not POSIX; dash, Debian's /bin/sh, lacks it.",
            },
            Choice {
                text: "The build stops with a syntax error",
                correct: false,
                feedback: "dash treats `[[` as a command name that is not found, which only fails the condition.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_SHELL,
        &sources::POSIX_SHELL,
        &Source {
            title: text!("ShellCheck wiki: SC3010"),
            url: text!("https://www.shellcheck.net/wiki/SC3010"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const MESSAGE: &str = "`[[ ]]` is not POSIX sh: use `[ ]`, or SHELL with bash";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_sh_run(cx, |run| {
        for c in run.script.commands.iter().filter(|c| c.name() == Some("[[")) {
            out.push(Diagnostic::new(c.program_span(), MESSAGE));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        fires(&RULE, "FROM a:1\nRUN [[ -f x ]] && echo y\n");
        fires(
            &RULE,
            "FROM a:1 AS b\nSHELL [\"/bin/sh\", \"-c\"]\nRUN if [[ -n \"$X\" ]]; then :; fi\n",
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN [ -f x ] && echo y\n");
        silent(&RULE, "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -f x ]]\n");
        silent(&RULE, "FROM a:1\nRUN <<EOF\n#!/bin/bash\n[[ -f x ]]\nEOF\n");
    }
}
