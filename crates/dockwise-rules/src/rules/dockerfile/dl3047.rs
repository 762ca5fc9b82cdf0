//! DL3047: wget printing a progress bar into the build log.

use super::helpers::fixes::add_flag;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3047",
    name: "wget-progress",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`wget` without a progress setting floods the build log"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags `wget` without `--progress`, `-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file` or \
            `-a`/`--append-output`.",
        why: "Without a terminal, wget's default progress output prints a line for every few kilobytes, and a large \
            download turns into thousands of log lines that hide the output that matters.",
        bad: "FROM debian:12-slim\nRUN wget https://example.com/tool.tar.gz\n",
        good: "FROM debian:12-slim\nRUN wget --progress=dot:giga https://example.com/tool.tar.gz\n",
        fix: "Add `--progress=dot:giga`, or `-nv` / `-q` for quiet output.",
    },
    quiz: quiz! {
        question: "Which wget option keeps build logs short but still shows errors?",
        choices: &[
            Choice {
                text: "`-nv` (`--no-verbose`)",
                correct: true,
                feedback: "Right: it prints one line per file and errors.",
            },
            Choice {
                text: "`-O file`",
                correct: false,
                feedback: "That sets the output file, not the log verbosity.",
            },
            Choice {
                text: "`-c`",
                correct: false,
                feedback: "That resumes downloads.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::Safe,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if cmd.name() != Some("wget") {
            continue;
        }
        let quiet = cmd.has_flag(&[
            "--progress",
            "-q",
            "--quiet",
            "-o",
            "--output-file",
            "-a",
            "--append-output",
            "--no-verbose",
        ]) || cmd.args().iter().any(|w| w.value == "-nv");
        if !quiet {
            // `-nv`, not `--progress`: BusyBox's wget (Alpine) ignores `-nv`
            // but rejects `--progress`
            out.push(
                Diagnostic::new(
                    cmd.program_span(),
                    "wget's progress output floods the build log: add `--progress=dot:giga` or `-nv`",
                )
                .with_fix(|| add_flag(cx, i, cmd.name_word(), "-nv")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM d:1\nRUN wget -O x https://a\n"),
            ["wget -O x https://a"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM d:1\nRUN wget -nv https://a && wget -qO- https://b\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM d:1\nRUN wget --progress=dot:giga https://a\n");
    }

    #[test]
    fn fix() {
        // `-nv`: GNU wget's `--no-verbose`, and ignored by BusyBox's wget
        assert_eq!(
            fix_converges(&RULE, "FROM d:1\nRUN wget -O x https://a\n"),
            "FROM d:1\nRUN wget -nv -O x https://a\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM d:1\nRUN curl -V; wget https://a && wget https://b\n"),
            "FROM d:1\nRUN curl -V; wget -nv https://a && wget -nv https://b\n"
        );
    }
}
