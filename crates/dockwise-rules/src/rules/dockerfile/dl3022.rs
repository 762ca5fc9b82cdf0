//! DL3022: `COPY --from` names no earlier stage.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3022",
    name: "copy-from-known-stage",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`COPY --from` names no earlier stage"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `COPY --from=X` where X is neither the name nor the index of an earlier stage, nor an image \
            reference (a name with `:`).",
        why: "BuildKit reads a `--from` value that names no stage as an image (or named context) and tries to pull it \
            from a registry. A typo in a stage name therefore becomes a confusing pull error, or, if someone \
            published an image with that name, silently copies files out of it.",
        bad: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\n\
            COPY --from=biuld /app /app\n",
        good: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\n\
            COPY --from=build /app /app\n",
        fix: "Use the exact name given with `AS` in an earlier FROM (or its index). To copy from an image, name it \
            with its tag: `COPY --from=nginx:1.27 ...`.",
    },
    quiz: quiz! {
        question: "`COPY --from=biuld` has a typo; the stage is called `build`. What does BuildKit do?",
        choices: &[
            Choice {
                text: "It tries to pull `biuld` as an image from a registry",
                correct: true,
                feedback: "A name that is not a stage is looked up as an image, so the typo becomes a registry pull.",
            },
            Choice {
                text: "It stops with \"stage not found\" before building",
                correct: false,
                feedback: "BuildKit has no such check: the unknown name is treated as an image reference, so you get \
                    a pull error, or someone's image.",
            },
            Choice {
                text: "It copies from the build context instead",
                correct: false,
                feedback: "Without `--from` COPY reads the build context; with an unknown `--from` it looks for an \
                    image.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_REF_COPY_FROM],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, ins) in cx.instructions().iter().enumerate() {
        if ins.kind != Kind::Copy {
            continue;
        }
        // stages up to this COPY's own (none before the first FROM)
        let known = cx.stage_of[i].map_or(0, |s| s + 1);
        for f in ins.flags_named("from") {
            let Some(v) = f.value.as_deref() else { continue };
            if v.contains(':') || v.contains('$') || cx.stage_ref(v, known).is_some() {
                continue;
            }
            out.report(
                f.value_span.unwrap_or(f.span),
                format!("no earlier stage is called `{v}`: BuildKit would try to pull an image of that name"),
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
        assert_eq!(spans(&RULE, "FROM a:1 AS x\nFROM b:1\nCOPY --from=y /a /b\n"), ["y"]);
        // a stage defined later does not count
        fires(&RULE, "FROM b:1\nCOPY --from=later /a /b\nFROM a:1 AS later\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1 AS x\nFROM b:1\nCOPY --from=x /a /b\n");
        silent(&RULE, "FROM a:1\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM a:1 AS x\nFROM b:1\nCOPY --from=0 /a /b\nCOPY --from=1 /a /b\n",
        );
        silent(&RULE, "FROM a:1 AS Build\nFROM b:1\nCOPY --from=build /a /b\n");
    }

    #[test]
    fn snippets_without_from() {
        // before the first FROM no stage exists yet
        assert_eq!(spans(&RULE, "COPY --from=foo bar .\n"), ["foo"]);
        fires(&RULE, "COPY --from=0 bar .\n");
        fires(&RULE, "COPY --from=build /a /b\nFROM a:1 AS build\n");
        silent(&RULE, "COPY --from=haskell:latest bar .\n");
    }
}
