//! SC2115: `rm -rf "$dir/"...` in RUN removes from `/` when the variable is empty.

use super::helpers::shell::{for_each_run, part_span};
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::{parts, ExpansionKind, ShWord};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2115",
    name: "rm-empty-variable",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`rm -r \"$dir/\"...` in RUN: an empty variable makes it `/...`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a recursive `rm` (`-r`, `-R`, `--recursive`) whose argument starts with a variable followed \
            by `/`, when the variable is not guarded with `${name:?}`.",
        why: "When the variable is empty or unset (a build argument left out, a typo in its name), \
            `rm -rf \"$BUILD_DIR/\"*` becomes `rm -rf /*` and empties the image's file system, or removes the \
            wrong tree with no error. `${BUILD_DIR:?}` stops the shell with a message instead.",
        bad: "FROM debian:12-slim\n\
            ARG BUILD_DIR\n\
            RUN rm -rf \"$BUILD_DIR/\"*\n",
        good: "FROM debian:12-slim\n\
            ARG BUILD_DIR=/tmp/build\n\
            RUN rm -rf \"${BUILD_DIR:?}/\"*\n",
        fix: "Write `${name:?}` (or `${name:?message}`) for the variable, so an empty value stops the RUN. The fix \
            does this; it is safe, as the command could only ever do harm with an empty value.",
    },
    quiz: quiz! {
        question: "`ARG APP_HOME` (no default), then `RUN rm -rf \"$APP_HOME/\"*`, built without `--build-arg \
            APP_HOME=...`. What is removed?",
        choices: &[
            Choice {
                text: "Everything under `/` that rm can remove: the argument became `/*`",
                correct: true,
                feedback: "An unset ARG expands to nothing; `${APP_HOME:?}` would stop the RUN instead.",
            },
            Choice {
                text: "Nothing: Docker refuses a RUN that uses an unset ARG",
                correct: false,
                feedback: "An ARG without a value is simply empty in RUN; the build goes on.",
            },
            Choice {
                text: "Only the current WORKDIR's contents",
                correct: false,
                feedback: "The leading `/` remains, so the pattern is `/*`.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_RUN,
        &Source {
            title: text!("Docker docs: Dockerfile reference (ARG: an ARG with no value is empty)"),
            url: text!("https://docs.docker.com/reference/dockerfile/#arg"),
        },
        &sources::POSIX_SHELL,
        &Source {
            title: text!("ShellCheck wiki: SC2115"),
            url: text!("https://www.shellcheck.net/wiki/SC2115"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

/// The word's leading variable, when a `/` follows it and it is not guarded.
fn unguarded_prefix<'w>(w: &'w ShWord) -> Option<(&'w str, usize, &'w str)> {
    let p = parts(w.raw);
    let first = p.expansions.first()?;
    let lead = &w.raw[..first.offset];
    if !(lead.is_empty() || lead == "\"") || first.kind != ExpansionKind::Parameter {
        return None;
    }
    let after = w.raw[first.offset + first.text.len()..].trim_start_matches('"');
    let guarded = first.operation.starts_with(":?") || first.operation.starts_with('?');
    let name_ok = first.name.bytes().all(|c| c == b'_' || c.is_ascii_alphanumeric());
    (after.starts_with('/') && !guarded && first.operation.is_empty() && name_ok && !first.length).then_some((
        first.name,
        first.offset,
        first.text,
    ))
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in run.script.commands.iter().filter(|c| c.name() == Some("rm")) {
            if !c.has_flag(&["-r", "-R", "--recursive"]) {
                continue;
            }
            for w in c.positionals(&[]) {
                let Some((name, offset, text)) = unguarded_prefix(w) else {
                    continue;
                };
                let part = part_span(w, offset, text.len());
                out.push(
                    Diagnostic::new(
                        w.span,
                        format!("if `{name}` is empty this removes from `/`: write `${{{name}:?}}`"),
                    )
                    .with_fix(|| {
                        let span = part?;
                        Fix::safe(
                            format!("guard with ${{{name}:?}}"),
                            vec![Edit::replace(span, format!("${{{name}:?}}"))],
                        )
                    }),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nRUN rm -rf \"$D/\"*\n"), ["\"$D/\"*"]);
        fires(&RULE, "FROM a:1\nRUN rm -r ${D}/x\n");
        fires(&RULE, "FROM a:1\nRUN rm --recursive --force \"$D\"/cache\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nRUN rm -rf \"${D:?}/\"* /var/lib/apt/lists/* \"$D\" x/$D/y\n",
        );
        // not recursive
        silent(&RULE, "FROM a:1\nRUN rm -f \"$D/\"x\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN rm -rf \"$D/\"* ${E}/x\n"),
            "FROM a:1\nRUN rm -rf \"${D:?}/\"* ${E:?}/x\n"
        );
    }
}
