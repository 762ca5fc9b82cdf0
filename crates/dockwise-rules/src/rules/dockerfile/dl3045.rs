//! DL3045: COPY to a relative destination before any WORKDIR.

use super::helpers::is_absolute;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3045",
    name: "copy-relative-no-workdir",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("COPY to a relative destination, but no WORKDIR is set"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags COPY with a relative destination in a stage (or the stages it is built on) that has not set \
            WORKDIR yet.",
        why: "A relative destination is resolved against the working directory inherited from the base image, which \
            you do not see and which can change between versions of it. Files then land somewhere unexpected, for \
            example in `/` on many images.",
        bad: "FROM python:3.12-slim\nCOPY requirements.txt .\n",
        good: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n",
        fix: "Set `WORKDIR /app` (or another absolute path) before the COPY, or copy to an absolute destination.",
    },
    quiz: quiz! {
        question: "Without any WORKDIR, where does `COPY app.py .` put the file?",
        choices: &[
            Choice {
                text: "In the base image's working directory",
                correct: true,
                feedback: "The destination is relative to the working directory inherited from the base image, which \
                    you do not see here.",
            },
            Choice {
                text: "In `/app`, Docker's default",
                correct: false,
                feedback: "Nothing makes `/app` special unless you set it.",
            },
            Choice {
                text: "In `/`, always, unless this Dockerfile sets WORKDIR",
                correct: false,
                feedback: "`/` is only the default when no image in the chain set one; the golang images, for \
                    example, start in `/go`.",
            },
            Choice {
                text: "In the build context folder",
                correct: false,
                feedback: "The destination is inside the image, never on the build machine.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Dockerfile reference (WORKDIR)"),
            url: text!("https://docs.docker.com/reference/dockerfile/#workdir"),
        },
        &Source {
            title: text!("hadolint wiki: DL3045 (COPY to a relative destination)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3045"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // the instructions before the first FROM are a section of their own (hadolint)
    for stage in cx.sections() {
        // WORKDIR set in a stage this one is built on carries over.
        let mut workdir = cx
            .lineage(stage)
            .iter()
            .skip(1)
            .any(|s| cx.body(s).any(|(_, i)| i.kind == Kind::Workdir));
        for (_, ins) in cx.body(stage) {
            match ins.kind {
                Kind::Workdir => workdir = true,
                Kind::Copy if !workdir => {
                    if let Some(dest) = ins
                        .words()
                        .last()
                        .filter(|_| ins.words().len() >= 2 || !ins.heredocs.is_empty())
                    {
                        if !is_absolute(&dest.value)
                            && !dest
                                .value
                                .trim_matches(['"', '\''])
                                .get(1..)
                                .is_some_and(|r| r.starts_with(":\\") || r.starts_with(":/"))
                        {
                            out.report(
                                dest.span,
                                format!(
                                    "`{}` is relative and no WORKDIR is set: set WORKDIR first or use an absolute path",
                                    dest.value
                                ),
                            );
                        }
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
        assert_eq!(spans(&RULE, "FROM a:1\nCOPY a.txt data/\n"), ["data/"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nWORKDIR /app\nCOPY a.txt data/\n");
        silent(&RULE, "FROM a:1\nCOPY a.txt /data/\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n");
        silent(&RULE, "FROM a:1\nCOPY a $DEST\n");
        fires(&RULE, "FROM a:1\nCOPY . .\nWORKDIR /app\n");
    }

    #[test]
    fn snippets_without_from() {
        assert_eq!(spans(&RULE, "COPY bla.sh blubb.sh\n"), ["blubb.sh"]);
        fires(&RULE, "COPY bla.sh \"blubb.sh\"\n");
        silent(&RULE, "WORKDIR /usr\nCOPY bla.sh blubb.sh\n");
        silent(&RULE, "COPY bla.sh /usr/local/bin/blubb.sh\n");
        silent(&RULE, "COPY bla.sh c:\\system32\\blubb.sh\n");
        silent(&RULE, "COPY src.sh ${SRC_BASE_ENV}\n");
        // a WORKDIR before the first FROM does not reach the stages
        assert_eq!(spans(&RULE, "WORKDIR /usr\nFROM a:1\nCOPY a b\n"), ["b"]);
    }
}
