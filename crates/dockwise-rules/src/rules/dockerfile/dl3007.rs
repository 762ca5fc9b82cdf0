//! DL3007: a base image pinned to the moving `latest` tag.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3007",
    name: "latest-tag",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Base image uses the moving `latest` tag"),
    tags: &[Tag::Reliability, Tag::Security],
    docs: docs! {
        what: "Flags a FROM whose tag is `latest` (and that is not also pinned by digest).",
        why: "`latest` is only the default tag name: the publisher can point it at a new image at any time, and \
            nothing guarantees it is the newest or a stable release. Two builds of the same Dockerfile a week apart \
            can get different operating systems or language versions, so a build that passed CI can break in \
            production, and you cannot tell which base an image was built from. A pinned version makes builds \
            repeatable and upgrades deliberate.",
        bad: "FROM python:latest\nUSER 1001\n",
        good: "FROM python:3.12.4-slim\nUSER 1001\n",
        fix: "Replace `latest` with a specific version (`python:3.12.4-slim`), or pin the exact bytes with a digest \
            (`python:3.12.4-slim@sha256:...`). Let a bot such as Renovate or Dependabot propose upgrades.",
    },
    quiz: quiz! {
        question: "Your image is built FROM `node:latest`. What can go wrong?",
        choices: &[
            Choice {
                text: "A rebuild can silently pick up a new major version of Node",
                correct: true,
                feedback: "The publisher moves `latest` when it pushes, so an unchanged Dockerfile can produce a \
                    different image tomorrow.",
            },
            Choice {
                text: "Nothing: `latest` is the newest stable release",
                correct: false,
                feedback: "`latest` is only a name the publisher chose to push. Nothing guarantees stability or \
                    compatibility with your code.",
            },
            Choice {
                text: "The build fails: `latest` is not a valid tag",
                correct: false,
                feedback: "It is valid and builds fine, which is why the problem shows up later, at runtime.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_PIN_BASE],
    concern: Some(&sources::MUTABLE_TAGS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().filter(|i| i.kind == Kind::From) {
        let Some(f) = ins.from_args() else { continue };
        let Some(tag) = &f.image.tag else { continue };
        if tag.text == "latest" && f.image.digest.is_none() {
            out.report(
                tag.span,
                format!(
                    "`{}` uses the `latest` tag: pin a version so rebuilds get the same base",
                    f.image.text
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
        assert_eq!(spans(&RULE, "FROM python:latest\n"), ["latest"]);
        assert_eq!(
            spans(&RULE, "FROM ghcr.io/org/app:latest AS build\nFROM scratch\n"),
            ["latest"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM python:3.12\n");
        silent(&RULE, "FROM python\n");
    }

    #[test]
    fn edge() {
        // a digest pins the bytes even when the tag says latest
        silent(&RULE, "FROM python:latest@sha256:0123456789abcdef\n");
        // a registry port is not a tag
        silent(&RULE, "FROM localhost:5000/app\n");
        // hadolint-style pragma silences it
        silent(&RULE, "# hadolint ignore=DL3007\nFROM python:latest\n");
        silent(&RULE, "# dockwise ignore=latest-tag\nFROM python:latest\n");
    }
}
