//! Helpers shared by the Compose rules.

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
    let (n, v) = (name.to_ascii_uppercase(), value.trim().to_ascii_lowercase());
    if IMAGE_DEFAULTS.iter().any(|(k, d)| *k == n && *d == v) {
        return true;
    }
    let credential =
        n.contains("PASSWORD") || n.ends_with("_PASS") || n.contains("PASSWD") || n.ends_with("SECRET_KEY");
    credential && WEAK.contains(&v.as_str())
}
