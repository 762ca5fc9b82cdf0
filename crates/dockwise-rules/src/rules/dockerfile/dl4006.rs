//! DL4006: a pipe in RUN without `pipefail`.

use super::helpers::fixes::{base_of, built_on, insert_before, safe_unless, Base, Keywords};
use crate::diagnostics::{Diagnostic, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Args, Kind, Model, Stage};
use dockwise_syntax::shell::{Command, Script, Sep};
use dockwise_syntax::span::Span;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL4006",
    name: "pipefail",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A pipe in RUN, but failures inside it are ignored (no pipefail)"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a RUN with a pipe when the shell does not have `pipefail` set: neither by `SHELL [\"/bin/bash\", \
            \"-o\", \"pipefail\", \"-c\"]` (bash, zsh or ash) in the stage or a stage it builds on, nor by `set -o \
            pipefail` earlier in the same RUN. Non-POSIX shells are skipped.",
        why: "A pipeline's exit status is its last command's. In `wget -O - $URL | wc -l > /count` or `curl -fsS $URL \
            | sha256sum > /sum`, a failed download still lets the last command succeed on empty input, so the step \
            passes with a wrong result. `pipefail` makes the pipeline fail if any part of it fails.",
        bad: "FROM buildpack-deps:bookworm-curl\n\
            RUN wget -O - https://example.com/index.txt | wc -l > /count\n",
        good: "FROM buildpack-deps:bookworm-curl\n\
            SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n\
            RUN wget -O - https://example.com/index.txt | wc -l > /count\n",
        fix: "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN (`/bin/ash` on Alpine), or, \
            where /bin/sh supports it, start the RUN with `set -o pipefail &&`. Debian's and Ubuntu's /bin/sh (dash) \
            rejects that option, so use SHELL there.",
    },
    quiz: quiz! {
        question: "`RUN wget -O - https://example.com/list | wc -l > /count` and the download fails. What happens?",
        choices: &[
            Choice {
                text: "The step succeeds: only wc's exit status counts",
                correct: true,
                feedback: "Without pipefail the pipeline's status is wc's, which succeeds on empty input, so /count \
                    holds 0.",
            },
            Choice {
                text: "The build fails, because wget exits with an error code",
                correct: false,
                feedback: "wget does exit non-zero, but the pipe hides it unless pipefail is set.",
            },
            Choice {
                text: "BuildKit retries the step once before failing",
                correct: false,
                feedback: "BuildKit never retries a RUN; here the step even succeeds.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Building best practices (Using pipes)"),
        url: text!("https://docs.docker.com/build/building/best-practices/#using-pipes"),
    }],
    concern: None,
    fixes: Fixes::Contextual,
    scope: Scope::Place,
};

fn shell_sets_pipefail(words: &[dockwise_syntax::dockerfile::Word]) -> bool {
    let Some(first) = words.first() else { return false };
    let base = first.value.rsplit('/').next().unwrap_or("");
    let o_flag = |v: &str| v.starts_with('-') && !v.starts_with("--") && v.ends_with('o');
    matches!(base, "bash" | "zsh" | "ash")
        && words
            .windows(2)
            .any(|w| o_flag(&w[0].value) && w[1].value == "pipefail")
}

/// The first pipe that runs before any `set -o pipefail` in the script.
fn unprotected_pipe(script: &Script) -> Option<Span> {
    let protected_from = script
        .commands
        .iter()
        .filter(|c| c.name() == Some("set"))
        .find(|c| {
            let args: Vec<&str> = c.args().iter().map(|w| &*w.value).collect();
            args.windows(2)
                .any(|w| w[0].starts_with('-') && w[0].ends_with('o') && w[1] == "pipefail")
        })
        .map(|c| c.span.start)
        .unwrap_or(u32::MAX);
    let pipe = *script.pipes.iter().filter(|&&p| p < protected_from).min()?;
    // underline the command before the pipe when there is one
    let before = script
        .commands
        .iter()
        .filter(|c| c.sep == Sep::Pipe && c.span.end <= pipe)
        .max_by_key(|c| c.span.end);
    Some(before.map(|c| c.program_span()).unwrap_or(Span::new(pipe, pipe + 1)))
}

/// `SHELL [<shell>, "-o", "pipefail", "-c"]` before the RUN at `i`, where the
/// base image is known to have the shell: BusyBox ash on Alpine (its
/// `/bin/sh`), bash elsewhere. It holds for every later RUN of the stage and
/// of the stages built on it. Safe where the shell stays the one `/bin/sh`
/// is (Alpine, the Red Hat family) and no later pipe is one that pipefail
/// turns into a failure by design (`yes | ...`, `... | head`); unsafe on
/// Debian and Ubuntu, whose `/bin/sh` is dash (bash reads `echo` escapes
/// and `{a,b}` differently). No fix where the shell was set before, or the
/// base is unknown (distroless images have none).
fn pipefail_shell(cx: &Model, stage: &Stage, i: usize, keywords: &Keywords) -> Option<Fix> {
    if stage.is_preamble()
        || cx
            .lineage(stage)
            .iter()
            .any(|s| cx.body(s).any(|(_, x)| x.kind == Kind::Shell))
    {
        return None;
    }
    let (shell, same_as_sh) = match base_of(cx, stage)? {
        Base::Alpine => ("/bin/ash", true),
        Base::Rhel => ("/bin/bash", true),
        Base::Debian => ("/bin/bash", false),
        Base::Distroless => return None,
    };
    let sigpipe = |c: &Command| match c.name() {
        Some("yes") => c.sep == Sep::Pipe,
        Some("head") => true,
        Some("grep") => c.has_flag(&["-q", "--quiet", "--silent", "-m", "--max-count", "-l"]),
        _ => false,
    };
    // only worth looking for where the fix would otherwise be safe
    let breaks = same_as_sh
        && cx
            .scripts
            .iter()
            .enumerate()
            .skip(i)
            .filter(|(j, _)| {
                cx.stage_of
                    .get(*j)
                    .copied()
                    .flatten()
                    .is_some_and(|t| built_on(cx, t, stage.index))
            })
            .filter_map(|(_, s)| s.as_ref())
            .flat_map(|s| &s.commands)
            .any(sigpipe);
    let line = format!(
        "{} [\"{shell}\", \"-o\", \"pipefail\", \"-c\"]\n",
        keywords.get(cx, "SHELL")
    );
    Fix::new(
        safe_unless(!same_as_sh || breaks),
        "set SHELL with -o pipefail",
        vec![insert_before(cx, i, &line)],
    )
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let keywords = Keywords::default();
    // the instructions before the first FROM are a section of their own (hadolint)
    for stage in cx.sections() {
        // pipefail from SHELL, inherited from the stages this one builds on
        let mut pipefail = cx
            .lineage(stage)
            .iter()
            .skip(1)
            .find_map(|s| {
                cx.body(s)
                    .rev()
                    .find(|(_, i)| i.kind == Kind::Shell)
                    .map(|(_, i)| matches!(&i.args, Args::Exec(w) if shell_sets_pipefail(w)))
            })
            .unwrap_or(false);
        // one fix for the stage: a SHELL before its first RUN flagged
        let mut fix = None;
        for (i, ins) in cx.body(stage) {
            match ins.kind {
                Kind::Shell => pipefail = matches!(&ins.args, Args::Exec(w) if shell_sets_pipefail(w)),
                Kind::Run if !pipefail && !cx.is_onbuild(i) => {
                    if let Some(span) = cx.script(i).and_then(unprotected_pipe) {
                        let fix = || {
                            fix.get_or_insert_with(|| pipefail_shell(cx, stage, i, &keywords))
                                .clone()
                        };
                        out.push(
                            Diagnostic::new(
                                span,
                                "a failure in this pipe is hidden: set `-o pipefail` (SHELL or `set -o pipefail`)",
                            )
                            .with_fix(fix),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nRUN curl x | sh\n"), ["curl x"]);
        fires(
            &RULE,
            "FROM a:1\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN c | d\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
        );
        silent(&RULE, "FROM a:1\nRUN set -euxo pipefail; a | b\n");
        silent(
            &RULE,
            "FROM a:1\nSHELL [\"/bin/ash\", \"-exo\", \"pipefail\", \"-c\"]\nRUN a | b\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nSHELL [\"pwsh\", \"-c\"]\nRUN e | f\n");
        // SHELL carries into a stage built on this one
        silent(
            &RULE,
            "FROM a:1 AS base\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN a | b\n",
        );
        fires(&RULE, "FROM a:1\nRUN a | b; set -o pipefail\n");
        assert_eq!(spans(&RULE, "FROM a:1\nRUN { echo a; echo b; } | tee /x\n"), ["|"]);
    }

    #[test]
    fn snippets_without_from() {
        assert_eq!(
            spans(&RULE, "RUN wget -O - https://some.site | wc -l\n"),
            ["wget -O - https://some.site"]
        );
        silent(
            &RULE,
            "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
        );
        // a SHELL before the first FROM does not reach the stages
        fires(
            &RULE,
            "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM a:1\nRUN a | b\n",
        );
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let applicability = |src: &str| run(&RULE, src)[0].fix.as_ref().map(|f| f.applicability);
        // Alpine: ash is its /bin/sh, now with pipefail
        let src = "FROM alpine:3.20\nRUN apk add --no-cache curl\n# fetch\nRUN curl -fsSL https://x/t.tgz | tar -xz\nRUN a | b\n";
        assert_eq!(
            fix_converges(&RULE, src),
            "FROM alpine:3.20\nRUN apk add --no-cache curl\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\n\
             # fetch\nRUN curl -fsSL https://x/t.tgz | tar -xz\nRUN a | b\n"
        );
        assert_eq!(applicability(src), Some(Applicability::Safe));
        assert_eq!(
            applicability("FROM rockylinux:9\nRUN a | b\n"),
            Some(Applicability::Safe)
        );
        // Debian's /bin/sh is dash: bash is another shell
        let src = "FROM debian:12-slim\nRUN curl -fsSL https://x/t.tgz | tar -xz -C /opt\n";
        assert_eq!(
            fix_converges(&RULE, src),
            "FROM debian:12-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n\
             RUN curl -fsSL https://x/t.tgz | tar -xz -C /opt\n"
        );
        assert_eq!(applicability(src), Some(Applicability::Unsafe));
        // a pipe that pipefail fails on purpose, later or in a stage built on it
        assert_eq!(
            applicability("FROM alpine:3.20 AS a\nRUN a | b\nFROM a\nRUN yes | c\n"),
            Some(Applicability::Unsafe)
        );
        assert_eq!(
            applicability("FROM alpine:3.20\nRUN a | b\nRUN ls | head -1\n"),
            Some(Applicability::Unsafe)
        );
        // unknown bases, a SHELL already set, snippets: no fix
        for src in [
            "FROM myorg/base:1\nRUN a | b\n",
            "FROM gcr.io/distroless/base\nRUN a | b\n",
            "FROM alpine:3.20\nSHELL [\"/bin/sh\", \"-c\"]\nRUN a | b\n",
            "RUN a | b\n",
        ] {
            assert_eq!(applicability(src), None, "{src}");
        }
    }
}
