//! DW3002: a container without a CPU request.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::shared::fixes::{self, PLACEHOLDER};
use crate::sources;
use dockwise_syntax::kubernetes::{ContainerKind, Manifests};
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3002",
    name: "k8s-cpu-request",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container has no CPU request"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a container (or init container) with neither `resources.requests.cpu` nor \
            `resources.limits.cpu`. A CPU limit alone is enough here, because Kubernetes copies a missing request \
            from the limit (kube-linter's unset-cpu-requirements reads the field as written and flags that case). A \
            limit is not required: CPU limits throttle a container even when the node is idle, so some teams set \
            only the request. Patch fragments (kustomize patches) are not checked: the request may be in the base \
            they patch.",
        why: "The scheduler places pods by their requests. With no request (and no limit to copy one from, and no \
            LimitRange default) the container counts as needing no CPU: the pod can land on a busy node, and under \
            contention it gets the smallest CPU share, so latency suffers exactly when load is high.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    resources:\n      requests:\n        cpu: 250m\n        memory: 256Mi\n      limits:\n        memory: 256Mi\n",
        fix: "Set `resources.requests.cpu` to what the container uses under normal load (`250m` is a quarter of a \
            core). Watch real usage and adjust.",
    },
    quiz: quiz! {
        question: "What does the scheduler use a container's CPU request for?",
        choices: &[
            Choice {
                text: "To pick a node with that much unreserved CPU",
                correct: true,
                feedback: "Requests are reservations: the scheduler adds them up per node and places the pod only \
                    where they fit. Under contention they also set the container's share.",
            },
            Choice {
                text: "To throttle the container when it uses more than that",
                correct: false,
                feedback: "Throttling is the limit's job; above its request a container may use spare CPU freely.",
            },
            Choice {
                text: "To kill the container when it uses more than that",
                correct: false,
                feedback: "CPU use is never a reason to kill: above a limit the container is throttled. Memory \
                    limits are the ones that kill.",
            },
            Choice {
                text: "Nothing: the scheduler only looks at limits",
                correct: false,
                feedback: "The scheduler looks at requests (a limit counts only when it is copied into a missing \
                    request).",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["unset-cpu-requirements", "cpuRequestsMissing", "CKV_K8S_10"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_REQUESTS_AND_LIMITS],
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
        // Kubernetes copies a limit into the missing request; a patch's base may hold it
        let request = c.node.path(&["resources", "requests", "cpu"]);
        let limit = c.node.path(&["resources", "limits", "cpu"]);
        if request.is_none() && limit.is_none() && !o.fragment {
            let fix = || {
                fixes::unsafe_(
                    "request CPU (a placeholder: 100m)",
                    ed.set(
                        c.node,
                        &["resources", "requests", "cpu"],
                        &New::scalar(format!("100m  {PLACEHOLDER}")),
                    ),
                )
            };
            out.push(
                Diagnostic::new(
                    c.anchor(),
                    format!(
                        "{} of {} has no CPU request: the scheduler cannot place it well",
                        c.label(),
                        o.label()
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

    const POD: &str = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n";

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, POD), ["a"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    resources: {requests: {cpu: 100m}}\n",
        );
    }

    #[test]
    fn edge() {
        // a limit alone: Kubernetes copies it into the request
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources: {limits: {cpu: 1}}\n",
        );
        // a memory limit does not stand in for a CPU request
        fires(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources: {limits: {memory: 1Gi}}\n",
        );
        // a kustomize patch: the request may be in the base
        silent(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env: [{name: X, value: \"1\"}]\n",
        );
        // not a workload
        silent(
            &RULE,
            "apiVersion: v1\nkind: Service\nspec:\n  containers:\n  - name: a\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, POD),
            format!("{POD}    resources:\n      requests:\n        cpu: 100m  # placeholder: measure and adjust\n")
        );
        assert_eq!(
            fixed(&RULE, &format!("{POD}    resources:\n      limits:\n        memory: 1Gi\n")),
            format!("{POD}    resources:\n      limits:\n        memory: 1Gi\n      requests:\n        cpu: 100m  # placeholder: measure and adjust\n")
        );
        fix_converges(
            &RULE,
            &format!("{POD}    resources: {{}}\n  initContainers:\n  - name: i\n    image: y:1\n"),
        );
        assert!(run(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources: {limits: {memory: 1Gi}}\n")[0]
            .fix
            .is_none());
    }
}
