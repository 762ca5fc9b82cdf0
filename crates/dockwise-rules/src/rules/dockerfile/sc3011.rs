//! SC3011: A here-string `<<<` in a RUN run by /bin/sh.

use super::helpers::shell::for_each_sh_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC3011",
    name: "sh-here-string",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A here-string `<<<` in a RUN run by /bin/sh"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags the `<<<` redirection in a RUN whose shell is POSIX sh.",
        why: "`cmd <<< \"$text\"` feeds a string to a command's input in bash, ksh and zsh. POSIX sh has no here-strings: dash stops the RUN with a syntax error. A pipe from printf, or a heredoc, works in every shell.",
        bad: "FROM debian:12-slim\nARG SHA256\nRUN sha256sum -c <<< \"$SHA256  /tmp/app.tgz\"\n",
        good: "FROM debian:12-slim\nARG SHA256\nRUN echo \"$SHA256  /tmp/app.tgz\" | sha256sum -c -\n",
        fix: "Pipe the text in (`printf '%s\\n' \"$text\" | cmd`) or use a heredoc; or run the RUN with bash.",
    },
    quiz: quiz! {
        question: "What does dash, Debian's /bin/sh, do with `RUN grep -q x <<< \"$LIST\"`?",
        choices: &[
            Choice {
                text: "Stops with a syntax error: POSIX sh has no `<<<`",
                correct: true,
                feedback: "Here-strings belong to bash, ksh and zsh; a pipe or heredoc is portable.",
            },
            Choice {
                text: "Feeds `$LIST` to grep",
                correct: false,
                feedback: "That is bash's here-string, which dash lacks.",
            },
            Choice {
                text: "Reads grep's input from a file named after the string",
                correct: false,
                feedback: "dash does not parse `<<<` at all.",
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
            title: text!("ShellCheck wiki: SC3011"),
            url: text!("https://www.shellcheck.net/wiki/SC3011"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const MESSAGE: &str = "here-strings (`<<<`) are not POSIX sh: pipe the text in or use a heredoc";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_sh_run(cx, |run| {
        for c in &run.script.commands {
            for r in c.redirects.iter().filter(|r| r.op == "<<<") {
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
        fires(&RULE, "FROM a:1\nRUN grep -q x <<< \"$L\"\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN grep -q x <<EOF\nabc\nEOF\n");
        silent(
            &RULE,
            "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN grep -q x <<< \"$L\"\n",
        );
    }
}
