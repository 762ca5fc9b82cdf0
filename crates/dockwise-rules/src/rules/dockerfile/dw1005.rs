//! DW1005: compilers and build tools left in the final image.

use super::helpers::{install_packages, is_install, package_command, Pm};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::Script;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1005",
    name: "build-tools-in-final-image",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Compilers and build tools are installed in the final image"),
    tags: &[Tag::Size, Tag::Security],
    docs: docs! {
        what: "Flags package installs in the final stage (or the stages it is built on; a file without FROM counts as \
            one) that bring compilers and build tools: gcc, g++, clang, make, cmake, build-essential, build-base, \
            autoconf, pkg-config, and `-dev`/`-devel` header packages. Not flagged when the same RUN removes them \
            again (`apk del`, `apt-get purge`/`autoremove`, `dnf remove`).",
        why: "Build tools are needed to build, not to run. In the final image they add hundreds of megabytes and give \
            an attacker who gets a shell a ready toolchain to compile exploits on the spot. A multi-stage build \
            compiles in a throwaway builder stage and copies only the result into a small runtime stage.",
        bad: "FROM python:3.12-slim\n\
            RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\\n && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir psycopg2==2.9.9\n",
        good: "FROM python:3.12-slim AS build\n\
            RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\\n && rm -rf /var/lib/apt/lists/*\nRUN pip wheel --no-cache-dir --wheel-dir /wheels psycopg2==2.9.9\n\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n",
        fix: "Move the build into a stage of its own (`FROM ... AS build`), install the tools there, and `COPY \
            --from=build` only the artifacts (binaries, wheels, `node_modules`, jars) into a final stage based on a \
            slim or distroless image. If the tools must be installed and removed in one stage, do both in the same \
            RUN.",
    },
    quiz: quiz! {
        question: "A single-stage Dockerfile installs gcc and make to build a C extension. What does a multi-stage \
            build change?",
        choices: &[
            Choice {
                text: "The compiler stays in the builder stage; the final image gets only the built files",
                correct: true,
                feedback: "Right: stages that are not copied from leave no trace in the final image.",
            },
            Choice {
                text: "The build runs twice as fast",
                correct: false,
                feedback: "Speed is not the point (though caching can help); the final image's contents are.",
            },
            Choice {
                text: "Nothing, since every stage is part of the image",
                correct: false,
                feedback: "Only the last stage (and what it copies) forms the image; earlier stages are discarded.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_MULTI_STAGE],
    concern: Some(&sources::MULTI_STAGE),
    fixes: Fixes::No,
};

const TOOLS: &[&str] = &[
    "gcc",
    "g++",
    "gcc-c++",
    "clang",
    "llvm",
    "make",
    "cmake",
    "ninja-build",
    "build-essential",
    "build-base",
    "autoconf",
    "automake",
    "libtool",
    "pkg-config",
    "pkgconf",
    "gfortran",
    "musl-dev",
    "linux-headers",
    "libc6-dev",
    "libc-dev",
];

pub fn is_build_tool(pkg: &str) -> bool {
    let name = pkg.split(['=', '>', '<', '~']).next().unwrap_or(pkg);
    let name = name.split(':').next().unwrap_or(name);
    TOOLS.contains(&name)
        || name.ends_with("-dev")
        || name.ends_with("-devel")
        || (name.starts_with("gcc-") && name[4..].chars().all(|c| c.is_ascii_digit()))
}

fn removes_packages(script: &Script) -> bool {
    script.commands.iter().any(|c| match package_command(c) {
        Some((Pm::Apt, s)) => matches!(&*s, "purge" | "remove" | "autoremove"),
        Some((Pm::Apk, s)) => s == "del",
        Some((Pm::Yum | Pm::Dnf, s)) => matches!(&*s, "remove" | "erase" | "autoremove"),
        Some((Pm::Zypper, s)) => matches!(&*s, "remove" | "rm"),
        None => false,
    })
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // a file without FROM (a snippet) is checked as a one-stage file
    let Some(last) = cx.final_section() else { return };
    let single = cx.stages.len() <= 1;
    for stage in cx.lineage(last) {
        for (_, _, script) in cx.runs(stage, false) {
            if removes_packages(script) {
                continue;
            }
            for cmd in &script.commands {
                let Some((pm, sub)) = package_command(cmd) else {
                    continue;
                };
                if !is_install(pm, &sub) {
                    continue;
                }
                let tools: Vec<_> = install_packages(cmd)
                    .into_iter()
                    .filter(|w| is_build_tool(&w.value))
                    .collect();
                let Some(first) = tools.first() else { continue };
                let names: Vec<&str> = tools.iter().map(|w| &*w.value).collect();
                let advice = if single {
                    "build in a separate stage and copy only the result (multi-stage build)"
                } else {
                    "install them in the builder stage and copy only the result into the final stage"
                };
                out.report(
                    first.span,
                    format!("build tools in the final image ({}): {advice}", names.join(", ")),
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
        assert_eq!(
            spans(
                &RULE,
                "FROM debian:12\nRUN apt-get install -y curl build-essential libssl-dev\n"
            ),
            ["build-essential"]
        );
        fires(&RULE, "FROM alpine:3.20\nRUN apk add --no-cache gcc musl-dev\n");
        // multi-stage, but the compiler went into the final stage
        fires(
            &RULE,
            "FROM golang:1.22 AS build\nFROM debian:12\nRUN apt-get install -y make\n",
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM debian:12 AS build\nRUN apt-get install -y build-essential\nFROM debian:12-slim\nCOPY --from=build /out /out\n");
        silent(&RULE, "FROM debian:12\nRUN apt-get install -y curl ca-certificates\n");
    }

    #[test]
    fn edge() {
        // installed and removed in the same RUN
        silent(&RULE, "FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps\n");
        // removed in a later RUN: still in the earlier layer
        fires(&RULE, "FROM alpine:3.20\nRUN apk add gcc\nRUN apk del gcc\n");
        // inherited from the stage the final one is built on
        fires(&RULE, "FROM debian:12 AS base\nRUN apt-get install -y gcc\nFROM base\n");
        silent(&RULE, "FROM fedora:40\nRUN dnf install -y python3\n");
        fires(&RULE, "FROM fedora:40\nRUN dnf install -y openssl-devel\n");
    }

    #[test]
    fn snippets_without_from() {
        assert_eq!(spans(&RULE, "RUN apt-get install -y gcc\n"), ["gcc"]);
        assert!(run(&RULE, "RUN apk add gcc\n")[0].message.contains("multi-stage"));
        // a RUN before the first FROM is in no stage of the image
        silent(&RULE, "RUN apt-get install -y gcc\nFROM debian:12\n");
    }
}
