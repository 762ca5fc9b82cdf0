//! DL3036: `zypper install` without `zypper clean` afterwards.

use super::helpers::{has_arg, missing_clean, removes_any};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3036",
    name: "zypper-clean",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`zypper install` without `zypper clean` in the same RUN"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags a RUN with `zypper install` (or `in`) and no `zypper clean` (or `cc`) after it, unless a cache \
            is mounted on `/var/cache/zypp`.",
        why: "zypper keeps repository metadata (and, if enabled, downloaded packages) under `/var/cache/zypp`. Left \
            there, they bloat the layer with files nothing uses at runtime.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean --all\n",
        fix: "End the RUN with `&& zypper clean --all`.",
    },
    quiz: quiz! {
        question: "Which command empties zypper's cache?",
        choices: &[
            Choice {
                text: "`zypper clean --all`",
                correct: true,
                feedback: "It removes the cached metadata and packages (short form: `zypper cc -a`).",
            },
            Choice {
                text: "`zypper refresh --force`",
                correct: false,
                feedback: "That downloads fresh metadata into the cache: the opposite.",
            },
            Choice {
                text: "`zypper remove --clean-deps curl`",
                correct: false,
                feedback: "That removes packages and their unneeded dependencies, not the cache.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_APT_CLEANUP,
        &Source {
            title: text!("hadolint wiki: DL3036 (zypper clean missing)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3036"),
        },
        &sources::ZYPPER_MANUAL,
    ],
    concern: Some(&sources::IMAGE_SIZE),
    fixes: Fixes::Contextual,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    missing_clean(
        cx,
        out,
        |c| c.name() == Some("zypper") && (has_arg(c, "install") || has_arg(c, "in")),
        |c| {
            (c.name() == Some("zypper") && (has_arg(c, "clean") || has_arg(c, "cc")))
                || removes_any(c, &["/var/cache/zypp"])
        },
        &["/var/cache/zypp"],
        "zypper's cache stays in this layer: end the RUN with `zypper clean`",
        "clean --all",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM s:1\nRUN zypper -n in y\n"), ["zypper -n in y"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM s:1\nRUN zypper -n in y && zypper cc\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM s:1\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in y\n",
        );
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let applicability = |src: &str| run(&RULE, src)[0].fix.as_ref().map(|f| f.applicability);
        assert_eq!(
            fix_converges(&RULE, "FROM s:1\nRUN zypper -n install curl=8.6.0\n"),
            "FROM s:1\nRUN zypper -n install curl=8.6.0 && zypper clean --all\n"
        );
        assert_eq!(
            applicability("FROM s:1\nRUN zypper -n install curl=8.6.0\n"),
            Some(Applicability::Safe)
        );
        // unsafe when a later RUN installs again: the cache would be gone
        let later = concat!(
            "FROM s:1\nRUN zypper -n install curl=8.6.0\n",
            "RUN zypper -n in git=2 && zypper clean\n"
        );
        assert_eq!(applicability(later), Some(Applicability::Unsafe));
        fix_converges(&RULE, later);
    }
}
