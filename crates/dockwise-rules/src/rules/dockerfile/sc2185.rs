//! SC2185: `find` without a starting directory in RUN.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2185",
    name: "find-without-path",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`find` without a starting directory in RUN"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `find` whose first argument is an expression (`-name`, `-type`...) instead of a path.",
        why: "GNU find starts from the current directory when no path is given, but BusyBox's and the BSDs' find need one. In a RUN the current directory is the WORKDIR, which is easy to lose track of: `find -name '*.a' -delete` deletes from wherever that is, or fails on another base image.",
        bad: "FROM debian:12-slim\nWORKDIR /usr/local/lib\nRUN find -type f -name '*.a' -delete\n",
        good: "FROM debian:12-slim\nRUN find /usr/local/lib -type f -name '*.a' -delete\n",
        fix: "Name the directory: `find /usr/local/lib -name '*.a'` (or `find . ...` when the WORKDIR is meant).",
    },
    quiz: quiz! {
        question: "What does `RUN find -name '*.pyc' -delete` search?",
        choices: &[
            Choice {
                text: "The current directory, the WORKDIR, with GNU find; other finds may refuse it",
                correct: true,
                feedback: "Naming the path (`find /app ...` or `find . ...`) says which tree is meant and works everywhere.",
            },
            Choice {
                text: "The whole file system, from /",
                correct: false,
                feedback: "With no path GNU find uses `.`, not `/`.",
            },
            Choice {
                text: "Nothing: find without a path is always an error",
                correct: false,
                feedback: "GNU find accepts it and starts from `.`.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_RUN,
        &sources::POSIX_SHELL,
        &Source {
            title: text!("ShellCheck wiki: SC2185"),
            url: text!("https://www.shellcheck.net/wiki/SC2185"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const MESSAGE: &str = "name the directory to search (`find . ...` or `find /path ...`)";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in run.script.commands.iter().filter(|c| c.name() == Some("find")) {
            let expression_first = c.args().first().is_some_and(|w| {
                w.value.starts_with('-')
                    && !matches!(&*w.value, "-H" | "-L" | "-P")
                    && !w.value.starts_with("-O")
                    && !w.value.starts_with("-D")
            });
            if expression_first {
                out.push(Diagnostic::new(c.program_span(), MESSAGE));
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
        fires(&RULE, "FROM a:1\nRUN find -type f -name '*.a' -delete\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN find . -type f; find -L /x -name y; find\n");
    }
}
