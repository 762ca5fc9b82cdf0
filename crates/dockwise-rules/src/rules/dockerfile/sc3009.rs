//! SC3009: Brace expansion `{a,b}` in a RUN run by /bin/sh stays literal.

use super::helpers::shell::for_each_sh_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC3009",
    name: "sh-brace-expansion",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Brace expansion `{a,b}` in a RUN run by /bin/sh stays literal"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags an unquoted word with brace expansion (`{a,b}` or `{1..3}`) in a RUN whose shell is POSIX sh.",
        why: "Brace expansion is a bash, ksh and zsh feature. dash, Debian's and Ubuntu's /bin/sh, leaves `mkdir -p /app/{logs,tmp}` as one directory literally named `{logs,tmp}`, and the build succeeds.",
        bad: "FROM debian:12-slim\nRUN mkdir -p /app/{logs,tmp,data}\n",
        good: "FROM debian:12-slim\nRUN mkdir -p /app/logs /app/tmp /app/data\n",
        fix: "Write the words out, or run the RUN with bash (`SHELL [\"/bin/bash\", \"-c\"]`).",
    },
    quiz: quiz! {
        question: "On debian:12-slim, what does `RUN mkdir -p /app/{logs,tmp}` create?",
        choices: &[
            Choice {
                text: "One directory named `{logs,tmp}`",
                correct: true,
                feedback: "dash does not expand braces; the word is passed as written.",
            },
            Choice {
                text: "/app/logs and /app/tmp",
                correct: false,
                feedback: "That is bash's brace expansion, which dash lacks.",
            },
            Choice {
                text: "Nothing: mkdir rejects braces in names",
                correct: false,
                feedback: "Braces are ordinary characters in file names.",
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
            title: text!("ShellCheck wiki: SC3009"),
            url: text!("https://www.shellcheck.net/wiki/SC3009"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const MESSAGE: &str = "brace expansion is not POSIX sh: the word stays literal under /bin/sh";

/// Does the unquoted part of `raw` hold `{x,y}` or `{a..b}`?
fn has_brace_expansion(raw: &str) -> bool {
    let b = raw.as_bytes();
    let (mut quote, mut open): (Option<u8>, Option<usize>) = (None, None);
    let mut i = 0;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'\\') => i += 1,
            (None, q @ (b'\'' | b'"')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            (None, b'$') if b.get(i + 1) == Some(&b'{') => {
                // a parameter expansion: skip it
                while i < b.len() && b[i] != b'}' {
                    i += 1;
                }
            }
            (None, b'{') => open = Some(i),
            (None, b'}') => {
                if let Some(o) = open.take() {
                    let inner = &raw[o + 1..i];
                    if inner.contains(',') || inner.contains("..") {
                        return true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_sh_run(cx, |run| {
        for c in &run.script.commands {
            if let Some(w) = c.words.iter().find(|w| has_brace_expansion(w.raw)) {
                out.push(Diagnostic::new(w.span, MESSAGE));
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
        fires(&RULE, "FROM a:1\nRUN mkdir -p /app/{logs,tmp}\n");
        fires(&RULE, "FROM a:1\nRUN touch f{1..3}\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nRUN echo '{a,b}' \"{a,b}\" ${X:-a,b} {} x{a}; find . -exec rm {} +\n",
        );
        silent(
            &RULE,
            "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN mkdir -p /app/{a,b}\n",
        );
    }
}
