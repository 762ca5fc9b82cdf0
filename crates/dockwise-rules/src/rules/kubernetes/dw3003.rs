//! DW3003: a container without memory request and limit.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes::{self, PLACEHOLDER};
use crate::sources;
use dockwise_syntax::kubernetes::{ContainerKind, Manifests};
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3003",
    name: "k8s-memory-limit",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container has no memory limit or request"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a container (or init container) without `resources.limits.memory`, and says when the memory \
            request is missing too. A limit alone is enough: when `resources.requests.memory` is absent, Kubernetes \
            copies the limit into it. Patch fragments (kustomize patches) are not checked: the base they patch may \
            hold the values.",
        why: "Memory cannot be throttled, only reclaimed by killing. Without a limit a leaking container grows until \
            the node runs short; the kubelet then evicts pods, and the victim may not be the culprit. With neither a \
            limit nor a request, the scheduler also counts the container as needing no memory at all. A limit \
            confines a leak to its own container, which is OOM-killed and restarted.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    resources:\n      requests:\n        cpu: 250m\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    resources:\n      requests:\n        cpu: 250m\n        memory: 256Mi\n      limits:\n        memory: 256Mi\n",
        fix: "Set `requests.memory` to the usual working set and `limits.memory` to the most it may use. For the \
            Guaranteed QoS class, every container of the pod needs requests equal to limits for both CPU and memory. \
            Use binary units (`Mi`, `Gi`); a bare `512` means 512 bytes.",
    },
    quiz: quiz! {
        question: "A container goes over its memory limit. What happens?",
        choices: &[
            Choice {
                text: "It is OOM-killed, then restarted per its restart policy",
                correct: true,
                feedback: "Memory that is in use cannot be taken back, so the kernel kills the container's process; \
                    the kubelet restarts it as `restartPolicy` says (always, for a Deployment).",
            },
            Choice {
                text: "It is throttled until its usage drops",
                correct: false,
                feedback: "Throttling is what a CPU limit does; memory cannot be throttled that way.",
            },
            Choice {
                text: "The scheduler moves the pod to a node with more memory",
                correct: false,
                feedback: "Kubernetes does not migrate running pods; a pod is replaced, not moved, and only when its \
                    controller creates a new one.",
            },
            Choice {
                text: "It keeps running; the limit only matters to the scheduler",
                correct: false,
                feedback: "The scheduler reads requests. The limit is enforced on the node by the container's \
                    cgroup, which kills the process that exceeds it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["unset-memory-requirements", "memoryLimitsMissing", "CKV_K8S_13"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &sources::K8S_REQUESTS_AND_LIMITS,
        &Source {
            title: text!("Kubernetes docs: Pod Quality of Service Classes"),
            url: text!("https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/"),
        },
    ],
    concern: Some(&sources::RESOURCE_LIMITS),
    fixes: Fixes::Unsafe,
    scope: Scope::Container,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, _, c) in m.containers() {
        if c.kind == ContainerKind::Ephemeral {
            continue;
        }
        if o.fragment {
            continue;
        }
        let limit = c.node.path(&["resources", "limits", "memory"]).is_some();
        let request = c.node.path(&["resources", "requests", "memory"]);
        // with a limit and no request, Kubernetes sets the request to the limit
        let (missing, value, title) = match (limit, request) {
            (true, _) => continue,
            (false, None) => (
                "no memory request or limit",
                format!("256Mi  {PLACEHOLDER}"),
                "set a memory limit (a placeholder: 256Mi)",
            ),
            (false, Some(r)) => {
                // the request's own text, when it is a plain one-line value
                let raw = r.span.text(m.text);
                let plain = !raw.is_empty()
                    && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
                    && r.scalar_text().as_deref() == Some(raw);
                let value = if plain {
                    format!("{raw}  # placeholder: the request's value, measure and adjust")
                } else {
                    format!("256Mi  {PLACEHOLDER}")
                };
                ("no memory limit", value, "set a memory limit (a placeholder)")
            }
        };
        let fix = || {
            fixes::unsafe_(
                title,
                ed.set(c.node, &["resources", "limits", "memory"], &New::scalar(value)),
            )
        };
        out.push(Diagnostic::new(c.anchor(), format!("{} of {} has {missing}", c.label(), o.label())).with_fix(fix));
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
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n"
            ),
            ["a"]
        );
        fires(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources: {requests: {memory: 1Gi}}\n",
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources: {requests: {memory: 1Gi}, limits: {memory: 1Gi}}\n");
    }

    #[test]
    fn edge() {
        // init containers count; ephemeral ones cannot have resources
        fires(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n  - name: i\n    image: x:1\n  containers: []\n",
        );
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  ephemeralContainers:\n  - name: debug\n    image: x:1\n",
        );
        // a limit alone: Kubernetes copies it into the request
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources: {limits: {memory: 1Gi}}\n",
        );
        // a kustomize patch: the base may hold the values
        silent(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: a\n        args: [--verbose]\n",
        );
    }

    #[test]
    fn fix() {
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n";
        assert_eq!(
            fixed(&RULE, pod),
            format!("{pod}    resources:\n      limits:\n        memory: 256Mi  # placeholder: measure and adjust\n")
        );
        // a request alone: the limit starts from its value
        assert_eq!(
            fixed(&RULE, &format!("{pod}    resources:\n      requests:\n        memory: 1Gi\n")),
            format!("{pod}    resources:\n      requests:\n        memory: 1Gi\n      limits:\n        memory: 1Gi  # placeholder: the request's value, measure and adjust\n")
        );
        fix_converges(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n  - name: i\n    image: x:1\n    resources:\n      requests:\n        memory: \"512Mi\"\n  containers: []\n",
        );
        assert!(
            run(&RULE, &format!("{pod}    resources: {{requests: {{memory: 1Gi}}}}\n"))[0]
                .fix
                .is_none()
        );
    }
}
