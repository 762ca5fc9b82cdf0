//! DL3046: `useradd` with a large uid and without `-l`.

use super::helpers::fixes::add_flag;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3046",
    name: "useradd-no-log-init",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`useradd` with a large uid needs `-l` (`--no-log-init`)"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags `useradd -u <uid>` (or `--uid`) with a uid of six digits or more, without `-l`/`--no-log-init`.",
        why: "useradd records the user in `/var/log/lastlog` and `/var/log/faillog`, files indexed by uid and \
            normally sparse. Because of a bug in Go's tar handling of sparse files, the image layer stores them in \
            full: a uid like 1000000 can add hundreds of megabytes, or fill the disk of the build.",
        bad: "FROM debian:12-slim\nRUN useradd -u 1000000 app\n",
        good: "FROM debian:12-slim\nRUN useradd --no-log-init -u 1000000 app\n",
        fix: "Add `-l` / `--no-log-init` to useradd (or use a smaller uid).",
    },
    quiz: quiz! {
        question: "What does `useradd --no-log-init` (`-l`) skip?",
        choices: &[
            Choice {
                text: "The lastlog and faillog records",
                correct: true,
                feedback: "Those files grow with the uid, and the layer stores them in full; without the records a \
                    large uid costs nothing.",
            },
            Choice {
                text: "Creating the user's home directory",
                correct: false,
                feedback: "That is `-M` (`--no-create-home`); `-l` is only about the login records.",
            },
            Choice {
                text: "Writing the new user to /etc/passwd",
                correct: false,
                feedback: "The user is still created; only the lastlog and faillog records are skipped.",
            },
            Choice {
                text: "Logging the useradd command to syslog",
                correct: false,
                feedback: "The option is about the lastlog and faillog databases, whose size grows with the uid.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Building best practices (USER: --no-log-init)"),
        url: text!("https://docs.docker.com/build/building/best-practices/#user"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if cmd.name() != Some("useradd") || cmd.has_flag(&["-l", "--no-log-init"]) {
            continue;
        }
        let args = cmd.args();
        let uid = args.iter().enumerate().find_map(|(i, w)| {
            if w.value == "-u" || w.value == "--uid" {
                args.get(i + 1).map(|v| (v, &*v.value))
            } else {
                w.value.strip_prefix("--uid=").map(|v| (w, v))
            }
        });
        if let Some((w, uid)) = uid {
            if uid.len() > 5 && uid.chars().all(|c| c.is_ascii_digit()) {
                out.push(
                    Diagnostic::new(
                        w.span,
                        format!("uid {uid} without `--no-log-init` makes a huge sparse lastlog in the layer: add `-l`"),
                    )
                    .with_fix(|| add_flag(cx, i, cmd.name_word(), "--no-log-init")),
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
        assert_eq!(spans(&RULE, "FROM d:1\nRUN useradd -u 123456 a\n"), ["123456"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM d:1\nRUN useradd -u 12345 a && useradd -l -u 123456 b\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM d:1\nRUN useradd --uid=1234567 a\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM d:1\nRUN useradd -u 1000000 app\n"),
            "FROM d:1\nRUN useradd --no-log-init -u 1000000 app\n"
        );
    }
}
