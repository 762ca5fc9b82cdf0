//! DL3041: `dnf install` without package versions.

use super::helpers::{defined_names, dnf_subcommand, has_arg, rpm_version_like};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3041",
    name: "dnf-pin-versions",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`dnf install` without pinned versions"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `dnf`/`microdnf install` (or the short `dnf in`) with a package that has no version \
            (`python3-3.12.3`) and is not an `.rpm` file; for `dnf module install`, a module without a stream \
            (`nodejs:20`). A `$VAR` version part counts when the ARG or ENV is defined.",
        why: "Without versions, every build takes whatever the repositories hold that day; the same Dockerfile drifts \
            and can break.",
        bad: "FROM fedora:40\nRUN dnf install -y python3 && dnf clean all\n",
        good: "FROM fedora:40\nRUN dnf install -y python3-3.12.3 && dnf clean all\n",
        fix: "Write `name-version` (see `dnf list --showduplicates name`).",
    },
    quiz: quiz! {
        question: "Which dnf package spec is pinned?",
        choices: &[
            Choice {
                text: "`python3-3.12.3`",
                correct: true,
                feedback: "The part after the last name dash starts with a digit, so it is a version.",
            },
            Choice {
                text: "`python3-devel`",
                correct: false,
                feedback: "`-devel` is part of the name, not a version.",
            },
            Choice {
                text: "`python3 --setopt=install_weak_deps=False`",
                correct: false,
                feedback: "That skips weak dependencies; the python3 version still floats.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_PIN_APT,
        &Source {
            title: text!("hadolint wiki: DL3041 (specify version with dnf install)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3041"),
        },
        &sources::DNF_SPECIFYING_PACKAGES,
    ],
    concern: Some(&sources::PINNED_PACKAGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if !matches!(cmd.name(), Some("dnf" | "microdnf" | "dnf5")) || has_arg(cmd, "group") {
            continue;
        }
        // `dnf in` is dnf's short `install` (hadolint reads it only for DL3040)
        let short = dnf_subcommand(cmd).is_some_and(|s| s == "install") && !has_arg(cmd, "install");
        if !short && !has_arg(cmd, "install") {
            continue;
        }
        let names = defined_names(cx, i);
        let defined = |v: &str| names.iter().any(|n| n == v);
        let module = has_arg(cmd, "module");
        let bad = cmd
            .positionals(&[
                "-c",
                "--config",
                "--installroot",
                "--enablerepo",
                "--disablerepo",
                "-x",
                "--exclude",
                "--releasever",
                "--setopt",
                "--repo",
            ])
            .into_iter()
            .find(|w| {
                !(short && w.value == "in")
                    && w.value != "install"
                    && w.value != "module"
                    && if module {
                        !w.value.contains(':')
                    } else {
                        !rpm_version_like(&w.value, &defined)
                    }
            });
        if let Some(w) = bad {
            out.report(
                w.span,
                format!("`{}` has no version: `dnf install {}-<version>`", w.value, w.value),
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
        assert_eq!(spans(&RULE, "FROM f:1\nRUN dnf install -y b\n"), ["b"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM f:1\nRUN microdnf install -y c-1.0 d-2.1.el9\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM f:1\nARG PKG=x\nRUN dnf install -y $PKG\n");
        silent(&RULE, "FROM f:1\nRUN dnf module install -y nodejs:20\n");
    }

    #[test]
    fn short_install() {
        // dnf's short `install`: the `in` itself is not a package
        assert_eq!(spans(&RULE, "FROM f:1\nRUN dnf -y in mariadb\n"), ["mariadb"]);
        silent(&RULE, "FROM f:1\nRUN dnf in -y mariadb-10.4\n");
        silent(&RULE, "FROM f:1\nRUN dnf -y in\n");
        fires(&RULE, "RUN microdnf in -y b\n");
        // a package called `in`, installed with the long form, is still checked
        assert_eq!(spans(&RULE, "FROM f:1\nRUN dnf install -y in\n"), ["in"]);
    }
}
