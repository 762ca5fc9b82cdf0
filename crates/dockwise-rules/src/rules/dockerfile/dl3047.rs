//! DL3047: wget printing a progress bar into the build log.

use super::helpers::fixes::add_flag;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "Without a terminal, GNU wget falls back from its progress bar to the dot display, one line per 50 KB by \
            default, so a 100 MB download adds about 2,000 lines to the build log and hides the output that matters.",
        bad: "FROM buildpack-deps:bookworm-curl\n\
            RUN wget https://example.com/tool.tar.gz\n",
        good: "FROM buildpack-deps:bookworm-curl\n\
            RUN wget --progress=dot:giga https://example.com/tool.tar.gz\n",
        fix: "Add `--progress=dot:giga`, or `-nv` / `-q` for quiet output. For a plain download, `ADD \
            --checksum=sha256:... <url>` (as Docker's guide suggests) needs no wget at all.",
    },
    quiz: quiz! {
        question: "Without a terminal, how much does GNU wget's default progress output print for a 100 MB download?",
        choices: &[
            Choice {
                text: "Around 2,000 lines of dots, one per 50 KB downloaded",
                correct: true,
                feedback: "Without a terminal wget uses the dot display; `--progress=dot:giga` makes it one line per \
                    32 MB.",
            },
            Choice {
                text: "One progress bar, updated in place",
                correct: false,
                feedback: "The bar needs a terminal; without one wget falls back to the dot display.",
            },
            Choice {
                text: "Nothing: wget is quiet unless `-v` is given",
                correct: false,
                feedback: "Verbose output is wget's default; `-q` or `-nv` turns it down.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Building best practices (ADD or COPY: downloading with ADD)"),
            url: text!("https://docs.docker.com/build/building/best-practices/#add-or-copy"),
        },
        &Source {
            title: text!("GNU Wget manual: Download options (--progress)"),
            url: text!("https://www.gnu.org/software/wget/manual/wget.html#Download-Options"),
        },
        &Source {
            title: text!("hadolint wiki: DL3047 (wget without --progress)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3047"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
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
