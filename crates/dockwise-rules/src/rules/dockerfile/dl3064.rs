//! DL3064: an ARG or ENV whose name suggests a secret.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3064",
    name: "sensitive-arg-env",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("ARG or ENV name suggests a secret"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags ARG and ENV whose name is a well-known credential variable (`GITHUB_TOKEN`, \
            `AWS_SECRET_ACCESS_KEY`, `NPM_TOKEN`...) or contains `password`, `secret`, `token`, `api_key`, \
            `client_key`, `private` or `username`, with or without a value. BuildKit's SecretsUsedInArgOrEnv, with its own word list, is DW1037. (DW4001 \
            is the stricter check for a literal secret value.)",
        why: "Build arguments and ENV values are stored in the image: `docker history` shows ARG values used by RUN \
            steps and `docker inspect` shows every ENV. Passing a secret this way leaks it to anyone with the image, \
            even when the value comes from the command line.",
        bad: "FROM node:20-slim\nARG NPM_TOKEN\n\
            RUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > ~/.npmrc && npm ci\n",
        good: "FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
        fix: "Pass build-time secrets with `RUN --mount=type=secret,id=...` (`docker build --secret id=...,src=...`): \
            they are visible to that one RUN and never stored. Pass runtime secrets through the orchestrator's \
            secrets.",
    },
    quiz: quiz! {
        question: "`ARG NPM_TOKEN` is used in a RUN and passed with `--build-arg`. Where can the token be read \
            afterwards?",
        choices: &[
            Choice {
                text: "In the image's history (`docker history`), for anyone with the image",
                correct: true,
                feedback: "Build arguments used by RUN are recorded in the image history; here the token is also in \
                    the layer, because the RUN writes it to ~/.npmrc.",
            },
            Choice {
                text: "Nowhere: ARG values are not kept in the image",
                correct: false,
                feedback: "ARG is not set in the running container, but the values RUN steps used are recorded in the \
                    image history.",
            },
            Choice {
                text: "Only on the build machine, in shell history",
                correct: false,
                feedback: "It is in the image too, for anyone who can pull it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::BUILD_CHECK_SECRETS_IN_ARG_ENV, &sources::DOCKER_BUILD_SECRETS],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Well-known names of credential variables.
const KNOWN: &[&str] = &[
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
];

const SUSPICIOUS: &[&str] = &[
    "api_key",
    "client_key",
    "password",
    "private",
    "secret",
    "token",
    "username",
];

pub fn sensitive_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    KNOWN.iter().any(|k| k.eq_ignore_ascii_case(name)) || SUSPICIOUS.iter().any(|s| lower.contains(s))
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        if !matches!(ins.kind, Kind::Arg | Kind::Env) {
            continue;
        }
        if let Some(kv) = ins.key_values().iter().find(|kv| sensitive_name(&kv.key.value)) {
            out.report(
                kv.key.span,
                format!(
                    "`{}` looks like a secret; {} values are stored in the image: use a build secret mount instead",
                    kv.key.value,
                    ins.kind.keyword()
                ),
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
        assert_eq!(spans(&RULE, "FROM a:1\nARG DB_PASSWORD\n"), ["DB_PASSWORD"]);
        assert_eq!(spans(&RULE, "FROM a:1\nENV A=1 GITHUB_TOKEN=x\n"), ["GITHUB_TOKEN"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nARG VERSION\nENV PATH=/x\n");
    }

    #[test]
    fn edge() {
        // a substring anywhere counts, as in hadolint (and BuildKit flags such names too)
        fires(&RULE, "FROM a:1\nARG PUBLIC_TOKEN_URL\n");
        fires(&RULE, "FROM a:1\nONBUILD ENV USERNAME=bob\n");
    }
}
