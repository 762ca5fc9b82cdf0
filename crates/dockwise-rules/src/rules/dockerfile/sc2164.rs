//! SC2164: `cd` in RUN without a check, and no `set -e`.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::{Command, Sep};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2164",
    name: "unchecked-cd",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`cd` in RUN can fail silently: add `|| exit` or `set -e`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `cd`, `pushd` or `popd` followed by `;` or a newline (not `&&` or `||`, not in a condition), in \
            a RUN that does not set `-e` (`set -e`, `set -o errexit`).",
        why: "If the directory does not exist, `cd` fails and the shell carries on in the old directory: `cd \
            /tmp/build; rm -rf *` then removes files from the WORKDIR. The RUN's status is its last command's, so \
            the build may even pass.",
        bad: "FROM alpine:3.20\n\
            RUN cd /tmp/build; rm -rf ./*\n",
        good: "FROM alpine:3.20\n\
            RUN cd /tmp/build || exit 1; rm -rf ./*\n",
        fix: "Write `cd dir || exit 1`, chain with `&&` (`cd dir && make`), start the RUN with `set -e`, or use \
            WORKDIR when the directory is for the following instructions too.",
    },
    quiz: quiz! {
        question: "`RUN cd /src/app; make install` and /src/app does not exist. What runs?",
        choices: &[
            Choice {
                text: "make, in the WORKDIR: the failed cd does not stop the script",
                correct: true,
                feedback: "Without `set -e` or `|| exit`, a failed cd only sets `$?`; the next command runs \
                    where the shell already was.",
            },
            Choice {
                text: "Nothing: a failed cd always aborts the shell",
                correct: false,
                feedback: "Only special built-ins abort a non-interactive POSIX shell on error; cd is not one.",
            },
            Choice {
                text: "make, in /: cd falls back to the root directory",
                correct: false,
                feedback: "A failed cd leaves the current directory unchanged.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_RUN,
        &sources::DOCKER_BEST_PRACTICES_WORKDIR,
        &Source {
            title: text!("ShellCheck wiki: SC2164"),
            url: text!("https://www.shellcheck.net/wiki/SC2164"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

/// Does the command set errexit (`set -e`, `set -eux`, `set -o errexit`)?
fn sets_errexit(c: &Command) -> bool {
    c.name() == Some("set")
        && (c.args().iter().any(|w| {
            let v = &*w.value;
            v.starts_with('-') && !v.starts_with("--") && v[1..].contains('e')
        }) || c
            .args()
            .windows(2)
            .any(|w| w[0].value.ends_with('o') && w[1].value == "errexit"))
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        let cmds = &run.script.commands;
        let errexit_from = cmds.iter().find(|c| sets_errexit(c)).map_or(u32::MAX, |c| c.span.start);
        // the compounds followed by `&&` or `||`, merged into disjoint
        // ranges sorted by position (compounds nest or are apart)
        let mut ranges: Vec<(u32, u32)> = run
            .script
            .compounds
            .iter()
            .filter(|k| matches!(k.sep, Sep::AndIf | Sep::OrIf))
            .map(|k| (k.span.start, k.span.end))
            .collect();
        ranges.sort_unstable();
        let mut tested: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match tested.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => tested.push((start, end)),
            }
        }
        for (i, c) in cmds.iter().enumerate() {
            if !matches!(c.name(), Some("cd" | "pushd" | "popd")) || c.span.start > errexit_from {
                continue;
            }
            if matches!(c.sep, Sep::AndIf | Sep::OrIf | Sep::Pipe | Sep::End) {
                continue;
            }
            // `a || cd x;`: the cd is itself a fallback
            if i > 0 && cmds[i - 1].depth == c.depth && cmds[i - 1].sep == Sep::OrIf {
                continue;
            }
            // inside a loop, an `if` or a subshell whose status is tested
            // (`for ...; done && next`): a condition as a whole
            let at = tested.partition_point(|&(_, end)| end < c.span.end);
            if tested.get(at).is_some_and(|&(start, _)| start <= c.span.start) {
                continue;
            }
            let end = c.span.end;
            let direct = c.program_span().end == end;
            out.push(
                Diagnostic::new(
                    c.program_span(),
                    "if this cd fails, the RUN goes on in the old directory: add `|| exit 1`",
                )
                .with_fix(|| {
                    if !direct {
                        return None;
                    }
                    Fix::unsafe_("add `|| exit 1`", vec![Edit::insert(end, " || exit 1")])
                }),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nRUN cd /tmp/b; rm -rf ./*\n"), ["cd /tmp/b"]);
        fires(&RULE, "FROM a:1\nRUN (cd /x; make)\n");
        // set -e after the cd does not protect it
        fires(&RULE, "FROM a:1\nRUN cd /x; set -e; make\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN cd /x && make; cd /y || exit 1; make\n");
        silent(&RULE, "FROM a:1\nRUN set -eux; cd /x; make\n");
        silent(&RULE, "FROM a:1\nRUN set -o errexit; cd /x; make\n");
        // inside a compound command whose status is tested
        silent(&RULE, "FROM a:1\nRUN for m in a b; do cd /x; make; done && echo ok\n");
        silent(&RULE, "FROM a:1\nRUN (cd /x; make) || exit 1\n");
        // the last command of the RUN: its failure fails the RUN
        silent(&RULE, "FROM a:1\nRUN make; cd /x\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN cd /tmp/b; rm -rf ./*\n"),
            "FROM a:1\nRUN cd /tmp/b || exit 1; rm -rf ./*\n"
        );
    }
}
