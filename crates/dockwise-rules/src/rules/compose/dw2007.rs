//! DW2007: a secret as a literal environment value.

use super::helpers::is_default_credential;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::secrets::{
    fallback_of, find_url_credentials, is_literal_secret_value, is_secret_name, value_sub_span, MASK,
};
use crate::sources;
use dockwise_syntax::compose::{interpolated, Compose};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2007",
    name: "compose-literal-secret",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("Secret written as a literal `environment` value"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags an `environment` entry (map or list form) whose name says it holds a credential (`*PASSWORD*`, \
            `*SECRET*`, `*TOKEN*`, `*API_KEY*`...) and whose value is written in the file, not taken from \
            `${VARIABLE}` or a secret file. A `${VARIABLE:-fallback}` is judged by its fallback, which is what \
            the container gets when the variable is unset (an empty or placeholder fallback is fine). A role or a \
            setting of the auth feature (`GF_AUTH_ANONYMOUS_ORG_ROLE=Admin`) is not a secret; a password inside \
            a URL is DW2031's finding.",
        why: "The compose file lives in Git, in CI logs and on every developer's laptop; a password in it is shared \
            with all of them and hard to rotate. The value also shows in `docker inspect` and in the environment of \
            every process in the container.",
        bad: "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-Pa55\n",
        good: "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./db_password.txt\n",
        fix: "Use Compose `secrets:` (mounted as files under `/run/secrets/`, with the image's `*_FILE` variables), \
            or at least interpolate from the environment or an untracked `.env` file: `POSTGRES_PASSWORD: \
            ${POSTGRES_PASSWORD}`.",
    },
    quiz: quiz! {
        question: "Where should a database password for a Compose service come from?",
        choices: &[
            Choice {
                text: "A Compose secret the image reads from a file",
                correct: true,
                feedback: "`secrets:` mounts the value under `/run/secrets/`, and images such as postgres read it \
                    through their `*_FILE` variables: it stays out of the Compose file, out of `docker inspect` and \
                    out of the process environment.",
            },
            Choice {
                text: "The `environment:` block, as long as the repository is private",
                correct: false,
                feedback: "Private repositories are cloned, forked, backed up and read by CI; the password goes \
                    everywhere the file goes, and `docker inspect` shows it too.",
            },
            Choice {
                text: "A `.env` file committed next to the Compose file",
                correct: false,
                feedback: "Compose does read `.env` for interpolation, but a committed `.env` is as public as the \
                    Compose file itself. Keep it untracked, or better, use secrets.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0020"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &sources::COMPOSE_SECRETS,
        &Source {
            title: text!("Docker docs: Compose file reference: services.secrets"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#secrets"),
        },
    ],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for e in s.environment() {
            let Some(v) = &e.value else { continue };
            // a password inside a URL is DW2031's finding (on the password itself)
            if !is_secret_name(&e.name) || !find_url_credentials(v).is_empty() {
                continue;
            }
            if is_literal_secret_value(v) && !interpolated(v) && !is_default_credential(&e.name, v) {
                out.report(
                    e.value_span,
                    format!(
                        "`{}` of service `{}` is a literal secret: use `secrets:` or `${{{}}}`",
                        e.name, s.name, e.name
                    ),
                );
            } else if let Some((a, b)) = fallback_of(v) {
                let fallback = &v[a..b];
                if is_literal_secret_value(fallback) && !is_default_credential(&e.name, fallback) {
                    out.report(
                        value_sub_span(c.text, e.value_span, v, a, b),
                        format!(
                            "`{}` of service `{}` falls back to a literal secret when its variable is unset \
                             (`${{...:-{MASK}}}`): require it instead, `${{{}:?set it}}`, or use `secrets:`",
                            e.name, s.name, e.name
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
            spans(
                &RULE,
                "services:\n  a:\n    environment:\n      - DB_PASSWORD=hunter2\n"
            ),
            ["hunter2"]
        );
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    environment:\n      API_TOKEN: abc123xyz\n"),
            ["abc123xyz"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n      DB_PASSWORD_FILE: /run/secrets/db\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "services:\n  a:\n    environment:\n      - DB_PASSWORD\n      - TOKEN_URL=https://auth/token\n",
        );
        // a default credential is DW2008's finding, not this one's
        silent(
            &RULE,
            "services:\n  a:\n    environment:\n      - POSTGRES_PASSWORD=postgres\n",
        );
        // a fallback ships when the variable is unset: judged like a literal, never printed
        let text = "services:\n  a:\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD:-hunter2}\n      - API_TOKEN=${API_TOKEN:-<your token>}\n      - API_KEY=${API_KEY:-}\n";
        assert_eq!(spans(&RULE, text), ["hunter2"]);
        let f = run(&RULE, text);
        assert!(!f[0].message.contains("hunter2"), "{}", f[0].message);
        assert_eq!(
            spans(
                &RULE,
                "services:\n  a:\n    environment:\n      JWT_SECRET: '${JWT_SECRET:-dev-signing-key}'\n"
            ),
            ["dev-signing-key"]
        );
        // Grafana's role and auth settings are not secrets
        silent(
            &RULE,
            "services:\n  g:\n    environment:\n      - GF_USERS_AUTO_ASSIGN_ORG_ROLE=Admin\n      - GF_AUTH_ANONYMOUS_ORG_ROLE=Admin\n      - GF_AUTH_GOOGLE_ALLOWED_DOMAINS=example.com\n",
        );
        // a password in a URL is DW2031's
        silent(&RULE, "services:\n  a:\n    environment:\n      DB_PASSWORD_URL: postgres://u:hunter2@db/app\n      REDIS_AUTH: redis://:hunter2@cache\n");
    }
}
