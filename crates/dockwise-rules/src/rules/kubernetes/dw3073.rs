//! DW3073: a Job's or CronJob's pod template without a restart policy a Job
//! accepts.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3073",
    name: "k8s-job-restart-policy",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Job's pod template has no `restartPolicy` of `OnFailure` or `Never`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags the pod template of a Job, or of a CronJob's job template, whose `restartPolicy` is missing or \
            is neither `OnFailure` nor `Never`, as kube-score's cronjob-restartpolicy does for CronJobs. A kustomize \
            patch that leaves it out is not judged: its base may set it.",
        why: "A Job accepts only `OnFailure` (the kubelet restarts a failed container in the same pod) or `Never` \
            (the Job controller starts a new pod). A pod template without the field gets the pods' default, \
            `Always`, so the API server rejects the whole Job (`Unsupported value: \"Always\"`), and a CronJob with \
            such a template is rejected the same way when it is applied: the job never runs.",
        bad: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      \
            containers:\n      - name: migrate\n        image: myapp-migrate:1.4.2\n",
        good: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      \
            restartPolicy: Never\n      containers:\n      - name: migrate\n        image: myapp-migrate:1.4.2\n",
        fix: "Set `restartPolicy` in the pod template's `spec`: `Never` when each retry should start from a fresh pod \
            (and keep the failed one for its logs), `OnFailure` when restarting the container in place is fine. \
            `backoffLimit` caps the retries either way.",
    },
    quiz: quiz! {
        question: "A Job's pod template sets no `restartPolicy`. What happens at `kubectl apply`?",
        choices: &[
            Choice {
                text: "The API server rejects the Job",
                correct: true,
                feedback: "The missing field defaults to `Always`, which a Job does not accept: only `OnFailure` \
                    and `Never` are allowed.",
            },
            Choice {
                text: "The Job runs with `OnFailure`",
                correct: false,
                feedback: "No Job-specific default exists; the pod default `Always` applies, and it is invalid for \
                    a Job.",
            },
            Choice {
                text: "The Job runs, and its pod restarts for ever after success",
                correct: false,
                feedback: "That would be `Always`'s meaning, which is why a Job refuses it: the Job is never \
                    created.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["cronjob-restartpolicy"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Jobs (Pod Template: only Never or OnFailure)"),
        url: text!("https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        if !matches!(o.kind, "Job" | "CronJob") {
            continue;
        }
        match p.get("restartPolicy") {
            Some(v) => {
                let value = v.scalar_text().unwrap_or_default();
                if value != "OnFailure" && value != "Never" {
                    out.report(
                        v.span,
                        format!(
                            "{} has `restartPolicy: {value}`: a Job accepts only `OnFailure` or `Never`",
                            o.label()
                        ),
                    );
                }
            }
            None if o.fragment => {}
            None => out.report(
                o.anchor(),
                format!(
                    "{} sets no `restartPolicy` in its pod template: it defaults to `Always`, which a Job does not \
                     accept, so the API server rejects it",
                    o.label()
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec: {containers: [{name: c, image: c:1}]}\n"), ["j"]);
        assert_eq!(spans(&RULE, "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: n}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec: {restartPolicy: Always, containers: [{name: c, image: c:1}]}\n"), ["Always"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec: {restartPolicy: OnFailure, containers: [{name: c, image: c:1}]}\n");
    }

    #[test]
    fn edge() {
        // a Deployment's pods restart Always, as they must
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec: {containers: [{name: c, image: c:1}]}\n");
        // a patch may leave the policy to its base
        silent(&RULE, "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec: {containers: [{name: c, resources: {}}]}\n");
    }

    /// kube-score's cases: a CronJob whose template misspells the key
    /// (`RestartPolicy`, so none is set) and one with `Once` are flagged.
    #[test]
    fn kube_score_expectation() {
        let cron = |policy: &str| {
            format!("apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: n}}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          {policy}\n          containers: [{{name: c, image: c:1}}]\n")
        };
        fires(&RULE, &cron("RestartPolicy: OnFailure"));
        fires(&RULE, &cron("restartPolicy: Once"));
        silent(&RULE, &cron("restartPolicy: Never"));
    }
}
