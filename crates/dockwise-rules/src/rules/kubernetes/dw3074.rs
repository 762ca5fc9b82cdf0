//! DW3074: a container without a CPU limit (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::kubernetes::{text, ContainerKind, Manifests};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3074",
    name: "k8s-cpu-limit",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Container has no CPU limit"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags an app container (init containers are left out, as Polaris leaves them) without \
            `resources.limits.cpu`, as Polaris's cpuLimitsMissing does. A kustomize patch is not judged: its base \
            may set the limit. Off by default: a CPU limit throttles the container even when the node has CPU to \
            spare, so many teams set only requests (DW3002) and let a namespace's LimitRange or ResourceQuota bound \
            the rest.",
        why: "Without a CPU limit, and without a default from the namespace's LimitRange, a container may use every \
            CPU of its node. Its request still guarantees the others their share, but a busy loop or a traffic spike \
            takes all the idle CPU, and latency-sensitive neighbours then slow down. Teams that want each workload's \
            cost and behaviour bounded set a limit on every container.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  containers:\n  - name: worker\n    \
            image: myworker:2.3\n    resources:\n      requests:\n        cpu: 250m\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  containers:\n  - name: worker\n    \
            image: myworker:2.3\n    resources:\n      requests:\n        cpu: 250m\n      limits:\n        cpu: \"1\"\n",
        fix: "Add `resources.limits.cpu`, measured from the container's real use at its busiest (a limit below it \
            throttles the app), or give the namespace a LimitRange with a default limit.",
    },
    quiz: quiz! {
        question: "A container has `requests.cpu: 250m` and no CPU limit, on a node with two idle CPUs. How much CPU \
            can it use?",
        choices: &[
            Choice {
                text: "Up to the idle CPUs of the node, with 250m guaranteed",
                correct: true,
                feedback: "The request is what the scheduler reserves and what the container keeps under \
                    contention; without a limit nothing caps it above that.",
            },
            Choice {
                text: "Exactly 250m, never more",
                correct: false,
                feedback: "A request is a floor for scheduling and sharing, not a ceiling; a limit is the ceiling.",
            },
            Choice {
                text: "Nothing: a container without a limit is not scheduled",
                correct: false,
                feedback: "Limits are optional; only a ResourceQuota that requires them would refuse the pod.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["cpuLimitsMissing"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Assign CPU Resources (If you do not specify a CPU limit)"),
            url: text!(
                "https://kubernetes.io/docs/tasks/configure-pod-container/assign-cpu-resource/#if-you-do-not-specify-a-cpu-limit"
            ),
        },
        &sources::K8S_REQUESTS_AND_LIMITS,
    ],
    concern: Some(&sources::RESOURCE_LIMITS),
    fixes: Fixes::No,
    scope: Scope::Container,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        if c.kind != ContainerKind::Main || o.fragment {
            continue;
        }
        if text(c.node.path(&["resources", "limits", "cpu"])).is_none() {
            out.report(c.anchor(), format!("{} of {} has no CPU limit", c.label(), o.label()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources: {requests: {cpu: 100m}, limits: {memory: 1Gi}}\n"), ["a"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources: {limits: {cpu: 500m}}\n");
    }

    #[test]
    fn edge() {
        // init containers are left out, as Polaris leaves them; so are patches
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n  - name: i\n    image: x:1\n  containers:\n  - name: a\n    image: x:1\n    resources: {limits: {cpu: \"1\"}}\n");
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: a, resources: {limits: {memory: 1Gi}}}\n");
        // an empty value is no limit
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    resources: {limits: {cpu: \"\"}}\n");
    }

    /// Polaris's cases: a memory limit alone fails, with `cpu: 100m` beside
    /// it the container passes.
    #[test]
    fn polaris_expectation() {
        let pod = |limits: &str| {
            format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: nginx}}\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n    resources:\n      limits: {{{limits}}}\n")
        };
        assert_eq!(spans(&RULE, &pod("memory: 128Mi")), ["nginx"]);
        silent(&RULE, &pod("memory: 128Mi, cpu: 100m"));
    }
}
