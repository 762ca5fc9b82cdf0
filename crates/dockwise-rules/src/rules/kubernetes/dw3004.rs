//! DW3004: a long-running container without a liveness probe.

use super::helpers::missing_probe;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3004",
    name: "k8s-liveness-probe",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container has no liveness probe"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags an app container of a long-running workload without `livenessProbe`. Init containers and \
            Jobs/CronJobs, which run to completion, are not checked.",
        why: "Kubernetes restarts a container whose process exits, but not one that hangs: a deadlocked server keeps \
            its process alive and its pod keeps receiving traffic. A liveness probe detects the hang and restarts the \
            container.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
            spec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n        livenessProbe:\n          httpGet:\n            path: /healthz\n            port: 8080\n          periodSeconds: 10\n",
        fix: "Add a `livenessProbe` that checks the process is responsive (an HTTP endpoint that does not depend on \
            databases or other services), with a generous `failureThreshold` so slow moments do not cause restart \
            loops.",
    },
    quiz: quiz! {
        question: "Should a liveness probe check the database connection?",
        choices: &[
            Choice {
                text: "No: a restart will not bring the database back",
                correct: true,
                feedback: "Liveness answers \"is this process stuck?\". If it fails whenever the database is down, \
                    every replica restarts in a loop and the outage grows.",
            },
            Choice {
                text: "Yes: an app without its database is not really alive",
                correct: false,
                feedback: "It cannot serve for now, but a restart cannot fix the database; a readiness probe is the \
                    place to say \"not ready to serve\".",
            },
            Choice {
                text: "Yes, with a long `initialDelaySeconds`",
                correct: false,
                feedback: "A delay only postpones the first check; once the database goes down, the restarts start \
                    anyway.",
            },
            Choice {
                text: "Only in production, where outages matter",
                correct: false,
                feedback: "The consequence of failing is the same everywhere: restarts that do not help.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["no-liveness-probe", "livenessProbeMissing", "CKV_K8S_8"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_LIVENESS_PROBE, &sources::K8S_PROBES],
    concern: Some(&sources::HEALTH),
    fixes: Fixes::Unsafe,
    scope: Scope::Container,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    missing_probe(
        m,
        out,
        "livenessProbe",
        "liveness probe",
        "a hung process is never restarted",
        "/healthz",
        10,
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
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    livenessProbe: {tcpSocket: {port: 80}}\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x:1\n",
        );
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n  - name: i\n    image: x:1\n  containers:\n  - name: a\n    image: x:1\n    livenessProbe: {exec: {command: [true]}}\n");
        // a kustomize patch (a container without an image): the probe may be in the base
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {memory: 1Gi}}\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n"),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    livenessProbe:\n      httpGet:\n        path: /healthz  # placeholder: the app's health endpoint\n        port: 8080  # placeholder: the port it serves\n      periodSeconds: 10\n"
        );
        // on the first TCP port the container declares
        assert_eq!(
            fixed(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    ports:\n    - containerPort: 53\n      protocol: UDP\n    - containerPort: 9090\n"),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    ports:\n    - containerPort: 53\n      protocol: UDP\n    - containerPort: 9090\n    livenessProbe:\n      tcpSocket:\n        port: 9090  # placeholder: an HTTP health endpoint checks more\n      periodSeconds: 10\n"
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
