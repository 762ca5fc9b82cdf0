//! DW1017: a base image pinned by tag only, not by digest.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1017",
    name: "pin-by-digest",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("Base image pinned by tag, not by digest"),
    tags: &[Tag::Security, Tag::Reliability],
    docs: docs! {
        what: "Flags FROM images that have no `@sha256:` digest (earlier stages, `scratch` and images built from \
            variables are skipped).",
        why: "Even a specific tag like `python:3.12.4-slim` can be re-pointed: publishers rebuild tags to ship \
            security patches, and whoever controls the repository can push anything under them. A digest names the \
            exact content, so the base cannot change behind your back. The price is that fixes no longer arrive by \
            themselves: let a bot (Renovate, Dependabot) propose digest updates as reviewable changes.",
        bad: "FROM python:3.12.4-slim\n",
        good: "FROM python:3.12.4-slim@sha256:2c3d6b87e5b9b1bde1a8c6bd4fd0f0d5cbd0c7e0a57ebc20f2bf8e4c8a7b3f12\n",
        fix: "Append the digest: `docker buildx imagetools inspect python:3.12.4-slim` shows it. Keep the tag for \
            readers (`name:tag@sha256:...`) and let a bot keep the digest current.",
    },
    quiz: quiz! {
        question: "Why pin `python:3.12.4-slim@sha256:...` rather than the tag alone?",
        choices: &[
            Choice {
                text: "The tag can be re-pointed; the digest cannot",
                correct: true,
                feedback: "A tag is a movable name; `@sha256:` is the hash of the content, so the same digest always \
                    pulls the same image.",
            },
            Choice {
                text: "A digest also pins what later RUN steps install",
                correct: false,
                feedback: "It fixes only the base image: `apt-get install` in later steps still gets whatever the \
                    mirror has that day.",
            },
            Choice {
                text: "A digest proves the publisher signed the image",
                correct: false,
                feedback: "A digest identifies content, not who made it; signatures (Docker Content Trust, cosign) \
                    are a separate check.",
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
    for (i, ins) in cx
        .instructions()
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == Kind::From)
    {
        let Some(f) = ins.from_args() else { continue };
        let img = &f.image;
        let stage = cx.stage_of[i].unwrap_or(0);
        if img.digest.is_some()
            || img.is_scratch()
            || img.has_variables
            || cx.earlier_stage_named(&img.text, stage).is_some()
        {
            continue;
        }
        out.report(
            img.span,
            format!(
                "`{}` is pinned by tag only: add its `@sha256:` digest so the base cannot change underneath",
                img.text
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
        assert_eq!(spans(&RULE, "FROM node:20-slim\n"), ["node:20-slim"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM node:20-slim@sha256:abcd\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM scratch\nARG B=x\nFROM $B\n");
        silent(&RULE, "FROM a@sha256:1 AS b\nFROM b\n");
    }
}
