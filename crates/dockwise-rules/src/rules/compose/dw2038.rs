//! DW2038: a host device that reaches the host's memory, disks or kernel log
//! is passed into a container (`devices:`).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::compose::helpers::resolved;
use crate::rules::shared::host_paths::normalize;
use crate::rules::shared::normalise_capability;
use crate::sources;
use dockwise_syntax::compose::{split_colons, Compose, Service};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2038",
    name: "compose-host-device",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("A host disk, memory or kernel device is passed into the container"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `devices:` entries (short `host[:container[:permissions]]` or long with `source:`) that give \
            the container the host's physical memory (`/dev/mem`, `/dev/kmem`, `/dev/port`), a block device \
            (`/dev/sd*`, `/dev/nvme*`, `/dev/vd*`, `/dev/xvd*`, `/dev/hd*`, `/dev/mmcblk*`, `/dev/loop*`, `/dev/dm-*`, \
            `/dev/md*`, `/dev/nbd*`, `/dev/rbd*`, `/dev/zd*`, and `/dev/disk/`, `/dev/mapper/`, `/dev/block/`, \
            `/dev/zvol/` links), the ZFS control device, the kernel log (`/dev/kmsg`) or all of `/dev`. Entries \
            whose permissions grant neither read nor write (`m` alone) pass. GPUs, serial ports and `/dev/fuse` \
            are not judged. Also `device_cgroup_rules` entries that allow reading or writing block devices (`b`), \
            every device (`a`) or the kernel log (`c 1:11`), when the service can get such a device node (it keeps \
            `MKNOD`, Docker's default, or mounts something from `/dev`).",
        why: "A device node is a door around the container's walls. With the host's disk, a process reads every \
            file on it (other containers' data, `/etc/shadow`) and can write past any permission; `/dev/mem` is the \
            host's memory; `/dev/kmsg` lets it read and forge the kernel's log. The CIS Docker Benchmark asks that \
            host devices not be exposed to containers.",
        bad: "services:\n  backup:\n    image: acme/backup:1.0\n    devices:\n      - /dev/sda:/dev/sda\n",
        good: "services:\n  backup:\n    image: acme/backup:1.0\n    volumes:\n      - ./data:/data:ro\n",
        fix: "Give the service the files it works on (a bind mount of that folder, read-only if it only reads) or a \
            volume, not the disk under them. Tools that must own a device (disk imaging, RAID) belong on the host \
            or on a machine of their own.",
    },
    quiz: quiz! {
        question: "A backup service gets `devices: [\"/dev/sda:/dev/sda:r\"]`, read-only. What can it read?",
        choices: &[
            Choice {
                text: "Only the files its user may read on the host, as the kernel checks each file's permissions",
                correct: false,
                feedback: "Reading the raw device skips the filesystem and its permissions: it reads blocks.",
            },
            Choice {
                text: "Every file on that disk, whoever owns it",
                correct: true,
                feedback: "A raw block device is read below the filesystem, so file permissions never apply.",
            },
            Choice {
                text: "Nothing until it also has `privileged: true`",
                correct: false,
                feedback: "`devices:` is exactly how a device is granted without privileged mode.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0016"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("CIS Docker Benchmark: Ensure that host devices are not directly exposed to containers"),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference: services.devices"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#devices"),
        },
    ],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Device names that are the host's memory or kernel log, themselves.
const EXACT: &[(&str, &str)] = &[
    ("/dev", "every device of the host"),
    ("/dev/mem", "the host's physical memory"),
    ("/dev/kmem", "the host kernel's memory"),
    ("/dev/port", "the host's I/O ports"),
    ("/dev/kmsg", "the host kernel's log"),
    ("/dev/zfs", "the host's ZFS pools"),
];

/// Block devices: a name prefix and what must follow it (a letter for
/// `/dev/sda`, a digit for `/dev/nvme0n1`, anything for the folders of links).
const BLOCK: &[(&str, Next)] = &[
    ("/dev/sd", Next::Letter),
    ("/dev/vd", Next::Letter),
    ("/dev/xvd", Next::Letter),
    ("/dev/hd", Next::Letter),
    ("/dev/nvme", Next::Digit),
    ("/dev/mmcblk", Next::Digit),
    ("/dev/loop", Next::Digit),
    ("/dev/md", Next::Digit),
    ("/dev/nbd", Next::Digit),
    ("/dev/rbd", Next::Digit),
    ("/dev/zd", Next::Digit),
    ("/dev/mtdblock", Next::Digit),
    ("/dev/dm-", Next::Digit),
    ("/dev/md/", Next::Any),
    ("/dev/disk/", Next::Any),
    ("/dev/mapper/", Next::Any),
    ("/dev/block/", Next::Any),
    ("/dev/zvol/", Next::Any),
];

#[derive(Clone, Copy)]
enum Next {
    Letter,
    Digit,
    Any,
}

/// What the normalized host device path gives a container, if it is one this rule judges.
fn reaches(path: &str) -> Option<&'static str> {
    if let Some((_, what)) = EXACT.iter().find(|(p, _)| *p == path) {
        return Some(what);
    }
    BLOCK
        .iter()
        .any(|(prefix, next)| {
            path.strip_prefix(prefix)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| match next {
                    Next::Letter => c.is_ascii_lowercase(),
                    Next::Digit => c.is_ascii_digit(),
                    Next::Any => true,
                })
        })
        .then_some("a block device of the host")
}

/// The host side and the permissions of a `devices:` entry.
fn parse(n: &Node) -> Option<(String, Option<String>)> {
    if n.as_map().is_some() {
        let text = |k: &str| n.get(k).and_then(Node::scalar_text);
        return Some((text("source")?, text("permissions")));
    }
    let t = n.scalar_text()?;
    let parts = split_colons(&t, 3);
    Some((parts[0].to_string(), parts.get(2).map(|p| p.to_string())))
}

/// What a `device_cgroup_rules` entry (`b 8:* rwm`) lets the container read
/// or write, if it reaches a disk, every device or the kernel log. `m` alone
/// only creates nodes.
fn cgroup_grant(rule: &str) -> Option<&'static str> {
    let words: Vec<&str> = rule.split_whitespace().collect();
    let [kind, numbers, access] = words.as_slice() else {
        return None;
    };
    let (major, minor) = numbers.split_once(':')?;
    let number = |n: &str| n == "*" || n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty();
    if !number(major) || !number(minor) || !access.chars().all(|c| "rwm".contains(c)) || !access.contains(['r', 'w']) {
        return None;
    }
    let covers = |want_major: &str, want_minor: &str| {
        (major == "*" || major == want_major) && (minor == "*" || minor == want_minor)
    };
    match *kind {
        "a" => Some("every device of the host"),
        "b" => Some("the host's block devices (its disks)"),
        "c" if covers("1", "11") => Some("the host kernel's log (`/dev/kmsg`)"),
        "c" if covers("10", "237") => Some("the host's loop devices (`/dev/loop-control`)"),
        _ => None,
    }
}

/// Can the service get a device node for a cgroup rule to open: it keeps
/// `MKNOD` (Docker's default, or privileged) or mounts something from `/dev`?
fn can_make_nodes(s: &Service) -> bool {
    let caps = |key: &str| -> Vec<String> { s.strings(key).iter().map(|(c, _)| normalise_capability(c)).collect() };
    let either = |list: &[String]| list.iter().any(|c| c == "MKNOD" || c == "ALL");
    s.is_true("privileged").is_some()
        || either(&caps("cap_add"))
        || !either(&caps("cap_drop"))
        || s.volumes()
            .iter()
            .filter_map(|m| m.source.as_deref())
            .any(|src| src.starts_with('/') && normalize(src).starts_with("/dev"))
}

/// The `device_cgroup_rules` findings of service `s`.
fn cgroup_rules(s: &Service, out: &mut Reporter) {
    let rules = s.strings("device_cgroup_rules");
    if rules.is_empty() || !can_make_nodes(s) {
        return;
    }
    for (rule, node) in rules {
        let Some(what) = cgroup_grant(&rule) else { continue };
        out.report(
            node.span,
            format!(
                "service `{}` may read or write {what} (`device_cgroup_rules: {}`): devices of the host stay out of containers",
                s.name,
                rule.trim()
            ),
        );
    }
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        cgroup_rules(s, out);
        let Some(devices) = s.get("devices") else { continue };
        for n in devices.items() {
            let Some((written, permissions)) = parse(n) else {
                continue;
            };
            // `${VAR:-default}` by its default, `${VAR}` by `.env`; unset without a default: not judged
            let Some((host, from_env)) = resolved(&written, &c.options.compose_env) else {
                continue;
            };
            if !host.starts_with('/') {
                continue;
            }
            // `m` alone lets the container create the node, not read or write it
            if permissions.is_some_and(|p| !p.trim().is_empty() && !p.contains(['r', 'w'])) {
                continue;
            }
            let path = normalize(&host);
            let Some(what) = reaches(&path) else { continue };
            // a .env value is not quoted
            let shown = if from_env {
                format!("{written}` (from `.env`")
            } else {
                path.clone()
            };
            out.report(
                n.span,
                format!(
                    "service `{}` is given `{shown}`, {what}: devices of the host stay out of containers",
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

    fn compose(devices: &str) -> String {
        format!("services:\n  a:\n    image: x:1\n    devices:\n{devices}")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &compose("      - /dev/sda:/dev/sda\n")),
            ["/dev/sda:/dev/sda"]
        );
        assert_eq!(
            run(&RULE, &compose("      - \"/dev/mem\"\n"))[0].message,
            "service `a` is given `/dev/mem`, the host's physical memory: devices of the host stay out of containers"
        );
        for d in [
            "/dev/nvme0n1",
            "/dev/sdb1:/dev/xvda:rw",
            "/dev/mapper/vg0-root",
            "/dev/disk/by-id/ata-X",
            "/dev/loop0",
            "/dev/kmsg",
            "/dev//./mmcblk0",
            "/dev",
        ] {
            fires(&RULE, &compose(&format!("      - {d}\n")));
        }
        fires(
            &RULE,
            &compose("      - source: /dev/vda\n        target: /dev/vda\n        permissions: r\n"),
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &compose("      - /dev/dri:/dev/dri\n      - /dev/ttyUSB0:/dev/ttyUSB0\n      - /dev/fuse\n      - /dev/net/tun\n      - /dev/snd\n"),
        );
        // create-only permissions, a variable, and words that only start like a disk
        silent(
            &RULE,
            &compose("      - /dev/sda:/dev/sda:m\n      - ${DISK}:/dev/disk0\n      - /dev/loop-control\n"),
        );
        silent(&RULE, &compose("      - /dev/hidraw0\n"));
        // a default is judged
        fires(&RULE, &compose("      - ${DISK:-/dev/sdb}:/dev/sdb\n"));
    }

    #[test]
    fn cgroup_rules() {
        let rules =
            |r: &str, more: &str| format!("services:\n  a:\n    image: x:1\n{more}    device_cgroup_rules:\n{r}");
        assert_eq!(
            spans(
                &RULE,
                &rules(
                    "      - 'b 8:* rmw'\n      - 'c 189:* rmw'\n      - 'a *:* r'\n      - 'c 1:11 r'\n",
                    ""
                )
            ),
            ["'b 8:* rmw'", "'a *:* r'", "'c 1:11 r'"]
        );
        // `m` alone makes nodes, it opens none
        silent(&RULE, &rules("      - 'b *:* m'\n", ""));
        // without MKNOD and without a /dev mount, there is no node to open
        silent(&RULE, &rules("      - 'b 8:* rw'\n", "    cap_drop: [ALL]\n"));
        fires(
            &RULE,
            &rules(
                "      - 'b 8:* rw'\n",
                "    cap_drop: [ALL]\n    volumes:\n      - /dev/sda:/dev/sda\n",
            ),
        );
        fires(
            &RULE,
            &rules("      - 'b 8:* rw'\n", "    cap_drop: [ALL]\n    cap_add: [MKNOD]\n"),
        );
    }
}
