//! DL3067: `COPY --from=X / /` copies another stage's whole filesystem.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3067",
    name: "copy-whole-filesystem",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`COPY --from` copies a whole filesystem"),
    tags: &[Tag::Size, Tag::Security],
    docs: docs! {
        what: "Flags `COPY --from=X / /`: the root of another stage or image copied over the root of this one.",
        why: "It undoes the point of a multi-stage build: compilers, caches and everything else from the other stage \
            come along, and the other stage's system files overwrite this one's, which can silently mix two \
            distributions.",
        bad: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\n\
            COPY --from=build / /\n",
        good: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\n\
            COPY --from=build /out/app /app\n",
        fix: "Copy only the files you need (`COPY --from=build /out/app /app`). If you really want a whole root \
            filesystem, build that stage FROM scratch so it holds nothing else.",
    },
    quiz: quiz! {
        question: "What ends up in the image after `COPY --from=build / /`?",
        choices: &[
            Choice {
                text: "The whole build stage, compilers included",
                correct: true,
                feedback: "COPY copies the stage's entire filesystem.",
            },
            Choice {
                text: "Only the files the build stage produced",
                correct: false,
                feedback: "COPY cannot tell build outputs from the rest.",
            },
            Choice {
                text: "Only files that differ from this stage's base",
                correct: false,
                feedback: "COPY copies the other stage's filesystem as it is, not a diff against anything.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_MULTI_STAGE,
        &Source {
            title: text!("hadolint wiki: DL3067 (do not copy an entire filesystem)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3067"),
        },
    ],
    concern: Some(&sources::MULTI_STAGE),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx
        .instructions()
        .iter()
        .map(|i| i.effective())
        .filter(|i| i.kind == Kind::Copy)
    {
        if ins.flag("from").is_none() {
            continue;
        }
        let w = ins.words();
        if w.len() == 2 && w[0].value.trim_matches(['"', '\'']) == "/" && w[1].value.trim_matches(['"', '\'']) == "/" {
            out.report(
                w[0].span.cover(w[1].span),
                "this copies the other stage's whole filesystem: copy only the files you need",
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
        assert_eq!(spans(&RULE, "FROM a:1 AS b\nFROM c:1\nCOPY --from=b / /\n"), ["/ /"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1 AS b\nFROM c:1\nCOPY --from=b /app /app\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1 AS b\nFROM c:1\nCOPY --from=b / /y\nCOPY . /\n");
    }
}
