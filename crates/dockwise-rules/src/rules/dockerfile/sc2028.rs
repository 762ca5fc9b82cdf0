//! SC2028: `echo` with backslash escapes in RUN; use printf.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2028",
    name: "echo-escapes",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`echo` with `\\n` or `\\t` in RUN: the output depends on the shell"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags an `echo` argument with a quoted backslash escape such as `\\n`, `\\t` or `\\0`, when echo \
            has no `-e` or `-E` option.",
        why: "POSIX leaves echo's handling of backslashes to the implementation. dash (Debian's and Ubuntu's \
            `/bin/sh`) turns `\\t` into a tab; bash's built-in echo prints the two characters. The same RUN writes \
            different files depending on the base image or a later SHELL instruction. `printf` behaves the same \
            everywhere.",
        bad: "FROM debian:12-slim\n\
            RUN echo '<FilesMatch \\.php$>\\n\\tSetHandler php\\n</FilesMatch>' > /etc/apache2/conf-enabled/php.conf\n",
        good: "FROM debian:12-slim\n\
            RUN printf '%s\\n\\t%s\\n%s\\n' '<FilesMatch \\.php$>' 'SetHandler php' '</FilesMatch>' \\\n    \
            > /etc/apache2/conf-enabled/php.conf\n",
        fix: "Use `printf` with a format string (`printf 'a\\tb\\n'`, or `printf '%s\\n' \"$line\"` for data), or a \
            heredoc for several lines.",
    },
    quiz: quiz! {
        question: "`RUN echo 'a\\tb' > /f` on debian:12 (whose /bin/sh is dash), then the same line under \
            `SHELL [\"/bin/bash\", \"-c\"]`. What differs?",
        choices: &[
            Choice {
                text: "dash writes a tab between a and b; bash's echo writes a backslash and a t",
                correct: true,
                feedback: "Each shell's echo handles backslashes its own way; printf gives the same result in both.",
            },
            Choice {
                text: "Nothing: single quotes keep `\\t` literal in every shell",
                correct: false,
                feedback: "The quotes pass `\\t` to echo unchanged; what echo then does with it differs.",
            },
            Choice {
                text: "Both write a tab, since `\\t` is a standard escape",
                correct: false,
                feedback: "bash's echo only reads escapes with `-e` (or with xpg_echo set).",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_RUN,
        &Source {
            title: text!("POSIX: echo (application usage: use printf)"),
            url: text!("https://pubs.opengroup.org/onlinepubs/9799919799/utilities/echo.html"),
        },
        &Source {
            title: text!("ShellCheck wiki: SC2028"),
            url: text!("https://www.shellcheck.net/wiki/SC2028"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Does quoted text in `raw` hold `\` and an escape letter?
fn quoted_escape(raw: &str) -> bool {
    let mut quote = None;
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match (quote, b[i]) {
            (None, q @ (b'\'' | b'"')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            (None, b'\\') => i += 1,
            (Some(_), b'\\') => {
                // in double quotes, `\\` is one backslash: look past it
                let next = b.get(i + 1).copied();
                if quote == Some(b'"') && next == Some(b'\\') {
                    if b.get(i + 2).is_some_and(|c| b"abefnrtv0c".contains(c)) {
                        return true;
                    }
                    i += 2;
                    continue;
                }
                if next.is_some_and(|c| b"abefnrtv0c".contains(&c)) {
                    return true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in run.script.commands.iter().filter(|c| c.name() == Some("echo")) {
            if c.args()
                .iter()
                .any(|w| w.value.starts_with("-e") || w.value.starts_with("-E"))
            {
                continue;
            }
            if let Some(w) = c.args().iter().find(|w| quoted_escape(w.raw)) {
                out.push(Diagnostic::new(
                    w.span,
                    "echo's handling of backslash escapes differs between shells: use printf",
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
        assert_eq!(spans(&RULE, "FROM a:1\nRUN echo 'a\\tb' > /f\n"), ["'a\\tb'"]);
        fires(&RULE, "FROM a:1\nRUN echo \"line\\n\" >> /f\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN printf 'a\\tb\\n' > /f\n");
        // unquoted backslashes are removed by the shell; -e says what is meant
        silent(&RULE, "FROM a:1\nRUN echo a\\tb; echo -e 'a\\tb'\n");
        // a backslash before other characters (a regex), a path on Windows
        silent(&RULE, "FROM a:1\nRUN echo '<FilesMatch \\.php$>' 'C:\\Users'\n");
    }
}
