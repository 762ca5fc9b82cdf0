//! DW2004: a service has no memory limit.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes::{self, PLACEHOLDER};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2004",
    name: "compose-no-resource-limits",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("Service has no memory limit"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a service with no memory limit: neither `deploy.resources.limits.memory` nor `mem_limit`. The \
            message also says when there is no CPU limit (`deploy.resources.limits.cpus` or `cpus`).",
        why: "By default a container has no memory limit and may take all the host's memory: a leak or a traffic \
            spike in one service makes the kernel's OOM killer pick victims among the host's processes, possibly a \
            neighbour such as the database. A limit confines the damage to the service at fault: its process is \
            killed, and it comes back only if the service has a `restart:` policy. A CPU limit likewise stops a busy \
            service from starving the others.",
        bad: "services:\n  web:\n    image: myapp:1.4.2\n",
        good: "services:\n  web:\n    image: myapp:1.4.2\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: '1.0'\n",
        fix: "Measure what the service uses under load and set `deploy.resources.limits.memory` a little above it \
            (and `cpus`); `reservations` state what it needs to start. For JVMs and similar runtimes, size the heap \
            below the limit.",
    },
    quiz: quiz! {
        question: "A service without a memory limit starts leaking memory on a shared host. What is the likely \
            outcome?",
        choices: &[
            Choice {
                text: "The host runs short and the kernel may kill another service",
                correct: true,
                feedback: "Without a limit the leak competes with everything else on the host, and the kernel's OOM \
                    killer may pick an innocent neighbour.",
            },
            Choice {
                text: "Docker stops the container at its default memory limit",
                correct: false,
                feedback: "A container has no memory limit unless you set one; it may use all the memory the host's \
                    kernel lets it have.",
            },
            Choice {
                text: "Nothing serious: namespaces keep each container's memory apart",
                correct: false,
                feedback: "Namespaces limit what a container can see, not how much it can take. Only cgroup limits \
                    (`mem_limit`, `deploy.resources.limits`) cap memory.",
            },
            Choice {
                text: "Compose restarts it before the host runs short",
                correct: false,
                feedback: "Compose has no such watchdog: the default `restart` is `no`, and a restart policy acts \
                    only after the process has exited.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0026"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Resource constraints: Memory"),
            url: text!("https://docs.docker.com/engine/containers/resource_constraints/#memory"),
        },
        &Source {
            title: text!("Docker docs: Compose Deploy Specification: resources"),
            url: text!("https://docs.docker.com/reference/compose-file/deploy/#resources"),
        },
        &Source {
            title: text!("CIS Docker Benchmark: Ensure that the memory usage for containers is limited"),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
    ],
    concern: Some(&sources::RESOURCE_LIMITS),
    fixes: Fixes::Unsafe,
    scope: Scope::Service,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let limits = s.node.path(&["deploy", "resources", "limits"]);
        let memory = s.get("mem_limit").is_some() || limits.and_then(|l| l.get("memory")).is_some();
        let cpus =
            s.get("cpus").is_some() || s.get("cpu_quota").is_some() || limits.and_then(|l| l.get("cpus")).is_some();
        if !memory {
            let extra = if cpus { "" } else { " (nor CPU limit)" };
            // beside a `deploy` block the limit goes in it: Compose refuses two different limits
            let edits = if s.get("deploy").is_some() {
                let limit = New::scalar(format!("512M  {PLACEHOLDER}"));
                ed.set(s.node, &["deploy", "resources", "limits", "memory"], &limit)
            } else {
                ed.set(s.node, &["mem_limit"], &New::scalar(format!("512m  {PLACEHOLDER}")))
            };
            out.push(
                Diagnostic::new(
                    s.key.span,
                    format!(
                        "service `{}` has no memory limit{extra}: set `deploy.resources.limits`",
                        s.name
                    ),
                )
                .with_fix(|| fixes::unsafe_("add a memory limit (a placeholder: 512m)", edits)),
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
        assert_eq!(spans(&RULE, "services:\n  web:\n    image: x:1\n"), ["web"]);
        fires(&RULE, "services:\n  web:\n    cpus: 0.5\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  web:\n    mem_limit: 256m\n");
    }

    #[test]
    fn edge() {
        // reservations are not limits
        fires(
            &RULE,
            "services:\n  web:\n    deploy:\n      resources:\n        reservations:\n          memory: 128M\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  web:\n    image: x:1\n"),
            "services:\n  web:\n    image: x:1\n    mem_limit: 512m  # placeholder: measure and adjust\n"
        );
        // beside a CPU limit in `deploy`: the memory limit goes there too
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  web:\n    deploy:\n      resources:\n        limits:\n          cpus: '0.5'\n"
            ),
            "services:\n  web:\n    deploy:\n      resources:\n        limits:\n          cpus: '0.5'\n          memory: 512M  # placeholder: measure and adjust\n"
        );
        fix_converges(
            &RULE,
            "services:\n  web:\n    cpus: 0.5\n  db:\n    image: y:2\n    deploy:\n      replicas: 2\n",
        );
        assert!(run(&RULE, "services:\n  web: {image: x:1}\n")[0].fix.is_none());
    }
}
