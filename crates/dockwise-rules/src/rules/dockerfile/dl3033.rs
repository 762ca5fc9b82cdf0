//! DL3033: `yum install` without package versions.

use super::helpers::{defined_names, has_arg, rpm_version_like};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3033",
    name: "yum-pin-versions",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`yum install` without pinned versions"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `yum install` with a package that has no version (`httpd-2.4.57`) and is not an `.rpm` file; for \
            `yum module install`, a module without a stream (`nodejs:18`). A `$VAR` version part counts when the ARG \
            or ENV is defined.",
        why: "Unpinned packages change with the repositories, so rebuilds drift and can break without any change to \
            the Dockerfile.",
        bad: "FROM rockylinux:9\nRUN yum install -y httpd && yum clean all\n",
        good: "FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && yum clean all\n",
        fix: "Write `name-version` (see `yum list --showduplicates name`) and bump it on purpose.",
    },
    quiz: quiz! {
        question: "How do you pin a package with yum?",
        choices: &[
            Choice {
                text: "`yum install -y httpd-2.4.57`",
                correct: true,
                feedback: "Name, dash, version: yum matches `httpd-2.4.57` against the repository's versions.",
            },
            Choice {
                text: "`yum install -y httpd=2.4.57`, as with apt",
                correct: false,
                feedback: "yum does not split on `=`, so it looks for a package with that whole name; the version \
                    follows a dash.",
            },
            Choice {
                text: "`yum install -y httpd@2.4.57`, as with npm",
                correct: false,
                feedback: "`@version` is npm's syntax; with yum the version follows a dash: `httpd-2.4.57`.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_PIN_APT,
        &Source {
            title: text!("hadolint wiki: DL3033 (specify version with yum install)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3033"),
        },
        &sources::DNF_SPECIFYING_PACKAGES,
    ],
    concern: Some(&sources::PINNED_PACKAGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if cmd.name() != Some("yum") || !has_arg(cmd, "install") {
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
            ])
            .into_iter()
            .find(|w| {
                w.value != "install"
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
                format!("`{}` has no version: `yum install {}-<version>`", w.value, w.value),
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
            spans(&RULE, "FROM c:1\nRUN yum install -y httpd-devel\n"),
            ["httpd-devel"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM c:1\nRUN yum install -y httpd-2.4.57 ./x.rpm\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM c:1\nARG V\nRUN yum install -y x-$V\n");
        fires(&RULE, "FROM c:1\nRUN yum install -y x-$V\n");
        silent(&RULE, "FROM c:1\nRUN yum module install -y nodejs:18\n");
    }
}
