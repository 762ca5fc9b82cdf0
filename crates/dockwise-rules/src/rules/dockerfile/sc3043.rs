//! SC3043: `local` in a RUN run by /bin/sh: POSIX leaves it undefined.

use super::helpers::shell::for_each_sh_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC3043",
    name: "sh-local",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`local` in a RUN run by /bin/sh: POSIX leaves it undefined"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `local` in a RUN whose shell is POSIX sh.",
        why: "`local` is not in POSIX. dash and BusyBox ash have it, so it usually works, but with small differences (dash's `local` copies the outer value, bash's starts empty), and a /bin/sh without it fails with `local: not found`. A function in a RUN rarely needs it.",
        bad: "FROM debian:12-slim\nRUN fetch() { local url=\"$1\"; curl -fsSLO \"$url\"; }; fetch https://example.com/a.tgz\n",
        good: "FROM debian:12-slim\nRUN fetch() { curl -fsSLO \"$1\"; }; fetch https://example.com/a.tgz\n",
        fix: "Use the positional parameters directly, or variable names no one else uses; or run the RUN with bash (`SHELL [\"/bin/bash\", \"-c\"]`).",
    },
    quiz: quiz! {
        question: "Why is `local` in a /bin/sh RUN worth a second look?",
        choices: &[
            Choice {
                text: "It is not POSIX: dash and ash have it with their own rules, other shells may not",
                correct: true,
                feedback: "It works on most images today, but what it does is each shell's choice.",
            },
            Choice {
                text: "It makes the variable visible to later RUN instructions",
                correct: false,
                feedback: "Nothing set in one RUN survives into the next; ENV does that.",
            },
            Choice {
                text: "It is a syntax error in every /bin/sh",
                correct: false,
                feedback: "dash and BusyBox ash accept it.",
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
            title: text!("ShellCheck wiki: SC3043"),
            url: text!("https://www.shellcheck.net/wiki/SC3043"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const MESSAGE: &str = "`local` is not POSIX sh";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_sh_run(cx, |run| {
        for c in run.script.commands.iter().filter(|c| c.name() == Some("local")) {
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
        fires(&RULE, "FROM a:1\nRUN f() { local x=1; }; f\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { local x=1; }; f\n",
        );
        silent(&RULE, "FROM a:1\nRUN echo local\n");
    }
}
