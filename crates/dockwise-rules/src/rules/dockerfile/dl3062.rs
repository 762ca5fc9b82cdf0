//! DL3062: `go install`/`go get`/`go run` of a module without a version.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3062",
    name: "go-pin-versions",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`go install` of a module without a version"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `go install`, `go get` and `go run` of a remote package without `@version`, or with \
            `@latest`/`@none`. Local paths (`.`, `./...`) pass.",
        why: "`@latest` takes whatever is newest when the image is built (so does `go get` without a version): \
            rebuilds drift, and a broken or compromised release goes straight into the image. Without any `@` \
            suffix, `go install` takes its versions from the go.mod of the working directory, which the Dockerfile \
            does not show, and outside a module it refuses to run.",
        bad: "FROM golang:1.22\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n",
        good: "FROM golang:1.22\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.0\n",
        fix: "Pin a version: `go install module/path@v1.2.3`.",
    },
    quiz: quiz! {
        question: "Is `go install example.com/tool@latest` pinned?",
        choices: &[
            Choice {
                text: "No: `@latest` is resolved whenever the step runs",
                correct: true,
                feedback: "Go looks up the newest release each time the step runs (a cached layer keeps the old one \
                    until the cache is cleared); use an exact `@vX.Y.Z`.",
            },
            Choice {
                text: "Yes: `@latest` is recorded in go.sum for later builds",
                correct: false,
                feedback: "With a version suffix go install ignores the current go.mod and go.sum, and `@latest` is \
                    looked up again whenever the step runs.",
            },
            Choice {
                text: "Only with GOFLAGS=-mod=readonly",
                correct: false,
                feedback: "`-mod=readonly` stops go from changing go.mod; it does not choose a version for `@latest`.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_PIN_APT,
        &Source {
            title: text!("Go docs: Go Modules Reference (go install)"),
            url: text!("https://go.dev/ref/mod#go-install"),
        },
        &Source {
            title: text!("hadolint wiki: DL3062 (pin versions in go install)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3062"),
        },
    ],
    concern: Some(&sources::PINNED_PACKAGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    const VALUE_FLAGS: &[&str] = &[
        "-o",
        "-C",
        "-p",
        "-tags",
        "-ldflags",
        "-gcflags",
        "-mod",
        "-modfile",
        "-exec",
        "-overlay",
        "-pkgdir",
        "-toolexec",
        "-asmflags",
    ];
    for (_, cmd) in cx.commands(true) {
        if cmd.name() != Some("go") {
            continue;
        }
        let pos = cmd.positionals(VALUE_FLAGS);
        if !pos
            .first()
            .is_some_and(|w| matches!(&*w.value, "install" | "get" | "run"))
        {
            continue;
        }
        let local = |p: &str| {
            p == "." || p.starts_with("./") || p.starts_with("../") || p.starts_with('/') || p.ends_with(".go")
        };
        let bad = pos.iter().skip(1).find(|w| {
            let p = &*w.value;
            if local(p) || p.contains('$') {
                return false;
            }
            match p.rsplit_once('@') {
                Some((_, v)) => v == "latest" || v == "none" || v.is_empty(),
                None => true,
            }
        });
        if let Some(w) = bad {
            out.report(w.span, format!("`{}` is not pinned: use `@v<version>`", w.value));
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
            spans(&RULE, "FROM g:1\nRUN go install github.com/a/b@latest\n"),
            ["github.com/a/b@latest"]
        );
        fires(&RULE, "FROM g:1\nRUN go run github.com/a/b\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM g:1\nRUN go install github.com/a/b@v1.2 && go get ./... && go build ./...\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM g:1\nRUN go run main.go && go install -ldflags=-s .\n");
    }
}
