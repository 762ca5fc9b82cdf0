//! DW1021: `npm install` where `npm ci` belongs.

use super::helpers::fixes::in_shell_text;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        why: "`npm install` treats the lockfile as a starting point: when it is missing or no longer matches \
            package.json, npm resolves the version ranges again and rewrites it, so a build can install versions \
            nobody reviewed. `npm ci` installs exactly what `package-lock.json` (or `npm-shrinkwrap.json`) records, \
            fails when it does not match package.json, never writes it, and removes any existing `node_modules` \
            first.",
        bad: "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install --omit=dev\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n",
        fix: "Commit `package-lock.json` and use `npm ci` (`--omit=dev` for production images). For yarn use `yarn \
            install --frozen-lockfile` (`--immutable` in yarn 2+), for pnpm `pnpm install --frozen-lockfile`.",
    },
    quiz: quiz! {
        question: "package.json was edited, but package-lock.json was not updated. What does `RUN npm ci` do?",
        choices: &[
            Choice {
                text: "Stops with an error: the two files disagree",
                correct: true,
                feedback: "npm ci installs only what the lockfile records and exits with an error when package.json \
                    asks for something else, so a forgotten lockfile update fails the build instead of slipping \
                    through.",
            },
            Choice {
                text: "Updates the lockfile, then installs",
                correct: false,
                feedback: "That is `npm install`; `npm ci` never writes the lockfile.",
            },
            Choice {
                text: "Installs from package.json and ignores the lock",
                correct: false,
                feedback: "npm ci needs the lockfile and installs only from it; without one it refuses to run.",
            },
            Choice {
                text: "Installs the lockfile's versions regardless",
                correct: false,
                feedback: "It checks that the two files agree first; when they do not, it exits instead of guessing.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("npm docs: npm ci"),
            url: text!("https://docs.npmjs.com/cli/commands/npm-ci"),
        },
        &Source {
            title: text!("Docker docs: Containerize a Node.js application (npm ci in the Dockerfile)"),
            url: text!("https://docs.docker.com/guides/nodejs/containerize/"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
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
            let fix = || {
                (w.span.text(cx.source) == w.raw && in_shell_text(cx, i, w.span))
                    .then(|| Fix::unsafe_("use npm ci", vec![Edit::replace(w.span, "ci")]))
                    .flatten()
            };
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
