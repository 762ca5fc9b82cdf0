//! DL3060: `yarn install` without `yarn cache clean`.

use super::helpers::{missing_cache_clean, CacheClean};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3060",
    name: "yarn-cache-clean",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`yarn install` without `yarn cache clean`"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags `yarn install` in a RUN without `yarn cache clean` after it in the same RUN, in the stages that \
            end up in the final image (a file without FROM counts as one). A cache mount on yarn's cache counts as \
            clean.",
        why: "Yarn keeps a copy of every downloaded package in its global cache. In an image that cache duplicates \
            `node_modules` and can roughly double the layer's size.",
        bad: "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n",
        good: "FROM node:20-slim\nCOPY package.json yarn.lock ./\n\
            RUN yarn install --frozen-lockfile && yarn cache clean\n",
        fix: "Append `&& yarn cache clean` to the RUN, or keep the cache out of the image with a cache mount on the \
            folder `yarn cache dir` prints (`RUN --mount=type=cache,target=<that folder> yarn install`).",
    },
    quiz: quiz! {
        question: "Where does the space saved by `yarn cache clean` come from?",
        choices: &[
            Choice {
                text: "Yarn's global cache, a second copy of every package",
                correct: true,
                feedback: "node_modules stays; the second copy of the packages in the cache goes.",
            },
            Choice {
                text: "Packages already copied into `node_modules`",
                correct: false,
                feedback: "node_modules is untouched; the cache is a second copy elsewhere.",
            },
            Choice {
                text: "Dev dependencies that production does not need",
                correct: false,
                feedback: "Dev dependencies stay in node_modules; leaving them out needs `--production`. cache clean \
                    only empties yarn's cache.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_CACHE_MOUNT,
        &Source {
            title: text!("Yarn 1 docs: yarn cache (clean)"),
            url: text!("https://classic.yarnpkg.com/en/docs/cli/cache"),
        },
        &Source {
            title: text!("hadolint wiki: DL3060 (yarn cache clean missing)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3060"),
        },
    ],
    concern: Some(&sources::IMAGE_SIZE),
    fixes: Fixes::Contextual,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let yarn = CacheClean {
        program: "yarn",
        installs: &["install"],
        mounts: &[".cache/yarn", "/yarn-cache", ".yarn/cache"],
        onbuild: true,
        message: "yarn's cache stays in this layer: add `&& yarn cache clean`",
        clean: "yarn cache clean",
    };
    missing_cache_clean(cx, out, &yarn);
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM n:1\nRUN yarn install\n"), ["yarn install"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM n:1\nRUN yarn install && yarn cache clean\n");
    }

    #[test]
    fn edge() {
        // a builder stage only copied from leaves its cache behind
        silent(
            &RULE,
            "FROM n:1 AS b\nRUN yarn install\nFROM n:1\nCOPY --from=b /app /app\n",
        );
        // cleaning before the install does not remove what the install downloads
        fires(&RULE, "FROM n:1\nRUN yarn cache clean && yarn install\n");
    }

    #[test]
    fn snippets_without_from() {
        // a file without FROM is checked as its own final stage
        assert_eq!(spans(&RULE, "RUN yarn install foo\n"), ["yarn install foo"]);
        fires(&RULE, "RUN yarn cache clean && yarn install foo\n");
        silent(&RULE, "RUN yarn install bar && yarn cache clean\n");
        // a RUN before the first FROM is in no stage of the image
        silent(&RULE, "RUN yarn install\nFROM n:1\nRUN echo\n");
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let applicability = |src: &str| run(&RULE, src)[0].fix.as_ref().map(|f| f.applicability);
        assert_eq!(
            fix_converges(&RULE, "FROM node:20\nRUN yarn install --frozen-lockfile\n"),
            "FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n"
        );
        assert_eq!(
            applicability("FROM node:20\nRUN yarn install --frozen-lockfile\n"),
            Some(Applicability::Safe)
        );
        // unsafe when a later RUN installs again: the cache would be gone
        let later = concat!(
            "FROM node:20\nRUN yarn install --frozen-lockfile\n",
            "RUN yarn install --offline && yarn cache clean\n"
        );
        assert_eq!(applicability(later), Some(Applicability::Unsafe));
        fix_converges(&RULE, later);
    }
}
