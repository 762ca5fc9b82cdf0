//! DW1005: compilers and build tools left in the final image.

use super::helpers::multistage::multistage;
use super::helpers::{install_packages, is_install, package_command, Pm};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "Build tools are needed to build, not to run. Left in the final image they add tens to hundreds of \
            megabytes to every pull and hand anyone who gets a shell in the container a ready toolchain. A \
            multi-stage build compiles in a builder stage and copies only the result into the runtime stage; the \
            builder stage is not part of the image.",
        bad: "FROM python:3.12-slim\n\
            RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\\n && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir psycopg2==2.9.9\n",
        good: "FROM python:3.12-slim AS build\n\
            RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\\n && rm -rf /var/lib/apt/lists/*\n\
            RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir psycopg2==2.9.9\n\n\
            FROM python:3.12-slim\n\
            RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \\\n && rm -rf /var/lib/apt/lists/*\n\
            COPY --from=build /opt/venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n",
        fix: "Move the build into a stage of its own (`FROM ... AS build`), install the tools there, and copy only \
            what runs into a final stage on a slim or distroless base: a virtual environment (`/opt/venv`), a \
            binary, `node_modules`, a jar. Install in the build stage and copy the result: copying wheels or \
            archives and deleting them in a later RUN leaves them in the COPY's layer. The runtime still needs the \
            shared libraries the build linked against (`libpq5` for psycopg2 built with `libpq-dev`). If the tools \
            must stay in one stage, install and remove them in the same RUN.",
    },
    quiz: quiz! {
        question: "A Dockerfile installs gcc in a `build` stage, then a second `FROM python:3.12-slim` copies only \
            `/opt/venv` from it. What does the image contain?",
        choices: &[
            Choice {
                text: "The slim base plus the copied venv, and no gcc",
                correct: true,
                feedback: "The image is the last stage: its base and what it copies. Earlier stages only feed \
                    `COPY --from` and stay in the builder's cache.",
            },
            Choice {
                text: "gcc as well: every stage's layers end up in the pushed image",
                correct: false,
                feedback: "Only the target stage (by default the last) becomes the image; the build stage is never \
                    pushed with it.",
            },
            Choice {
                text: "gcc as well, unless the build stage purges it in its last RUN",
                correct: false,
                feedback: "Purging matters in a single-stage build. Here gcc never reaches the final stage, so there \
                    is nothing to remove.",
            },
            Choice {
                text: "Only the venv: a later FROM starts from an empty filesystem",
                correct: false,
                feedback: "A FROM starts from its base image's filesystem: `python:3.12-slim` brings Debian and \
                    Python, then the venv is added on top.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_MULTI_STAGE,
        &Source {
            title: text!("Docker docs: Building best practices: Use multi-stage builds"),
            url: text!("https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds"),
        },
    ],
    concern: Some(&sources::MULTI_STAGE),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
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
    // one rewrite of the whole stage, on the first finding only: the
    // rewrite is as long as the file, and a file may have many findings
    let mut offered = false;
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
                let fix = || {
                    (!std::mem::replace(&mut offered, true))
                        .then(|| multistage(cx, is_build_tool))
                        .flatten()
                };
                out.push(
                    Diagnostic::new(
                        first.span,
                        format!("build tools in the final image ({}): {advice}", names.join(", ")),
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

    const PYTHON: &str = "FROM python:3.12
ENV PYTHONUNBUFFERED=1
RUN apt-get update \\
 && apt-get install -y --no-install-recommends gcc libpq-dev \\
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001
EXPOSE 8000
CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]
";

    const NODE: &str = "FROM node:20
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
USER node
EXPOSE 3000
CMD [\"node\", \"dist/server.js\"]
";

    const GO: &str = "FROM golang:1.22
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev git && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server
USER 65532
EXPOSE 8080
ENTRYPOINT [\"/out/server\"]
";

    /// Every finding of the default rules, by rule id.
    fn findings(src: &str) -> Vec<&'static str> {
        let opts = crate::options::LintOptions {
            kind: Some(dockwise_syntax::FileKind::Dockerfile),
            ..Default::default()
        };
        let mut ids: Vec<_> = crate::engine::lint(src, &opts)
            .findings
            .iter()
            .map(|f| f.rule.id)
            .collect();
        ids.sort_unstable();
        ids
    }

    /// The one fix of every finding of `src`, if it has one.
    fn offered(src: &str) -> Vec<Option<crate::diagnostics::Fix>> {
        run(&RULE, src).into_iter().map(|f| f.fix).collect()
    }

    #[test]
    fn fix_python() {
        let once = fix_converges(&RULE, PYTHON);
        assert_eq!(
            once,
            "# Rewritten by dockwise as a multi-stage build (the fix for DW1005). It was
# never built: build it, run it and check what the app needs at runtime.
# Runtime libraries may still be missing from the final stage:
# libpq5 (psycopg2, built with libpq-dev).
FROM python:3.12 AS build
ENV PYTHONUNBUFFERED=1
RUN apt-get update \\
 && apt-get install -y --no-install-recommends gcc libpq-dev \\
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN python -m venv /opt/venv
ENV PATH=\"/opt/venv/bin:$PATH\"
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
ENV PATH=\"/opt/venv/bin:$PATH\"
COPY . .
USER 10001
EXPOSE 8000
CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]
"
        );
        let fix = run(&RULE, PYTHON).remove(0).fix.unwrap();
        assert_eq!(fix.applicability, crate::diagnostics::Applicability::Unsafe);
        assert_eq!(fix.edits.len(), 1);
        // the rewrite is as long as the file: only the first finding has it
        let two = PYTHON.replace(
            "WORKDIR /app\n",
            "RUN apt-get install -y --no-install-recommends make\nWORKDIR /app\n",
        );
        let fixes = offered(&two);
        assert!(
            fixes.len() == 2 && fixes[0].is_some() && fixes[1].is_none(),
            "{fixes:?}"
        );
        assert!(fix_converges(&RULE, &two).contains("\nRUN apt-get install -y --no-install-recommends make\nWORKDIR"));
        // the sources copied before the install go along with the app folder
        let src = "FROM python:3.12-alpine\nRUN apk add --no-cache build-base postgresql-dev\nWORKDIR /srv\n\
                   COPY . .\nRUN pip install .\nCMD [\"serve\"]\n";
        let once = fix_converges(&RULE, src);
        assert!(
            once.contains(
                "\nFROM python:3.12-alpine\nWORKDIR /srv\nCOPY --from=build /opt/venv /opt/venv\n\
                 ENV PATH=\"/opt/venv/bin:$PATH\"\nCOPY --from=build /srv /srv\nCMD [\"serve\"]\n"
            ),
            "{once}"
        );
        assert!(
            once.contains("# libpq (psycopg2, built with postgresql-dev).\n"),
            "{once}"
        );
        // a full image's curl, used by the HEALTHCHECK, is installed in the slim one
        let src = PYTHON.replace(
            "EXPOSE 8000\n",
            "HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n",
        );
        let once = fix_converges(&RULE, &src);
        assert!(
            once.contains(
                "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nRUN apt-get update && apt-get install -y \
                 --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"
            ),
            "{once}"
        );
    }

    #[test]
    fn fix_node() {
        assert_eq!(
            fix_converges(&RULE, NODE),
            "# Rewritten by dockwise as a multi-stage build (the fix for DW1005). It was
# never built: build it, run it and check what the app needs at runtime.
# Runtime libraries that native modules link to may still be missing.
FROM node:20 AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
USER node
EXPOSE 3000
CMD [\"node\", \"dist/server.js\"]
"
        );
        // Alpine stays Alpine; packages next to the tools stay; the owner too
        let src = "from node:20-alpine\nrun apk add --no-cache python3 make g++ tini\nworkdir /app\n\
                   copy --chown=node:node . .\nuser node\nrun npm install\nentrypoint [\"/sbin/tini\", \"--\"]\n\
                   cmd [\"node\", \"index.js\"]\n";
        let once = fix_converges(&RULE, src);
        assert!(
            once.contains(
                "\nfrom node:20-alpine\nrun apk add --no-cache tini\nworkdir /app\nuser node\n\
                 copy --from=build --chown=node:node /app /app\nentrypoint"
            ),
            "{once}"
        );
        assert!(once.contains("from node:20-alpine as build\n"), "{once}");
    }

    #[test]
    fn fix_go() {
        assert_eq!(
            fix_converges(&RULE, GO),
            "# Rewritten by dockwise as a multi-stage build (the fix for DW1005). It was
# never built: build it, run it and check what the app needs at runtime.
# Only the binary is copied: copy the files it reads at runtime too.
FROM golang:1.22 AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev git && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /src
COPY --from=build /out/server /out/server
USER 65532
EXPOSE 8080
ENTRYPOINT [\"/out/server\"]
"
        );
        // cgo on Debian bookworm: glibc's distroless; a shell is needed for
        // the HEALTHCHECK's curl: bookworm-slim with curl
        let cgo = "FROM golang:1.22-bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends gcc \
                   libsqlite3-dev && rm -rf /var/lib/apt/lists/*\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\n\
                   CMD [\"./app\"]\n";
        let once = fix_converges(&RULE, cgo);
        assert!(
            once.contains(
                "\nFROM gcr.io/distroless/base-debian12:nonroot\nWORKDIR /src\nCOPY --from=build /src/app /src/app\n"
            ),
            "{once}"
        );
        assert!(once.contains("# the library of libsqlite3-dev.\n"), "{once}");
        let src = cgo.replace("CMD", "HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\nCMD");
        let once = fix_converges(&RULE, &src);
        assert!(
            once.contains(
                "\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl"
            ),
            "{once}"
        );
        // a release whose Debian is unknown: the original base is kept
        let once = fix_converges(&RULE, &cgo.replace("1.22-bookworm", "1.22"));
        assert!(once.contains("\nFROM golang:1.22\n"), "{once}");
        assert!(once.contains("# The runtime stage keeps golang:1.22"), "{once}");
    }

    /// The rewrite leaves fewer findings, of all the default rules.
    #[test]
    fn fix_leaves_fewer_findings() {
        // gone: DW1005, DW1004 (full base), DW1027 (Go toolchain base), DW1022
        // (npm's cache in the final image); added: DW1017 on the second FROM
        for src in [PYTHON, NODE, GO] {
            let once = fixed(&RULE, src);
            let (before, after) = (findings(src), findings(&once));
            println!("before {before:?}\nafter  {after:?}");
            assert!(after.len() < before.len(), "{before:?} -> {after:?}\n{once}");
            assert!(
                after.iter().all(|id| before.contains(id)),
                "{before:?} -> {after:?}\n{once}"
            );
            for gone in ["DW1005", "DW1004", "DW1027", "DW1022"] {
                assert!(!after.contains(&gone), "{gone}:\n{once}");
            }
        }
    }

    #[test]
    fn no_fix_unless_the_pattern_is_clear() {
        for src in [
            // already multi-stage
            "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:12\nRUN apt-get install -y make\n",
            // not a python, node or golang image
            "FROM debian:12\nRUN apt-get install -y gcc\nRUN pip install -r requirements.txt\n",
            "FROM ruby:3.3\nRUN apt-get install -y build-essential\nRUN bundle install\n",
            "FROM myorg/python:3.12\nRUN apt-get install -y gcc\nRUN pip install x\n",
            "FROM python\nRUN apt-get install -y gcc\nRUN pip install x\n",
            // no dependency install
            "FROM python:3.12\nRUN apt-get install -y gcc\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
            "FROM node:20\nRUN apt-get install -y make\nCOPY . .\nCMD [\"node\", \"app.js\"]\n",
            // a Go binary whose path is unknown
            "FROM golang:1.22\nRUN apt-get install -y gcc\nRUN go build ./...\n",
            // installs the virtualenv could not hold
            "FROM python:3.12\nRUN apt-get install -y gcc\nRUN pip install --user x\n",
            "FROM python:3.12\nRUN apt-get install -y gcc\nRUN poetry install\n",
            "FROM python:3.12\nRUN apt-get install -y gcc\nUSER 1000\nRUN pip install x\n",
            "FROM node:20\nRUN apt-get install -y g++\nWORKDIR /app\nRUN npm install -g pm2 && npm ci\n",
            // node_modules with no app folder
            "FROM node:20\nRUN apt-get install -y g++\nCOPY . .\nRUN npm ci\n",
            // a step up to the build the rewrite does not understand
            "FROM golang:1.22\nRUN apt-get install -y gcc\nRUN CGO_ENABLED=0 go build -o /app . && upx /app\n",
            "FROM python:3.12\nRUN apt-get install -y gcc\nRUN curl -fsSL https://x.io/i.sh | sh\nRUN pip install x\n",
            // an ONBUILD, a RUN the rewrite cannot read (after a SHELL)
            "FROM python:3.12\nRUN apt-get install -y gcc\nSHELL [\"pwsh\", \"-c\"]\nRUN pip install x\n",
            "FROM python:3.12\nONBUILD RUN echo\nRUN apt-get install -y gcc\nRUN pip install x\n",
        ] {
            let fixes = offered(src);
            assert!(
                !fixes.is_empty() && fixes.iter().all(Option::is_none),
                "no fix expected on:\n{src}\n{fixes:?}"
            );
        }
    }

    #[test]
    fn fix_keeps_directives_pragmas_and_runtime_packages() {
        // directives and the comments above FROM stay; a stage pragma goes
        // with the runtime stage too; heredocs and comments move with their RUN
        let src = "# syntax=docker/dockerfile:1\n# escape=`\nARG PY=3.12\n# dockwise stage ignore=DW1001\n\
                   FROM python:3.12\nRUN <<EOF\napt-get update\napt-get install -y gcc libffi-dev\nEOF\n\
                   WORKDIR /app\nCOPY . .\n# hadolint ignore=DL3013\nRUN pip install .\nCMD [\"app\"]";
        let once = fix_converges(&RULE, src);
        assert!(
            once.starts_with(
                "# syntax=docker/dockerfile:1\n# escape=`\nARG PY=3.12\n# dockwise stage ignore=DW1001\n\
                 # Rewritten by dockwise"
            ),
            "{once}"
        );
        assert!(
            once.contains("# the library of libffi-dev.\nFROM python:3.12 AS build\nRUN <<EOF\n"),
            "{once}"
        );
        assert!(
            once.contains("\n# hadolint ignore=DL3013\nRUN pip install .\n\n# dockwise stage ignore=DW1001\nFROM python:3.12-slim\n"),
            "{once}"
        );
        assert!(once.ends_with("COPY --from=build /app /app\nCMD [\"app\"]\n"), "{once}");
        assert!(!findings(&once).contains(&"DW1001"), "{once}");
        // packages next to the tools, and the full image's wget that the
        // HEALTHCHECK calls, are installed in the runtime stage; users too
        let src = "FROM node:20-bookworm\nRUN apt-get update && apt-get install -y build-essential curl\n\
                   RUN useradd -m app\nWORKDIR /home/app/site\nCOPY --chown=app package.json .\nRUN npm install\n\
                   COPY --chown=app . .\nRUN npm run build\nUSER app\n\
                   HEALTHCHECK CMD wget -qO- http://localhost:3000/ || exit 1\nCMD npm start\n";
        let once = fix_converges(&RULE, src);
        assert!(
            once.contains(
                "\nFROM node:20-bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \
                 wget && rm -rf /var/lib/apt/lists/*\nRUN useradd -m app\nWORKDIR /home/app/site\n\
                 COPY --from=build --chown=app /home/app/site /home/app/site\nUSER app\n"
            ),
            "{once}"
        );
        // Go on Alpine with a user to create: the same Alpine release; git
        // was for the build only
        let src = "FROM golang:1.22-alpine3.20\nRUN apk add --no-cache gcc musl-dev git ca-certificates\n\
                   RUN adduser -D app\nWORKDIR /src\nCOPY . .\nRUN go build -o=bin/app ./cmd/app\nUSER app\n\
                   ENTRYPOINT [\"/src/bin/app\"]\n";
        let once = fix_converges(&RULE, src);
        assert!(
            once.contains(
                "\nFROM alpine:3.20\nRUN apk add --no-cache ca-certificates\nRUN adduser -D app\nWORKDIR /src\n\
                 COPY --from=build /src/bin/app /src/bin/app\nUSER app\n"
            ),
            "{once}"
        );
        // Windows line ends stay Windows line ends
        let once = fix_converges(&RULE, &GO.replace('\n', "\r\n"));
        assert!(!once.replace("\r\n", "").contains('\n'), "{once:?}");
    }

    #[test]
    fn snippets_without_from() {
        assert_eq!(spans(&RULE, "RUN apt-get install -y gcc\n"), ["gcc"]);
        assert!(run(&RULE, "RUN apk add gcc\n")[0].message.contains("multi-stage"));
        // a RUN before the first FROM is in no stage of the image
        silent(&RULE, "RUN apt-get install -y gcc\nFROM debian:12\n");
    }
}
