//! DL3038: `dnf install` without `-y`.

use super::helpers::missing_yes;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3038",
    name: "dnf-yes",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`dnf install` without `-y`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `dnf install` and `microdnf install` (also `groupinstall`, `localinstall` and the short form \
            `dnf in`) without `-y` or `--assumeyes`.",
        why: "dnf asks for confirmation before installing; a build cannot answer, so without `-y` it reads no answer \
            and aborts.",
        bad: "FROM fedora:40\nRUN dnf install python3-3.12.3 && dnf clean all\n",
        good: "FROM fedora:40\nRUN dnf install -y python3-3.12.3 && dnf clean all\n",
        fix: "Add `-y` (or `--assumeyes`) to every dnf or microdnf install.",
    },
    quiz: quiz! {
        question: "Which command installs a package without a prompt?",
        choices: &[
            Choice {
                text: "`dnf install -y httpd`",
                correct: true,
                feedback: "`-y` (`--assumeyes`) answers yes for dnf, so nothing waits for input.",
            },
            Choice {
                text: "`dnf install --noninteractive httpd`",
                correct: false,
                feedback: "dnf has no such option (that is zypper's); dnf stops with an error about the unknown \
                    argument.",
            },
            Choice {
                text: "`DEBIAN_FRONTEND=noninteractive dnf install httpd`",
                correct: false,
                feedback: "That variable is read by Debian's debconf only; dnf still asks.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_APT_YES,
        &Source {
            title: text!("hadolint wiki: DL3038 (use the -y switch with dnf)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3038"),
        },
        &sources::DNF_ASSUMEYES,
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    missing_yes(
        cx,
        out,
        &["dnf", "microdnf", "dnf5"],
        // `in` is dnf's short `install` (hadolint reads it only for DL3040)
        &["install", "groupinstall", "localinstall", "in"],
        &["-y", "--assumeyes"],
        "`dnf install` without `-y` stops at the prompt: add `-y`",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM f:1\nRUN microdnf install c-1.0\n"),
            ["microdnf install c-1.0"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM f:1\nRUN dnf install -y c\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM f:1\nRUN dnf upgrade\n");
        silent(&RULE, "FROM f:1\nRUN dnf --assumeyes install c\n");
    }

    #[test]
    fn short_install() {
        // dnf's short `install` prompts the same way
        assert_eq!(spans(&RULE, "FROM f:1\nRUN dnf in c-1.0\n"), ["dnf in c-1.0"]);
        silent(&RULE, "FROM f:1\nRUN dnf in -y c-1.0\n");
        fires(&RULE, "RUN microdnf in c-1.0\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM f:1\nRUN microdnf --nodocs install c-1.0\n"),
            "FROM f:1\nRUN microdnf --nodocs install -y c-1.0\n"
        );
        fix_converges(&RULE, "FROM f:1\nRUN dnf in c-1.0\n");
    }
}
