//! SC3020: `&>` in a RUN run by /bin/sh: use `>file 2>&1`.

use super::helpers::shell::for_each_sh_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC3020",
    name: "sh-ampersand-redirect",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`&>` in a RUN run by /bin/sh: use `>file 2>&1`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags the `&>` and `&>>` redirections in a RUN whose shell is POSIX sh.",
        why: "`cmd &> file` is bash's short form of `cmd > file 2>&1`. POSIX sh reads it as `cmd &` (run in the background) followed by `> file` (truncate the file): in dash the command runs in the background, its output is not captured, and the RUN may finish before it does.",
        bad: "FROM debian:12-slim\nRUN ./configure &> /tmp/configure.log\n",
        good: "FROM debian:12-slim\nRUN ./configure > /tmp/configure.log 2>&1\n",
        fix: "Write `> file 2>&1` (and `>> file 2>&1` for `&>>`).",
    },
    quiz: quiz! {
        question: "Under dash, what does `RUN make &> /tmp/log` do?",
        choices: &[
            Choice {
                text: "Runs make in the background and empties /tmp/log",
                correct: true,
                feedback: "POSIX sh reads `&` as \"run in the background\" and `> /tmp/log` as a separate redirection.",
            },
            Choice {
                text: "Sends make's output and errors to /tmp/log",
                correct: false,
                feedback: "That is bash's meaning; `> /tmp/log 2>&1` says it in POSIX sh.",
            },
            Choice {
                text: "Fails with a syntax error",
                correct: false,
                feedback: "It parses, just not as intended.",
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
            title: text!("ShellCheck wiki: SC3020"),
            url: text!("https://www.shellcheck.net/wiki/SC3020"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const MESSAGE: &str = "`&>` is not POSIX sh: write `> file 2>&1`";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_sh_run(cx, |run| {
        for c in &run.script.commands {
            for r in c.redirects.iter().filter(|r| r.op.starts_with("&>")) {
                out.push(Diagnostic::new(r.span, MESSAGE));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        fires(&RULE, "FROM a:1\nRUN make &> /tmp/log\n");
        fires(&RULE, "FROM a:1\nRUN make &>> /tmp/log\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN make > /tmp/log 2>&1 && echo done &\n");
        silent(&RULE, "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN make &> /tmp/log\n");
    }
}
