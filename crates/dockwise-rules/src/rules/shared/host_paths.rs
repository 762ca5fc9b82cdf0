//! Paths on the host a container is given: how to compare them, and which
//! are the host's own system directories (CIS Docker Benchmark's list of
//! sensitive directories, plus the container runtimes' state, the kubelet's
//! and the host kernel's modules).

/// Host directories that must not be mounted themselves.
const SYSTEM_DIRS: &[&str] = &[
    "/",
    "/etc",
    "/proc",
    "/sys",
    "/dev",
    "/boot",
    "/root",
    "/usr",
    "/lib",
    "/lib/modules",
    "/var/lib/docker",
    "/run/containerd",
    "/var/lib/kubelet",
];

/// Host directories nothing under which may be mounted either.
/// `/lib/modules` holds the modules the host kernel loads (CIS names `/lib`):
/// a module written there runs in the host's kernel once loaded.
const SYSTEM_TREES: &[&str] = &["/etc", "/proc", "/sys", "/boot", "/var/lib/docker", "/lib/modules"];

/// `path` without `.`, `..`, doubled and trailing slashes, always absolute.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The host system directory that the absolute `path` is or lies under
/// (`path` as [`normalize`] leaves it), if any.
pub fn system_dir(path: &str) -> Option<&'static str> {
    SYSTEM_DIRS.iter().find(|d| path == **d).copied().or_else(|| {
        SYSTEM_TREES
            .iter()
            .find(|d| path.strip_prefix(**d).is_some_and(|rest| rest.starts_with('/')))
            .copied()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_compared_normalized() {
        assert_eq!(normalize("/etc/../var//lib/./docker/"), "/var/lib/docker");
        assert_eq!(normalize("app/.."), "/");
        assert_eq!(system_dir(&normalize("/etc/ssl/")), Some("/etc"));
        assert_eq!(system_dir("/usr"), Some("/usr"));
        assert_eq!(system_dir("/usr/share/zoneinfo"), None, "only /usr itself");
        assert_eq!(system_dir("/etcd-data"), None);
        assert_eq!(system_dir("/lib/modules"), Some("/lib/modules"));
        assert_eq!(system_dir("/lib/modules/6.8.0-45-generic"), Some("/lib/modules"));
        assert_eq!(system_dir("/lib/x86_64-linux-gnu"), None, "only /lib itself");
        assert_eq!(system_dir("/srv/app"), None);
    }
}
