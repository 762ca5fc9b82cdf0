//! Helpers shared by the Compose rules: well-known default credentials, the
//! database and admin ports DW2017 names (and DW2018 leaves to it), the
//! strings of a service where a URL may carry a password, and the edit that
//! publishes a port on 127.0.0.1 only (DW2017, DW2018's fix); moving image
//! tags (DW2006, DW2036), host directories where writing is host root
//! (DW2035, DW2032), and the families of capabilities (DW2011, DW2041).

use dockwise_syntax::compose::{resolve, with_defaults, Port, Service};
use dockwise_syntax::image::ImageRef;
use dockwise_syntax::span::{OffsetMap, Span};
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

/// Tags that name whatever was pushed last, not one image (DW2006's; DW2036
/// leaves them to it).
const MOVING_TAGS: &[&str] = &[
    "latest", "stable", "edge", "test", "nightly", "dev", "beta", "canary", "lts",
];

/// Is `tag` one of the moving tags (`latest`, `stable`, `edge`...), in any case?
pub fn is_moving_tag(tag: &str) -> bool {
    MOVING_TAGS.contains(&tag.to_ascii_lowercase().as_str())
}

/// A value with `${VAR}` references as Compose uses it: the `.env` file's
/// variables (`env`) set, the others unset, so `${VAR:-default}` is its
/// default. The flag says the `.env` file decided it: then its value is a
/// secret, and a message names the written text instead. None when an unset
/// variable has no default (the value is decided where the file is used).
pub fn resolved(value: &str, env: &[(String, String)]) -> Option<(String, bool)> {
    let by_env = resolve(value, env)?;
    let from_env = !env.is_empty() && with_defaults(value).as_deref() != Some(by_env.as_str());
    Some((by_env, from_env))
}

/// How a message names a mounted host path: `path` (the source as Compose
/// uses it, normalized) lies in the flagged directory `dir`; a path the
/// `.env` file chose is named by what is `written`, since its value may be a
/// secret.
pub fn host_path_words(written: &str, from_env: bool, path: &str, dir: &str) -> String {
    if from_env {
        format!("`{written}` (from `.env`: {dir})")
    } else if path == dir {
        format!("`{dir}`")
    } else {
        format!("`{path}` (under `{dir}`)")
    }
}

/// The image a reference with `${VAR}` parts names (see [`resolved`]; its
/// spans are not the file's), and whether the `.env` file chose it.
pub fn image_by_defaults(image: &ImageRef, env: &[(String, String)]) -> Option<(ImageRef, bool)> {
    let (text, from_env) = resolved(&image.text, env)?;
    Some((ImageRef::parse(&text, &OffsetMap::contiguous(0), 0), from_env))
}

/// Folders in a home directory that hold credentials (SSH keys, cloud,
/// registry and cluster tokens, signing keys).
const CREDENTIAL_DIRS: &[&str] = &[".ssh", ".docker", ".aws", ".kube", ".gnupg"];

/// The part of a host path (normalized; `~` for the home directory of whoever
/// runs Compose) that is a user's data or a host service's state (DW2032,
/// beside the system directories): `/home` or one user's home, a
/// credentials folder in a home directory, or anything under `/run` or
/// `/var/run` (the system bus, udev's database; the runtime sockets are
/// DW2003's). A project folder deeper in a home directory is not.
pub fn user_or_service_state(path: &str) -> Option<String> {
    if path == "~" {
        return Some(path.to_string());
    }
    if let Some(rest) = path.strip_prefix("~/") {
        let first = rest.split('/').next().unwrap_or_default();
        return CREDENTIAL_DIRS.contains(&first).then(|| format!("~/{first}"));
    }
    if path == "/home" {
        return Some(path.to_string());
    }
    if let Some(rest) = path.strip_prefix("/home/") {
        let parts: Vec<&str> = rest.split('/').collect();
        return match parts.as_slice() {
            [_user] => Some(path.to_string()),
            [user, dir, ..] if CREDENTIAL_DIRS.contains(dir) => Some(format!("/home/{user}/{dir}")),
            _ => None,
        };
    }
    ["/run", "/var/run"]
        .iter()
        .find(|d| {
            path.strip_prefix(**d)
                .is_some_and(|r| r.len() > 1 && r.starts_with('/'))
        })
        .map(|d| d.to_string())
}

/// Host directories where writing is enough to become root on the host
/// (DW2035), matched with what lies under them: system configuration, root's
/// home, the boot files, the container stores, `/proc`, root's `PATH` and the
/// kernel's modules.
const ROOT_EQUIVALENT_TREES: &[&str] = &[
    "/etc",
    "/root",
    "/boot",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/proc",
    "/bin",
    "/sbin",
    "/usr/bin",
    "/usr/sbin",
    "/usr/local/bin",
    "/usr/local/sbin",
    "/lib/modules",
    "/usr/lib/modules",
];

/// Directories that are root-equivalent for what they hold (the trees above,
/// the system libraries), matched only themselves: `/var/lib/mysql` is an
/// application's data, `/var/lib` holds every container's.
const ROOT_EQUIVALENT_DIRS: &[&str] = &["/var/lib", "/usr", "/usr/lib", "/lib", "/lib64"];

/// Files under `/etc` that only tell the time zone: writing them is not host root.
pub const TIME_ZONE_FILES: &[&str] = &["/etc/localtime", "/etc/timezone"];

/// The root-equivalent host directory the normalized absolute `path` is (or
/// lies under): a writable bind mount of it gives the container the host
/// (DW2035, which DW2032 then leaves alone). The time zone files are not.
pub fn root_equivalent(path: &str) -> Option<&'static str> {
    if TIME_ZONE_FILES.contains(&path) {
        return None;
    }
    ROOT_EQUIVALENT_DIRS.iter().find(|d| path == **d).copied().or_else(|| {
        ROOT_EQUIVALENT_TREES
            .iter()
            .find(|d| {
                path.strip_prefix(**d)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .copied()
    })
}

// What an added capability gives a container beyond itself, grouped the way
// compose-lint grades `cap_add` (its CL-0024, CL-0011, CL-0028, CL-0029,
// CL-0030 and CL-0027), so that DW2011 and DW2041 can say which harm a
// capability opens.

/// A family of capabilities: what they give, in words for a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Code on the host (`ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_RAWIO`).
    HostExec,
    /// Host-wide kernel facilities (`NET_ADMIN`, `BPF`, `SYS_BOOT`).
    HostControl,
    /// The host's clock or its performance counters (`SYS_TIME`, `PERFMON`).
    HostReach,
    /// The host's CPU and memory, taken from everyone else (`SYS_NICE`,
    /// `IPC_LOCK`, `LEASE`).
    HostAvailability,
    /// The host kernel's log (`SYSLOG`).
    HostDisclosure,
    /// Other processes' memory and every file's contents (`SYS_PTRACE`,
    /// `DAC_READ_SEARCH`).
    Lesser,
}

const FAMILIES: &[(&str, Family)] = &[
    ("ALL", Family::HostExec),
    ("SYS_ADMIN", Family::HostExec),
    ("SYS_MODULE", Family::HostExec),
    ("SYS_RAWIO", Family::HostExec),
    ("NET_ADMIN", Family::HostControl),
    ("BPF", Family::HostControl),
    ("SYS_BOOT", Family::HostControl),
    ("SYS_TIME", Family::HostReach),
    ("PERFMON", Family::HostReach),
    ("SYS_NICE", Family::HostAvailability),
    ("IPC_LOCK", Family::HostAvailability),
    ("LEASE", Family::HostAvailability),
    ("SYSLOG", Family::HostDisclosure),
    ("SYS_PTRACE", Family::Lesser),
    ("DAC_READ_SEARCH", Family::Lesser),
];

/// The family of a capability written as [`crate::rules::shared::normalise_capability`] leaves it.
pub fn family(cap: &str) -> Option<Family> {
    FAMILIES.iter().find(|(c, _)| *c == cap).map(|(_, f)| *f)
}

impl Family {
    /// What the family gives, for a message: "host code execution".
    pub fn words(self) -> &'static str {
        match self {
            Family::HostExec => "host code execution",
            Family::HostControl => "host-wide kernel control",
            Family::HostReach => "reach into the host's clock or performance counters",
            Family::HostAvailability => "host availability: it can starve the host's CPU or memory",
            Family::HostDisclosure => "host disclosure: it reads the host kernel's log",
            Family::Lesser => "reading other processes or files past their permissions",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_equivalent_paths() {
        assert_eq!(root_equivalent("/etc/pihole"), Some("/etc"));
        assert_eq!(root_equivalent("/var/lib"), Some("/var/lib"));
        assert_eq!(root_equivalent("/var/lib/mysql"), None);
        assert_eq!(root_equivalent("/usr/local/bin/tool"), Some("/usr/local/bin"));
        assert_eq!(root_equivalent("/usr/share"), None);
        assert_eq!(root_equivalent("/etc/localtime"), None);
        assert_eq!(root_equivalent("/etcd"), None);
        assert_eq!(root_equivalent("/"), None, "the whole root is DW2032's");
    }

    #[test]
    fn user_and_service_state() {
        assert_eq!(user_or_service_state("/home/alice").as_deref(), Some("/home/alice"));
        assert_eq!(
            user_or_service_state("/home/alice/.ssh/id_ed25519").as_deref(),
            Some("/home/alice/.ssh")
        );
        assert_eq!(user_or_service_state("/home/alice/projects/app/data"), None);
        assert_eq!(user_or_service_state("~/.kube").as_deref(), Some("~/.kube"));
        assert_eq!(user_or_service_state("~/minecraft_data"), None);
        assert_eq!(user_or_service_state("/var/run/dbus").as_deref(), Some("/var/run"));
        assert_eq!(user_or_service_state("/run"), None);
        assert_eq!(user_or_service_state("/srv/run/x"), None);
    }

    #[test]
    fn capability_families() {
        assert_eq!(family("SYS_ADMIN"), Some(Family::HostExec));
        assert_eq!(family("LEASE"), Some(Family::HostAvailability));
        assert_eq!(family("CHOWN"), None);
    }
}
