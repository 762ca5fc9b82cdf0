//! DW2041: a capability that lets one container take the host's CPU or
//! block its files from others is added (`SYS_NICE`, `LEASE`).

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::compose::helpers::{family, Family};
use crate::rules::shared::fixes;
use crate::rules::shared::{normalise_capability, DANGEROUS};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2041",
    name: "compose-host-availability-capability",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("Capability that can starve the host added (`SYS_NICE`, `LEASE`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `cap_add` entries `SYS_NICE` and `LEASE` (with or without the `CAP_` prefix). `IPC_LOCK`, \
            which belongs to the same family, is DW2011's finding.",
        why: "Neither is in Docker's default set, and both reach past the container: `SYS_NICE` lets its processes \
            raise their own priority and choose real-time scheduling, so a busy loop can take the CPU from every \
            other process on the host; `LEASE` lets it take leases on files it does not own, so that another process \
            opening one (on the host too, through a bind mount) has to wait for it.",
        bad: "services:\n  db:\n    image: acme/db:7.0\n    cap_add:\n      - SYS_NICE\n",
        good: "services:\n  db:\n    image: acme/db:7.0\n    cap_drop: [ALL]\n    cpus: \"2\"\n",
        fix: "Remove the capability and let the host's scheduler and the service's CPU limit decide. Some databases \
            ask for `SYS_NICE` only to pin threads, which they do without it at a small cost; measure before \
            granting it.",
    },
    quiz: quiz! {
        question: "A database image's docs suggest `cap_add: [SYS_NICE]`. What does the container gain?",
        choices: &[
            Choice {
                text: "Access to the host's process list, so it can renice host processes",
                correct: false,
                feedback: "It still sees only its own PID namespace; the risk is its own processes outranking the host's.",
            },
            Choice {
                text: "The right to raise its own priority and use real-time scheduling, ahead of the host's processes",
                correct: true,
                feedback: "Real-time threads are served before ordinary ones, across the whole host.",
            },
            Choice {
                text: "Nothing: `SYS_NICE` is in Docker's default capability set already",
                correct: false,
                feedback: "It is not in the default set; adding it is what grants it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0029"],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::DOCKER_RUN_PRIVILEGES, &sources::CIS_CAPABILITIES],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let caps = s.strings("cap_add");
        // DW2011 reports the family's members on its own list
        let flagged: Vec<(usize, String, &Node)> = caps
            .iter()
            .enumerate()
            .map(|(i, (cap, node))| (i, normalise_capability(cap), *node))
            .filter(|(_, n, _)| family(n) == Some(Family::HostAvailability) && !DANGEROUS.contains(&n.as_str()))
            .collect();
        // when every entry goes, the key goes with them
        let all = flagged.len() == caps.len();
        for (index, n, node) in flagged {
            let fix = || {
                if all {
                    fixes::unsafe_("remove `cap_add`", ed.remove(s.node, &["cap_add"]))
                } else {
                    fixes::unsafe_(&format!("remove `{n}`"), ed.remove_item(s.node, &["cap_add"], index))
                }
            };
            out.push(
                Diagnostic::new(
                    node.span,
                    format!(
                        "service `{}` adds {n} ({}): leave scheduling to the host and the CPU limit",
                        s.name,
                        Family::HostAvailability.words()
                    ),
                )
                .with_fix(fix),
            );
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
                "services:\n  a:\n    cap_add: [CAP_SYS_NICE, lease, NET_BIND_SERVICE]\n"
            ),
            ["CAP_SYS_NICE", "lease"]
        );
        assert_eq!(
            run(&RULE, "services:\n  a:\n    cap_add:\n      - SYS_NICE\n")[0].message,
            "service `a` adds SYS_NICE (host availability: it can starve the host's CPU or memory): leave scheduling to the host and the CPU limit"
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    cap_drop: [SYS_NICE]\n    cap_add: [CHOWN]\n",
        );
        // IPC_LOCK is DW2011's
        silent(&RULE, "services:\n  a:\n    cap_add: [IPC_LOCK]\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(
                &RULE,
                "services:\n  a:\n    image: x:1\n    cap_add:\n      - CHOWN\n      - SYS_NICE\n"
            ),
            "services:\n  a:\n    image: x:1\n    cap_add:\n      - CHOWN\n"
        );
        assert_eq!(
            fix_converges(
                &RULE,
                "services:\n  a:\n    image: x:1\n    cap_add: [SYS_NICE]\n    read_only: true\n"
            ),
            "services:\n  a:\n    image: x:1\n    read_only: true\n"
        );
    }
}
