//! DL3003: `cd` inside RUN instead of WORKDIR.

use super::helpers::fixes::{insert_before, Keywords};
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Args, Model};
use dockwise_syntax::shell::{Command, Sep};
use dockwise_syntax::FileKind;
use dockwise_syntax::Span;

pub static RULE: Rule = Rule {
    id: "DL3003",
    name: "use-workdir",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`cd` in RUN: use WORKDIR to change directory"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a `cd` command in a RUN instruction.",
        why: "Each RUN starts in the WORKDIR, so a `cd` only lasts until the end of that RUN. Readers (and later \
            instructions) easily assume it still applies, and long `cd a && ... && cd ../b` chains hide where files \
            really go. WORKDIR states the directory once, for every following instruction, and creates it if needed.",
        bad: "FROM node:20-slim\nCOPY . /app\nRUN cd /app && npm ci\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
        fix: "Set the directory with `WORKDIR /path` before the RUN. For a one-off command elsewhere, most tools take \
            a directory option (`make -C dir`, `npm --prefix dir`, `git -C dir`).",
    },
    quiz: quiz! {
        question: "After `RUN cd /app && npm ci`, in which directory does the next RUN start?",
        choices: &[
            Choice {
                text: "In the WORKDIR; the `cd` ended with its RUN",
                correct: true,
                feedback: "Each RUN starts a new shell in the WORKDIR; the `cd` ended with the previous shell.",
            },
            Choice {
                text: "In /app, since the `cd` ran in this stage",
                correct: false,
                feedback: "The `cd` only changed the directory of the shell that ran that one RUN.",
            },
            Choice {
                text: "In the directory of the build context",
                correct: false,
                feedback: "The build context is not a directory inside the image; RUN starts in the WORKDIR.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_BEST_PRACTICES_WORKDIR],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let keywords = Keywords::default();
    for (i, cmd) in cx.commands(false) {
        if cmd.name() == Some("cd") {
            out.push(
                Diagnostic::new(
                    cmd.program_span(),
                    "`cd` only lasts for this RUN: use WORKDIR to set the directory",
                )
                .with_fix(|| to_workdir(cx, i, cmd, &keywords)),
            );
        }
    }
}

/// `RUN cd /dir && cmd...` → `WORKDIR /dir` and `RUN cmd...`, for a RUN
/// that starts with `cd` to an absolute path written plainly. Unsafe: the
/// directory now holds for the instructions after the RUN too, and WORKDIR
/// creates it where `cd` would have failed.
fn to_workdir(cx: &Model, i: usize, cd: &Command, keywords: &Keywords) -> Option<Fix> {
    let ins = cx.instructions().get(i)?;
    let script = cx.script(i)?;
    let [first, next, ..] = script.commands.as_slice() else {
        return None;
    };
    let [_, dir] = cd.words.as_slice() else { return None };
    let plain = dir.value.starts_with('/')
        && dir.raw == dir.value
        && dir.value.chars().all(|c| c.is_alphanumeric() || "/._-+@".contains(c));
    let leading =
        std::ptr::eq(first, cd) && cd.sep == Sep::AndIf && cd.assignments.is_empty() && cd.redirects.is_empty();
    if !plain || !leading || next.depth != 0 || !matches!(ins.args, Args::Shell(_)) || !ins.heredocs.is_empty() {
        return None;
    }
    let workdir = format!("{} {}\n", keywords.get(cx, "WORKDIR"), dir.value);
    Fix::unsafe_(
        "use WORKDIR",
        vec![
            insert_before(cx, i, &workdir),
            Edit::delete(Span::new(cd.span.start, next.span.start)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM x:1\nRUN cd /usr/src/app && make\n"),
            ["cd /usr/src/app"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM x:1\nWORKDIR /usr/src/app\nRUN make\n");
        silent(&RULE, "FROM x:1\nRUN echo cd\n");
    }

    #[test]
    fn edge() {
        // inside a subshell still counts, like hadolint
        fires(&RULE, "FROM x:1\nRUN (cd /tmp && tar xf a.tgz)\n");
        // under PowerShell the POSIX shell rules do not apply
        silent(&RULE, "FROM x:1\nSHELL [\"pwsh\", \"-c\"]\nRUN cd C:\\\\app\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM x:1\nRUN cd /usr/src/app && make\n"),
            "FROM x:1\nWORKDIR /usr/src/app\nRUN make\n"
        );
        assert_eq!(
            fix_converges(
                &RULE,
                "from x:1\n# build\nrun --mount=type=cache,target=/c cd /src \\\n    && make \\\n    && make install\n"
            ),
            "from x:1\nworkdir /src\n# build\nrun --mount=type=cache,target=/c make \\\n    && make install\n"
        );
        // only a plain leading `cd /absolute/path &&`
        for src in [
            "FROM x:1\nRUN make && cd /x && make\n",
            "FROM x:1\nRUN cd src && make\n",
            "FROM x:1\nRUN cd $DIR && make\n",
            "FROM x:1\nRUN cd /x; make\n",
            "FROM x:1\nRUN cd /x && (make)\n",
            "FROM x:1\nRUN (cd /tmp && tar xf a.tgz)\n",
            "FROM x:1\nRUN cd /x\n",
        ] {
            assert!(run(&RULE, src)[0].fix.is_none(), "{src}");
        }
    }
}
