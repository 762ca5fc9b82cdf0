//! DW2011: a dangerous capability is added.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::compose::helpers::family;
use crate::rules::shared::{normalise_capability, DANGEROUS};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2011",
    name: "compose-dangerous-capability",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("Dangerous capability added (`SYS_ADMIN`, `NET_ADMIN`, `ALL`...)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `cap_add` entries that weaken the container's isolation most: `ALL`, `SYS_ADMIN`, `SYS_MODULE`, \
            `SYS_RAWIO`, `SYS_PTRACE`, `SYS_BOOT`, `SYS_TIME`, `NET_ADMIN`, `DAC_READ_SEARCH`, `BPF`, `PERFMON`, \
            `MAC_ADMIN`, `MAC_OVERRIDE`, `SYSLOG`, `IPC_LOCK` (with or without the `CAP_` prefix).",
        why: "Capabilities split root's powers into pieces; these are the pieces that weaken the container's \
            isolation most. `SYS_ADMIN` allows mounts and many other administrative calls and is needed by many \
            known container escapes, `SYS_MODULE` loads kernel code, `SYS_RAWIO` reaches raw devices, `SYS_PTRACE` \
            lets the process trace and read the memory of processes it can see, `NET_ADMIN` reconfigures the \
            network, `IPC_LOCK` locks memory into RAM past its limit, where the host cannot swap it out.",
        bad: "services:\n  app:\n    image: myapp:1.4.2\n    cap_add:\n      - SYS_ADMIN  # to mount a share inside the container\n",
        good: "services:\n  app:\n    image: myapp:1.4.2\n    cap_drop: [ALL]\n    volumes:\n      - ./share:/mnt/share\n",
        fix: "Find the operation the app needs and grant the narrowest capability for it, or change the app so it \
            needs none: mount storage with `volumes:` instead of from inside the container. Tools that truly need \
            `NET_ADMIN` (VPNs) deserve their own, reviewed host.",
    },
    quiz: quiz! {
        question: "Which of these capabilities is needed by many known container escapes?",
        choices: &[
            Choice {
                text: "`SYS_ADMIN`",
                correct: true,
                feedback: "It covers mounting filesystems and a long list of other administrative operations, which \
                    is why escape techniques so often start from it.",
            },
            Choice {
                text: "`CHOWN`",
                correct: false,
                feedback: "It changes file owners, which matters only for files the container can already reach, \
                    such as bind-mounted host directories; it opens no new kernel operations.",
            },
            Choice {
                text: "`NET_BIND_SERVICE`",
                correct: false,
                feedback: "It only allows binding ports below 1024, and it is in Docker's default set anyway.",
            },
            Choice {
                text: "`KILL`",
                correct: false,
                feedback: "It lets a root process signal processes it could otherwise not, but only those in its own \
                    PID namespace; it is in Docker's default set too.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0011", "CL-0024", "CL-0027", "CL-0028", "CL-0029", "CL-0030"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &sources::DOCKER_RUN_PRIVILEGES,
        &sources::DOCKER_SECCOMP,
        &sources::CIS_CAPABILITIES,
    ],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        for (cap, node) in s.strings("cap_add") {
            let n = normalise_capability(&cap);
            if DANGEROUS.contains(&n.as_str()) {
                let what = family(&n).map(|f| format!(" ({})", f.words())).unwrap_or_default();
                out.report(
                    node.span,
                    format!(
                        "service `{}` adds {n}, a capability that weakens the container's isolation{what}",
                        s.name
                    ),
                );
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
                "services:\n  a:\n    cap_add: [CAP_SYS_ADMIN, NET_BIND_SERVICE, ALL]\n"
            ),
            ["CAP_SYS_ADMIN", "ALL"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    cap_add:\n      - NET_BIND_SERVICE\n");
    }

    #[test]
    fn edge() {
        // dropping is fine
        silent(&RULE, "services:\n  a:\n    cap_drop: [SYS_ADMIN]\n");
        fires(&RULE, "services:\n  a:\n    cap_add: [net_admin]\n");
        // the message names what the capability gives
        assert_eq!(
            run(&RULE, "services:\n  a:\n    cap_add: [SYS_MODULE, MAC_ADMIN]\n")
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>(),
            [
                "service `a` adds SYS_MODULE, a capability that weakens the container's isolation (host code execution)",
                "service `a` adds MAC_ADMIN, a capability that weakens the container's isolation"
            ]
        );
    }
}
