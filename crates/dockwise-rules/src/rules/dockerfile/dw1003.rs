//! DW1003: a package index update in a RUN that installs nothing.

use super::helpers::{is_index_update, is_install, package_command};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1003",
    name: "update-without-install",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Package index updated in a RUN that installs nothing"),
    tags: &[Tag::Reliability, Tag::Size],
    docs: docs! {
        what: "Flags `apt-get update` (and `apk update`, `yum`/`dnf makecache`, `zypper refresh`) in a RUN that does \
            not also install packages.",
        why: "The build cache reuses a RUN layer as long as its instruction text is unchanged. A lone `RUN apt-get \
            update` layer is reused build after build, so when a later `RUN apt-get install` runs again (a package \
            was added), it installs from an old index: it fails when the mirror no longer has the versions that \
            index lists, or installs outdated packages. The index files also stay in the image, in a layer of their \
            own.",
        bad: "FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n",
        good: "FROM debian:12-slim\n\
            RUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
        fix: "Update and install in the same RUN, joined with `&&`, and clean up the index at the end of that RUN. \
            With apk, `apk add --no-cache` needs no separate update at all.",
    },
    quiz: quiz! {
        question: "`RUN apt-get update` and `RUN apt-get install -y nginx` are separate lines. Months later you add \
            `curl` to the install line. What can go wrong?",
        choices: &[
            Choice {
                text: "The install runs against a months-old package index",
                correct: true,
                feedback: "The unchanged update line comes from the cache, so the install sees the old lists: it may \
                    fail because the mirror dropped those versions, or install outdated packages.",
            },
            Choice {
                text: "Nothing: editing the install line reruns the update too",
                correct: false,
                feedback: "The cache is checked from the top: the update line did not change, so its cached layer is \
                    reused; only the edited line and the ones after it run again.",
            },
            Choice {
                text: "Nothing: apt-get install refreshes the index itself",
                correct: false,
                feedback: "`apt-get install` reads the lists already on disk; only `apt-get update` downloads new \
                    ones.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_BEST_PRACTICES_APT,
        &Source {
            title: text!("CIS Docker Benchmark 4.7: Ensure update instructions are not used alone in the Dockerfile"),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for script in cx.scripts(true).map(|(_, s)| s) {
        let cmds: Vec<_> = script
            .commands
            .iter()
            .filter_map(|c| package_command(c).map(|p| (c, p)))
            .collect();
        for (cmd, (pm, sub)) in &cmds {
            if !is_index_update(*pm, sub) {
                continue;
            }
            let installs = cmds.iter().any(|(_, (p2, s2))| p2 == pm && is_install(*p2, s2));
            if !installs {
                out.report(cmd.program_span(), format!("`{}` without an install in the same RUN: the cached index goes stale; update and install together", cmd.command_line()));
            }
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
            spans(&RULE, "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y x\n"),
            ["apt-get update"]
        );
        fires(&RULE, "FROM alpine:3.20\nRUN apk update\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM debian:12\nRUN apt-get update && apt-get install -y x\n");
        silent(&RULE, "FROM alpine:3.20\nRUN apk update && apk add curl\n");
    }

    #[test]
    fn edge() {
        // upgrade also consumes the index
        silent(&RULE, "FROM debian:12\nRUN apt-get -q update && apt-get -y upgrade\n");
        // a heredoc script is one RUN
        silent(
            &RULE,
            "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
        );
        fires(&RULE, "FROM debian:12\nRUN sudo apt-get -o Acquire::Retries=3 update\n");
    }
}
