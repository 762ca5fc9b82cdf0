//! DW2032: a sensitive host directory is bind-mounted into a service.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::compose::helpers::{host_path_words, resolved, root_equivalent, user_or_service_state};
use crate::rules::shared::host_paths::{normalize, system_dir};
use crate::rules::shared::is_runtime_socket;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2032",
    name: "compose-sensitive-host-mount",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("A sensitive host directory is mounted into a container"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a bind mount (short `host:container[:mode]` or long `type: bind` with `source:`) of a host \
            system directory: `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/root`, `/usr`, `/lib`, \
            `/var/lib/docker`, `/run/containerd`, `/var/lib/kubelet`, or a path under `/etc`, `/proc`, `/sys`, \
            `/boot` or `/var/lib/docker`, read-only or not. Two read-only files that only tell the time zone \
            (`/etc/localtime`, `/etc/timezone`) pass. Also a user's data and a host service's state: `/home` or one \
            user's home, a credentials folder in a home directory (`~/.ssh`, `.aws`, `.kube`, `.docker`, `.gnupg`), \
            anything under `/run` or `/var/run` (the system bus, udev's database); a project folder inside a home \
            directory passes. The runtime's socket is DW2003's finding, and a writable mount \
            of a directory where writing is host root (`/etc`, `/root`, `/boot`, `/proc`, `/var/lib/docker`, \
            `/usr`, `/lib`...) is DW2035's.",
        why: "These directories are the host itself: its configuration and credentials (`/etc/shadow`, SSH keys in \
            `/root`), its kernel interfaces (`/proc`, `/sys`), its devices and boot files, the data of every other \
            container (`/var/lib/docker`), its services' sockets and state (`/run`), and its users' files, keys and \
            tokens. Mounted writable, a compromised container can change the host; even read-only it can read \
            secrets and learn what to attack. The CIS Docker Benchmark asks that the host's system directories not \
            be mounted at all, and read-write least of all.",
        bad: "services:\n  agent:\n    image: acme/agent:2.3\n    volumes:\n      - /etc:/host/etc:ro\n",
        good: "services:\n  agent:\n    image: acme/agent:2.3\n    volumes:\n      - ./agent.conf:/etc/agent/agent.conf:ro\n",
        fix: "Mount only the file or folder the service really needs, from a folder made for it (`./config`), \
            read-only where possible, or a named volume. Monitoring agents that do need `/proc` or `/sys` deserve \
            their own reviewed host and a pragma saying why.",
    },
    quiz: quiz! {
        question: "A log shipper mounts `/:/host:ro`. Why is that still a risk, though it is read-only?",
        choices: &[
            Choice {
                text: "It can read every secret on the host, such as keys and `/etc/shadow`",
                correct: true,
                feedback: "Read-only stops writing, not reading: credentials, keys and other containers' data are \
                    all in view.",
            },
            Choice {
                text: "`:ro` is ignored for the root directory, so the mount is writable after all",
                correct: false,
                feedback: "Docker honours `:ro` on any bind mount; the problem is what can be read.",
            },
            Choice {
                text: "It is not a risk: a read-only mount can only hurt the container itself",
                correct: false,
                feedback: "Reading the host's secrets is how a foothold in one container becomes a foothold on the \
                    host.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0013"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!(
                "CIS Docker Benchmark: Ensure sensitive host system directories are not mounted on containers"
            ),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference (services: volumes)"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#volumes"),
        },
    ],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Files under `/etc` that only tell the time zone: harmless read-only.
const TIME_ZONE: &[&str] = &["/etc/localtime", "/etc/timezone"];

/// The sensitive directory `path` is or lies under, if any.
fn sensitive(path: &str, read_only: bool) -> Option<&'static str> {
    if read_only && TIME_ZONE.contains(&path) {
        return None;
    }
    system_dir(path)
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for m in s.volumes() {
            let Some(written) = m.source.as_deref() else { continue };
            // `${VAR:-default}` by its default, `${VAR}` by `.env`; unset without a default: not judged
            let Some((source, from_env)) = resolved(written, &c.options.compose_env) else {
                continue;
            };
            if is_runtime_socket(&source) {
                continue;
            }
            // `~` is the home of whoever runs Compose; `~user` is left alone
            let path = match source.strip_prefix('~') {
                Some("") => "~".to_string(),
                Some(rest) if rest.starts_with('/') => format!("~{}", normalize(rest)),
                Some(_) => continue,
                None if source.starts_with('/') => normalize(&source),
                None => continue,
            };
            // writable and root-equivalent: DW2035's finding
            if !m.read_only && root_equivalent(&path).is_some() {
                continue;
            }
            let Some(dir) = sensitive(&path, m.read_only)
                .map(str::to_string)
                .or_else(|| user_or_service_state(&path))
            else {
                continue;
            };
            let what = host_path_words(written, from_env, &path, &dir);
            let how = if m.read_only { "read-only" } else { "writable" };
            out.report(
                m.source_span,
                format!(
                    "service `{}` mounts the host's {what} {how}: host system and user directories stay out of containers",
                    s.name
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    fn compose(volumes: &str) -> String {
        format!("services:\n  a:\n    image: x:1\n    volumes:\n{volumes}")
    }

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, &compose("      - /:/rootfs:ro\n")), ["/"]);
        assert_eq!(spans(&RULE, &compose("      - \"/proc:/host/proc:ro\"\n")), ["/proc"]);
        assert_eq!(spans(&RULE, &compose("      - /etc/ssh:/keys:ro\n")), ["/etc/ssh"]);
        // writable, only those where writing is not host root
        assert_eq!(
            spans(&RULE, &compose("      - /sys:/s\n      - /etc/ssh:/keys\n")),
            ["/sys"]
        );
        assert_eq!(
            run(&RULE, &compose("      - /var/lib/docker/containers:/logs:ro\n"))[0].message,
            "service `a` mounts the host's `/var/lib/docker/containers` (under `/var/lib/docker`) read-only: host system and user directories stay out of containers"
        );
        // long syntax
        assert_eq!(
            spans(
                &RULE,
                &compose(
                    "      - type: bind\n        source: /sys\n        target: /host/sys\n        read_only: true\n"
                )
            ),
            ["/sys"]
        );
        // trailing slashes and dots
        assert_eq!(
            spans(&RULE, &compose("      - /etc/:/host-etc:ro\n      - /usr/./:/u:ro\n")).len(),
            2
        );
        // each exact directory
        for d in [
            "/dev",
            "/boot",
            "/root",
            "/usr",
            "/lib",
            "/run/containerd",
            "/var/lib/kubelet",
        ] {
            fires(&RULE, &compose(&format!("      - {d}:/mnt:ro\n")));
        }
    }

    #[test]
    fn user_data_and_service_state() {
        assert_eq!(
            spans(&RULE, &compose("      - ~/.ssh:/root/.ssh:ro\n      - /home/alice:/home/alice\n      - /var/run/dbus:/var/run/dbus\n")),
            ["~/.ssh", "/home/alice", "/var/run/dbus"]
        );
        assert_eq!(
            run(&RULE, &compose("      - /home/alice/.aws/credentials:/creds:ro\n"))[0].message,
            "service `a` mounts the host's `/home/alice/.aws/credentials` (under `/home/alice/.aws`) read-only: host system and user directories stay out of containers"
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &compose("      - ./config:/etc/app:ro\n      - data:/var/lib/data\n      - /srv/app/uploads:/uploads\n"),
        );
        // the target is the container's, not the host's
        silent(&RULE, &compose("      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n"));
    }

    #[test]
    fn edge() {
        // only the listed trees count below their top: /usr/share, /dev/dri, /lib/modules are not judged
        silent(
            &RULE,
            &compose("      - /usr/share/zoneinfo:/usr/share/zoneinfo:ro\n      - /dev/dri:/dev/dri\n"),
        );
        // time zone files read-only are fine; writable they are the host's clock settings
        silent(
            &RULE,
            &compose("      - /etc/localtime:/etc/localtime:ro\n      - /etc/timezone:/etc/timezone:ro\n"),
        );
        fires(&RULE, &compose("      - /etc/localtime:/etc/localtime\n"));
        // the runtime socket is DW2003's finding
        silent(
            &RULE,
            &compose("      - /run/containerd/containerd.sock:/run/containerd/containerd.sock\n"),
        );
        // interpolated and anonymous
        silent(&RULE, &compose("      - ${HOST_ROOT}:/host\n      - /data\n"));
        // a project folder in a home directory is the project's; `~user` is not judged
        silent(
            &RULE,
            &compose("      - /home/alice/projects/app/data:/data\n      - ~/minecraft:/data\n      - ~bob/.ssh:/k\n"),
        );
        // a prefix of a name is not a parent
        silent(&RULE, &compose("      - /etcd-data:/data\n      - /rootfs-copy:/r\n"));
    }
}
