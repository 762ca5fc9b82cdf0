//! SC2043: a `for` loop in RUN over a single word runs once.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::parts;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2043",
    name: "loop-runs-once",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A `for` loop in RUN over one plain word only ever runs once"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `for NAME in WORD` where the list is a single word with no expansion and no glob.",
        why: "A loop over one fixed word runs exactly once, so either the loop is not needed or the list was \
            meant to be longer: a quoted list (`for p in \"a b c\"`) is one word, not three, and a pattern in \
            quotes (`\"*.conf\"`) is not expanded. In Dockerfiles this often shows a list of GPG keys or \
            architectures that was cut down to one entry, leaving the loop in place.",
        bad: "FROM debian:12-slim\n\
            RUN for pkg in \"curl ca-certificates\"; do apt-get install -y --no-install-recommends \"$pkg\"; done\n",
        good: "FROM debian:12-slim\n\
            RUN for pkg in curl ca-certificates; do apt-get install -y --no-install-recommends \"$pkg\"; done\n",
        fix: "List the items as separate words (`for p in a b c`), leave the glob unquoted (`for f in *.conf`), \
            or drop the loop when one item is really all there is.",
    },
    quiz: quiz! {
        question: "How many times does `for k in \"KEY1 KEY2\"; do gpg --recv-keys \"$k\"; done` run its body?",
        choices: &[
            Choice {
                text: "Once, with k set to `KEY1 KEY2`",
                correct: true,
                feedback: "The double quotes make the list one word, so gpg gets both keys as one argument.",
            },
            Choice {
                text: "Twice, once per key",
                correct: false,
                feedback: "That would need two words: `for k in KEY1 KEY2`.",
            },
            Choice {
                text: "Never: a quoted list is empty",
                correct: false,
                feedback: "A quoted non-empty string is one item.",
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
            title: text!("ShellCheck wiki: SC2043"),
            url: text!("https://www.shellcheck.net/wiki/SC2043"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for l in &run.script.loops {
            let Some([item]) = l.items.as_deref() else { continue };
            let p = parts(item.raw);
            if p.expansions.is_empty() && !p.glob && !item.raw.contains(['{', '\\']) {
                out.push(Diagnostic::new(
                    l.keyword.cover(item.span),
                    format!(
                        "this loop runs once, over `{}`: list the items as separate words",
                        item.raw
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
            spans(&RULE, "FROM a:1\nRUN for k in \"A B\"; do echo \"$k\"; done\n"),
            ["for k in \"A B\""]
        );
        fires(&RULE, "FROM a:1\nRUN for key in \\\n  6A010C5166006599AA17F08146C2130DFD2497F5 \\\n; do gpg --recv-keys \"$key\"; done\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN for k in A B; do echo \"$k\"; done\n");
        silent(
            &RULE,
            "FROM a:1\nRUN for f in *.conf; do :; done; for v in $LIST; do :; done; for a; do :; done\n",
        );
        silent(
            &RULE,
            "FROM a:1\nRUN for f in \"$(ls)\"; do :; done; for x in {1..3}; do :; done\n",
        );
    }
}
