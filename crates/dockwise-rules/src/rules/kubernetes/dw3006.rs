//! DW3006: identical liveness and readiness probes.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::{same_value, Manifests};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3006",
    name: "k8s-identical-probes",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Liveness and readiness probes are identical"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a container whose `livenessProbe` and `readinessProbe` are the same check with the same timings.",
        why: "The two probes answer different questions. When they are identical, an overloaded pod fails both at \
            the same time: instead of only being taken out of rotation for a moment, it is also restarted, which \
            drops its in-flight requests and pushes more load onto the others, and that can cascade.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    livenessProbe:\n      httpGet: {path: /health, port: 8080}\n    readinessProbe:\n      httpGet: {path: /health, port: 8080}\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    livenessProbe:\n      httpGet: {path: /healthz, port: 8080}\n      failureThreshold: 6\n    readinessProbe:\n      httpGet: {path: /ready, port: 8080}\n",
        fix: "Point readiness at a check of the ability to serve (dependencies, load) and liveness at a cheap check \
            of the process itself, and give liveness a higher `failureThreshold` so it trips only after readiness has \
            had its chance.",
    },
    quiz: quiz! {
        question: "Why should liveness fail later than readiness?",
        choices: &[
            Choice {
                text: "A busy pod should lose traffic before a restart",
                correct: true,
                feedback: "Readiness sheds load by taking the pod out of Services; liveness is the last resort for a \
                    process that stays stuck.",
            },
            Choice {
                text: "Liveness probes cost more, so they run less often",
                correct: false,
                feedback: "Cost is not the reason; what happens on failure is: a restart loses in-flight work.",
            },
            Choice {
                text: "It makes no difference which one fails first",
                correct: false,
                feedback: "It does: restarting a pod that was merely busy loses its in-flight work and moves its \
                    load to the others.",
            },
            Choice {
                text: "Liveness must wait until readiness has passed once",
                correct: false,
                feedback: "Liveness probes do not wait for readiness; a startup probe or `initialDelaySeconds` is \
                    how to hold them back.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["pod-probes-identical"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_PROBES, &sources::K8S_LIVENESS_PROBE],
    concern: Some(&sources::HEALTH),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        if let (Some((k, live)), Some(ready)) = (c.node.entry("livenessProbe"), c.get("readinessProbe")) {
            if same_value(live, ready) {
                out.report(
                    k.span,
                    format!(
                        "{} of {} uses the same probe for liveness and readiness",
                        c.label(),
                        o.label()
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
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    livenessProbe: {tcpSocket: {port: 80}}\n    readinessProbe:\n      tcpSocket:\n        port: 80\n"), ["livenessProbe"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    livenessProbe: {tcpSocket: {port: 80}, failureThreshold: 5}\n    readinessProbe: {tcpSocket: {port: 80}}\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    livenessProbe: {tcpSocket: {port: 80}}\n");
    }
}
