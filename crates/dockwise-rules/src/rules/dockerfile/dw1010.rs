//! DW1010: FROM uses an ARG that is not declared before the first FROM
//! (BuildKit's UndefinedArgInFrom).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::distance;
use crate::sources;
use dockwise_syntax::dockerfile::model::{variable_refs, PREDEFINED_ARGS};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::span::Span;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1010",
    name: "undefined-arg-in-from",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("FROM uses an ARG that is not declared before the first FROM"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `$NAME` in a FROM (image or `--platform`) when no `ARG NAME` comes before the first FROM, and \
            NAME is not one of BuildKit's predefined platform arguments. Suggests a declared ARG with a similar name.",
        why: "Only ARGs declared before the first FROM are visible to FROM lines, and a `--build-arg` reaches FROM \
            only through such a declaration. An undeclared name expands to an empty string: `FROM \
            node:${NODE_VERSION}-slim` becomes `FROM node:-slim` and the build fails on an invalid reference, or, \
            worse, it still builds from another image than meant (`FROM node:20${VARIANT}` is plain `node:20`). A \
            misspelled name behaves the same way.",
        bad: "ARG NODE_VERSION=20\nFROM node:${NODE_VERSON}-slim\n",
        good: "ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-slim\n",
        fix: "Declare the ARG before the first FROM (`ARG NODE_VERSION=20`), and check its spelling.",
    },
    quiz: quiz! {
        question: "The first line is `FROM node:${VERSION}-slim`, with no ARG before it. What does `docker build \
            --build-arg VERSION=20 .` do?",
        choices: &[
            Choice {
                text: "Fails on the image name `node:-slim`",
                correct: true,
                feedback: "Undeclared, VERSION is not a build argument of the FROM line: it expands to nothing, \
                    `node:-slim` is not a valid reference, and BuildKit's UndefinedArgInFrom check reports the name.",
            },
            Choice {
                text: "Builds from `node:20-slim`, using the --build-arg",
                correct: false,
                feedback: "A --build-arg reaches FROM only when an ARG before the first FROM declares it; \
                    undeclared, the value is not used.",
            },
            Choice {
                text: "Builds from `node:slim`, dropping the empty part",
                correct: false,
                feedback: "Expansion is plain text substitution: `node:` + `` + `-slim` gives `node:-slim`, which is \
                    not a valid tag.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["UndefinedArgInFrom"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Build checks: UndefinedArgInFrom"),
            url: text!("https://docs.docker.com/reference/build-checks/undefined-arg-in-from/"),
        },
        &sources::DOCKER_ARG_AND_FROM,
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let globals: Vec<String> = cx
        .instructions()
        .iter()
        .take_while(|i| i.kind != Kind::From)
        .filter(|i| i.kind == Kind::Arg)
        .flat_map(|i| i.key_values().iter().map(|kv| kv.key.value.to_string()))
        .collect();
    for ins in cx.instructions().iter().filter(|i| i.kind == Kind::From) {
        let mut texts: Vec<(String, Span)> = Vec::new();
        if let Some(f) = ins.from_args() {
            texts.push((f.image.text.clone(), f.image.span));
        }
        for f in ins.flags_named("platform") {
            if let (Some(v), Some(span)) = (&f.value, f.value_span) {
                texts.push((v.clone(), span));
            }
        }
        for (text, span) in texts {
            for r in variable_refs(&text, cx.df.escape) {
                if globals.contains(&r.name) || PREDEFINED_ARGS.contains(&r.name.as_str()) || r.has_default {
                    continue;
                }
                let near = globals
                    .iter()
                    .filter(|g| distance(g, &r.name) <= 2)
                    .min_by_key(|g| distance(g, &r.name));
                let hint = near.map(|n| format!(" (did you mean `{n}`?)")).unwrap_or_default();
                let at = Span::new(span.start + r.start as u32, (span.start + r.end as u32).min(span.end));
                // the declared name it is near (at most one edit per four
                // characters, so `A` is no fix for `TAG`): unsafe, the image changes
                let close = near.filter(|n| distance(n, &r.name) * 4 <= r.name.len());
                let fix = || {
                    close.and_then(|n| {
                        let text = at.text(cx.source);
                        let name_at = text.find(r.name.as_str())?;
                        let start = at.start + name_at as u32;
                        let name = Span::new(start, start + r.name.len() as u32);
                        Fix::unsafe_(format!("use {n}").as_str(), vec![Edit::replace(name, n.as_str())])
                    })
                };
                out.push(
                    Diagnostic::new(
                        at,
                        format!(
                            "`{}` is not declared by an ARG before the first FROM, so it is empty here{hint}",
                            r.name
                        ),
                    )
                    .with_fix(fix),
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
        assert_eq!(spans(&RULE, "FROM node:${V}\nARG V=20\n"), ["${V}"]);
        assert!(run(&RULE, "ARG NODE_VERSION=20\nFROM node:${NODE_VERSON}\n")[0]
            .message
            .contains("did you mean `NODE_VERSION`"));
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "ARG BASE=alpine:3.20\nFROM $BASE\nFROM --platform=$BUILDPLATFORM golang:1.22\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM alpine:${TAG:-3.20}\n");
        fires(&RULE, "FROM --platform=$PLATFORM alpine:3.20\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "ARG NODE_VERSION=20\nFROM node:${NODE_VERSON}-slim\n"),
            "ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-slim\n"
        );
        // nothing near enough: no fix
        assert!(run(&RULE, "ARG A=1\nFROM node:$TAG\n")[0].fix.is_none());
    }
}
