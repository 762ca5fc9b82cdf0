//! DL3021: COPY with several sources needs a folder destination ending in `/`.

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3021",
    name: "copy-dest-slash",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("COPY with several sources: the destination must end with `/`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags COPY with more than one source whose destination does not end with `/`.",
        why: "With several sources the destination must be a directory, and the Dockerfile reference says to write it \
            with a trailing `/`. The legacy builder fails without it. BuildKit does not check: it usually creates \
            the directory, but with a wildcard or a destination that already exists as a file it has been reported \
            to keep only one of the files. The slash gives the same result on every builder and tells readers a \
            folder is meant.",
        bad: "FROM node:20-slim\nCOPY package.json package-lock.json /app\n",
        good: "FROM node:20-slim\nCOPY package.json package-lock.json /app/\n",
        fix: "End the destination with a slash: `/app/`.",
    },
    quiz: quiz! {
        question: "What does the trailing `/` in `COPY a.txt b.txt /data/` guarantee?",
        choices: &[
            Choice {
                text: "`/data` is a directory holding both files, on any builder",
                correct: true,
                feedback: "With the slash every builder treats the destination as a directory and copies both files \
                    into it.",
            },
            Choice {
                text: "Nothing: COPY always makes a directory for several sources",
                correct: false,
                feedback: "The legacy builder fails without the slash, and BuildKit's result then depends on what \
                    already exists at `/data`.",
            },
            Choice {
                text: "It also copies the files' parent directories",
                correct: false,
                feedback: "That is `COPY --parents`; a trailing slash only marks the destination as a directory.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Dockerfile reference (COPY)"),
            url: text!("https://docs.docker.com/reference/dockerfile/#copy"),
        },
        &Source {
            title: text!("hadolint wiki: DL3021 (destination must end with /)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3021"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx
        .instructions()
        .iter()
        .map(|i| i.effective())
        .filter(|i| i.kind == Kind::Copy)
    {
        let words = ins.words();
        if let Some(dest) = words.last() {
            let d = dest.value.trim_matches(['"', '\'']);
            if words.len() > 2 && !d.ends_with('/') {
                // after the word, or inside its closing quote
                let text = dest.span.text(cx.source);
                let at = if text == dest.value {
                    Some(dest.span.end)
                } else {
                    let quoted = text.len() >= 2
                        && (text.starts_with('"') || text.starts_with('\''))
                        && text.ends_with(&text[..1])
                        && text[1..text.len() - 1] == *dest.value;
                    quoted.then_some(dest.span.end - 1)
                };
                let fix = || at.and_then(|at| Fix::safe("add a trailing /", vec![Edit::insert(at, "/")]));
                out.push(
                    Diagnostic::new(
                        dest.span,
                        format!(
                            "several sources are copied, so `{}` must be a folder written with a trailing `/`",
                            dest.value
                        ),
                    )
                    .with_fix(fix),
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
        assert_eq!(spans(&RULE, "FROM a:1\nCOPY a b /dest\n"), ["/dest"]);
        fires(&RULE, "FROM a:1\nCOPY [\"a\", \"b\", \"c\"]\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nCOPY a b /dest/\n");
        silent(&RULE, "FROM a:1\nCOPY a /dest\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nCOPY --chown=1:1 a b \"/dest/\"\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nCOPY a b /dest\n"),
            "FROM a:1\nCOPY a b /dest/\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nCOPY [\"a\", \"b\", \"/my dest\"]\n"),
            "FROM a:1\nCOPY [\"a\", \"b\", \"/my dest/\"]\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nCOPY a b \"$D\"\n"),
            "FROM a:1\nCOPY a b \"$D/\"\n"
        );
    }
}
