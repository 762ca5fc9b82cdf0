//! DW3005: a long-running container without a readiness probe.

use super::helpers::missing_probe;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3005",
    name: "k8s-readiness-probe",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container has no readiness probe"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags an app container of a long-running workload without `readinessProbe`. Init containers and \
            Jobs/CronJobs are not checked.",
        why: "Without a readiness probe a pod receives traffic as soon as its containers start, before the app has \
            loaded, and keeps receiving it while it cannot serve. During a rolling update Kubernetes then counts new \
            pods as available at once and removes old ones before the new ones can serve, so users can see errors on \
            every deploy.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n        readinessProbe:\n          httpGet:\n            path: /ready\n            port: 8080\n          periodSeconds: 5\n",
        fix: "Add a `readinessProbe` that returns success only when the app can serve requests (dependencies \
            reachable, caches warm).",
    },
    quiz: quiz! {
        question: "What happens when a readiness probe fails?",
        choices: &[
            Choice {
                text: "The pod is taken out of its Services' endpoints",
                correct: true,
                feedback: "Kubernetes removes the pod from the endpoints of every matching Service; the container \
                    keeps running and rejoins when the probe passes.",
            },
            Choice {
                text: "The kubelet restarts the container",
                correct: false,
                feedback: "That is what a failing liveness probe does; readiness only affects traffic.",
            },
            Choice {
                text: "The Deployment rolls back to the previous version",
                correct: false,
                feedback: "A rollout whose new pods never become ready stalls (and reports that its progress \
                    deadline was exceeded); it does not roll back by itself.",
            },
            Choice {
                text: "The pod is evicted and scheduled elsewhere",
                correct: false,
                feedback: "Probes never move pods; the pod stays on its node, only out of rotation.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["no-readiness-probe", "readinessProbeMissing", "CKV_K8S_9"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Liveness, Readiness, and Startup Probes: Readiness probe"),
            url: text!(
                "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/#readiness-probe"
            ),
        },
        &sources::K8S_PROBES,
    ],
    concern: Some(&sources::HEALTH),
    fixes: Fixes::Unsafe,
    scope: Scope::Container,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    missing_probe(
        m,
        out,
        "readinessProbe",
        "readiness probe",
        "it gets traffic before it is ready",
        "/ready",
        5,
    );
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
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    readinessProbe: {httpGet: {path: /ready, port: 80}}\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            image: x:1\n");
        // a kustomize patch (a container without an image): the probe may be in the base
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {memory: 1Gi}}\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n"),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    readinessProbe:\n      httpGet:\n        path: /ready  # placeholder: the app's health endpoint\n        port: 8080  # placeholder: the port it serves\n      periodSeconds: 5\n"
        );
        // on the first TCP port the container declares
        assert_eq!(
            fixed(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    ports:\n    - containerPort: 53\n      protocol: UDP\n    - containerPort: 9090\n"),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    ports:\n    - containerPort: 53\n      protocol: UDP\n    - containerPort: 9090\n    readinessProbe:\n      tcpSocket:\n        port: 9090  # placeholder: an HTTP health endpoint checks more\n      periodSeconds: 5\n"
        );
        fix_converges(&RULE, "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: x:1\n        - name: b\n          image: y:1\n");
        assert!(run(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: x:1}]\n"
        )[0]
        .fix
        .is_none());
    }
}
