//! DW1032: FROM an official image whose release is past its end of life.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::eol;
use dockwise_syntax::dockerfile::model::variable_refs;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::image::ImageRef;
use dockwise_syntax::span::OffsetMap;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1032",
    name: "eol-base-image",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("The base image is a release whose support has ended"),
    tags: &[Tag::Security, Tag::Reliability],
    docs: docs! {
        what: "Flags a FROM of a Docker Hub official image whose tag names a release that its project no longer \
            supports: the runtime (`python:3.8`, `node:16-alpine`, `golang:1.20`), the distribution (`debian:buster`, \
            `ubuntu:18.04`, `alpine:3.16`, `centos:7`), or the distribution another image's tag ends with \
            (`python:3.12-slim-buster`, `node:18-alpine3.17`). The end dates come from each project's own release \
            page, in a table compared with the day it was compiled, not with today, so a check gives the same \
            answer on any day. Untagged and `latest` images, other registries, earlier stages \
            and tags chosen by an ARG without a default are not judged.",
        why: "After its end of life a release gets no more fixes: a new hole in its interpreter, its libc or its \
            OpenSSL stays open for good, and the official image is no longer rebuilt, so even a fresh pull brings the \
            old packages. The longer the move waits, the more breaking changes it has to cross at once.",
        bad: "FROM python:3.8-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
        good: "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
        fix: "Move to a supported release of the same image (`python:3.12-slim`, `node:22-alpine`, \
            `debian:bookworm-slim`) and run the tests. Let a bot (Renovate, Dependabot) propose the next move well \
            before that release ends too.",
    },
    quiz: quiz! {
        question: "`FROM node:16-alpine` still builds, and the app runs fine. Why move off it?",
        choices: &[
            Choice {
                text: "Node.js 16 gets no more fixes, so new flaws in it stay open",
                correct: true,
                feedback: "Its maintainers stopped in 2023: whatever is found in it since is never patched, in any \
                    image built on it.",
            },
            Choice {
                text: "Docker Hub deletes the tags of ended releases, so the next build will fail",
                correct: false,
                feedback: "Old tags stay pullable for years; that is what makes an ended release easy to keep by \
                    accident.",
            },
            Choice {
                text: "Alpine refuses to run a runtime after its end date",
                correct: false,
                feedback: "Nothing checks dates at run time: the image runs as before, only without fixes.",
            },
            Choice {
                text: "Rebuilding it regularly keeps it patched",
                correct: false,
                feedback: "A rebuild pulls the same ended release: the official image is no longer refreshed, and no \
                    fixes exist to pick up.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Building best practices (choose the right base image)"),
        url: text!("https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// The global ARGs so far, with their defaults expanded (`None`: no default,
/// or one that cannot be followed).
type Args = Vec<(String, Option<String>)>;

/// `text` with its variables replaced by the ARG defaults (or a reference's
/// own `${X:-default}`); `None` when one of them has neither.
fn expand(text: &str, args: &Args, escape: char) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    for r in variable_refs(text, escape) {
        out.push_str(&text[last..r.start]);
        let value = args
            .iter()
            .rev()
            .find(|(n, _)| *n == r.name)
            .and_then(|(_, v)| v.as_deref())
            .filter(|v| !v.is_empty());
        out.push_str(value.or(r.default.as_deref())?);
        last = r.end;
    }
    out.push_str(&text[last..]);
    Some(out)
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let escape = cx.df.escape;
    let mut args: Args = Vec::new();
    for (i, ins) in cx.instructions().iter().enumerate() {
        match ins.kind {
            // the ARGs before the first FROM are the ones FROM can use
            Kind::Arg if cx.stage_of[i].is_none() => {
                for kv in ins.key_values() {
                    let value = kv.value.as_ref().and_then(|v| expand(&v.value, &args, escape));
                    args.push((kv.key.value.to_string(), value));
                }
            }
            Kind::From => {
                let Some(f) = ins.from_args() else { continue };
                let image = &f.image;
                let stage = cx.stage_of[i].unwrap_or(0);
                if image.is_scratch() || cx.earlier_stage_named(&image.text, stage).is_some() {
                    continue;
                }
                let (ended, shown, span, defaults) = if image.has_variables {
                    let Some(text) = expand(&image.text, &args, escape) else {
                        continue;
                    };
                    if text.contains('$') || cx.earlier_stage_named(&text, stage).is_some() {
                        continue;
                    }
                    let resolved = ImageRef::parse(&text, &OffsetMap::contiguous(0), 0);
                    (eol::ended(&resolved), text, image.span, true)
                } else {
                    let span = image.tag.as_ref().map_or(image.span, |t| t.span);
                    (eol::ended(image), image.text.clone(), span, false)
                };
                if ended.is_empty() {
                    continue;
                }
                let releases = ended
                    .iter()
                    .map(|r| format!("{}, whose support ended on {}", r.name, r.end))
                    .collect::<Vec<_>>()
                    .join(", and on ");
                let prefix = if defaults { "with the ARG defaults, " } else { "" };
                out.report(
                    span,
                    format!("{prefix}`{shown}` is built on {releases}: move to a supported release"),
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM python:3.8-slim\n"), ["3.8-slim"]);
        assert_eq!(
            spans(&RULE, "FROM node:16-alpine AS build\nFROM debian:buster-slim\n"),
            ["16-alpine", "buster-slim"]
        );
        let f = run(&RULE, "FROM python:3.12-slim-buster\n");
        assert_eq!(
            f[0].message,
            "`python:3.12-slim-buster` is built on Debian 10 (buster), whose support ended on 2024-06-30: move to a supported release"
        );
        let f = run(&RULE, "FROM node:20-bullseye\n");
        assert_eq!(
            f[0].message,
            "`node:20-bullseye` is built on Node.js 20, whose support ended on 2026-04-30, and on Debian 11 (bullseye), whose support ended on 2026-08-31: move to a supported release"
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM python:3.12-slim\nFROM node:22-alpine\nFROM debian:bookworm-slim\nFROM golang:1.26\n",
        );
        // not judged: no tag, latest, other registries, namespaced images, scratch
        silent(
            &RULE,
            "FROM python\nFROM python:latest\nFROM ghcr.io/acme/python:3.8\nFROM acme/node:14\nFROM scratch\n",
        );
    }

    #[test]
    fn digests_keep_their_tag() {
        assert_eq!(
            spans(&RULE, "FROM python:3.7.17-alpine@sha256:abcd\n"),
            ["3.7.17-alpine"]
        );
        silent(&RULE, "FROM python@sha256:abcd\n");
    }

    #[test]
    fn args_are_judged_only_when_their_default_resolves() {
        let src = "ARG PY=3.8\nFROM python:${PY}-slim\n";
        assert_eq!(spans(&RULE, src), ["python:${PY}-slim"]);
        assert!(run(&RULE, src)[0]
            .message
            .starts_with("with the ARG defaults, `python:3.8-slim` is built on Python 3.8"));
        // chained defaults and `${X:-default}`
        fires(&RULE, "ARG MAJOR=3\nARG PY=${MAJOR}.7\nFROM python:$PY\n");
        fires(&RULE, "ARG NODE\nFROM node:${NODE:-14}-alpine\n");
        // no default: chosen at build time
        silent(&RULE, "ARG PY\nFROM python:${PY}-slim\n");
        silent(&RULE, "ARG BASE\nFROM $BASE\n");
        // an ARG declared inside a stage is not visible to FROM
        silent(&RULE, "FROM alpine:3.22\nARG PY=3.8\nFROM python:${PY}\n");
    }

    #[test]
    fn stage_names_are_not_images() {
        silent(&RULE, "FROM python:3.12 AS buster\nFROM buster\n");
        silent(&RULE, "ARG STAGE=base\nFROM python:3.12 AS base\nFROM ${STAGE}\n");
    }
}
