//! SC3014: `==` inside `[ ]` in a RUN run by /bin/sh: use `=`.

use super::helpers::shell::for_each_sh_run;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC3014",
    name: "sh-double-equals",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`==` inside `[ ]` in a RUN run by /bin/sh: use `=`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `==` as a comparison in `[ ... ]` or `test` in a RUN whose shell is POSIX sh.",
        why: "POSIX `test` compares strings with a single `=`. dash, Debian's and Ubuntu's /bin/sh, stops with `[: unexpected operator` on `==`; in an `if` that error just means \"false\", so the wrong branch runs and the build goes on.",
        bad: "FROM debian:12-slim\nARG TARGETARCH\nRUN if [ \"$TARGETARCH\" == \"arm64\" ]; then echo arm > /etc/arch; fi\n",
        good: "FROM debian:12-slim\nARG TARGETARCH\nRUN if [ \"$TARGETARCH\" = \"arm64\" ]; then echo arm > /etc/arch; fi\n",
        fix: "Use a single `=` in `[ ]` and `test`. The fix does this; it is safe, as `=` means the same in every shell.",
    },
    quiz: quiz! {
        question: "On debian:12-slim with TARGETARCH=arm64, what does `if [ \"$TARGETARCH\" == arm64 ]; then echo arm; else echo other; fi` print?",
        choices: &[
            Choice {
                text: "`other`, after an error: dash's `[` knows only `=`",
                correct: true,
                feedback: "dash reports an unexpected operator; the failed test picks the else branch.",
            },
            Choice {
                text: "`arm`",
                correct: false,
                feedback: "bash accepts `==`; dash does not.",
            },
            Choice {
                text: "Nothing: the build stops",
                correct: false,
                feedback: "The error only fails the condition; the RUN carries on.",
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
            title: text!("ShellCheck wiki: SC3014"),
            url: text!("https://www.shellcheck.net/wiki/SC3014"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

const MESSAGE: &str = "`==` is not POSIX `test`: use `=`";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_sh_run(cx, |run| {
        for c in run
            .script
            .commands
            .iter()
            .filter(|c| matches!(c.name(), Some("[" | "test")))
        {
            for w in c.args().iter().filter(|w| w.raw == "==") {
                let span = w.span;
                out.push(
                    Diagnostic::new(span, MESSAGE).with_fix(|| Fix::safe("use =", vec![Edit::replace(span, "=")])),
                );
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
        fires(&RULE, "FROM a:1\nRUN [ \"$A\" == b ] && echo y\n");
        fires(&RULE, "FROM a:1\nRUN test x == y\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN [ \"$A\" = b ]; [[ $A == b ]]; echo ==\n");
        silent(&RULE, "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [ a == b ]\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN [ \"$A\" == b ] && echo y\n"),
            "FROM a:1\nRUN [ \"$A\" = b ] && echo y\n"
        );
    }
}
