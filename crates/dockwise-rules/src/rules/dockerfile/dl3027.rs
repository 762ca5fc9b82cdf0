//! DL3027: `apt` in a script (it is meant for people, not scripts).

use super::helpers::fixes::in_shell_text;
use super::helpers::package_subcommand;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::Command;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3027",
    name: "no-apt",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`apt` in RUN: use `apt-get` or `apt-cache`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags the `apt` command in RUN.",
        why: "`apt` is the front end for people at a terminal: its manual says its behaviour may change between \
            versions, and it warns that it has no stable command-line interface when used in scripts. `apt-get` and \
            `apt-cache` offer the same features and keep their behaviour stable for scripts and builds.",
        bad: "FROM ubuntu:24.04\nRUN apt update && apt install -y curl\n",
        good: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\n",
        fix: "Replace `apt` with `apt-get` (install, update, remove) or `apt-cache` (search, show).",
    },
    quiz: quiz! {
        question: "Why prefer `apt-get` over `apt` in a Dockerfile?",
        choices: &[
            Choice {
                text: "apt's behaviour may change between releases",
                correct: true,
                feedback: "apt is designed for interactive use; apt-get and apt-cache keep backward compatibility for \
                    scripts.",
            },
            Choice {
                text: "`apt` is not installed in Debian-based images",
                correct: false,
                feedback: "It comes with the apt package in every Debian and Ubuntu image; it is the wrong tool for \
                    scripts, not a missing one.",
            },
            Choice {
                text: "Only `apt-get` can install pinned versions like `curl=8.5.0-2`",
                correct: false,
                feedback: "apt accepts `pkg=version` too; the difference is the stable interface.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_BEST_PRACTICES_APT,
        &Source {
            title: text!("Debian manual: apt(8) (script usage)"),
            url: text!("https://manpages.debian.org/bookworm/apt/apt.8.en.html"),
        },
        &Source {
            title: text!("hadolint wiki: DL3027 (do not use apt)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3027"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

/// apt's subcommands that apt-get has, with apt-get's name for them
/// (`apt list`, `search`, `show` have none: apt-cache's output differs).
const APT_GET: &[(&str, &str)] = &[
    ("install", "install"),
    ("remove", "remove"),
    ("purge", "purge"),
    ("update", "update"),
    ("upgrade", "upgrade"),
    ("full-upgrade", "dist-upgrade"),
    ("dist-upgrade", "dist-upgrade"),
    ("autoremove", "autoremove"),
    ("clean", "clean"),
    ("autoclean", "autoclean"),
    ("build-dep", "build-dep"),
    ("source", "source"),
    ("download", "download"),
];

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if cmd.name() == Some("apt") {
            if let Some(w) = cmd.name_word() {
                out.push(
                    Diagnostic::new(
                        w.span,
                        "`apt` is for interactive use: use `apt-get` (or `apt-cache`) in builds",
                    )
                    .with_fix(|| to_apt_get(cx, i, cmd)),
                );
            }
        }
    }
}

/// `apt <sub>` → `apt-get <sub>`: unsafe, as the two differ in details
/// (`apt upgrade` installs new dependencies, `apt-get upgrade` does not).
fn to_apt_get(cx: &Model, i: usize, cmd: &Command) -> Option<Fix> {
    let src = cx.source;
    let name = cmd.name_word()?;
    let (_, sub) = package_subcommand(cmd)?;
    let (_, new) = APT_GET.iter().find(|(apt, _)| *apt == sub.value)?;
    let exact = |span: dockwise_syntax::Span, raw: &str| span.text(src) == raw && in_shell_text(cx, i, span);
    if !exact(name.span, name.raw) || !exact(sub.span, sub.raw) {
        return None;
    }
    let mut edits = vec![Edit::insert(name.span.end, "-get")];
    if sub.value != *new {
        edits.push(Edit::replace(sub.span, *new));
    }
    Fix::unsafe_("use apt-get", edits)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM u:1\nRUN apt install -y x\n"), ["apt"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM u:1\nRUN apt-get install -y x && apt-cache policy x\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM u:1\nRUN echo apt\n");
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let src = "FROM u:1\nRUN apt update && apt install -y x && /usr/bin/apt full-upgrade -y\n";
        assert_eq!(
            fix_converges(&RULE, src),
            "FROM u:1\nRUN apt-get update && apt-get install -y x && /usr/bin/apt-get dist-upgrade -y\n"
        );
        assert_eq!(
            run(&RULE, src)[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
        // `apt search` has no apt-get twin
        assert!(run(&RULE, "FROM u:1\nRUN apt search x\n")[0].fix.is_none());
    }
}
