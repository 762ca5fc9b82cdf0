//! DL3019: `apk add` keeping the package cache.

use super::helpers::fixes::add_flag;
use super::helpers::{has_cache_mount, package_command, package_subcommand, Pm};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3019",
    name: "apk-no-cache",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`apk add` without `--no-cache`"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags `apk add` without `--no-cache`, unless a cache is mounted on `/var/cache/apk`.",
        why: "Without `--no-cache`, the package indexes apk downloads (with `apk update` or `apk add -U`) stay under \
            `/var/cache/apk`: a megabyte or more that nothing uses at runtime. `--no-cache` fetches the index for \
            that one command and keeps nothing, which also makes a separate `apk update` unnecessary.",
        bad: "FROM alpine:3.20\nRUN apk update && apk add curl=8.9.1-r0\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
        fix: "Use `apk add --no-cache ...` (and drop `apk update`), or mount a cache: `RUN \
            --mount=type=cache,target=/var/cache/apk apk add ...`.",
    },
    quiz: quiz! {
        question: "What does `--no-cache` change for `apk add`?",
        choices: &[
            Choice {
                text: "It fetches a fresh index and stores none of it",
                correct: true,
                feedback: "apk reads the repository index for this command only, so nothing is left under \
                    /var/cache/apk and no `apk update` is needed.",
            },
            Choice {
                text: "It skips Docker's build cache for this step",
                correct: false,
                feedback: "It is apk's own option about its index files; Docker's layer cache is controlled by \
                    `docker build --no-cache`.",
            },
            Choice {
                text: "It installs without checking package signatures",
                correct: false,
                feedback: "Signatures are checked either way; only `--allow-untrusted` turns that off.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_APT_CLEANUP,
        &Source {
            title: text!("hadolint wiki: DL3019 (use the --no-cache switch)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3019"),
        },
        &Source {
            title: text!("Alpine manual: apk(8) (global option --no-cache)"),
            url: text!("https://man.archlinux.org/man/apk.8.en"),
        },
    ],
    concern: Some(&sources::IMAGE_SIZE),
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, script) in cx.scripts(true) {
        let ins = cx.instructions()[i].effective();
        if has_cache_mount(ins, &["/var/cache/apk"]) {
            continue;
        }
        for cmd in &script.commands {
            if matches!(package_command(cmd), Some((Pm::Apk, ref s)) if s == "add") && !cmd.has_flag(&["--no-cache"]) {
                let word = package_subcommand(cmd).map(|(_, w)| w);
                out.push(
                    Diagnostic::new(
                        cmd.program_span(),
                        "`apk add` keeps its index in /var/cache/apk: add `--no-cache`",
                    )
                    .with_fix(|| add_flag(cx, i, word, "--no-cache")),
                );
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
        assert_eq!(spans(&RULE, "FROM a:1\nRUN apk add git\n"), ["apk add git"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN apk add --no-cache git\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM a:1\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n",
        );
        silent(&RULE, "FROM a:1\nRUN apk del git\n");
        // seen through xargs, as hadolint does not
        fires(
            &RULE,
            "FROM a:1\nRUN scanelf --needed x | xargs -rt apk add --virtual .rundeps\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN apk update && apk add git\n"),
            "FROM a:1\nRUN apk update && apk add --no-cache git\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN apk --update add --virtual .deps git\n"),
            "FROM a:1\nRUN apk --update add --no-cache --virtual .deps git\n"
        );
    }
}
