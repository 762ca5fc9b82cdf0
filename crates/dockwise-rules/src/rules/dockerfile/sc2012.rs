//! SC2012: `ls` output piped to another program in RUN; use find.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::Sep;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2012",
    name: "parse-ls",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`ls` output piped to a program in RUN: use find or a glob"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `ls` piped into a program other than grep (which SC2010 covers) or xargs.",
        why: "`ls` formats names for a terminal: newlines in names split them, and some versions print `?` for \
            characters they cannot show. A program reading that output (`ls -t | head -1`, `ls | wc -l`) then \
            works on names or counts that are not quite the real ones. `find` prints exact names and can \
            separate them with NUL bytes.",
        bad: "FROM debian:12-slim\n\
            RUN cp \"/dist/$(ls -t /dist | head -n 1)\" /app.jar\n",
        good: "FROM debian:12-slim\n\
            RUN find /dist -maxdepth 1 -name '*.jar' -exec cp {} /app.jar \\;\n",
        fix: "Use `find` (with `-print0` when the names go to another program), a glob, or `stat` for sorting by \
            time.",
    },
    quiz: quiz! {
        question: "What does `ls | wc -l` count in a directory holding one file whose name contains a newline?",
        choices: &[
            Choice {
                text: "Two: the name is printed over two lines",
                correct: true,
                feedback: "ls output is lines of text; `find . -maxdepth 1 -type f -print0` keeps names whole.",
            },
            Choice {
                text: "One: ls quotes names with newlines when piped",
                correct: false,
                feedback: "ls quotes names only when writing to a terminal, and only in some versions.",
            },
            Choice {
                text: "Zero: ls skips names it cannot print",
                correct: false,
                feedback: "ls prints every name; the newline just breaks the line count.",
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
            title: text!("ShellCheck wiki: SC2012"),
            url: text!("https://www.shellcheck.net/wiki/SC2012"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in run
            .script
            .commands
            .iter()
            .filter(|c| c.name() == Some("ls") && c.sep == Sep::Pipe)
        {
            if let Some(next) = run
                .script
                .piped_into(c)
                .next()
                .filter(|n| n.name() != Some("grep") && !n.invokes("xargs"))
            {
                out.push(Diagnostic::new(
                    c.program_span(),
                    format!(
                        "`{}` reads names from ls output, meant for people: use find or a glob",
                        next.name().unwrap_or("this command")
                    ),
                ));
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
        assert_eq!(
            spans(&RULE, "FROM a:1\nRUN n=\"$(ls -t /d | head -n 1)\"\n"),
            ["ls -t /d"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN ls /opt | grep x; ls /opt; ls | xargs echo\n");
    }
}
