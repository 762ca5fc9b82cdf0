//! DW1034: an ENV bakes one environment's endpoint (a staging URL, a prod
//! host) into the image.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1034",
    name: "env-baked-endpoint",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("ENV bakes one environment's endpoint into the image"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags an ENV value that is a URL or a host name naming one environment: a DNS label, or a part of \
            one between dashes, equal to `prod`, `production`, `staging`, `stage`, `stg`, `dev`, `development`, \
            `qa`, `uat` or `preprod` (`https://api.staging.example.com`, `db-prod.internal:5432`). A value without \
            a scheme counts only in a variable named as a host or address (`DB_HOST=db-prod`, \
            `REDIS_URL=cache.dev.internal:6379`). ARG, values built from variables \
            and mode switches such as `NODE_ENV=production` are not flagged.",
        why: "An image should be built once and promoted unchanged from test to staging to production: that is how \
            what was tested is what runs. An endpoint written into the image ties it to one environment, so each \
            stage needs its own build (and its own untested differences), or a staging image quietly talks to \
            staging from production. ENV values are also visible to anyone who inspects the image.",
        bad: "FROM node:22-slim\nENV API_URL=https://api.staging.example.com\nCMD [\"node\", \"server.js\"]\n",
        good: "FROM node:22-slim\nENV API_TIMEOUT_MS=5000\nCMD [\"node\", \"server.js\"]\n",
        fix: "Leave the endpoint out of the Dockerfile and give it when the container starts: `docker run -e \
            API_URL=...`, Compose `environment:` or an env file per environment, a Kubernetes ConfigMap. Keep only \
            settings that are the same everywhere in ENV.",
    },
    quiz: quiz! {
        question: "`ENV DATABASE_URL=postgres://db.staging.internal/app` sits in the Dockerfile. What goes wrong?",
        choices: &[
            Choice {
                text: "Production needs a rebuilt image, so it runs one nobody tested",
                correct: true,
                feedback: "The setting belongs to the deployment: passed at run time, one tested image serves every \
                    environment.",
            },
            Choice {
                text: "Nothing, since `docker run -e` can override it wherever the image runs",
                correct: false,
                feedback: "It can, but only if every deployment remembers to; one that forgets silently uses \
                    staging's database.",
            },
            Choice {
                text: "The build fails unless that host answers from the build machine",
                correct: false,
                feedback: "ENV is only a string to the builder; nothing connects to it while building.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Dockerfile reference (ENV values persist in the image)"),
            url: text!("https://docs.docker.com/reference/dockerfile/#env"),
        },
        &Source {
            title: text!("Kubernetes docs: ConfigMaps (environment-specific configuration kept out of images)"),
            url: text!("https://kubernetes.io/docs/concepts/configuration/configmap/"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Names of one deployment environment.
const ENVIRONMENTS: &[&str] = &[
    "prod",
    "production",
    "staging",
    "stage",
    "stg",
    "dev",
    "development",
    "qa",
    "uat",
    "preprod",
];

/// Is the variable named as holding a host or an address (`DB_HOST`,
/// `REDIS_HOSTNAME`, `API_ENDPOINT`, `KAFKA_BROKERS`)? A bare value (no
/// `scheme://`) is read as a host only in such a variable.
fn names_a_host(name: &str) -> bool {
    const ROOTS: &[&str] = &[
        "HOST", "URL", "URI", "ENDPOINT", "ADDR", "SERVER", "DOMAIN", "BROKER", "DSN",
    ];
    name.to_ascii_uppercase()
        .split('_')
        .any(|token| ROOTS.iter().any(|r| token.starts_with(r)))
}

/// The host a value names: the authority of a URL (`scheme://[user@]host[:port]/...`),
/// or, in a variable named as a host, a bare `host[:port][/path]` whose last
/// label starts with a letter (not an address, not a version such as
/// `1.0.0-dev`). None when the value has no host shape.
fn host_of<'v>(value: &'v str, name: &str) -> Option<&'v str> {
    let v = value.trim();
    let (rest, url) = match v.split_once("://") {
        Some((scheme, rest))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            (rest, true)
        }
        Some(_) => return None,
        None => (v, false),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit('@').next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => authority,
    };
    let labels_ok = !host.is_empty()
        && host
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    if !labels_ok {
        return None;
    }
    let named = host
        .rsplit('.')
        .next()
        .is_some_and(|last| last.starts_with(|c: char| c.is_ascii_alphabetic()));
    (url || (named && names_a_host(name))).then_some(host)
}

/// The environment a host names, if one of its labels (or a dash-separated
/// part of one) is an environment's name.
fn environment_of(host: &str) -> Option<&'static str> {
    host.split('.')
        .flat_map(|label| label.split(['-', '_']))
        .find_map(|part| ENVIRONMENTS.iter().find(|e| part.eq_ignore_ascii_case(e)).copied())
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        if ins.kind != Kind::Env {
            continue;
        }
        for kv in ins.key_values() {
            let Some(value) = &kv.value else { continue };
            if value.value.contains('$') {
                continue;
            }
            let Some(host) = host_of(&value.value, &kv.key.value) else {
                continue;
            };
            if host.eq_ignore_ascii_case("localhost") {
                continue;
            }
            if let Some(env) = environment_of(host) {
                out.report(
                    value.span,
                    format!(
                        "`{}` bakes a {env} endpoint (`{host}`) into the image: give it at run time so one image \
                         serves every environment",
                        kv.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{environment_of, host_of, RULE};
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM a:1\nENV API_URL=https://api.staging.example.com/v1\n"),
            ["https://api.staging.example.com/v1"]
        );
        assert_eq!(
            run(&RULE, "FROM a:1\nENV API_URL=https://api.staging.example.com/v1\n")[0].message,
            "`API_URL` bakes a staging endpoint (`api.staging.example.com`) into the image: give it at run time so one image serves every environment"
        );
        fires(&RULE, "FROM a:1\nENV DB=postgres://app:pw@db-prod.internal:5432/app\n");
        fires(&RULE, "FROM a:1\nENV REDIS_HOST=redis.qa.svc.cluster.local\n");
        fires(&RULE, "FROM a:1\nENV DB_HOST=db-prod\n");
        // quoted, legacy form, several pairs, ONBUILD
        assert_eq!(
            spans(&RULE, "FROM a:1\nENV A=1 SEARCH_URL=\"http://search.uat.acme.io\"\n").len(),
            1
        );
        fires(&RULE, "FROM a:1\nENV API_URL https://dev.api.acme.com\n");
        fires(&RULE, "FROM a:1\nONBUILD ENV API=https://api-preprod.acme.com\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nENV NODE_ENV=production\nENV APP_ENV=staging\nENV SPRING_PROFILES_ACTIVE=prod\n",
        );
        silent(
            &RULE,
            "FROM a:1\nENV API_URL=https://api.example.com\nENV PIP_INDEX_URL=https://pypi.org/simple\n",
        );
        // ARG is a build setting, not baked into the runtime environment
        silent(&RULE, "FROM a:1\nARG API_URL=https://api.staging.example.com\n");
    }

    #[test]
    fn edge() {
        // the path or query is not the host
        silent(&RULE, "FROM a:1\nENV DOCS=https://example.com/dev/guide?stage=prod\n");
        // variables decide the endpoint at run time
        silent(&RULE, "FROM a:1\nENV API_URL=https://api.${STAGE}.example.com\n");
        // a word that only contains an environment's name
        silent(
            &RULE,
            "FROM a:1\nENV URL=https://devices.example.com\nENV HOST=products.example.com\n",
        );
        // no host shape: a plain word in a variable not named as a host
        silent(&RULE, "FROM a:1\nENV TIER=prod-eu\nENV PATH=/usr/local/dev/bin:$PATH\n");
        silent(&RULE, "FROM a:1\nENV HOST=localhost\nENV VERSION=1.2.3\n");
        // versions and file names are not hosts
        silent(
            &RULE,
            "FROM a:1\nENV APP_VERSION=1.0.0-dev\nENV SERVER_VERSION=2.1-prod\nENV CONFIG=config.prod.json\n",
        );
        // comments are not values
        silent(&RULE, "FROM a:1\n# ENV API_URL=https://api.prod.example.com\nENV X=1\n");
    }

    #[test]
    fn hosts_and_environments() {
        assert_eq!(host_of("https://u:p@api.prod.io:8443/x", "X"), Some("api.prod.io"));
        assert_eq!(
            host_of("db.staging.internal:5432", "DB_ADDR"),
            Some("db.staging.internal")
        );
        assert_eq!(host_of("db.staging.internal:5432", "X"), None);
        assert_eq!(host_of("db-prod", "X"), None);
        assert_eq!(host_of("db-prod", "DB_HOST"), Some("db-prod"));
        assert_eq!(host_of("10.0.0.1", "DB_HOST"), None);
        assert_eq!(host_of("1.0.0-dev", "SERVER_VERSION"), None);
        assert_eq!(host_of("not a url", "API_URL"), None);
        assert_eq!(environment_of("api-stg.example.com"), Some("stg"));
        assert_eq!(environment_of("Api.PROD.example.com"), Some("prod"));
        assert_eq!(environment_of("production-db"), Some("production"));
        assert_eq!(environment_of("developer.example.com"), None);
    }
}
