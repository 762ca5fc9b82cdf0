//! DL3023: `COPY --from` names the stage it is in.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3023",
    name: "copy-from-self",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("`COPY --from` names its own stage"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `COPY --from=X` inside the stage named X.",
        why: "A stage cannot copy from itself: its files are still being built. BuildKit rejects the file (\"circular \
            dependency detected on stage\"). It is usually a copy-paste slip where another stage was meant.",
        bad: "FROM golang:1.22 AS build\nCOPY --from=build /src /src\n",
        good: "FROM golang:1.22 AS deps\nRUN go mod download\nFROM golang:1.22 AS build\n\
            COPY --from=deps /go/pkg /go/pkg\n",
        fix: "Copy from an earlier stage, or, for files of the same stage, refer to them directly.",
    },
    quiz: quiz! {
        question: "What happens with `COPY --from=build` inside the `build` stage?",
        choices: &[
            Choice {
                text: "The build fails with a circular dependency",
                correct: true,
                feedback: "A stage cannot depend on itself, so BuildKit stops before building anything.",
            },
            Choice {
                text: "It copies the files from the previous build's cache",
                correct: false,
                feedback: "COPY --from never reads old builds; it names a stage, image or context.",
            },
            Choice {
                text: "It copies the stage's files as of its FROM line",
                correct: false,
                feedback: "BuildKit does not snapshot a stage part-way; it reports the self-reference as a cycle.",
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
        let Some(name) = cx.stage_of[i].and_then(|s| cx.stages[s].name.clone()) else {
            continue;
        };
        for f in ins.flags_named("from") {
            if f.value.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(&name)) {
                out.report(
                    f.value_span.unwrap_or(f.span),
                    format!("`--from={name}` names the stage this COPY is in"),
                );
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
        assert_eq!(spans(&RULE, "FROM a:1 AS x\nCOPY --from=x /a /b\n"), ["x"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1 AS x\nFROM b:1 AS y\nCOPY --from=x /a /b\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nCOPY --from=x /a /b\n");
    }
}
