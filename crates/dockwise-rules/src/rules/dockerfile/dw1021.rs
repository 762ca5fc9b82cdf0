//! DW1021: `npm install` where `npm ci` belongs.

use super::helpers::fixes::in_shell_text;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1021",
    name: "npm-ci",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`npm install` in a build: use `npm ci`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `npm install` (or `npm i`) run without package names, that is, installing a project's \
            dependencies.",
        why: "`npm install` may resolve newer versions than the lockfile records and rewrite it, so two builds of the \
            same commit can differ. `npm ci` installs exactly what `package-lock.json` says, fails if it is out of \
            date with package.json, and starts from a clean `node_modules`.",
        bad: "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install --omit=dev\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n",
        fix: "Commit `package-lock.json` and use `npm ci` (`--omit=dev` for production images). For yarn use `yarn \
            install --frozen-lockfile` (`--immutable` in yarn 2+), for pnpm `pnpm install --frozen-lockfile`.",
    },
    quiz: quiz! {
        question: "What does `npm ci` do differently from `npm install`?",
        choices: &[
            Choice {
                text: "Installs exactly the lockfile's versions and fails if the lockfile is out of date",
                correct: true,
                feedback: "Right: reproducible installs.",
            },
            Choice {
                text: "It skips devDependencies",
                correct: false,
                feedback: "That is `--omit=dev`, available to both.",
            },
            Choice {
                text: "It runs the tests first",
                correct: false,
                feedback: "`ci` stands for clean install.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::Unsafe,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    const VALUE_FLAGS: &[&str] = &[
        "--prefix",
        "--registry",
        "--cache",
        "--userconfig",
        "-w",
        "--workspace",
        "--omit",
        "--include",
        "--loglevel",
    ];
    for (i, cmd) in cx.commands(true) {
        if cmd.name() != Some("npm") {
            continue;
        }
        let pos = cmd.positionals(VALUE_FLAGS);
        if pos.len() == 1 && matches!(&*pos[0].value, "install" | "i") && !cmd.has_flag(&["-g", "--global"]) {
            // unsafe: `npm ci` needs package-lock.json and starts from an empty node_modules
            let w = pos[0];
            let fix = || (w.span.text(cx.source) == w.raw && in_shell_text(cx, i, w.span))
                .then(|| Fix::unsafe_("use npm ci", vec![Edit::replace(w.span, "ci")]))
                .flatten();
            out.push(
                Diagnostic::new(
                    cmd.program_span(),
                    "`npm install` may resolve other versions than the lockfile: use `npm ci`",
                )
                .with_fix(fix),
            );
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
            spans(&RULE, "FROM n:1\nRUN npm install --production\n"),
            ["npm install --production"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM n:1\nRUN npm ci\n");
    }

    #[test]
    fn edge() {
        // installing named packages is DL3016's business
        silent(
            &RULE,
            "FROM n:1\nRUN npm install -g typescript@5\nRUN npm install express@4\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM n:1\nRUN npm install --omit=dev && npm i\n"),
            "FROM n:1\nRUN npm ci --omit=dev && npm ci\n"
        );
    }
}
