//! DW1027: the final image is a build toolchain image.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{ImageRef, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1027",
    name: "build-image-in-final",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("The final stage is based on a build toolchain image"),
    tags: &[Tag::Size, Tag::Security],
    docs: docs! {
        what: "Flags a final stage based on an image made for building: golang, rust, maven, gradle, sbt, \
            buildpack-deps, the .NET SDK, and tags ending in `-sdk`, `-dev` or `-devel`.",
        why: "Toolchain images carry compilers, build tools and package caches: hundreds of megabytes the program \
            does not need at runtime, and a ready-made kit for whoever gets a shell. A multi-stage build compiles in \
            the toolchain image and ships only the result.",
        bad: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\nCMD [\"/app\"]\n",
        good: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\
            FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
        fix: "Build in a stage `FROM <toolchain> AS build` and start the final stage from a runtime image \
            (distroless, `-slim`, `scratch` for static binaries, `eclipse-temurin:*-jre`, `dotnet/aspnet`), copying \
            only the artifact.",
    },
    quiz: quiz! {
        question: "Your Go service's final stage is `FROM golang:1.22`. What is the usual fix?",
        choices: &[
            Choice {
                text: "Build in a golang stage, ship the binary alone",
                correct: true,
                feedback: "Compile in `FROM golang:1.22 AS build`, then copy only the binary into distroless, \
                    scratch (for a static binary) or a slim base.",
            },
            Choice {
                text: "Switch the final image to `golang:1.22-alpine`",
                correct: false,
                feedback: "Smaller, but still a whole Go toolchain the service never runs.",
            },
            Choice {
                text: "Delete the module and build caches at the end",
                correct: false,
                feedback: "The compiler stays, and files deleted in a later layer still ship in the earlier ones.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_MULTI_STAGE, &sources::DOCKER_BASE_IMAGE],
    concern: Some(&sources::MULTI_STAGE),
    fixes: Fixes::No,
    scope: Scope::Place,
};

pub fn toolchain(img: &ImageRef) -> bool {
    let name = img.hub_name();
    let tag = img.tag_text().unwrap_or("");
    let short = img.short_name();
    (img.is_docker_hub()
        && [
            "golang",
            "rust",
            "maven",
            "gradle",
            "sbt",
            "buildpack-deps",
            "clojure",
            "haskell",
            "swift",
            "gcc",
        ]
        .contains(&name))
        || img.text.contains("mcr.microsoft.com/dotnet/sdk")
        || short == "sdk"
        || tag.ends_with("-sdk")
        || tag.ends_with("-dev")
        || tag == "dev"
        || tag.ends_with("-devel")
        || tag.contains("-devel-")
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let Some(last) = cx.final_stage() else { return };
    let root = *cx.lineage(last).last().unwrap_or(&last);
    let Some(img) = cx.base_image(root) else { return };
    if !img.has_variables && toolchain(img) {
        let shown = cx.base_image(last).unwrap_or(img);
        out.report(
            shown.span,
            format!(
                "`{}` is a build toolchain: build in an earlier stage and ship only the result on a runtime image",
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
        assert_eq!(
            spans(&RULE, "FROM maven:3.9-eclipse-temurin-21\n"),
            ["maven:3.9-eclipse-temurin-21"]
        );
        fires(&RULE, "FROM mcr.microsoft.com/dotnet/sdk:8.0\n");
        fires(&RULE, "FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM rust:1.80 AS build\nFROM debian:12-slim\n");
        silent(&RULE, "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n");
    }

    #[test]
    fn edge() {
        // inherited through a stage alias
        fires(&RULE, "FROM golang:1.22 AS base\nFROM base\n");
    }
}
