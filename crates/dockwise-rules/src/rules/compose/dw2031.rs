//! DW2031: a password written inside a URL in a compose file.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::secrets::{find_url_credentials, value_sub_span, UrlCredential};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::{Node, Value};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2031",
    name: "compose-url-credentials",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("A password is written inside a URL"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a URL with a password in its user part (`postgres://app:s3cret@db/app`, \
            `redis://:s3cret@cache:6379`, `https://deploy:token@git.example.com`) in a service's `environment`, \
            build `args`, `command`, `entrypoint` or healthcheck, whatever the variable is called. A password that \
            is a variable (`${DB_PASSWORD}`) is fine; a `${DB_PASSWORD:-fallback}` is judged by its fallback, which \
            is what Compose uses when the variable is unset.",
        why: "Connection strings are where passwords hide from name-based checks: the variable is `DATABASE_URL`, \
            not `PASSWORD`. The file lives in Git and on every laptop, and the URL shows in `docker inspect`, \
            `docker compose config` and the environment of every process in the container.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n    environment:\n      DATABASE_URL: postgres://app:s3cr3t-Pa55@db:5432/app\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD:?set DB_PASSWORD}@db:5432/app\n",
        fix: "Take the password out of the file: interpolate it from an untracked `.env` \
            (`postgres://app:${DB_PASSWORD:?}@db/app`), or better, mount it with `secrets:` and build the URL when \
            the container starts (many clients also read the password on its own, e.g. `PGPASSWORD`).",
    },
    quiz: quiz! {
        question: "`DATABASE_URL: postgres://app:${DB_PASSWORD:-devpass}@db/app`: what does a fresh clone run with?",
        choices: &[
            Choice {
                text: "The password `devpass`, unless `DB_PASSWORD` is set",
                correct: true,
                feedback: "`:-` substitutes the fallback when the variable is unset or empty, so the fallback is \
                    what ships. `${DB_PASSWORD:?message}` makes the variable required instead.",
            },
            Choice {
                text: "Nothing: Compose refuses to start without `DB_PASSWORD`",
                correct: false,
                feedback: "That is what `:?` does; `:-` quietly uses the fallback.",
            },
            Choice {
                text: "An empty password, since `.env` is missing",
                correct: false,
                feedback: "An empty value is what a bare `${DB_PASSWORD}` gives (with a warning); `:-` supplies \
                    `devpass` instead.",
            },
            Choice {
                text: "A random password Compose generates",
                correct: false,
                feedback: "Compose generates nothing; it substitutes the text after `:-`.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0021", "CKV_SECRET_4"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Compose file reference: Interpolation"),
            url: text!("https://docs.docker.com/reference/compose-file/interpolation/"),
        },
        &sources::COMPOSE_SECRETS,
    ],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn message(what: &str, service: &str, u: &UrlCredential) -> String {
    let how = if u.fallback {
        " as the fallback of a `${...}` reference"
    } else {
        ""
    };
    format!(
        "{what} of service `{service}` carries a password inside a `{}://` URL{how}: use `secrets:`, or \
         interpolate it (`${{DB_PASSWORD:?}}`)",
        u.scheme
    )
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for e in s.environment() {
            let Some(v) = &e.value else { continue };
            for u in find_url_credentials(v) {
                out.report(
                    value_sub_span(c.text, e.value_span, v, u.start, u.end),
                    message(&format!("`{}`", e.name), s.name, &u),
                );
            }
        }
        // the other strings a service hands to its container or its build
        let mut places: Vec<(String, &Node)> = Vec::new();
        match s.get("build").and_then(|b| b.get("args")).map(|a| &a.value) {
            Some(Value::Map(args)) => {
                for (k, v) in args {
                    places.push((format!("build argument `{}`", k.scalar_text().unwrap_or_default()), v));
                }
            }
            Some(Value::Seq(args)) => places.extend(args.iter().map(|a| ("a build argument".to_string(), a))),
            _ => {}
        }
        for key in ["command", "entrypoint"] {
            for item in s.get(key).map(Node::items).unwrap_or_default() {
                places.push((format!("the `{key}`"), item));
            }
        }
        for item in s
            .get("healthcheck")
            .and_then(|h| h.get("test"))
            .map(Node::items)
            .unwrap_or_default()
        {
            places.push(("the healthcheck".to_string(), item));
        }
        for (what, node) in places {
            let Some(text) = node.as_str() else { continue };
            for u in find_url_credentials(text) {
                out.report(node.sub_span(c.text, u.start, u.end), message(&what, s.name, &u));
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
                "services:\n  a:\n    environment:\n      - DATABASE_URL=postgres://app:hunter22@db:5432/app\n      - CACHE=redis://:s3cret@cache:6379/0\n"
            ),
            ["hunter22", "s3cret"]
        );
        assert_eq!(
            spans(
                &RULE,
                "services:\n  a:\n    command: [\"--db\", \"mysql://root:toor@db/app\"]\n    build:\n      context: .\n      args:\n        REPO: https://ci:glpat-abcdefghij0123456789@git.example.com/x.git\n"
            ),
            ["toor", "glpat-abcdefghij0123456789"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n      MQ: amqp://guest@mq\n    command: redis-server --requirepass ${REDIS_PASSWORD:?}\n",
        );
    }

    #[test]
    fn edge() {
        // the fallback ships when the variable is unset; an empty one does not
        assert_eq!(
            spans(
                &RULE,
                "services:\n  a:\n    environment:\n      DATABASE_URL: \"postgres://app:${DB_PASSWORD:-devpass}@db/app\"\n"
            ),
            ["devpass"]
        );
        silent(
            &RULE,
            "services:\n  a:\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD:-}@db/app\n",
        );
        // the message never prints the password
        let f = run(
            &RULE,
            "services:\n  a:\n    environment:\n      U: https://bot:topsecret@git.example.com\n",
        );
        assert!(!f[0].message.contains("topsecret"), "{}", f[0].message);
        // compose-lint's and checkov's ids name this rule
        assert!(RULE.is("CL-0021") && RULE.is("ckv_secret_4"));
    }
}
