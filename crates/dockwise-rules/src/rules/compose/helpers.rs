//! Helpers shared by the Compose rules: well-known default credentials, the
//! database and admin ports DW2017 names (and DW2018 leaves to it), the
//! strings of a service where a URL may carry a password, and the edit that
//! publishes a port on 127.0.0.1 only (DW2017, DW2018's fix).

use dockwise_syntax::compose::{Port, Service};
use dockwise_syntax::span::Span;
use dockwise_syntax::yaml::edit::{Editor, New};

/// Well-known datastore and admin ports (container side) and what listens there.
pub const DATABASE_PORTS: &[(&str, &str)] = &[
    ("5432", "PostgreSQL"),
    ("3306", "MySQL/MariaDB"),
    ("27017", "MongoDB"),
    ("6379", "Redis"),
    ("9200", "Elasticsearch"),
    ("9300", "Elasticsearch transport"),
    ("11211", "Memcached"),
    ("5672", "RabbitMQ"),
    ("15672", "RabbitMQ management"),
    ("5984", "CouchDB"),
    ("9042", "Cassandra"),
    ("5601", "Kibana"),
    ("2375", "Docker API"),
    ("2376", "Docker API"),
    ("2379", "etcd"),
    ("1433", "SQL Server"),
    ("1521", "Oracle"),
    ("8086", "InfluxDB"),
];

/// What a port entry exposes when it publishes a database or admin port on
/// every interface (no host address, `0.0.0.0` or `::`): DW2017's finding,
/// which DW2018 then leaves alone (one finding per port).
pub fn exposed_database(p: &Port) -> Option<&'static str> {
    let open = p.host_ip.as_deref().is_none_or(|ip| ip == "0.0.0.0" || ip == "::");
    let (_, what) = DATABASE_PORTS.iter().find(|(port, _)| *port == p.target)?;
    (open && p.published.is_some()).then_some(*what)
}

/// (variable, value) pairs that are a well-known image's default (Grafana's
/// `admin`, MinIO's `minioadmin`, RabbitMQ's `guest`) or the password its
/// documentation's examples use (`postgres`, `example`: those images have no
/// default and refuse to start without one, so the example gets copied).
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
const WEAK: &[&str] = &[
    "admin",
    "password",
    "passw0rd",
    "changeme",
    "change_me",
    "123456",
    "12345678",
    "secret",
    "root",
    "toor",
    "guest",
    "default",
    "test",
    "qwerty",
    "letmein",
];

/// Is `value` a default or stock-weak value for the credential variable `name`?
pub fn is_default_credential(name: &str, value: &str) -> bool {
    default_credential(name, value).is_some()
}

/// What kind of well-known credential `value` is for the variable `name`, in
/// words for a message (which must not print the value): a default or the
/// documentation's example password, or a stock weak password.
pub fn default_credential(name: &str, value: &str) -> Option<&'static str> {
    let (n, v) = (name.to_ascii_uppercase(), value.trim().to_ascii_lowercase());
    if IMAGE_DEFAULTS.iter().any(|(k, d)| *k == n && *d == v) {
        return Some("a well-known default or documentation-example password for this image");
    }
    let credential =
        n.contains("PASSWORD") || n.ends_with("_PASS") || n.contains("PASSWD") || n.ends_with("SECRET_KEY");
    (credential && WEAK.contains(&v.as_str())).then_some("a password on every attacker's first list")
}

/// The edits that publish port entry `p` of service `s` on 127.0.0.1 only:
/// `host_ip: 127.0.0.1` in the long syntax; in the short one the address
/// prefixed (`"127.0.0.1:8080:80"`, `"127.0.0.1::9000"` for a random host
/// port) or `0.0.0.0` replaced, the result quoted. None for `${...}`
/// values, IPv6 and anything else it cannot rewrite exactly.
pub fn bind_to_localhost(ed: &Editor, text: &str, s: &Service, p: &Port) -> Option<Vec<(Span, String)>> {
    let items = s.get("ports")?.as_seq()?;
    // items are in source order: bisected, as this runs for every port
    let index = items.partition_point(|n| n.span.start < p.span.start);
    let item = items.get(index).filter(|n| n.span == p.span)?;
    if item.as_map().is_some() {
        return ed.set(
            ed.item(s.node, &["ports"], index)?,
            &["host_ip"],
            &New::scalar("127.0.0.1"),
        );
    }
    let value = item.scalar_text()?;
    if value.contains(['$', '"', '\\', '\'', '#', '[', ' ']) {
        return None;
    }
    let spec = value.split('/').next().unwrap_or("");
    let bound = match p.host_ip.as_deref() {
        Some("0.0.0.0") => format!("127.0.0.1:{}", value.strip_prefix("0.0.0.0:")?),
        None if spec.matches(':').count() == 1 => format!("127.0.0.1:{value}"),
        None if !spec.contains(':') => format!("127.0.0.1::{value}"),
        _ => return None,
    };
    let quoted = if item.quoted && item.span.text(text).starts_with('\'') {
        format!("'{bound}'")
    } else {
        format!("\"{bound}\"")
    };
    ed.replace_item(s.node, &["ports"], index, &quoted)
}
