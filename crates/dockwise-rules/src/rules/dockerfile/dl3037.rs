//! DL3037: `zypper install` without package versions.

use super::helpers::has_arg;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3037",
    name: "zypper-pin-versions",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`zypper install` without pinned versions"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `zypper install` (`in`) with a package that has no version constraint (`pkg=1.2`, `pkg>=1.2`, \
            `pkg<2`) and is not an `.rpm` file.",
        why: "Unpinned packages follow the repositories, so builds of the same Dockerfile drift over time.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper clean\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 && zypper clean\n",
        fix: "Add a version: `zypper -n in 'curl=8.6.0'` (quote `>`/`<` constraints so the shell does not read them \
            as redirections).",
    },
    quiz: quiz! {
        question: "Why quote `'curl>=8'` in `zypper in 'curl>=8'`?",
        choices: &[
            Choice {
                text: "The shell would read `>` as a redirection",
                correct: true,
                feedback: "Unquoted, `curl>=8` runs `zypper in curl` and writes its output to a file named `=8`.",
            },
            Choice {
                text: "zypper requires quotes around every package",
                correct: false,
                feedback: "Only characters the shell treats specially need quotes.",
            },
            Choice {
                text: "It is not needed: `>=` is passed to zypper as is",
                correct: false,
                feedback: "The shell sees `>` first and turns it into a redirection, so zypper never gets the \
                    constraint.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_PIN_APT,
        &Source {
            title: text!("hadolint wiki: DL3037 (specify version with zypper install)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3037"),
        },
        &sources::ZYPPER_MANUAL,
    ],
    concern: Some(&sources::PINNED_PACKAGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (_, cmd) in cx.commands(true) {
        if cmd.name() != Some("zypper") || !(has_arg(cmd, "install") || has_arg(cmd, "in")) {
            continue;
        }
        let bad = cmd
            .positionals(&["--root", "-R", "--config", "-c", "--from", "-r", "--repo"])
            .into_iter()
            .find(|w| {
                w.value != "install"
                    && w.value != "in"
                    && !(w.value.contains(['=', '>', '<']) || w.value.ends_with(".rpm"))
            });
        if let Some(w) = bad {
            out.report(
                w.span,
                format!("`{}` has no version: `zypper in {}=<version>`", w.value, w.value),
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
        assert_eq!(spans(&RULE, "FROM s:1\nRUN zypper -n in y\n"), ["y"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM s:1\nRUN zypper -n in 'y>=1' z=2 w.rpm\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM s:1\nRUN zypper -n rm y\n");
    }
}
