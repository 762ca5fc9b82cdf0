//! DW1037: an ARG or ENV name that says it holds a secret, by BuildKit's word
//! list (SecretsUsedInArgOrEnv).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1037",
    name: "secret-word-in-arg-env",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("An ARG or ENV name says it holds a secret"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags each key of an ARG or ENV in a stage whose `_`-separated words include `apikey`, `auth`, \
            `credential(s)`, `key`, `password`, `pword`, `passwd`, `secret` or `token`, unless one of them is \
            `public`, `file` or `version` (BuildKit's SecretsUsedInArgOrEnv, any case). DL3064 (hadolint) uses \
            its own, longer list.",
        why: "ENV values are stored in the image's configuration and ARG values in its build history, where \
            anyone who can pull the image can read them. Build secrets are mounted for one RUN and leave nothing \
            behind.",
        bad: "FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" > ~/.npmrc\n",
        good: "FROM alpine:3.20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    \
            echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" > ~/.npmrc\n",
        fix: "Pass the value as a build secret (`RUN --mount=type=secret,id=...`, `docker build --secret ...`) \
            instead of an ARG or ENV; if the name only looks secret (`TOKEN_FILE`), rename it.",
    },
    quiz: quiz! {
        question: "Which of these does BuildKit's SecretsUsedInArgOrEnv flag?",
        choices: &[
            Choice {
                text: "`ENV git_key=`",
                correct: true,
                feedback: "`key` is one of its words, and an empty value does not matter: the name is what it reads.",
            },
            Choice {
                text: "`ARG PUBLIC_KEY`",
                correct: false,
                feedback: "`public` is on its allow list, so the name passes.",
            },
            Choice {
                text: "`ENV sunflower=foo`",
                correct: false,
                feedback: "It compares whole `_`-separated words, and `sunflower` is none of them.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["SecretsUsedInArgOrEnv"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Build checks: SecretsUsedInArgOrEnv"),
            url: text!("https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/"),
        },
        &sources::DOCKER_BUILD_SECRETS,
    ],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

const SECRET_WORDS: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];
const ALLOWED_WORDS: &[&str] = &["public", "file", "version"];

/// BuildKit's test: a secret word and no allowed word among the name's
/// `_`-separated words, in any case.
fn secret_name(name: &str) -> bool {
    let has = |list: &[&str]| name.split('_').any(|w| list.iter().any(|s| s.eq_ignore_ascii_case(w)));
    has(SECRET_WORDS) && !has(ALLOWED_WORDS)
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // BuildKit checks the ARGs and ENVs of stages (not the ARGs before the
    // first FROM, not ONBUILD's)
    for stage in &cx.stages {
        for (_, ins) in cx.body(stage) {
            if !matches!(ins.kind, Kind::Arg | Kind::Env) {
                continue;
            }
            for kv in ins.key_values().iter().filter(|kv| secret_name(&kv.key.value)) {
                out.report(
                    kv.key.span,
                    format!(
                        "`{}` names a secret, and {} values stay in the image: use a build secret",
                        kv.key.value,
                        ins.kind.keyword()
                    ),
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
        assert_eq!(
            spans(&RULE, "FROM a:1\nENV password=bar secret=baz\nARG SUPER_Secret\n"),
            ["password", "secret", "SUPER_Secret"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nENV sunflower=1 PUBLIC_KEY= secret_File=x\nARG AUTH_MODULE_VERSION\n",
        );
    }

    #[test]
    fn edge() {
        // global ARGs are not checked
        silent(&RULE, "ARG TOKEN\nFROM a:1\n");
        assert_eq!(spans(&RULE, "FROM a:1\nENV apikey=1 git_key=\n"), ["apikey", "git_key"]);
    }
}
