//! SC2010: `ls | grep` in RUN; use a glob.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::Sep;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2010",
    name: "ls-grep",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`ls | grep` in RUN: match the names with a glob instead"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `ls` piped straight into `grep`.",
        why: "`ls` writes names for people to read: a name with a newline becomes two lines, and some `ls` \
            versions replace odd characters with `?`. Filtering that output with grep then matches the wrong \
            files or misses some. A glob (`/opt/jdk-*`) or `find -name` hands the names over unchanged.",
        bad: "FROM debian:12-slim\n\
            RUN ln -s \"/opt/$(ls /opt | grep jdk)\" /opt/java\n",
        good: "FROM debian:12-slim\n\
            RUN for d in /opt/jdk*; do ln -s \"$d\" /opt/java; done\n",
        fix: "Use a glob (`for d in /opt/jdk*`) or `find /opt -maxdepth 1 -name 'jdk*'`.",
    },
    quiz: quiz! {
        question: "Why is `ls /data | grep '\\.csv$'` a poor way to list CSV files in a RUN?",
        choices: &[
            Choice {
                text: "ls output is meant for reading: names with newlines or odd characters come out wrong",
                correct: true,
                feedback: "A glob such as `/data/*.csv` gives the exact names.",
            },
            Choice {
                text: "grep cannot read from a pipe inside a Dockerfile",
                correct: false,
                feedback: "Pipes work in RUN; the problem is what ls writes into it.",
            },
            Choice {
                text: "ls is missing from most base images",
                correct: false,
                feedback: "ls is in nearly every base image except distroless ones; the issue is its output format.",
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
            title: text!("ShellCheck wiki: SC2010"),
            url: text!("https://www.shellcheck.net/wiki/SC2010"),
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
            if let Some(g) = run.script.piped_into(c).next().filter(|n| n.name() == Some("grep")) {
                out.push(Diagnostic::new(
                    c.program_span().cover(g.program_span()),
                    "`ls | grep` reads names from output meant for people: use a glob or `find -name`",
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
            spans(&RULE, "FROM a:1\nRUN x=\"$(ls /opt | grep jdk)\"\n"),
            ["ls /opt | grep jdk"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN ls /opt | wc -l; ls /opt; grep x /f | ls\n");
    }
}
