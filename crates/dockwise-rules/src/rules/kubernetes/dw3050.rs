//! DW3050: a standalone Job that is never cleaned up, or a CronJob's Job
//! that is cleaned up behind its history limits.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3050",
    name: "k8s-job-ttl",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Job without `ttlSecondsAfterFinished` (or a CronJob's Job with one)"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a Job created directly (not through a CronJob) that does not set \
            `spec.ttlSecondsAfterFinished`, and a CronJob whose `jobTemplate` sets it. A patch fragment is judged \
            only on what it sets.",
        why: "A finished Job and its pods stay in the cluster until someone deletes them; with \
            `ttlSecondsAfterFinished` the TTL controller removes them once the time is up, and the Kubernetes docs \
            recommend it for Jobs created directly. A CronJob already keeps a bounded history of its Jobs \
            (`successfulJobsHistoryLimit`, `failedJobsHistoryLimit`); a TTL on its Jobs deletes them behind that \
            history's back.",
        bad: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: myapp-migrate:4.2\n",
        good: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  ttlSecondsAfterFinished: 86400\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: myapp-migrate:4.2\n",
        fix: "Give a standalone Job `ttlSecondsAfterFinished` (long enough to read its logs); in a CronJob, remove it \
            and tune the history limits instead.",
    },
    quiz: quiz! {
        question: "What removes a finished Job created with `kubectl apply`, by default?",
        choices: &[
            Choice {
                text: "Nothing: it stays until deleted or given a TTL",
                correct: true,
                feedback: "Only `ttlSecondsAfterFinished` (or a CronJob's history limits, for its own Jobs) cleans \
                    finished Jobs up.",
            },
            Choice {
                text: "The kubelet, when its pods exit",
                correct: false,
                feedback: "The kubelet manages containers, not Job objects; the Job and its pods remain.",
            },
            Choice {
                text: "The Job controller, an hour after completion",
                correct: false,
                feedback: "There is no such default delay: without a TTL the Job is kept.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["job-ttl-seconds-after-finished"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Automatic Cleanup for Finished Jobs"),
            url: text!("https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/"),
        },
        &Source {
            title: text!("Kubernetes docs: Jobs (clean up finished jobs automatically)"),
            url: text!(
                "https://kubernetes.io/docs/concepts/workloads/controllers/job/#clean-up-finished-jobs-automatically"
            ),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for job in m.of_kind("Job") {
        if !job.fragment && job.node.path(&["spec", "ttlSecondsAfterFinished"]).is_none() {
            out.report(
                job.anchor(),
                format!(
                    "{} sets no `ttlSecondsAfterFinished`: it and its pods stay after it finishes",
                    job.label()
                ),
            );
        }
    }
    for cj in m.of_kind("CronJob") {
        if let Some((key, _)) = cj
            .node
            .path(&["spec", "jobTemplate", "spec"])
            .and_then(|s| s.entry("ttlSecondsAfterFinished"))
        {
            out.report(
                key.span,
                format!(
                    "{} gives its Jobs a TTL: they are deleted regardless of its history limits",
                    cj.label()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec: {containers: [{name: c, image: c:1}]}\n";

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, JOB), ["j"]);
        let cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      ttlSecondsAfterFinished: 60\n      template:\n        spec: {containers: [{name: c, image: c:1}]}\n";
        assert_eq!(spans(&RULE, cron), ["ttlSecondsAfterFinished"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &JOB.replace("spec:\n  template", "spec:\n  ttlSecondsAfterFinished: 600\n  template"),
        );
        silent(&RULE, "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  successfulJobsHistoryLimit: 3\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: [{name: c, image: c:1}]}\n");
    }

    #[test]
    fn edge() {
        // a patch fragment of a Job: the base may set it
        silent(
            &RULE,
            "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  backoffLimit: 2\n",
        );
    }

    /// kube-linter's fixture: a Job without a TTL and one with; a CronJob
    /// whose Jobs get a TTL and one without: two reports.
    #[test]
    fn kube_linter_expectation() {
        let pod = "      template:\n        spec:\n          containers: [{name: c, image: busybox:1.36}]\n          restartPolicy: Never\n";
        let text = format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata: {{name: bad-job}}\nspec:\n  template:\n    spec:\n      containers: [{{name: pi, image: perl:5.34.0}}]\n      restartPolicy: Never\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {{name: good-job}}\nspec:\n  ttlSecondsAfterFinished: 100\n  template:\n    spec:\n      containers: [{{name: pi, image: perl:5.34.0}}]\n      restartPolicy: Never\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: bad-cronjob}}\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n{pod}      ttlSecondsAfterFinished: 1200\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: good-cronjob}}\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n{pod}"
        );
        assert_eq!(spans(&RULE, &text), ["bad-job", "ttlSecondsAfterFinished"]);
    }
}
