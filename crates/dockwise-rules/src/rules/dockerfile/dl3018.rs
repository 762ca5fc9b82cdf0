//! DL3018: `apk add` without package versions.

use super::helpers::unpinned_packages;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3018",
    name: "apk-pin-versions",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`apk add` without pinned versions"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `apk add` with a package that has no version constraint (`pkg=1.2-r0`, `pkg~1.2`, `pkg>1`) and \
            is not a local `.apk` file. Values of `--virtual`, `-t`, `--repository` and `-X` are not packages.",
        why: "Alpine's repositories move: an unpinned package gets a new version on the next build, so the same \
            Dockerfile can produce different images and break without any change of yours.",
        bad: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
        fix: "Pin each package: `pkg=<version>` for an exact version, or `pkg~<major.minor>` to accept the releases \
            that start with that prefix. `apk policy <pkg>` lists versions.",
    },
    quiz: quiz! {
        question: "What does `apk add curl~8.9` allow?",
        choices: &[
            Choice {
                text: "Versions that start with 8.9, such as 8.9.1-r2",
                correct: true,
                feedback: "`~` is a prefix match on the version, so 8.9 patch releases get in and 8.10 does not.",
            },
            Choice {
                text: "Version 8.9 exactly, with no later patch release",
                correct: false,
                feedback: "An exact pin is `=`; `~` accepts any version that starts with 8.9.",
            },
            Choice {
                text: "Any version from 8.9 upwards, such as 8.10.0",
                correct: false,
                feedback: "That is `>=8.9`; `~` is a prefix match.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_PIN_APT,
        &Source {
            title: text!("hadolint wiki: DL3018 (pin versions in apk add)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3018"),
        },
        &Source {
            title: text!("Alpine manual: apk-world(5) (version constraints)"),
            url: text!("https://man.archlinux.org/man/apk-world.5.en"),
        },
    ],
    concern: Some(&sources::PINNED_PACKAGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let pinned = |p: &str| p.contains(['=', '~', '>', '<']) || p.ends_with(".apk");
    unpinned_packages(cx, out, &["apk"], &["add"], pinned, |p| {
        format!("`{p}` has no version: pin it (`{p}=<version>`)")
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nRUN apk add --no-cache curl=8 git\n"), ["git"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nRUN apk add --no-cache curl=8.9.1-r0 git~2.45 ./x.apk\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nRUN apk add --virtual .build-deps gcc=13.2.1-r0\n");
        silent(&RULE, "FROM a:1\nRUN apk del .build-deps\n");
    }
}
