//! DW1022: npm's download cache left in the image.

use super::helpers::{missing_cache_clean, CacheClean};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1022",
    name: "npm-cache-clean",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("npm's cache stays in the image"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags `npm ci` / `npm install` in the final image's stages (a file without FROM counts as one) when \
            the same RUN does not end with `npm cache clean --force` and no cache is mounted on `/root/.npm`.",
        why: "npm keeps a compressed copy of every package it downloads in its cache (`~/.npm/_cacache`). Nothing at \
            runtime reads it, but it stays in the layer, so every pull downloads it.",
        bad: "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\n\
            RUN npm ci --omit=dev && npm cache clean --force\n",
        fix: "End the RUN with `&& npm cache clean --force`, or use `RUN --mount=type=cache,target=/root/.npm npm ci` \
            so the cache lives outside the image.",
    },
    quiz: quiz! {
        question: "Why does npm's cache matter less in a builder stage than in the final stage?",
        choices: &[
            Choice {
                text: "Only files copied out of a builder reach the image",
                correct: true,
                feedback: "A builder stage's files stay behind unless a `COPY --from` takes them, so copy \
                    node_modules, not ~/.npm. The final stage ships every layer it has.",
            },
            Choice {
                text: "npm does not cache in builder stages",
                correct: false,
                feedback: "npm caches wherever it runs; the builder's cache is simply left behind unless something \
                    copies it.",
            },
            Choice {
                text: "Builder stages are squashed, which drops caches",
                correct: false,
                feedback: "Stages are not squashed; a builder's layers just never become part of the final image.",
            },
            Choice {
                text: "It matters equally: every stage ships in the image",
                correct: false,
                feedback: "Only the final stage (and what it copies) is the image; the other stages stay in the \
                    build cache.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("npm docs: npm cache"),
            url: text!("https://docs.npmjs.com/cli/commands/npm-cache"),
        },
        &sources::DOCKER_CACHE_MOUNT,
    ],
    concern: Some(&sources::IMAGE_SIZE),
    fixes: Fixes::Contextual,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let npm = CacheClean {
        program: "npm",
        installs: &["ci", "install", "i"],
        mounts: &["/root/.npm", ".npm"],
        onbuild: false,
        message: "npm's download cache stays in this layer: add `&& npm cache clean --force`",
        clean: "npm cache clean --force",
    };
    missing_cache_clean(cx, out, &npm);
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM n:1\nRUN npm ci\n"), ["npm ci"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM n:1\nRUN npm ci && npm cache clean --force\n");
        silent(&RULE, "FROM n:1\nRUN --mount=type=cache,target=/root/.npm npm ci\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM n:1 AS build\nRUN npm ci\nFROM n:1\nCOPY --from=build /app /app\n",
        );
        fires(&RULE, "FROM n:1\nRUN npm cache clean --force && npm ci\n");
    }

    #[test]
    fn snippets_without_from() {
        assert_eq!(spans(&RULE, "RUN npm ci\n"), ["npm ci"]);
        silent(&RULE, "RUN npm ci && npm cache clean --force\n");
        silent(&RULE, "RUN npm ci\nFROM n:1\nRUN echo\n");
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let applicability = |src: &str| run(&RULE, src)[0].fix.as_ref().map(|f| f.applicability);
        assert_eq!(
            fix_converges(&RULE, "FROM node:20\nRUN npm ci --omit=dev\n"),
            "FROM node:20\nRUN npm ci --omit=dev && npm cache clean --force\n"
        );
        assert_eq!(
            applicability("FROM node:20\nRUN npm ci --omit=dev\n"),
            Some(Applicability::Safe)
        );
        // unsafe when a later RUN installs again: the cache would be gone
        let later = concat!(
            "FROM node:20\nRUN npm ci --omit=dev\n",
            "RUN npm install --offline x@1 && npm cache clean --force\n"
        );
        assert_eq!(applicability(later), Some(Applicability::Unsafe));
        fix_converges(&RULE, later);
    }
}
