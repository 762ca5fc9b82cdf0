//! DW2042: a service has no limit on the number of its processes.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes::{self, PLACEHOLDER};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2042",
    name: "compose-pids-limit",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("Service has no limit on its number of processes (`pids_limit`)"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a service with neither `pids_limit` nor `deploy.resources.limits.pids`, or with one of them \
            set to `0` or `-1` (no limit). Off by default: turn it on for hosts shared by services you do not all \
            trust.",
        why: "Processes and threads are a host-wide resource: the kernel has one table of process ids for everyone. \
            A fork bomb, or a bug that spawns a thread per request, in a container without a limit can fill it, and \
            then no process on the host can start, not even the shell you would use to fix it. The CIS Docker \
            Benchmark asks that every container have a PIDs cgroup limit.",
        bad: "services:\n  worker:\n    image: acme/worker:2.2\n",
        good: "services:\n  worker:\n    image: acme/worker:2.2\n    pids_limit: 200\n",
        fix: "Count the processes and threads the service runs at its busiest (`docker stats` shows PIDS) and set \
            `pids_limit` comfortably above it; in a `deploy:` block, `deploy.resources.limits.pids`.",
    },
    quiz: quiz! {
        question: "A container without a PIDs limit runs a fork bomb. What is most at risk?",
        choices: &[
            Choice {
                text: "Only that container, since each container has its own process id namespace",
                correct: false,
                feedback: "The namespace gives it its own numbering, but the processes still count against the \
                    host kernel's one limit.",
            },
            Choice {
                text: "Every process on the host that needs to start a new process or thread",
                correct: true,
                feedback: "The kernel's limit on processes is shared, so once it is used up nothing anywhere can \
                    fork.",
            },
            Choice {
                text: "Nothing, as long as the service has a memory limit: processes are counted as memory",
                correct: false,
                feedback: "Small processes fit in little memory; a memory limit does not stop a table of process \
                    ids from filling up.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("CIS Docker Benchmark: Ensure that the PIDs cgroup limit is used"),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference: services.pids_limit"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#pids_limit"),
        },
    ],
    concern: Some(&sources::RESOURCE_LIMITS),
    fixes: Fixes::Unsafe,
    scope: Scope::Service,
};

/// Does a limit's value mean "no limit" (`0`, `-1` or a negative number)?
fn unlimited(n: &Node) -> bool {
    n.as_i64().is_some_and(|v| v <= 0) || n.scalar_text().is_some_and(|t| t.trim() == "-1" || t.trim() == "0")
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let limits = [
            s.get("pids_limit"),
            s.node.path(&["deploy", "resources", "limits", "pids"]),
        ];
        let set: Vec<&Node> = limits.into_iter().flatten().collect();
        if let Some(n) = set.iter().find(|n| unlimited(n)) {
            out.push(Diagnostic::new(
                n.span,
                format!(
                    "service `{}` sets no limit on its processes: give a positive number",
                    s.name
                ),
            ));
            continue;
        }
        if !set.is_empty() {
            continue;
        }
        // beside a `deploy` block the limit goes in it, as DW2004's memory limit does
        let edits = if s.get("deploy").is_some() {
            ed.set(
                s.node,
                &["deploy", "resources", "limits", "pids"],
                &New::scalar(format!("200  {PLACEHOLDER}")),
            )
        } else {
            ed.set(s.node, &["pids_limit"], &New::scalar(format!("200  {PLACEHOLDER}")))
        };
        out.push(
            Diagnostic::new(
                s.key.span,
                format!(
                    "service `{}` has no PIDs limit: a fork bomb or thread leak can exhaust the host's process table",
                    s.name
                ),
            )
            .with_fix(|| fixes::unsafe_("add a PIDs limit (a placeholder: 200)", edits)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "services:\n  web:\n    image: a:1\n"), ["web"]);
        assert_eq!(spans(&RULE, "services:\n  web:\n    pids_limit: -1\n"), ["-1"]);
        assert_eq!(
            spans(
                &RULE,
                "services:\n  web:\n    deploy:\n      resources:\n        limits:\n          pids: 0\n"
            ),
            ["0"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  web:\n    pids_limit: 100\n");
        silent(
            &RULE,
            "services:\n  web:\n    deploy:\n      resources:\n        limits:\n          pids: 64\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "services:\n  web:\n    image: a:1\n"),
            "services:\n  web:\n    image: a:1\n    pids_limit: 200  # placeholder: measure and adjust\n"
        );
        assert_eq!(
            fix_converges(&RULE, "services:\n  web:\n    image: a:1\n    deploy:\n      replicas: 2\n"),
            "services:\n  web:\n    image: a:1\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          pids: 200  # placeholder: measure and adjust\n"
        );
    }
}
