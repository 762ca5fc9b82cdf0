//! DL3015: `apt-get install` pulling in recommended packages.

use super::helpers::fixes::add_flag;
use super::helpers::{package_command, package_subcommand};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3015",
    name: "apt-no-install-recommends",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`apt-get install` also installs recommended packages"),
    tags: &[Tag::Size, Tag::Security],
    docs: docs! {
        what: "Flags `apt-get install` without `--no-install-recommends` (or the equivalent `-o \
            APT::Install-Recommends=false`).",
        why: "By default apt also installs every package the ones you named recommend: documentation, helpers, \
            sometimes whole toolchains. They are rarely needed in a container, can add many megabytes, and every \
            extra package is more code for scanners to flag and for attackers to use.",
        bad: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y python3\n",
        good: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3\n",
        fix: "Add `--no-install-recommends` to `apt-get install`, then add back explicitly any recommended package \
            the app really needs.",
    },
    quiz: quiz! {
        question: "What does `--no-install-recommends` leave out?",
        choices: &[
            Choice {
                text: "Packages that are only recommended, not required",
                correct: true,
                feedback: "Hard dependencies (Depends) are still installed; only the optional Recommends are skipped.",
            },
            Choice {
                text: "The packages' dependencies, so programs may not start",
                correct: false,
                feedback: "Required dependencies are always installed; only recommended packages are skipped.",
            },
            Choice {
                text: "The documentation files of the packages you install",
                correct: false,
                feedback: "The option does not filter files inside packages; it only skips whole packages that are \
                    merely recommended.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_FEW_PACKAGES, &sources::CIS_UNNECESSARY_PACKAGES],
    concern: Some(&sources::IMAGE_SIZE),
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if cmd.name() != Some("apt-get") || !matches!(package_command(cmd), Some((_, ref s)) if s == "install") {
            continue;
        }
        let off = cmd.has_flag(&["--no-install-recommends"])
            || cmd.args().iter().any(|w| {
                let v = w.value.to_ascii_lowercase();
                v.contains("apt::install-recommends=false")
                    || v.contains("apt::install-recommends=0")
                    || v.contains("apt::install-recommends \"false\"")
            });
        if !off {
            let word = package_subcommand(cmd).map(|(_, w)| w);
            out.push(
                Diagnostic::new(
                    cmd.program_span(),
                    "`apt-get install` also pulls recommended packages: add `--no-install-recommends`",
                )
                .with_fix(|| add_flag(cx, i, word, "--no-install-recommends")),
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
            spans(&RULE, "FROM d:1\nRUN apt-get install -y curl\n"),
            ["apt-get install -y curl"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM d:1\nRUN apt-get install -y --no-install-recommends curl\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM d:1\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n",
        );
        silent(&RULE, "FROM d:1\nRUN apt-get update\n");
        assert_eq!(
            spans(&RULE, "FROM d:1\nRUN apt-get install -y \\\n    curl\n"),
            ["apt-get install -y \\\n    curl"]
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM d:1\nRUN apt-get update && apt-get install -y curl\n"),
            "FROM d:1\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n"
        );
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM d:1\nRUN apt-get -o Dpkg::Use-Pty=0 install -y \\\n    curl\n"
            ),
            "FROM d:1\nRUN apt-get -o Dpkg::Use-Pty=0 install --no-install-recommends -y \\\n    curl\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM d:1\nRUN [\"sh\", \"-c\", \"apt-get install -y curl\"]\n"),
            "FROM d:1\nRUN [\"sh\", \"-c\", \"apt-get install --no-install-recommends -y curl\"]\n"
        );
        fix_converges(&RULE, "FROM d:1\nRUN <<EOF\napt-get install -y curl\nEOF\n");
        // a string of the exec form cannot take a flag in place
        assert!(
            run(&RULE, "FROM d:1\nRUN [\"apt-get\", \"install\", \"-y\", \"curl\"]\n")[0]
                .fix
                .is_none()
        );
    }
}
