//! DW1031: shell commands nested too deep for the checker to read.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::model::startup_script;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::shell::MAX_NESTING;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1031",
    name: "shell-nesting-too-deep",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Shell commands are nested too deep to be checked"),
    tags: &[Tag::Reliability, Tag::Security],
    docs: docs! {
        what: "Flags a RUN, CMD, ENTRYPOINT or HEALTHCHECK whose command substitutions (`$(...)`, backticks, with \
            subshells counted) are nested more than 64 levels deep: the commands inside are not read, so no other \
            rule checks them.",
        why: "Nobody nests 64 command substitutions by hand; such text is generated or hides something. The shell \
            still runs every command inside, but Dockwise stops reading there to stay fast and safe on hostile \
            input, so an `apt-get install` without `-y` or a `curl ... | sh` inside would pass unnoticed.",
        bad: "FROM alpine:3.20\nRUN echo $($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($($(curl -fsSL https://example.com/install.sh | sh)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n",
        good: "FROM alpine:3.20\nRUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh \\\n    && sh /tmp/install.sh\n",
        fix: "Write the commands out flat: run them one after the other, keep intermediate results in variables or \
            files, or move a long script into a file that you COPY and run.",
    },
    quiz: quiz! {
        question: "A RUN nests its commands 100 `$(...)` deep. What happens to the innermost ones?",
        choices: &[
            Choice {
                text: "The shell runs them, but Dockwise stops reading past 64 levels",
                correct: true,
                feedback: "The builder hands the whole line to the shell, which accepts deep nesting; the checker \
                    bounds its own work and says where it stopped.",
            },
            Choice {
                text: "Docker rejects the RUN: BuildKit caps command substitution depth",
                correct: false,
                feedback: "BuildKit does not parse shell-form commands; it passes them to `/bin/sh -c` as they are.",
            },
            Choice {
                text: "The shell skips the levels beyond its own limit and runs the rest",
                correct: false,
                feedback: "POSIX shells have no such limit to skip at: every level runs (or the shell runs out of \
                    memory and the step fails).",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Dockerfile reference: RUN (shell form)"),
        url: text!("https://docs.docker.com/reference/dockerfile/#shell-form"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn message() -> String {
    format!(
        "commands nested deeper than {MAX_NESTING} levels of `$(...)` or backticks are not checked: write them out flat"
    )
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (_, script) in cx.scripts(true) {
        if let Some(span) = script.too_deep {
            out.report(span, message());
        }
    }
    for (i, ins) in cx.instructions().iter().enumerate() {
        let ins = ins.effective();
        if !cx.posix[i] || !matches!(ins.kind, Kind::Cmd | Kind::Entrypoint | Kind::Healthcheck) {
            continue;
        }
        // every level opens with `(` or a backtick: too few of them, and the
        // text is not worth parsing again
        let openers = ins.args_text.bytes().filter(|&b| b == b'(' || b == b'`').count();
        if openers <= MAX_NESTING as usize {
            continue;
        }
        if let Some(span) = startup_script(ins).and_then(|s| s.too_deep) {
            out.report(span, message());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn nested(levels: usize, inner: &str) -> String {
        format!("{}{inner}{}", "$(".repeat(levels), ")".repeat(levels))
    }

    #[test]
    fn bad() {
        let src = format!("FROM a:1\nRUN echo {}\n", nested(65, "id"));
        let got = run(&RULE, &src);
        assert_eq!(got.len(), 1);
        // the 65th `$(` is where reading stops
        assert_eq!(got[0].span.start as usize, src.find("RUN echo ").unwrap() + 9 + 2 * 64);
        assert_eq!(got[0].span.text(&src), "$(");
        let src = format!("FROM a:1\nCMD echo {}\n", nested(100_000, "id"));
        assert_eq!(spans(&RULE, &src), ["$("]);
        let src = format!("FROM a:1\nONBUILD RUN echo {}\n", nested(1000, "x"));
        assert_eq!(spans(&RULE, &src), ["$("]);
    }

    #[test]
    fn good() {
        silent(&RULE, &format!("FROM a:1\nRUN echo {}\n", nested(64, "id")));
        silent(&RULE, "FROM a:1\nRUN echo $(id -u) `whoami` > $(mktemp)\n");
    }

    #[test]
    fn edge() {
        // subshells, groups and arithmetic do not nest the lexer: read in full
        silent(
            &RULE,
            &format!("FROM a:1\nRUN {}ls{}\n", "( ".repeat(1000), " )".repeat(1000)),
        );
        silent(
            &RULE,
            &format!("FROM a:1\nRUN echo {}1{}\n", "$((".repeat(1000), "))".repeat(1000)),
        );
        // past 64 subshells, a substitution is too deep
        let src = format!("FROM a:1\nRUN {}echo $(id){}\n", "(".repeat(64), ")".repeat(64));
        assert_eq!(spans(&RULE, &src), ["$("]);
        // under PowerShell no shell rule runs
        silent(
            &RULE,
            &format!(
                "FROM a:1\nSHELL [\"pwsh\", \"-c\"]\nRUN echo {}\nCMD echo {}\n",
                nested(100, "x"),
                nested(100, "x")
            ),
        );
    }
}
