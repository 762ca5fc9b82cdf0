//! DW1026: a stage nothing uses.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::model::mount_from;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "DW1026",
    name: "unused-stage",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("A build stage is never used"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a stage that is not the last one and that no later stage builds on (`FROM name`), copies from \
            (`COPY --from`) or mounts (`RUN --mount=from=`). Stages named like build targets (`test`, `dev`, `debug`, \
            `lint`...) are left alone, since they are usually built with `--target`.",
        why: "BuildKit skips unused stages, so they do nothing in a normal build, but readers still have to work out \
            whether they matter. Often they are the remains of a refactoring, or a COPY meant to use them names the \
            wrong stage.",
        bad: "FROM golang:1.22 AS deps\nRUN go version\nFROM golang:1.22 AS build\nRUN go build -o /app .\n\
            FROM scratch\nCOPY --from=build /app /app\n",
        good: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n",
        fix: "Delete the stage, or reference it where it was meant to be used.",
    },
    quiz: quiz! {
        question: "With BuildKit, what happens to a stage that the final stage does not depend on?",
        choices: &[
            Choice {
                text: "BuildKit does not build it at all",
                correct: true,
                feedback: "BuildKit works back from the target stage and builds only what it depends on; the legacy \
                    builder ran every stage up to the target.",
            },
            Choice {
                text: "It is built, then thrown away",
                correct: false,
                feedback: "That is the legacy builder; BuildKit builds only the stages the target needs.",
            },
            Choice {
                text: "Its files are merged into the final image",
                correct: false,
                feedback: "Nothing moves between stages unless FROM, COPY --from or a mount takes it.",
            },
            Choice {
                text: "The build fails with an unused-stage error",
                correct: false,
                feedback: "An unused stage is valid; BuildKit just does not build it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Multi-stage builds (Differences between legacy builder and BuildKit)"),
        url: text!(
            "https://docs.docker.com/build/building/multi-stage/#differences-between-legacy-builder-and-buildkit"
        ),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const TARGET_WORDS: &[&str] = &[
    "test",
    "tests",
    "testing",
    "dev",
    "development",
    "debug",
    "lint",
    "check",
    "ci",
    "local",
    "prod",
    "production",
    "release",
    "final",
    "runtime",
    "e2e",
    "bench",
];

/// Which stages are used: built on, or named (or numbered) by a `--from`
/// or a mount's `from=` anywhere in the file. One pass over the file, not
/// one per stage.
fn used_stages(cx: &Context<Model>) -> Vec<bool> {
    let n = cx.stages.len();
    let mut used = vec![false; n];
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for s in &cx.stages {
        if let Some(p) = s.parent.filter(|&p| p < n) {
            used[p] = true;
        }
        if let Some(nm) = s.name.as_deref() {
            by_name.entry(nm).or_default().push(s.index);
        }
    }
    for f in cx.instructions().iter().flat_map(|i| &i.flags) {
        let v = match f.name.as_str() {
            "from" => f.value.clone(),
            "mount" => f.value.as_deref().and_then(mount_from),
            _ => None,
        };
        let Some(v) = v else { continue };
        if let Some(k) = v.parse::<usize>().ok().filter(|k| *k < n && k.to_string() == v) {
            used[k] = true;
        }
        for &k in by_name.get(v.to_ascii_lowercase().as_str()).into_iter().flatten() {
            used[k] = true;
        }
    }
    used
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let n = cx.stages.len();
    let used = used_stages(cx);
    for stage in cx.stages.iter().take(n.saturating_sub(1)) {
        let name = stage.name.as_deref();
        if name.is_some_and(|nm| nm.split(['-', '_', '.']).any(|w| TARGET_WORDS.contains(&w))) {
            continue;
        }
        if !used.get(stage.index).copied().unwrap_or(true) {
            let from = cx.from_of(stage);
            let span = from
                .from_args()
                .and_then(|f| f.alias.as_ref())
                .map(|a| a.span)
                .unwrap_or(from.keyword_span);
            out.report(
                span,
                format!(
                    "stage `{}` is never used by a later stage: remove it or use it",
                    name.unwrap_or("(unnamed)")
                ),
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
        assert_eq!(spans(&RULE, "FROM a:1 AS old\nFROM b:1\n"), ["old"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1 AS b\nFROM c:1\nCOPY --from=b /x /x\n");
        silent(&RULE, "FROM a:1 AS b\nFROM b\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM a:1 AS test\nFROM a:1 AS c\nRUN --mount=type=bind,from=c,target=/c x\nFROM c\n",
        );
        silent(&RULE, "FROM a:1\nFROM b:1\nCOPY --from=0 /x /x\n");
    }
}
