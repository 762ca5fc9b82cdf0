//! DL3024: two stages with the same name.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;
use std::collections::HashSet;

pub static RULE: Rule = Rule {
    id: "DL3024",
    name: "unique-stage-names",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("Two stages have the same name"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a FROM ... AS name where an earlier stage already has that name (names compare without case, as \
            BuildKit lowercases them). BuildKit's DuplicateStageName.",
        why: "`COPY --from=name` and `FROM name` become ambiguous. BuildKit warns (DuplicateStageName) and resolves \
            `COPY --from=name` and `--target` to the later stage, so the earlier one can no longer be copied from. \
            Docker's docs call this an error, and with `# check=error=true` it does fail the build. It usually comes \
            from copy-pasting a stage and forgetting to rename it.",
        bad: "FROM node:20 AS build\nRUN npm ci\nFROM node:20 AS build\nRUN npm run build\n",
        good: "FROM node:20 AS deps\nRUN npm ci\nFROM node:20 AS build\nRUN npm run build\n",
        fix: "Give every stage its own name.",
    },
    quiz: quiz! {
        question: "Stage names `Build` and `build` in one file are...",
        choices: &[
            Choice {
                text: "The same name",
                correct: true,
                feedback: "BuildKit stores stage names in lower case, so the two collide (DuplicateStageName).",
            },
            Choice {
                text: "Two different stages",
                correct: false,
                feedback: "Stage names are not case-sensitive: `COPY --from=build` would use the later of the two.",
            },
            Choice {
                text: "Invalid: stage names must be lower case",
                correct: false,
                feedback: "Upper case is allowed; BuildKit's StageNameCasing check only warns, and the name is stored \
                    in lower case.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["DuplicateStageName"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: DuplicateStageName"),
        url: text!("https://docs.docker.com/reference/build-checks/duplicate-stage-name/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let mut seen = HashSet::new();
    for stage in &cx.stages {
        let Some(name) = &stage.name else { continue };
        if !seen.insert(name.as_str()) {
            if let Some(alias) = cx.from_of(stage).from_args().and_then(|f| f.alias.as_ref()) {
                out.report(
                    alias.span,
                    format!("a stage named `{name}` already exists: give this one its own name"),
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
        assert_eq!(spans(&RULE, "FROM a:1 AS x\nFROM b:1 AS x\n"), ["x"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1 AS x\nFROM b:1 AS y\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM a:1 AS build\nFROM b:1 AS Build\n");
    }
}
