//! DL3059: consecutive RUN instructions that could be one.

use super::helpers::fixes::only_blanks_and_comments;
use super::helpers::is_windows_base;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Args, Kind, Model};
use dockwise_syntax::shell::{Command, Sep};
use dockwise_syntax::FileKind;
use dockwise_syntax::Span;

pub static RULE: Rule = Rule {
    id: "DL3059",
    name: "merge-runs",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("Consecutive single-command RUNs could be one"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags a RUN that directly follows another RUN with the same flags, when both run a single command. \
            RUNs that already chain commands (`a && b`) are left alone: splitting them is usually deliberate.",
        why: "Every RUN adds a layer and a step in the build cache. Files created in one RUN and deleted in the next \
            still ship in the first layer, and long runs of one-line RUNs make the image's history hard to read. \
            Grouping related steps makes each layer meaningful.",
        bad: "FROM debian:12-slim\nRUN mkdir -p /app/data\nRUN chown 10001 /app/data\n",
        good: "FROM debian:12-slim\nRUN mkdir -p /app/data && chown 10001 /app/data\n",
        fix: "Join related commands with `&&` in one RUN (or use a heredoc: `RUN <<EOF ... EOF`).",
    },
    quiz: quiz! {
        question: "Why does a file deleted in the next RUN still make the image bigger?",
        choices: &[
            Choice {
                text: "The layer of the RUN that created it still holds it",
                correct: true,
                feedback: "Each RUN is committed as a layer; a later RUN can only hide the file, not remove it from \
                    the earlier layer.",
            },
            Choice {
                text: "BuildKit ignores deletes made in a later RUN",
                correct: false,
                feedback: "The delete works: later layers no longer show the file. The earlier layer is unchanged, \
                    though.",
            },
            Choice {
                text: "Only because the build cache keeps a copy",
                correct: false,
                feedback: "The build cache is separate from the image; the file is in the image's own layer.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Building best practices (RUN)"),
            url: text!("https://docs.docker.com/build/building/best-practices/#run"),
        },
        &Source {
            title: text!("hadolint wiki: DL3059 (consecutive RUN instructions)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3059"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let mut prev: Option<(usize, Vec<String>, usize)> = None;
    for (i, ins) in cx.instructions().iter().enumerate() {
        if ins.kind != Kind::Run {
            prev = None;
            continue;
        }
        let flags: Vec<String> = ins.flags.iter().map(|f| f.text.clone()).collect();
        let count = cx
            .script(i)
            .map(|s| {
                s.commands
                    .iter()
                    .filter(|c| c.depth == 0 && c.program.is_some())
                    .count()
            })
            .unwrap_or(2);
        if let Some((p, ref pflags, pcount)) = prev {
            if *pflags == flags && pcount == 1 && count == 1 {
                out.push(
                    Diagnostic::new(
                        ins.keyword_span,
                        "this RUN follows another single-command RUN: consider joining them with `&&`",
                    )
                    .with_fix(|| merge(cx, p, i)),
                );
            }
        }
        prev = Some((i, flags, count));
    }
}

/// The one top-level command of the shell-form RUN at `i`, when only
/// blanks come before it and blanks, `;` or comments after it.
fn sole_command<'m>(cx: &'m Model, i: usize) -> Option<&'m Command<'m>> {
    let ins = cx.instructions().get(i)?;
    let Args::Shell(w) = &ins.args else { return None };
    let mut top = cx.script(i)?.commands.iter().filter(|c| c.depth == 0);
    let (Some(cmd), None) = (top.next(), top.next()) else {
        return None;
    };
    let src = cx.source;
    let before = src.get(w.span.start as usize..cmd.span.start as usize)?;
    let after = src.get(cmd.span.end as usize..w.span.end as usize)?;
    let ok = ins.heredocs.is_empty()
        && cmd.sep != Sep::Background
        && before.trim().is_empty()
        && only_blanks_and_comments(after, cx.df.escape);
    ok.then_some(cmd)
}

/// RUN `a` and RUN `b` (same flags) → one RUN `a && b`, `b` on a `\` line
/// of its own. Unsafe: `b` now runs in `a`'s shell (its `cd`, its exports)
/// and the two share a layer and a cache entry. Comment lines between them
/// stay, as comments inside the RUN; pragmas would lose their instruction,
/// so then there is no fix; and in a Windows stage, whose shell is cmd.
fn merge(cx: &Model, first: usize, second: usize) -> Option<Fix> {
    if let Some(stage) = cx.stage_of.get(first).copied().flatten().and_then(|s| cx.stages.get(s)) {
        // (a PowerShell SHELL has no scripts: no single command either)
        if is_windows_base(cx, stage) {
            return None;
        }
    }
    let a = sole_command(cx, first)?;
    sole_command(cx, second)?;
    let (one, ins) = (cx.instructions().get(first)?, cx.instructions().get(second)?);
    let src = cx.source;
    let end = one.span.end as usize;
    let end_of_first = end + src.get(end..)?.find('\n')?;
    // what follows the command (`;`, blanks) goes; a comment would go too
    if src[a.span.end as usize..end].contains('#') {
        return None;
    }
    let esc = cx.df.escape;
    let mut text = format!(" && {esc}\n");
    for line in src.get(end_of_first + 1..ins.keyword_span.start as usize)?.lines() {
        let line = line.trim();
        if line.contains("ignore=") {
            return None;
        }
        if !line.is_empty() {
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push_str("    ");
    Fix::unsafe_(
        "merge with the RUN above",
        vec![Edit::replace(Span::new(a.span.end, ins.args_span.start), text)],
    )
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        let src = "FROM a:1\nRUN echo hi\n# a comment\nRUN echo ho\n";
        assert_eq!(run(&RULE, src).len(), 1);
        assert_eq!(run(&RULE, src)[0].span.start as usize, src.rfind("RUN").unwrap());
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN echo a && echo b\nRUN echo c\n");
        silent(&RULE, "FROM a:1\nRUN echo a\nWORKDIR /x\nRUN echo b\n");
    }

    #[test]
    fn edge() {
        // different mounts are separate on purpose
        silent(&RULE, "FROM a:1\nRUN --mount=type=cache,target=/c echo a\nRUN echo b\n");
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let src = "FROM a:1\nRUN mkdir -p /app/data\nRUN chown 10001 /app/data\n";
        assert_eq!(
            fix_converges(&RULE, src),
            "FROM a:1\nRUN mkdir -p /app/data && \\\n    chown 10001 /app/data\n"
        );
        assert_eq!(
            run(&RULE, src)[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN a;\n\n# then b\nRUN b\nRUN c\n"),
            "FROM a:1\nRUN a && \\\n# then b\n    b && \\\n    c\n"
        );
        assert_eq!(
            fix_converges(
                &RULE,
                "# escape=`\nFROM a:1\nRUN --network=none a\nRUN --network=none b\n"
            ),
            "# escape=`\nFROM a:1\nRUN --network=none a && `\n    b\n"
        );
        for src in [
            // a pragma between them would lose its instruction
            "FROM a:1\nRUN a\n# hadolint ignore=DL3008\nRUN b\n",
            // a comment after the first, a job in the background, a heredoc
            "FROM a:1\nRUN a # why\nRUN b\n",
            "FROM a:1\nRUN a\nRUN b &\n",
            "FROM a:1\nRUN a\nRUN <<EOF\nb\nEOF\n",
            "FROM a:1\nRUN [\"a\"]\nRUN b\n",
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a\nRUN b\n",
        ] {
            assert!(run(&RULE, src).iter().all(|f| f.fix.is_none()), "{src}");
        }
    }
}
