//! DL3008: `apt-get install` without package versions.

use super::helpers::unpinned_packages;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3008",
    name: "apt-pin-versions",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`apt-get install` without pinned versions"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `apt-get install` with a package that names no version (`pkg=1.2-3`), no release \
            (`pkg/bookworm`) and is not a local `.deb` file. The finding sits on the first unpinned package.",
        why: "Without a version, each build installs whatever the mirror has that day. Rebuilding an old commit gives \
            a different image, and an update can break the build or the app with no change to the Dockerfile. Pinned \
            versions make builds repeatable and upgrades visible in review.",
        bad: "FROM debian:12-slim\n\
            RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:12-slim\n\
            RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\n",
        fix: "Add `=<version>` to each package (`apt-cache policy <pkg>` shows the candidates), and let a bot such as \
            Renovate propose updates. Note that Debian mirrors drop old versions, so pinned builds need a snapshot \
            mirror or regular bumps.",
    },
    quiz: quiz! {
        question: "What does pinning `curl=7.88.1-10+deb12u8` buy you?",
        choices: &[
            Choice {
                text: "The same curl version on each rebuild, until you bump it",
                correct: true,
                feedback: "The version is part of the Dockerfile and changes only when someone edits it, where review \
                    can see it.",
            },
            Choice {
                text: "A build that keeps working after Debian publishes updates",
                correct: false,
                feedback: "The opposite can happen: Debian's mirrors drop superseded versions, so a pinned build \
                    fails until you bump the pin (or use a snapshot mirror).",
            },
            Choice {
                text: "Pinned versions of curl's dependencies too",
                correct: false,
                feedback: "Only curl is pinned; libcurl and the other dependencies still resolve to whatever the \
                    mirror has.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Building best practices (apt-get: version pinning)"),
        url: text!("https://docs.docker.com/build/building/best-practices/#apt-get"),
    }],
    concern: Some(&sources::PINNED_PACKAGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

pub fn apt_pinned(p: &str) -> bool {
    p.contains('=') || p.contains('/') || p.ends_with(".deb")
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    unpinned_packages(cx, out, &["apt-get"], &["install"], apt_pinned, |p| {
        format!("`{p}` has no version: pin it (`{p}=<version>`) for repeatable builds")
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM d:1\nRUN apt-get install -y curl=7 wget\n"), ["wget"]);
        fires(&RULE, "FROM d:1\nONBUILD RUN apt-get install -y curl\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM d:1\nRUN apt-get install -y curl=7.88 ./local.deb nginx/bookworm-backports\n",
        );
    }

    #[test]
    fn edge() {
        // the value of -t is a release, not a package
        silent(&RULE, "FROM d:1\nRUN apt-get install -y -t bookworm-backports curl=7\n");
        silent(&RULE, "FROM d:1\nRUN apt-get update\n");
    }
}
