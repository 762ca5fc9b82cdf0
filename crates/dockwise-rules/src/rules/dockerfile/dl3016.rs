//! DL3016: `npm install <pkg>` without a version.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3016",
    name: "npm-pin-versions",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`npm install <package>` without a version"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `npm install <package>` where a package has no `@version` (a scope's `@` does not count). Git \
            URLs need a `#ref`; tarballs and local folders pass. A bare `npm install` (from package.json) is not this \
            rule's business.",
        why: "An unversioned package resolves to its newest release at build time, so rebuilds drift and a breaking \
            release can slip into the image unnoticed.",
        bad: "FROM node:20-slim\nRUN npm install -g typescript\n",
        good: "FROM node:20-slim\nRUN npm install -g typescript@5.5.4\n",
        fix: "Add `@<version>` to each package, or list them in package.json with a lockfile and use `npm ci`.",
    },
    quiz: quiz! {
        question: "Which of these pins the package?",
        choices: &[
            Choice {
                text: "`npm install -g typescript@5.5.4`",
                correct: true,
                feedback: "The `@5.5.4` after the name is an exact version, so every build gets the same TypeScript.",
            },
            Choice {
                text: "`npm install -g @types/node`",
                correct: false,
                feedback: "The leading `@` starts a scope name, not a version; `@types/node@20.14.9` would be pinned.",
            },
            Choice {
                text: "`npm install -g typescript --save-exact`",
                correct: false,
                feedback: "`--save-exact` only controls how a version is written into package.json; the installed \
                    version is still the newest.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_PIN_APT,
        &Source {
            title: text!("hadolint wiki: DL3016 (pin versions in npm)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3016"),
        },
        &Source {
            title: text!("npm docs: npm install (<name>@<version>)"),
            url: text!("https://docs.npmjs.com/cli/commands/npm-install"),
        },
    ],
    concern: Some(&sources::PINNED_PACKAGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn pinned(p: &str) -> bool {
    const GIT: &[&str] = &["git://", "git+ssh://", "git+http://", "git+https://"];
    if GIT.iter().any(|g| p.starts_with(g)) {
        return p.contains('#');
    }
    if [".tar", ".tar.gz", ".tgz"].iter().any(|s| p.ends_with(s))
        || ["/", "./", "../", "~/"].iter().any(|s| p.starts_with(s))
    {
        return true;
    }
    let without_scope = if p.starts_with('@') {
        p.split_once('/').map(|(_, r)| r).unwrap_or("")
    } else {
        p
    };
    without_scope.contains('@')
}

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
        "--tag",
        "--loglevel",
    ];
    for (_, cmd) in cx.commands(true) {
        if cmd.name() != Some("npm") {
            continue;
        }
        let pos = cmd.positionals(VALUE_FLAGS);
        if !pos
            .first()
            .is_some_and(|w| matches!(&*w.value, "install" | "i" | "add"))
        {
            continue;
        }
        if let Some(w) = pos.iter().skip(1).find(|w| !pinned(&w.value)) {
            out.report(w.span, format!("`{}` has no version: `{}@<version>`", w.value, w.value));
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
            spans(&RULE, "FROM n:1\nRUN npm install express@4 @scope/pkg\n"),
            ["@scope/pkg"]
        );
        fires(&RULE, "FROM n:1\nONBUILD RUN npm install git://x/y.git\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM n:1\nRUN npm install -g @scope/pkg@1 ./local git+https://x/y.git#v1 x.tgz\n",
        );
        silent(&RULE, "FROM n:1\nRUN npm install && npm ci\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM n:1\nRUN npm run install\n");
        // the value of an option is not a package
        silent(&RULE, "FROM n:1\nRUN npm install --loglevel verbose sax@0.1.1\n");
    }
}
