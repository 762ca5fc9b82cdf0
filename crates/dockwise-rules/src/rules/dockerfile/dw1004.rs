//! DW1004: the final image is based on a full-size image where a slim,
//! alpine or distroless variant exists.

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::{ImageRef, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1004",
    name: "full-size-base-image",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("The final image starts from a full-size base where a slim variant exists"),
    tags: &[Tag::Size, Tag::Security],
    docs: docs! {
        what: "Flags a final stage based on the full variant of an official image that also ships smaller ones: \
            python, node, ruby, perl, php, elixir, erlang, openjdk, eclipse-temurin (JDK tags) and debian. (Toolchain \
            images such as golang and rust are DW1027's.) Tags that already name a small variant (`-slim`, `-alpine`, \
            `-jre`, `-fpm-alpine`...) and builder stages are not flagged.",
        why: "The full language images are built on buildpack-deps: compilers, headers, version control and hundreds \
            of libraries, typically several times the size of the slim variant. The app rarely needs any of it at \
            runtime, but every package is pulled on each deploy, scanned, patched and available to an attacker who \
            gets a shell.",
        bad: "FROM python:3.12\nCOPY app.py /app/\nUSER 10001\nCMD [\"python\", \"/app/app.py\"]\n",
        good: "FROM python:3.12-slim\nCOPY app.py /app/\nUSER 10001\nCMD [\"python\", \"/app/app.py\"]\n",
        fix: "Switch the final stage to the `-slim` (Debian, glibc) or `-alpine` (musl, smallest) variant, or to a \
            distroless image, and build anything that needs compilers in an earlier stage (multi-stage build). For \
            Java use a JRE image (`eclipse-temurin:21-jre`).",
    },
    quiz: quiz! {
        question: "Why prefer `python:3.12-slim` over `python:3.12` for the final image?",
        choices: &[
            Choice {
                text: "It leaves out compilers and build libraries the app does not need at runtime: smaller, faster \
                    to pull, less to attack",
                correct: true,
                feedback: "Right: same Python, far fewer packages.",
            },
            Choice {
                text: "Slim images run Python code faster",
                correct: false,
                feedback: "The interpreter is the same; the gain is size and attack surface, not speed.",
            },
            Choice {
                text: "The full image is not maintained any more",
                correct: false,
                feedback: "It is maintained; it is just built for building, not for running.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_MULTI_STAGE],
    concern: Some(&sources::MULTI_STAGE),
    fixes: Fixes::Unsafe,
};

/// (official image, tag markers that already mean "small", suggestion)
const FULL_IMAGES: &[(&str, &[&str], &str)] = &[
    ("python", &["slim", "alpine"], "-slim or -alpine"),
    ("node", &["slim", "alpine"], "-slim or -alpine"),
    ("ruby", &["slim", "alpine"], "-slim or -alpine"),
    ("perl", &["slim"], "-slim"),
    ("php", &["alpine", "slim"], "-alpine (e.g. -fpm-alpine)"),
    ("elixir", &["slim", "alpine"], "-slim or -alpine"),
    ("erlang", &["slim", "alpine"], "-slim or -alpine"),
    ("openjdk", &["slim", "alpine", "jre"], "eclipse-temurin:<version>-jre"),
    ("eclipse-temurin", &["jre", "alpine"], "-jre"),
    ("debian", &["slim"], "-slim"),
];

pub fn full_variant(img: &ImageRef) -> Option<&'static str> {
    if !img.is_docker_hub() || img.has_variables || img.digest.is_some() && img.tag.is_none() {
        return None;
    }
    let name = img.hub_name();
    let (_, small, suggestion) = FULL_IMAGES.iter().find(|(n, _, _)| *n == name)?;
    let tag = img.tag_text().unwrap_or("latest").to_ascii_lowercase();
    if small.iter().any(|m| tag.contains(m)) || tag.contains("distroless") {
        return None;
    }
    Some(suggestion)
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let Some(stage) = cx.final_stage() else { return };
    let Some(img) = cx.base_image(stage) else { return };
    if let Some(suggestion) = full_variant(img) {
        out.push(
            Diagnostic::new(
                img.span,
                format!(
                    "`{}` is the full image with build tools the app does not need at runtime: use {suggestion}",
                    img.text
                ),
            )
            .with_fix(|| to_slim(cx, img)),
        );
    }
}

/// `python:3.12` → `python:3.12-slim` (`python` → `python:slim`), for the
/// images whose small variant is `-slim` and a tag that is a version:
/// unsafe, as the slim image lacks packages the app may use.
fn to_slim(cx: &Model, img: &ImageRef) -> Option<Fix> {
    let name = img.hub_name();
    let (_, small, _) = FULL_IMAGES.iter().find(|(n, _, _)| *n == name)?;
    if small.first() != Some(&"slim") || img.digest.is_some() || img.span.text(cx.source) != img.text {
        return None;
    }
    let edit = match &img.tag {
        Some(t) if !t.text.is_empty() && t.text.chars().all(|c| c.is_ascii_digit() || c == '.') => {
            Edit::insert(t.span.end, "-slim")
        }
        Some(t) if t.text == "latest" && name != "debian" => Edit::replace(t.span, "slim"),
        None if name != "debian" => Edit::insert(img.name.span.end, ":slim"),
        _ => return None,
    };
    let fixed = format!(
        "{}{}",
        &img.text[..(edit.span.start - img.span.start) as usize],
        edit.replacement
    );
    Fix::unsafe_(format!("use {fixed}").as_str(), vec![edit])
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM node:20\n"), ["node:20"]);
        fires(&RULE, "FROM docker.io/library/python:3.12-bookworm\n");
        fires(&RULE, "FROM eclipse-temurin:21-jdk\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM node:20-alpine\n");
        silent(&RULE, "FROM eclipse-temurin:21-jre-alpine\n");
        silent(&RULE, "FROM ubuntu:24.04\n");
    }

    #[test]
    fn edge() {
        // a full image in the builder stage is the right place for it
        silent(
            &RULE,
            "FROM python:3.12 AS build\nRUN pip wheel -w /w x==1\nFROM python:3.12-slim\nCOPY --from=build /w /w\n",
        );
        silent(&RULE, "ARG V=3.12\nFROM python:${V}\n");
        // untagged means latest, which is the full variant
        fires(&RULE, "FROM ruby\n");
        // not the official image
        silent(&RULE, "FROM myorg/python:3.12\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM python:3.12\nCMD [\"python\"]\n"),
            "FROM python:3.12-slim\nCMD [\"python\"]\n"
        );
        assert_eq!(fix_converges(&RULE, "FROM node\n"), "FROM node:slim\n");
        assert_eq!(fix_converges(&RULE, "FROM ruby:latest\n"), "FROM ruby:slim\n");
        // a tag that is not a plain version, or no `-slim` variant: no fix
        for src in ["FROM python:3.12-bookworm\n", "FROM php:8.3\n", "FROM debian\n"] {
            assert!(run(&RULE, src).iter().all(|f| f.fix.is_none()), "{src}");
        }
    }
}
