//! DL3040: `dnf install` without `dnf clean all` afterwards.

use super::helpers::{has_arg, missing_clean, removes_any};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3040",
    name: "dnf-clean",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`dnf install` without `dnf clean all` in the same RUN"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags a RUN where `dnf` or `microdnf` installs or upgrades packages and no `clean all` (or removal of \
            dnf's cache directory) follows in the same RUN. A cache mount on dnf's cache counts as clean.",
        why: "dnf caches repository metadata and packages under `/var/cache/dnf` (`/var/cache/libdnf5` for dnf5). \
            They stay in the layer unless removed in the same RUN.",
        bad: "FROM fedora:40\nRUN dnf install -y python3-3.12.3\n",
        good: "FROM fedora:40\nRUN dnf install -y python3-3.12.3 && dnf clean all\n",
        fix: "End the RUN with `&& dnf clean all` (`microdnf clean all` on minimal images).",
    },
    quiz: quiz! {
        question: "`RUN microdnf install -y java-21` on a UBI minimal image: what should follow?",
        choices: &[
            Choice {
                text: "`&& microdnf clean all` in the same RUN",
                correct: true,
                feedback: "Right: it removes the cache before the layer is frozen.",
            },
            Choice {
                text: "A separate `RUN microdnf clean all`",
                correct: false,
                feedback: "Too late: the earlier layer already holds the cache.",
            },
            Choice {
                text: "Nothing: microdnf keeps no cache",
                correct: false,
                feedback: "It does keep metadata.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(check),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let dnf = |c: &dockwise_syntax::shell::Command| matches!(c.name(), Some("dnf" | "microdnf" | "dnf5"));
    missing_clean(
        cx,
        out,
        |c| {
            dnf(c)
                && [
                    "install",
                    "groupinstall",
                    "localinstall",
                    "upgrade",
                    "update",
                    "reinstall",
                ]
                .iter()
                .any(|w| has_arg(c, w))
        },
        |c| {
            (dnf(c) && has_arg(c, "clean"))
                || removes_any(c, &["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"])
        },
        &["/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"],
        "dnf's cache stays in this layer: end the RUN with `dnf clean all`",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM f:1\nRUN microdnf install -y c\n"),
            ["microdnf install -y c"]
        );
        fires(&RULE, "FROM f:1\nRUN dnf upgrade -y\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM f:1\nRUN microdnf install -y c && microdnf clean all\n");
    }

    #[test]
    fn edge() {
        // an unrelated rm -rf does not clean dnf's cache (hadolint accepts it)
        fires(&RULE, "FROM f:1\nRUN dnf install -y d && rm -rf /tmp/x\n");
        silent(&RULE, "FROM f:1\nRUN dnf install -y d && rm -rf /var/cache/dnf\n");
        silent(
            &RULE,
            "FROM f:1\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y d\n",
        );
    }
}
