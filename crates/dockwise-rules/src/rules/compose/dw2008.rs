//! DW2008: a well-known default credential.

use super::helpers::default_credential;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::secrets::{fallback_of, value_sub_span};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2008",
    name: "compose-default-credentials",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("Well-known default credential (`admin`, `postgres`, `changeme`...)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags credential variables set to a value attackers try first: a default an image documents (Grafana \
            `admin`, MinIO `minioadmin`, RabbitMQ `guest`), a tutorial value reused as the password (`postgres`, \
            `root`), or a stock weak password (`password`, `changeme`, `123456`, `secret`). A \
            `${VARIABLE:-fallback}` is judged by its fallback, which is what the container gets when the variable is \
            unset. The message names the kind of credential, never the value.",
        why: "These values are the first an attacker, or an automated scanner, tries on an exposed service. A \
            default password is as good as none, and Compose files are often copied to servers unchanged.",
        bad: "services:\n  grafana:\n    image: grafana/grafana:11.2.0\n    environment:\n      - GF_SECURITY_ADMIN_PASSWORD=admin\n",
        good: "services:\n  grafana:\n    image: grafana/grafana:11.2.0\n    environment:\n      - GF_SECURITY_ADMIN_PASSWORD__FILE=/run/secrets/grafana_admin\n    secrets:\n      - grafana_admin\nsecrets:\n  grafana_admin:\n    file: ./grafana_admin.txt\n",
        fix: "Generate a long random password per environment and pass it as a secret file (Grafana reads \
            `GF_SECURITY_ADMIN_PASSWORD__FILE`, Postgres `POSTGRES_PASSWORD_FILE`), or interpolate it from an \
            untracked `.env`.",
    },
    quiz: quiz! {
        question: "Why is `GF_SECURITY_ADMIN_PASSWORD=admin` worse than another literal password?",
        choices: &[
            Choice {
                text: "It is the password Grafana ships with",
                correct: true,
                feedback: "`admin` is the password Grafana's admin account has out of the box, so it is public \
                    knowledge and on every scanner's list; an unknown literal at least needs the file to leak first.",
            },
            Choice {
                text: "It is not: all literal passwords are equally exposed",
                correct: false,
                feedback: "A leaked literal needs the file to leak first. A default needs nothing: attackers try it \
                    without ever seeing the file.",
            },
            Choice {
                text: "It is too short for Grafana to accept",
                correct: false,
                feedback: "Grafana accepts it, which is the problem: nothing stops the service from starting with a \
                    guessable admin password.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0020"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Grafana docs: Configure Grafana: admin_password (default `admin`)"),
            url: text!("https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#admin_password"),
        },
        &sources::COMPOSE_SECRETS,
    ],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for e in s.environment() {
            let Some(v) = &e.value else { continue };
            let (judged, span, when) = match fallback_of(v) {
                Some((a, b)) => (
                    &v[a..b],
                    value_sub_span(c.text, e.value_span, v, a, b),
                    " when its variable is unset",
                ),
                None => (&**v, e.value_span, ""),
            };
            if let Some(what) = default_credential(&e.name, judged) {
                out.report(
                    span,
                    format!(
                        "`{}` of service `{}` is set to {what}{when}: anyone can guess it",
                        e.name, s.name
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
            spans(
                &RULE,
                "services:\n  g:\n    environment:\n      - GF_SECURITY_ADMIN_PASSWORD=admin\n"
            ),
            ["admin"]
        );
        assert_eq!(
            spans(
                &RULE,
                "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n"
            ),
            ["postgres"]
        );
        fires(
            &RULE,
            "services:\n  db:\n    environment:\n      APP_DB_PASSWORD: changeme\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it}\n",
        );
    }

    #[test]
    fn edge() {
        // `postgres` as a user name is not a password
        silent(
            &RULE,
            "services:\n  db:\n    environment:\n      POSTGRES_USER: postgres\n",
        );
        silent(
            &RULE,
            "services:\n  db:\n    environment:\n      GF_SECURITY_ADMIN_USER: admin\n",
        );
        // the fallback is what ships when the variable is unset; the value is never printed
        let text = "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}\n";
        assert_eq!(spans(&RULE, text), ["postgres"]);
        assert!(!run(&RULE, text)[0].message.contains("postgres"));
        silent(
            &RULE,
            "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-}\n",
        );
        // a Grafana role is not a password
        silent(
            &RULE,
            "services:\n  g:\n    environment:\n      - GF_USERS_AUTO_ASSIGN_ORG_ROLE=Admin\n",
        );
    }
}
