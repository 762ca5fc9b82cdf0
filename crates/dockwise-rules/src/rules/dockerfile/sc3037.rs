//! SC3037: `echo -e` or `echo -n` in a RUN run by /bin/sh: use printf.

use super::helpers::shell::for_each_sh_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC3037",
    name: "sh-echo-flags",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`echo -e` or `echo -n` in a RUN run by /bin/sh: use printf"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags echo with an option (`-e`, `-n`, `-E`) in a RUN whose shell is POSIX sh.",
        why: "POSIX gives echo no portable options (`-n` is left to each shell), and dash prints `-e` as text (`echo -e 'a\\tb'` writes `-e a<tab>b`), while bash's echo reads it as an option, so a config file written this way depends on which shell the base image has. printf behaves the same in all of them.",
        bad: "FROM debian:12-slim\nRUN echo -e 'listen 8080;\\\\nserver_name _;' > /etc/nginx/conf.d/port.conf\n",
        good: "FROM debian:12-slim\nRUN printf 'listen 8080;\\\\nserver_name _;\\\\n' > /etc/nginx/conf.d/port.conf\n",
        fix: "Use `printf` (`printf '%s\\n' \"$line\"` for data, `printf 'no newline'` instead of `echo -n`).",
    },
    quiz: quiz! {
        question: "On debian:12-slim (dash), what does `RUN echo -e 'a' > /f` write?",
        choices: &[
            Choice {
                text: "`-e a`: dash's echo takes no options",
                correct: true,
                feedback: "POSIX echo has no `-e`; printf is the portable choice.",
            },
            Choice {
                text: "`a`",
                correct: false,
                feedback: "That is bash's behaviour; dash prints the flag.",
            },
            Choice {
                text: "Nothing: echo fails on an unknown flag",
                correct: false,
                feedback: "echo prints everything it is given; it has no unknown flags.",
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
            title: text!("ShellCheck wiki: SC3037"),
            url: text!("https://www.shellcheck.net/wiki/SC3037"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const MESSAGE: &str = "echo options are not POSIX sh: use printf";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_sh_run(cx, |run| {
        for c in run.script.commands.iter().filter(|c| c.name() == Some("echo")) {
            if let Some(flag) = c.args().first().filter(|w| {
                let v = &*w.value;
                v.len() > 1 && v.starts_with('-') && v[1..].bytes().all(|b| b"neE".contains(&b))
            }) {
                out.push(Diagnostic::new(flag.span, MESSAGE));
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
        fires(&RULE, "FROM a:1\nRUN echo -e \"a\\tb\" > /f\n");
        fires(&RULE, "FROM a:1\nRUN echo -n x > /f\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN echo x -n; echo - ; echo -x\n");
        silent(&RULE, "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo -e x\n");
    }
}
