//! DL3040: `dnf install` without `dnf clean all` afterwards.

use super::helpers::{dnf_subcommand, has_arg, missing_clean, removes_any};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        what: "Flags a RUN where `dnf` or `microdnf` installs or upgrades packages (`install`, `upgrade`, \
            `reinstall`, `upgrade-minimal`... or their short forms `in`, `up`, `rei`, `up-min`) and no `clean all` (or \
            removal of dnf's cache directory) follows in the same RUN. A cache mount on dnf's cache counts as clean.",
        why: "dnf caches repository metadata (and, with `keepcache`, packages) under `/var/cache/dnf` \
            (`/var/cache/libdnf5` for dnf5). They stay in the layer unless removed in the same RUN.",
        bad: "FROM fedora:40\nRUN dnf install -y python3-3.12.3\n",
        good: "FROM fedora:40\nRUN dnf install -y python3-3.12.3 && dnf clean all\n",
        fix: "End the RUN with `&& dnf clean all` (`microdnf clean all` on minimal images).",
    },
    quiz: quiz! {
        question: "`RUN microdnf install -y java-21-openjdk-headless` on a UBI minimal image: what should follow?",
        choices: &[
            Choice {
                text: "`&& microdnf clean all` in the same RUN",
                correct: true,
                feedback: "It removes the cache before the layer is frozen.",
            },
            Choice {
                text: "A separate `RUN microdnf clean all` at the end",
                correct: false,
                feedback: "Too late: the earlier layer already holds the cache.",
            },
            Choice {
                text: "Nothing: microdnf keeps no cache",
                correct: false,
                feedback: "It keeps repository metadata, which `microdnf clean all` removes.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_APT_CLEANUP,
        &Source {
            title: text!("hadolint wiki: DL3040 (dnf clean all missing)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3040"),
        },
        &sources::DNF_CLEAN_COMMAND,
    ],
    concern: Some(&sources::IMAGE_SIZE),
    fixes: Fixes::Contextual,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let dnf = |c: &dockwise_syntax::shell::Command| matches!(c.name(), Some("dnf" | "microdnf" | "dnf5"));
    const INSTALLS: &[&str] = &[
        "install",
        "groupinstall",
        "localinstall",
        "upgrade",
        "upgrade-minimal",
        "update",
        "reinstall",
    ];
    missing_clean(
        cx,
        out,
        |c| {
            // any position, like hadolint; the short forms (`in`, `up`, `rei`,
            // `up-min`) only as the subcommand
            dnf(c)
                && (INSTALLS.iter().any(|w| has_arg(c, w))
                    || dnf_subcommand(c).is_some_and(|s| INSTALLS.contains(&&*s)))
        },
        |c| {
            (dnf(c) && has_arg(c, "clean"))
                || removes_any(c, &["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"])
        },
        &["/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"],
        "dnf's cache stays in this layer: end the RUN with `dnf clean all`",
        "clean all",
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

    #[test]
    fn short_subcommands() {
        // dnf's short forms, as hadolint lists them
        for sub in ["in", "up", "upgrade-minimal", "up-min", "rei", "reinstall"] {
            assert_eq!(
                spans(&RULE, &format!("FROM f:1\nRUN dnf -y {sub}\n")),
                [format!("dnf -y {sub}")],
                "dnf {sub}"
            );
            silent(&RULE, &format!("FROM f:1\nRUN dnf -y {sub} && dnf clean all\n"));
        }
        fires(&RULE, "FROM f:1\nRUN dnf in -y mariadb-10.4\n");
        silent(&RULE, "FROM f:1\nRUN dnf in -y mariadb-10.4 && dnf clean all\n");
        silent(
            &RULE,
            "FROM f:1\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf in -y mariadb-10.4\n",
        );
        silent(
            &RULE,
            "FROM f:1\nRUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf in -y mariadb-10.4\n",
        );
        // a clean before the install does not count
        fires(&RULE, "FROM f:1\nRUN microdnf clean all && dnf in -y mariadb-10.4\n");
        fires(
            &RULE,
            "FROM f:1\nRUN rm -rf /var/cache/libdnf5 && dnf in -y mariadb-10.4\n",
        );
        // only as the subcommand: a package called `in` is just a package
        silent(&RULE, "FROM f:1\nRUN dnf download in up\n");
        silent(&RULE, "FROM f:1\nRUN notdnf in mariadb\n");
    }

    #[test]
    fn snippets_without_from() {
        fires(&RULE, "RUN dnf in -y mariadb-10.4\n");
        silent(&RULE, "RUN dnf in -y mariadb-10.4 && dnf clean all\n");
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let applicability = |src: &str| run(&RULE, src)[0].fix.as_ref().map(|f| f.applicability);
        assert_eq!(
            fix_converges(&RULE, "FROM f:1\nRUN microdnf install -y python3-3.12.3\n"),
            "FROM f:1\nRUN microdnf install -y python3-3.12.3 && microdnf clean all\n"
        );
        assert_eq!(
            applicability("FROM f:1\nRUN microdnf install -y python3-3.12.3\n"),
            Some(Applicability::Safe)
        );
        // unsafe when a later RUN installs again: the cache would be gone
        let later = concat!(
            "FROM f:1\nRUN microdnf install -y python3-3.12.3\n",
            "RUN microdnf install -y git-2 && microdnf clean all\n"
        );
        assert_eq!(applicability(later), Some(Applicability::Unsafe));
        fix_converges(&RULE, later);
    }
}
