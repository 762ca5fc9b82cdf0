//! DL3035: `zypper dist-upgrade` in a build.

use super::helpers::{package_command, Pm};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
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
        why: "A distribution upgrade can move the image to a new release, changing libraries under your app with no \
            change to the Dockerfile. The base image's maintainers publish tested updates; take those by bumping the \
            tag.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper -n dup\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper -n patch --category security\n",
        fix: "Update the base image tag instead; if you must patch, apply only security patches (`zypper -n patch \
            --category security`).",
    },
    quiz: quiz! {
        question: "What is the better way to get OS updates into an image?",
        choices: &[
            Choice {
                text: "Rebuild on a newer base image tag",
                correct: true,
                feedback: "Right: tested by the publisher, visible in the Dockerfile.",
            },
            Choice {
                text: "Run a dist-upgrade in every build",
                correct: false,
                feedback: "That makes builds unrepeatable and can change the release.",
            },
            Choice {
                text: "Upgrade inside running containers",
                correct: false,
                feedback: "Changes in a running container are lost and untracked.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::No,
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
