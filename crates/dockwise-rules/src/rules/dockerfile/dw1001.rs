//! DW1001: the final stage never sets USER, so the container runs as root.

use super::helpers::fixes::{insert_user, new_user};
use super::helpers::is_windows_stage;
use crate::diagnostics::{Diagnostic, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{ImageRef, Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1001",
    name: "no-user",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("No USER in the final stage: the container runs as root"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a final stage that never sets USER (neither it nor a stage it is built on), unless its base \
            image is known to run as an unprivileged user already (distroless `:nonroot`, Chainguard images).",
        why: "Without USER the process runs as root (uid 0), Docker's default. Unless user namespaces are set up, \
            that is the host's uid 0 too, held back only by dropped capabilities and the other isolation layers: a \
            flaw in the app gives root inside the container, and any escape (a kernel bug, a mounted socket, a \
            writable host path) starts as root on the host. hadolint's DL3002 only catches an explicit `USER root`; \
            leaving USER out is the more common way to ship a root container.",
        bad: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nRUN useradd --uid 10001 --no-create-home app\nWORKDIR /app\nCOPY . .\n\
            USER 10001\nCMD [\"python\", \"app.py\"]\n",
        fix: "Create an unprivileged user (`useradd`/`adduser`, or use one the base image ships, like `node` in the \
            Node images) and end the final stage with `USER <uid>`. Leave the code owned by root, so the app cannot \
            rewrite it, and give the user only the directories it must write to (`chown` them, or `COPY --chown=` \
            the files it changes).",
    },
    quiz: quiz! {
        question: "A Dockerfile has no USER instruction at all. Which user runs the container's process?",
        choices: &[
            Choice {
                text: "root, unless a base image set a USER",
                correct: true,
                feedback: "The image's User field is empty, so Docker starts the process as uid 0, unless a base \
                    image set USER or `docker run --user` overrides it.",
            },
            Choice {
                text: "A random unprivileged uid, as on OpenShift",
                correct: false,
                feedback: "OpenShift's restricted policy assigns an arbitrary uid, but that is the platform, not the \
                    image: plain Docker and Kubernetes run the image's user, which is root by default.",
            },
            Choice {
                text: "The `nobody` user, Docker's safe default",
                correct: false,
                feedback: "Docker picks no unprivileged user by itself; `nobody` runs only if USER or `--user` asks \
                    for it.",
            },
            Choice {
                text: "The user who ran `docker build`",
                correct: false,
                feedback: "The identity of whoever built the image is not recorded in it; the process user comes \
                    from USER (or `--user` at run time).",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::CIS_CREATE_USER, &sources::DOCKER_BEST_PRACTICES_USER],
    concern: Some(&sources::ROOT_USER),
    fixes: Fixes::Unsafe,
    scope: Scope::File,
};

/// Base images that already run as an unprivileged user.
pub fn runs_as_non_root(img: &ImageRef) -> bool {
    let tag = img.tag_text().unwrap_or("");
    let registry = img.registry.as_ref().map(|r| r.text.as_str()).unwrap_or("");
    (registry == "gcr.io"
        && img.name.text.starts_with("distroless/")
        && (tag == "nonroot" || tag.ends_with("-nonroot") || tag.contains("nonroot")))
        || (registry == "cgr.dev" && !tag.ends_with("-dev") && tag != "dev")
        || tag.ends_with("-nonroot")
        || tag.ends_with("-rootless")
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let Some(stage) = cx.final_stage() else { return };
    if cx.last_in_lineage(stage, Kind::User).is_some() || is_windows_stage(cx, stage) {
        return;
    }
    // the root of the lineage is the stage built FROM an external image
    let root = *cx.lineage(stage).last().unwrap_or(&stage);
    let Some(img) = cx.base_image(root) else { return };
    if img.has_variables || runs_as_non_root(img) {
        return;
    }
    let span = cx
        .base_image(stage)
        .map(|i| i.span)
        .unwrap_or(cx.from_of(stage).keyword_span);
    // unsafe: the app may need to write files only root can
    let fix = || Fix::unsafe_("add USER 10001", vec![insert_user(cx, stage, &new_user(cx, stage))]);
    out.push(
        Diagnostic::new(
            span,
            "the final stage never sets USER, so the container runs as root: add `USER <uid>` of an unprivileged user",
        )
        .with_fix(fix),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM node:20-slim\nCMD [\"node\", \"server.js\"]\n"),
            ["node:20-slim"]
        );
        // USER in a builder stage does not carry into an unrelated final stage
        assert_eq!(
            spans(&RULE, "FROM golang:1.22 AS build\nUSER 1000\nFROM alpine:3.20\n"),
            ["alpine:3.20"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM node:20-slim\nUSER node\n");
        silent(
            &RULE,
            "FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n",
        );
    }

    #[test]
    fn edge() {
        // USER inherited from the stage the final one is built on
        silent(&RULE, "FROM alpine:3.20 AS base\nUSER 10001\nFROM base\n");
        // an explicit root USER is DL3002's business, not this rule's
        silent(&RULE, "FROM alpine:3.20\nUSER root\n");
        // the pragma sits on the final FROM
        silent(&RULE, "# dockwise ignore=DW1001\nFROM alpine:3.20\n");
        fires(&RULE, "FROM cgr.dev/chainguard/python:latest-dev\n");
        // Windows containers have no root user
        silent(
            &RULE,
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi\n",
        );
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        // Debian: created with useradd, before the CMD
        let src = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n# start\nCMD [\"python\", \"app.py\"]\n";
        assert_eq!(
            fix_converges(&RULE, src),
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN useradd --uid 10001 --no-create-home app\n\
             USER 10001\n# start\nCMD [\"python\", \"app.py\"]\n"
        );
        assert_eq!(
            run(&RULE, src)[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        // Alpine: adduser; after the last RUN, even when CMD comes earlier
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM alpine:3.20\nCMD [\"/app\"]\nRUN apk add --no-cache tini\nEXPOSE 80\n"
            ),
            "FROM alpine:3.20\nCMD [\"/app\"]\nRUN apk add --no-cache tini\nEXPOSE 80\n\
             RUN adduser -D -H -u 10001 app\nUSER 10001\n"
        );
        // the base of the lineage decides; lower-case files get lower-case keywords
        assert_eq!(
            fix_converges(&RULE, "from node:20 as base\nfrom base\ncmd [\"node\", \"s.js\"]"),
            "from node:20 as base\nfrom base\nrun useradd --uid 10001 --no-create-home app\nuser 10001\ncmd [\"node\", \"s.js\"]"
        );
        // distroless has its own unprivileged user; elsewhere, a reminder
        assert_eq!(
            fix_converges(&RULE, "FROM gcr.io/distroless/static-debian12\nCOPY app /app\n"),
            "FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 65532\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n"),
            "FROM scratch\nCOPY app /app\n# TODO: check that uid 10001 can read the app's files\nUSER 10001\n\
             ENTRYPOINT [\"/app\"]\n"
        );
    }
}
