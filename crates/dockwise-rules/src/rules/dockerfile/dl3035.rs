//! DL3035: `zypper dist-upgrade` in a build.

use super::helpers::{package_command, Pm};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3035",
    name: "no-zypper-dist-upgrade",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`zypper dist-upgrade` in a build"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `zypper dist-upgrade` and `zypper dup`.",
        why: "`zypper dup` applies the state of the repositories to the system: it upgrades or even downgrades \
            installed packages and removes packages the repositories no longer have, and on a rolling distribution \
            such as Tumbleweed it is a full distribution upgrade. Libraries change under your app with no change to \
            the Dockerfile. The base image's maintainers publish tested updates; take those by bumping the tag.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper -n dup\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper -n patch --category security\n",
        fix: "Update the base image tag instead; if you must patch, apply only security patches (`zypper -n patch \
            --category security`).",
    },
    quiz: quiz! {
        question: "What is the better way to get OS updates into an image?",
        choices: &[
            Choice {
                text: "Bump the base image tag to a newer, tested release",
                correct: true,
                feedback: "The publisher tests that image, and the change is visible in the Dockerfile.",
            },
            Choice {
                text: "Add `zypper -n dup` so every build is current",
                correct: false,
                feedback: "That makes builds unrepeatable and can change far more than security fixes.",
            },
            Choice {
                text: "Run `zypper up` inside the running containers",
                correct: false,
                feedback: "Changes in a running container are lost when it is replaced, and nobody can see them in \
                    the image.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Building best practices (Rebuild your images often)"),
            url: text!("https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often"),
        },
        &Source {
            title: text!("hadolint wiki: DL3035 (do not use zypper dist-upgrade)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3035"),
        },
        &sources::ZYPPER_MANUAL,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (_, cmd) in cx.commands(true) {
        if matches!(package_command(cmd), Some((Pm::Zypper, ref s)) if s == "dist-upgrade" || s == "dup") {
            out.report(
                cmd.program_span(),
                "a distribution upgrade changes the release under your app: bump the base image instead",
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
        assert_eq!(
            spans(&RULE, "FROM s:1\nRUN zypper --non-interactive dup\n"),
            ["zypper --non-interactive dup"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM s:1\nRUN zypper -n up\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM s:1\nRUN zypper -n dist-upgrade --no-recommends\n");
    }
}
