//! DL3009: apt package lists left in the image.

use super::helpers::{clean_fix, has_cache_mount, package_command, Pm};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::{Command, Script};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3009",
    name: "apt-lists-not-removed",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("apt package lists are left in the image"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags `apt-get update` in a RUN that does not also delete `/var/lib/apt/lists` (for example `rm -rf \
            /var/lib/apt/lists/*`). Only stages that end up in the final image are checked (a file without FROM \
            counts as one), and a cache mount on the lists directory, or on both `/var/lib/apt` and \
            `/var/cache/apt`, counts as cleanup.",
        why: "`apt-get update` downloads the package indexes into `/var/lib/apt/lists`, often several megabytes or \
            more. A layer is frozen at the end of its RUN, so deleting the lists in a later RUN does not make the \
            image smaller: they stay in the earlier layer. They are useless at runtime, where nobody should install \
            packages.",
        bad: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
        good: "FROM debian:12-slim\n\
            RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
        fix: "End the same RUN with `&& rm -rf /var/lib/apt/lists/*`. With BuildKit you can instead mount a cache \
            there: `RUN --mount=type=cache,target=/var/lib/apt/lists ...`. Note that `apt-get clean` alone empties \
            the downloaded .deb cache, not the lists.",
    },
    quiz: quiz! {
        question: "A RUN installs packages and the next RUN does `rm -rf /var/lib/apt/lists/*`. Is the image smaller?",
        choices: &[
            Choice {
                text: "No: the lists stay in the earlier layer",
                correct: true,
                feedback: "Each RUN adds a layer. A later delete hides the files, but the earlier layer still ships \
                    them.",
            },
            Choice {
                text: "Yes, Docker merges the two layers",
                correct: false,
                feedback: "Docker does not merge layers; each RUN is its own layer.",
            },
            Choice {
                text: "Yes, but only with the overlay2 storage driver",
                correct: false,
                feedback: "Storage drivers do not change this; it is how image layers work.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Building best practices (apt-get: remove the apt lists)"),
        url: text!("https://docs.docker.com/build/building/best-practices/#apt-get"),
    }],
    concern: Some(&sources::IMAGE_SIZE),
    fixes: Fixes::Contextual,
    scope: Scope::Place,
};

/// Does the script delete `/var/lib/apt/lists` (or a parent of it), or run
/// `apt-get dist-clean` (apt 2.7+, which also removes the lists)?
pub fn removes_apt_lists(script: &Script) -> bool {
    let covers = |p: &str| {
        let p = p.trim_end_matches(['*', '/']);
        p.starts_with("/var/lib/apt") && "/var/lib/apt/lists".starts_with(p)
    };
    script.commands.iter().any(|c| match c.name() {
        Some("rm") => c.has_flag(&["-r", "-R", "--recursive"]) && c.positionals(&[]).iter().any(|w| covers(&w.value)),
        Some("find") => {
            c.args().first().is_some_and(|w| covers(&w.value))
                && c.args().iter().any(|w| w.value == "-delete" || w.value == "-exec")
        }
        Some("apt-get" | "apt") => matches!(package_command(c), Some((Pm::Apt, ref s)) if s == "dist-clean"),
        _ => false,
    })
}

/// Does `cmd` read the apt lists (install, upgrade, search...)? Removing,
/// cleaning and `update` itself do not.
fn reads_apt_lists(cmd: &Command) -> bool {
    cmd.name() == Some("apt-cache")
        || matches!(package_command(cmd), Some((Pm::Apt, s)) if !matches!(&*s,
            "update" | "clean" | "autoclean" | "dist-clean" | "remove" | "purge" | "autoremove" | "autopurge"))
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // Only the final stage and the stages it is built FROM keep their files;
    // a stage that is only copied from leaves its lists behind. A file without
    // FROM (a snippet) is its own final stage, as in hadolint.
    let Some(last) = cx.final_section() else { return };
    let runs = cx.lineage(last).into_iter().flat_map(|s| cx.runs(s, true));
    for (i, ins, script) in runs {
        // the mounts of `ONBUILD RUN --mount=...` are the inner RUN's
        let ins = ins.effective();
        if has_cache_mount(ins, &["/var/lib/apt/lists"])
            || (has_cache_mount(ins, &["/var/lib/apt"]) && has_cache_mount(ins, &["/var/cache/apt"]))
        {
            continue;
        }
        let update = script
            .commands
            .iter()
            .find(|c| matches!(package_command(c), Some((Pm::Apt, ref s)) if s == "update"));
        if let Some(cmd) = update {
            if !removes_apt_lists(script) {
                // unsafe when a later RUN installs without updating again
                let fix = || {
                    clean_fix(
                        cx,
                        i,
                        "rm -rf /var/lib/apt/lists/*",
                        &reads_apt_lists,
                        &|c| matches!(package_command(c), Some((Pm::Apt, s)) if s == "update"),
                    )
                };
                out.push(Diagnostic::new(cmd.program_span(), "the package lists from `apt-get update` stay in this layer: end the RUN with `rm -rf /var/lib/apt/lists/*`").with_fix(fix));
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
            spans(&RULE, "FROM d:1\nRUN apt-get update && apt-get install -y x\n"),
            ["apt-get update"]
        );
        // cleaning in a later RUN does not help
        fires(
            &RULE,
            "FROM d:1\nRUN apt-get update && apt-get install -y x\nRUN rm -rf /var/lib/apt/lists/*\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM d:1\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n",
        );
        silent(
            &RULE,
            "FROM d:1\nRUN apt-get update && apt-get install -y x && rm -r /var/lib/apt/lists\n",
        );
    }

    #[test]
    fn edge() {
        // deleting something else does not count (hadolint accepts any `rm -rf`)
        fires(
            &RULE,
            "FROM d:1\nRUN apt-get update && apt-get install -y x && rm -rf /tmp/build\n",
        );
        // `apt-get clean` removes archives, not lists
        fires(
            &RULE,
            "FROM d:1\nRUN apt-get update && apt-get install -y x && apt-get clean\n",
        );
        silent(
            &RULE,
            "FROM d:1\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y x\n",
        );
        // a builder stage whose files never reach the final image
        silent(
            &RULE,
            "FROM d:1 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\n",
        );
        silent(
            &RULE,
            "FROM d:1\nRUN apt-get update && apt-get install -y x && find /var/lib/apt/lists -type f -delete\n",
        );
        silent(
            &RULE,
            "FROM d:1\nRUN apt-get update; apt-get install -y x; apt-get dist-clean\n",
        );
        // a stage only copied from does not pass its lists on
        silent(
            &RULE,
            "FROM d:1 AS build\nRUN apt-get update && apt-get install -y x\nFROM d:1\nCOPY --from=build /out /out\n",
        );
    }

    #[test]
    fn cache_mounts() {
        // a cache (or tmpfs) on the lists, or on both /var/lib/apt and /var/cache/apt
        silent(
            &RULE,
            "FROM d:1\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \\\n  apt-get update\n",
        );
        silent(
            &RULE,
            "FROM d:1\nRUN --mount=type=tmpfs,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n  apt-get update\n",
        );
        // only one of the two still leaves the lists (or the archives) behind
        fires(
            &RULE,
            "FROM d:1\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y x\n",
        );
        fires(
            &RULE,
            "FROM d:1\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n",
        );
        // ONBUILD RUN: the mount is the inner RUN's
        silent(
            &RULE,
            "FROM d:1\nONBUILD RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y x\n",
        );
        fires(
            &RULE,
            "FROM d:1\nONBUILD RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y x\n",
        );
    }

    #[test]
    fn snippets_without_from() {
        // a file without FROM is checked as its own final stage
        assert_eq!(
            spans(&RULE, "RUN apt-get update && apt-get install -y curl\n"),
            ["apt-get update"]
        );
        fires(&RULE, "ARG V=1\nRUN apt-get update && apt-get install -y curl\n");
        fires(
            &RULE,
            "RUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n",
        );
        fires(
            &RULE,
            "RUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install python\n",
        );
        silent(
            &RULE,
            "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install python\n",
        );
        silent(
            &RULE,
            "RUN --mount=type=tmpfs,target=/var/cache/apt --mount=type=tmpfs,target=/var/lib/apt apt-get update\n",
        );
        silent(
            &RULE,
            "RUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n",
        );
        // a RUN before the first FROM is in no stage of the image
        silent(
            &RULE,
            "RUN apt-get update && apt-get install -y x\nFROM d:1\nRUN echo\n",
        );
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let src = "FROM d:1\nRUN apt-get update && apt-get install -y x\n";
        assert_eq!(
            fix_converges(&RULE, src),
            "FROM d:1\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n"
        );
        assert_eq!(
            run(&RULE, src)[0].fix.as_ref().unwrap().applicability,
            Applicability::Safe
        );
        // one package per line: the removal gets a line of its own
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM d:1\nRUN apt-get update \\\n    && apt-get install -y \\\n       x \\\n    && apt-get clean\n"
            ),
            "FROM d:1\nRUN apt-get update \\\n    && apt-get install -y \\\n       x \\\n    && apt-get clean \\\n    && rm -rf /var/lib/apt/lists/*\n"
        );
        fix_converges(
            &RULE,
            "FROM d:1\nRUN <<EOF\nset -e\napt-get update\napt-get install -y x\nEOF\n",
        );
        // no place to append: inside `if`, or after a background job
        assert!(run(&RULE, "FROM d:1\nRUN if true; then apt-get update; fi\n")[0]
            .fix
            .is_none());
    }

    #[test]
    fn fix_is_unsafe_when_a_later_run_reads_the_lists() {
        use crate::diagnostics::Applicability;
        let applicability = |src: &str| run(&RULE, src)[0].fix.as_ref().map(|f| f.applicability);
        // a later install without its own `apt-get update` needs these lists
        let src = "FROM d:1\nRUN apt-get update && apt-get install -y x\nRUN apt-get install -y y\n";
        assert_eq!(applicability(src), Some(Applicability::Unsafe));
        fix_converges(&RULE, src);
        // ... also in a stage built on this one
        assert_eq!(
            applicability("FROM d:1 AS base\nRUN apt-get update\nFROM base\nRUN apt-cache policy x\n"),
            Some(Applicability::Unsafe)
        );
        // one that updates first, or only removes, does not
        assert_eq!(
            applicability("FROM d:1\nRUN apt-get update && apt-get install -y x\nRUN apt-get update && apt-get install -y y && rm -rf /var/lib/apt/lists/*\n"),
            Some(Applicability::Safe)
        );
        assert_eq!(
            applicability("FROM d:1\nRUN apt-get update && apt-get install -y x\nRUN apt-get purge -y x\n"),
            Some(Applicability::Safe)
        );
        // an unrelated stage does not count
        assert_eq!(
            applicability(
                "FROM d:1 AS a\nRUN apt-get install -y y\nFROM d:1\nRUN apt-get update && apt-get install -y x\n"
            ),
            Some(Applicability::Safe)
        );
        // ONBUILD RUN: the later RUNs are in images this file does not show
        assert_eq!(
            applicability("FROM d:1\nONBUILD RUN apt-get update && apt-get install -y x\n"),
            Some(Applicability::Unsafe)
        );
    }
}
