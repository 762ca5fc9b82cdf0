//! DW1004: the final image is based on a full-size image where a slim,
//! alpine or distroless variant exists.

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
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
        why: "Most full language images (python, node, ruby, perl, erlang, elixir) are built on buildpack-deps, \
            which adds compilers, headers, version-control tools and many libraries; php's default images keep a C \
            toolchain for building extensions, and a JDK image carries the Java compiler. The app rarely needs any \
            of it at runtime, but every package is pulled on each deploy, scanned, patched and available to whoever \
            gets a shell. (For `debian` itself, `-slim` leaves out documentation, man pages and locale files.)",
        bad: "FROM python:3.12\nCOPY app.py /app/\nUSER 10001\nCMD [\"python\", \"/app/app.py\"]\n",
        good: "FROM python:3.12-slim\nCOPY app.py /app/\nUSER 10001\nCMD [\"python\", \"/app/app.py\"]\n",
        fix: "Switch the final stage to the `-slim` (Debian, glibc) or `-alpine` (musl, smallest) variant, or to a \
            distroless image, and build anything that needs compilers in an earlier stage (multi-stage build). php \
            has no `-slim` tags: use `-alpine`. For Java use a JRE image (`eclipse-temurin:21-jre`).",
    },
    quiz: quiz! {
        question: "Why prefer `python:3.12-slim` over `python:3.12` for the final image?",
        choices: &[
            Choice {
                text: "It leaves out the build toolchain",
                correct: true,
                feedback: "The full tag is built on buildpack-deps (gcc, headers, git...). The slim one has the same \
                    Python on a small Debian base: less to pull, scan and attack.",
            },
            Choice {
                text: "Slim is Alpine-based, so it is smaller",
                correct: false,
                feedback: "`-slim` is still Debian with glibc, just with fewer packages; `-alpine` is the musl-based \
                    variant.",
            },
            Choice {
                text: "Slim images run Python faster",
                correct: false,
                feedback: "Both carry the same interpreter; the difference is what else is installed, not speed.",
            },
            Choice {
                text: "The full image runs as root, slim does not",
                correct: false,
                feedback: "Both run as root unless you add USER; the variants differ only in the packages installed.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_BASE_IMAGE, &sources::CIS_UNNECESSARY_PACKAGES],
    concern: Some(&sources::MULTI_STAGE),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
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
        // debian's full image has no toolchain: slim drops docs and locales
        let message = if img.hub_name() == "debian" {
            format!(
                "`{}` is the full variant: {suggestion} leaves out documentation, man pages and locale files",
                img.text
            )
        } else {
            format!(
                "`{}` is the full image with build tools the app does not need at runtime: use {suggestion}",
                img.text
            )
        };
        out.push(Diagnostic::new(img.span, message).with_fix(|| to_slim(cx, img)));
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
    fn debian_is_not_said_to_carry_build_tools() {
        let debian = run(&RULE, "FROM debian:12\n");
        assert!(
            debian[0].message.contains("documentation, man pages and locale files"),
            "{}",
            debian[0].message
        );
        assert!(!debian[0].message.contains("build tools"));
        assert!(run(&RULE, "FROM node:20\n")[0].message.contains("build tools"));
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
