//! DW2008: a well-known default credential.

use crate::compose::Compose;
use crate::engine::FileKind;
use crate::rules::{Check, Reporter, Rule, Severity, Tag};

pub static RULE: Rule = Rule {
    id: "DW2008",
    name: "compose-default-credentials",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("Well-known default credential (`admin`, `postgres`, `changeme`...)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags credential variables set to a value attackers try first: an image's documented default (Grafana `admin`, MinIO `minioadmin`, RabbitMQ `guest`, Postgres `postgres`, MySQL `root`) or a stock weak password (`password`, `changeme`, `123456`, `secret`).",
        why: "Scanners try these pairs on every exposed port within minutes of a service going online. A default password is as good as none, and compose files are often copied to servers unchanged.",
        bad: "services:\n  grafana:\n    image: grafana/grafana:11.2.0\n    environment:\n      - GF_SECURITY_ADMIN_PASSWORD=admin\n",
        good: "services:\n  grafana:\n    image: grafana/grafana:11.2.0\n    environment:\n      - GF_SECURITY_ADMIN_PASSWORD__FILE=/run/secrets/grafana_admin\n    secrets:\n      - grafana_admin\nsecrets:\n  grafana_admin:\n    file: ./grafana_admin.txt\n",
        fix: "Generate a long random password per environment and pass it as a secret file (Grafana reads `GF_SECURITY_ADMIN_PASSWORD__FILE`, Postgres `POSTGRES_PASSWORD_FILE`), or interpolate it from an untracked `.env`.",
    },
    quiz: quiz! {
        question: "Why is `GF_SECURITY_ADMIN_PASSWORD=admin` worse than another literal password?",
        choices: &[
            Choice { text: "It is Grafana's documented default, the first pair any scanner tries", correct: true, feedback: "Right: a default credential is public knowledge, so it protects nothing." },
            Choice { text: "It is too short for Grafana to accept", correct: false, feedback: "Grafana accepts it; that is the problem." },
            Choice { text: "It is not worse: all literal passwords are equal", correct: false, feedback: "A leaked literal needs the file; a default needs nothing at all." },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(check),
};

/// (variable, default value) pairs documented by well-known images.
const IMAGE_DEFAULTS: &[(&str, &str)] = &[
    ("GF_SECURITY_ADMIN_PASSWORD", "admin"),
    ("POSTGRES_PASSWORD", "postgres"),
    ("MYSQL_ROOT_PASSWORD", "root"),
    ("MYSQL_PASSWORD", "mysql"),
    ("MARIADB_ROOT_PASSWORD", "root"),
    ("MINIO_ROOT_PASSWORD", "minioadmin"),
    ("MINIO_SECRET_KEY", "minioadmin"),
    ("RABBITMQ_DEFAULT_PASS", "guest"),
    ("MONGO_INITDB_ROOT_PASSWORD", "example"),
    ("ELASTIC_PASSWORD", "changeme"),
    ("KEYCLOAK_ADMIN_PASSWORD", "admin"),
    ("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"),
    ("PGADMIN_DEFAULT_PASSWORD", "admin"),
    ("SONAR_JDBC_PASSWORD", "sonar"),
];

/// Passwords on every attacker's first list.
const WEAK: &[&str] = &["admin", "password", "passw0rd", "changeme", "change_me", "123456", "12345678", "secret", "root", "toor", "guest", "default", "test", "qwerty", "letmein"];

/// Is `value` a default or stock-weak value for the credential variable `name`?
pub fn is_default_credential(name: &str, value: &str) -> bool {
    let (n, v) = (name.to_ascii_uppercase(), value.trim().to_ascii_lowercase());
    if IMAGE_DEFAULTS.iter().any(|(k, d)| *k == n && *d == v) {
        return true;
    }
    let credential = n.contains("PASSWORD") || n.ends_with("_PASS") || n.contains("PASSWD") || n.ends_with("SECRET_KEY");
    credential && WEAK.contains(&v.as_str())
}

fn check(c: &Compose, out: &mut Reporter) {
    for s in &c.services {
        for e in s.environment() {
            let Some(v) = &e.value else { continue };
            if is_default_credential(&e.name, v) {
                out.report(e.value_span, format!("`{}={}` in service `{}` is a well-known default credential", e.name, v.trim(), s.name));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "services:\n  g:\n    environment:\n      - GF_SECURITY_ADMIN_PASSWORD=admin\n"), ["admin"]);
        assert_eq!(spans(&RULE, "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n"), ["postgres"]);
        fires(&RULE, "services:\n  db:\n    environment:\n      APP_DB_PASSWORD: changeme\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it}\n");
    }

    #[test]
    fn edge() {
        // `postgres` as a user name is not a password
        silent(&RULE, "services:\n  db:\n    environment:\n      POSTGRES_USER: postgres\n");
        silent(&RULE, "services:\n  db:\n    environment:\n      GF_SECURITY_ADMIN_USER: admin\n");
    }
}
