//! DW1024: `COPY . .` before the dependency install busts the build cache.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::shell::Command;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1024",
    name: "copy-before-install",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("The whole source is copied before dependencies are installed"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags `COPY . <dest>` (the whole build context) when a later RUN of the same stage installs \
            dependencies: `npm ci`/`install`, `yarn`/`pnpm install`, `pip install -r`, `poetry install`, `bundle \
            install`, `go mod download`, `composer install`, `mvn dependency:go-offline`, `cargo fetch`, `dotnet \
            restore`.",
        why: "The build cache reuses a layer only while everything before it is unchanged. With the whole source \
            copied first, editing any file invalidates the cache and every build downloads and installs all \
            dependencies again. Copying only the manifest and lockfile first keeps the install layer cached until \
            dependencies really change.",
        bad: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n",
        fix: "Copy the dependency files first (`package*.json`, `requirements.txt`, `go.mod go.sum`, `Gemfile*`, \
            `pom.xml`...), install, and only then `COPY . .`.",
    },
    quiz: quiz! {
        question: "Why copy `package*.json` before `npm ci` and the rest of the source after?",
        choices: &[
            Choice {
                text: "So code edits keep the install layer cached",
                correct: true,
                feedback: "A layer is reused only if it and everything before it is unchanged. With only the \
                    manifests copied first, editing source invalidates the last COPY, and the install step stays \
                    cached.",
            },
            Choice {
                text: "It keeps the final image smaller",
                correct: false,
                feedback: "The same files end up in the image either way; what changes is how often the install \
                    reruns.",
            },
            Choice {
                text: "It stops the host's node_modules being copied in",
                correct: false,
                feedback: "That is `.dockerignore`'s job; the order of the COPY lines is about the build cache.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Optimize cache usage (Order your layers)"),
        url: text!("https://docs.docker.com/build/cache/optimize/#order-your-layers"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn installs_deps(c: &Command) -> bool {
    let first = c.positionals(&[]).first().map(|w| w.value.clone()).unwrap_or_default();
    match c.name() {
        Some("npm") => matches!(&*first, "ci" | "install" | "i") && c.positionals(&[]).len() == 1,
        Some("yarn") => first.is_empty() || first == "install",
        Some("pnpm") => first == "install" || first == "i",
        Some("pip" | "pip3") => c.has_flag(&["-r", "--requirement"]),
        Some("poetry" | "pipenv" | "bundle" | "composer") => first == "install",
        Some("go") => first == "mod" && c.args().iter().any(|a| a.value == "download"),
        Some("mvn" | "mvnw") => c.args().iter().any(|a| a.value.starts_with("dependency:")),
        Some("cargo") => first == "fetch",
        Some("dotnet") => first == "restore",
        _ => false,
    }
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for stage in &cx.stages {
        let body: Vec<_> = cx.body(stage).collect();
        for (n, (_, ins)) in body.iter().enumerate() {
            if ins.kind != Kind::Copy || ins.flag("from").is_some() {
                continue;
            }
            let words = ins.words();
            let whole = words.len() == 2 && matches!(&*words[0].value, "." | "./");
            if !whole {
                continue;
            }
            let later_install = body[n + 1..]
                .iter()
                .any(|(i, _)| cx.script(*i).is_some_and(|s| s.commands.iter().any(installs_deps)));
            if later_install {
                out.report(words[0].span.cover(words[1].span), "copying everything before installing dependencies re-runs the install on every source change: copy the manifests first");
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
                "FROM p:1\nCOPY . /app\nRUN pip install --no-cache-dir -r /app/requirements.txt\n"
            ),
            [". /app"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM g:1\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM n:1\nCOPY . .\nRUN npm run build\n");
        silent(&RULE, "FROM n:1\nCOPY . .\nFROM n:1\nRUN npm ci\n");
    }
}
