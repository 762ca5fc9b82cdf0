//! DW4001: a secret-looking ENV or ARG given a literal value.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::shared::secrets::{fallback_of, is_literal_secret_value, is_secret_name, value_sub_span, MASK};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW4001",
    name: "secret-in-env",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("A secret is written into ENV or ARG"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags ENV and ARG whose name says it holds a credential (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, \
            `*API_KEY*`, `*ACCESS_KEY*`...) and that are given a literal value. Names for a file holding the secret \
            (`*_FILE`, `*_PATH`) are not flagged, nor are values that only refer to another variable. A \
            `${VAR:-fallback}` is judged by its fallback, which is what the image gets when the variable is not set \
            (an empty or placeholder fallback is fine).",
        why: "Everything in a Dockerfile ends up in the image or its history. ENV values are part of the image \
            configuration: anyone who can pull the image reads them with `docker inspect`, and every process in the \
            container inherits them (crash reports and debug pages that print the environment show them too). ARG \
            values are not in the configuration, but `docker history` shows them next to every later RUN of the \
            stage. A secret in an image is shared with everyone who ever gets the image, and rotating it means \
            rebuilding and redeploying.",
        bad: "FROM python:3.12-slim\nENV DATABASE_PASSWORD=super_secret_password\n",
        good: "FROM python:3.12-slim\nENV DATABASE_PASSWORD_FILE=/run/secrets/db_password\n",
        fix: "Inject secrets at runtime instead: Docker/Compose secrets (mounted under `/run/secrets/`), Kubernetes \
            Secrets, or a vault. For secrets needed only while building (a private registry token), use `RUN \
            --mount=type=secret,id=token ...`, which never lands in a layer.",
    },
    quiz: quiz! {
        question: "`ENV API_KEY=sk-live-123` is in a Dockerfile. Who can read the key?",
        choices: &[
            Choice {
                text: "Anyone who can pull the image",
                correct: true,
                feedback: "ENV is part of the image configuration: `docker inspect` (or any registry client) shows \
                    it to whoever can pull the image, without running it.",
            },
            Choice {
                text: "Only processes inside the running container",
                correct: false,
                feedback: "They can, but so can anyone with the image: `docker inspect` shows ENV without running \
                    anything.",
            },
            Choice {
                text: "Nobody: Docker stores ENV values encrypted",
                correct: false,
                feedback: "The image configuration is plain JSON; ENV values are in it as written.",
            },
            Choice {
                text: "Only the build machine",
                correct: false,
                feedback: "ENV is stored in the image, so it travels to every registry and host that pulls it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_BUILD_SECRETS,
        &sources::BUILD_CHECK_SECRETS_IN_ARG_ENV,
        &sources::CIS_SECRETS,
    ],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        if !matches!(ins.kind, Kind::Env | Kind::Arg) {
            continue;
        }
        for kv in ins.key_values() {
            let Some(value) = &kv.value else { continue };
            if !is_secret_name(&kv.key.value) {
                continue;
            }
            let place = if ins.kind == Kind::Env {
                "image configuration"
            } else {
                "image history"
            };
            let whole = if value.span.is_empty() { kv.raw.span } else { value.span };
            if is_literal_secret_value(&value.value) {
                out.report(
                    whole,
                    format!(
                        "`{}` is given a literal secret, stored in the {place}: inject it at runtime instead",
                        kv.key.value
                    ),
                );
            } else if let Some((a, b)) = fallback_of(&value.value) {
                if is_literal_secret_value(&value.value[a..b]) {
                    out.report(
                        value_sub_span(cx.source, whole, &value.value, a, b),
                        format!(
                            "`{}` falls back to a literal secret (`${{...:-{MASK}}}`) when the variable is not set, \
                             stored in the {place}: drop the fallback and inject it at runtime",
                            kv.key.value
                        ),
                    );
                }
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
            spans(&RULE, "FROM a:1\nENV API_KEY=sk-1234567890abcdef\n"),
            ["sk-1234567890abcdef"]
        );
        assert_eq!(
            spans(&RULE, "FROM a:1\nENV DB_PASSWORD \"s3cret value\"\n"),
            ["\"s3cret value\""]
        );
        fires(&RULE, "ARG NPM_TOKEN=abc123\nFROM a:1\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nENV API_KEY_FILE=/run/secrets/api_key\n");
        silent(&RULE, "FROM a:1\nARG NPM_TOKEN\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nARG GITHUB_TOKEN\nENV GITHUB_TOKEN=$GITHUB_TOKEN\n");
        silent(
            &RULE,
            "FROM python:3.12\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\n",
        );
        silent(&RULE, "FROM a:1\nENV PASSWORD_MIN_LENGTH=12\n");
        fires(&RULE, "FROM a:1\nENV A=1 secretKey=abc B=2\n");
        // the fallback is what the image gets when the build argument is missing
        assert_eq!(
            spans(
                &RULE,
                "FROM a:1\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD:-hunter2}\n"
            ),
            ["hunter2"]
        );
        silent(&RULE, "FROM a:1\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD:-}\n");
        silent(&RULE, "FROM a:1\nARG API_TOKEN=${CI_TOKEN:-<set me>}\n");
        let f = run(&RULE, "FROM a:1\nENV API_TOKEN=\"${T:-abc123}\"\n");
        assert!(!f[0].message.contains("abc123"), "{}", f[0].message);
        // Grafana's role settings are not secrets
        silent(
            &RULE,
            "FROM grafana/grafana:11.2.0\nENV GF_AUTH_ANONYMOUS_ORG_ROLE=Admin\n",
        );
    }
}
