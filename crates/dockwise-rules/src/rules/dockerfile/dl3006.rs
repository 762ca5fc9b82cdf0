//! DL3006: a base image without any tag (which means `latest`).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3006",
    name: "untagged-image",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Base image has no tag, so it silently means `latest`"),
    tags: &[Tag::Reliability, Tag::Security],
    docs: docs! {
        what: "Flags a FROM that names an image with neither a tag nor a digest. Earlier stages, `scratch` and images \
            built from variables are not flagged.",
        why: "An image name without a tag is read as `name:latest`. The base then changes whenever the publisher \
            moves `latest`, so rebuilding the same Dockerfile can give a different operating system or runtime, and \
            a known-good image cannot be reproduced.",
        bad: "FROM ubuntu\nUSER 1001\n",
        good: "FROM ubuntu:24.04\nUSER 1001\n",
        fix: "Add an explicit version tag (`ubuntu:24.04`), or a digest for byte-exact builds \
            (`ubuntu:24.04@sha256:...`).",
    },
    quiz: quiz! {
        question: "What tag does `FROM nginx` use?",
        choices: &[
            Choice {
                text: "`latest`",
                correct: true,
                feedback: "An untagged name means `:latest`, a tag the publisher can point at another image at any \
                    time.",
            },
            Choice {
                text: "The newest LTS release",
                correct: false,
                feedback: "Docker knows nothing about releases: it resolves the tag named `latest`, whatever the \
                    publisher put there.",
            },
            Choice {
                text: "The version that was pulled the first time, forever",
                correct: false,
                feedback: "Only until the cache is cleared or another machine builds; then whatever `latest` is that \
                    day is used.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Dockerfile reference (FROM: the default tag)"),
            url: text!("https://docs.docker.com/reference/dockerfile/#from"),
        },
        &sources::DOCKER_PIN_BASE,
    ],
    concern: Some(&sources::MUTABLE_TAGS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, ins) in cx
        .instructions()
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == Kind::From)
    {
        let Some(f) = ins.from_args() else { continue };
        let img = &f.image;
        if img.tag.is_some() || img.digest.is_some() || img.is_scratch() || img.text.starts_with('$') {
            continue;
        }
        let stage = cx.stage_of[i].unwrap_or(0);
        if cx.earlier_stage_named(&img.text, stage).is_some() {
            continue;
        }
        out.report(
            img.span,
            format!(
                "`{}` has no tag, so it means `{}:latest`: pin a version",
                img.text, img.text
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM debian\n"), ["debian"]);
        assert_eq!(
            spans(
                &RULE,
                "FROM --platform=linux/amd64 registry.example.com:5000/team/app AS x\n"
            ),
            ["registry.example.com:5000/team/app"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM debian:12\n");
        silent(&RULE, "FROM debian@sha256:abc\n");
    }

    #[test]
    fn edge() {
        // scratch, variables and earlier stages are not images to pin
        silent(&RULE, "FROM scratch\n");
        silent(&RULE, "ARG BASE=debian:12\nFROM $BASE\n");
        silent(&RULE, "FROM golang:1.22 AS Build\nFROM build\n");
        // but a stage cannot refer to a later one
        fires(&RULE, "FROM build\nFROM golang:1.22 AS build\n");
    }
}
