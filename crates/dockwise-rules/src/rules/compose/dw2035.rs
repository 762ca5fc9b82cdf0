//! DW2035: a host directory where writing is host root is bind-mounted writable.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::compose::helpers::{host_path_words, resolved, root_equivalent};
use crate::rules::shared::host_paths::normalize;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2035",
    name: "compose-writable-host-root",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("A host directory where writing means host root is mounted writable"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a writable bind mount of a host directory where an ordinary file write is enough to take over \
            the host: `/etc`, `/root`, `/boot`, `/proc`, `/var/lib/docker`, `/var/lib/containerd`, the directories \
            on root's `PATH` (`/bin`, `/sbin`, `/usr/bin`, `/usr/sbin`, `/usr/local/bin`, `/usr/local/sbin`) and \
            the kernel modules (`/lib/modules`, `/usr/lib/modules`), or anything under them; and `/var/lib`, \
            `/usr`, `/usr/lib`, `/lib`, `/lib64` themselves. The time zone files under `/etc` pass. Read-only \
            mounts of these are DW2032's finding.",
        why: "No exploit is needed: a line in `/etc/cron.d` or `/etc/sudoers`, a key in `/root/.ssh`, a binary \
            dropped into `/usr/local/bin`, a kernel module or another container's files under `/var/lib/docker` \
            runs as root on the host the next time the host uses it. A container compromised through its own bug \
            is then the host compromised. The CIS Docker Benchmark asks that host system directories not be \
            mounted, and never writable.",
        bad: "services:\n  dns:\n    image: acme/dns:2.1\n    volumes:\n      - /etc/dns:/etc/dns\n",
        good: "services:\n  dns:\n    image: acme/dns:2.1\n    volumes:\n      - ./dns:/etc/dns\n",
        fix: "Keep the service's files in a folder made for it (`./dns`) or a named volume. If it really only reads \
            the host's files, mount them read-only (`:ro`), which is still a disclosure for DW2032 but no longer a \
            takeover.",
    },
    quiz: quiz! {
        question: "A DNS container keeps its configuration in the host's `/etc/dnsmasq.d`, mounted writable. What \
            could an attacker who takes over the container do through that mount?",
        choices: &[
            Choice {
                text: "Write files the host itself runs as root, reaching all of `/etc` through `..` path tricks",
                correct: false,
                feedback: "A bind mount is a fixed subtree: `..` at its top stays inside the container's view. The \
                    risk is what the host does with the files inside the mounted folder.",
            },
            Choice {
                text: "Change what the host's own DNS service reads and runs as root from that folder",
                correct: true,
                feedback: "The folder belongs to the host: whatever the container writes there, the host's root \
                    services read and act on.",
            },
            Choice {
                text: "Nothing beyond the folder: a bind mount limits writes to the files that existed when it was made",
                correct: false,
                feedback: "New files can be created in a writable bind mount, and the host sees them at once.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0025"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!(
                "CIS Docker Benchmark: Ensure sensitive host system directories are not mounted on containers"
            ),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
        &Source {
            title: text!("Docker docs: Bind mounts (read-only bind mounts)"),
            url: text!("https://docs.docker.com/engine/storage/bind-mounts/"),
        },
    ],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for m in s.volumes() {
            let Some(written) = m.source.as_deref() else { continue };
            // `${VAR:-default}` by its default, `${VAR}` by `.env`; unset without a default: not judged
            let Some((source, from_env)) = resolved(written, &c.options.compose_env) else {
                continue;
            };
            if m.read_only || !source.starts_with('/') {
                continue;
            }
            let path = normalize(&source);
            let Some(dir) = root_equivalent(&path) else { continue };
            let what = host_path_words(written, from_env, &path, dir);
            // no fix: `:ro` leaves a disclosure (DW2032); the remedy is a folder of the service's own
            out.report(
                m.source_span,
                format!(
                    "service `{}` mounts the host's {what} writable: a file written there runs or is read as root on the host",
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
        assert_eq!(
            spans(&RULE, &compose("      - /etc/dnsmasq.d/:/etc/dnsmasq.d/\n")),
            ["/etc/dnsmasq.d/"]
        );
        assert_eq!(
            run(&RULE, &compose("      - /usr/local/bin:/host-bin:rw\n"))[0].message,
            "service `a` mounts the host's `/usr/local/bin` writable: a file written there runs or is read as root on the host"
        );
        fires(
            &RULE,
            &compose("      - type: bind\n        source: /var/lib\n        target: /data\n"),
        );
        for d in [
            "/root/.ssh",
            "/boot",
            "/proc/sys",
            "/lib/modules",
            "/var/lib/docker/volumes",
            "/sbin",
            "/lib64",
        ] {
            fires(&RULE, &compose(&format!("      - {d}:/mnt\n")));
        }
    }

    #[test]
    fn variables() {
        // judged by the default, or by the .env file's value, which is not quoted
        fires(&RULE, &compose("      - ${CONF:-/etc/app}:/etc/app\n"));
        let env = crate::LintOptions {
            compose_env: vec![("HOST_CONF".into(), "/etc/secret-place".into())],
            ..Default::default()
        };
        let found = crate::lint(&compose("      - ${HOST_CONF}:/conf\n"), &env);
        let f = found.findings.iter().find(|f| f.rule.id == "DW2035").unwrap();
        assert_eq!(
            f.message,
            "service `a` mounts the host's `${HOST_CONF}` (from `.env`: /etc) writable: a file written there runs or is read as root on the host"
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &compose("      - /etc/dns:/etc/dns:ro\n      - ./conf:/etc/app\n      - data:/var/lib/data\n"),
        );
        // an application's own state under /var/lib, and /usr's data
        silent(
            &RULE,
            &compose("      - /var/lib/mysql:/var/lib/mysql\n      - /usr/share/fonts:/fonts\n"),
        );
        // the time zone, a variable, the whole root (DW2032's) and long syntax read-only
        silent(
            &RULE,
            &compose("      - /etc/localtime:/etc/localtime\n      - ${CONF}:/etc/app\n      - /:/host\n"),
        );
        silent(
            &RULE,
            &compose("      - type: bind\n        source: /etc\n        target: /host-etc\n        read_only: true\n"),
        );
    }
}
