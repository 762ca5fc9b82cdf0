//! DW3071: a CronJob without `startingDeadlineSeconds` (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3071",
    name: "k8s-cronjob-deadline",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("CronJob sets no `startingDeadlineSeconds`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a CronJob whose `spec` has no `startingDeadlineSeconds`, as kube-score's cronjob-has-deadline \
            does. Off by default: without a deadline a late run still starts, which many jobs want; the check is \
            for jobs that must not run late.",
        why: "When the CronJob controller is down or the cluster cannot start the job at its time, the run is missed. \
            With no deadline, a missed run starts whenever the controller gets to it, however late: a nightly \
            report may then run at noon, next to the traffic it was scheduled to avoid. With a deadline, a run that \
            cannot start within that many seconds is skipped and counted as failed. And the controller looks at \
            missed runs since the last one (or only within the deadline, when set): with more than 100, it starts \
            none and logs an error.",
        bad: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly-report\n\
            spec:\n  schedule: \"0 2 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          \
            restartPolicy: OnFailure\n          containers:\n          - name: report\n            image: report:2.1\n",
        good: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly-report\n\
            spec:\n  schedule: \"0 2 * * *\"\n  startingDeadlineSeconds: 3600\n  jobTemplate:\n    spec:\n      \
            template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: report\n            \
            image: report:2.1\n",
        fix: "Set `spec.startingDeadlineSeconds` to how late a run may still be useful (3600 for a nightly job that \
            must finish before the working day). Keep it above 10 seconds: the controller checks every 10 seconds, \
            so a shorter deadline can skip runs that were on time.",
    },
    quiz: quiz! {
        question: "A CronJob with `startingDeadlineSeconds: 600` misses its 02:00 run because the control plane is \
            down until 02:30. What happens to that run?",
        choices: &[
            Choice {
                text: "It is skipped and counted as failed",
                correct: true,
                feedback: "It is more than 600 seconds past its time when the controller looks, so it is not \
                    started; the next run comes at its own schedule.",
            },
            Choice {
                text: "It starts at 02:30",
                correct: false,
                feedback: "That is what happens without a deadline (or with one longer than the delay).",
            },
            Choice {
                text: "It runs twice the next night",
                correct: false,
                feedback: "Missed runs are not queued up: at most the latest missed one is started, and only within \
                    the deadline.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["cronjob-has-deadline"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: CronJob (Deadline for delayed Job start)"),
        url: text!("https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#starting-deadline"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for o in m.of_kind("CronJob").filter(|o| !o.fragment) {
        if o.node.path(&["spec", "startingDeadlineSeconds"]).is_none() {
            out.report(
                o.anchor(),
                format!(
                    "{} has no `startingDeadlineSeconds`: a missed run starts however late the controller gets to it",
                    o.label()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const JOB: &str =
        "  jobTemplate:\n    spec:\n      template:\n        spec: {containers: [{name: c, image: c:1}]}\n";

    #[test]
    fn bad() {
        let text =
            format!("apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: n}}\nspec:\n  schedule: \"@daily\"\n{JOB}");
        assert_eq!(spans(&RULE, &text), ["n"]);
    }

    #[test]
    fn good() {
        silent(&RULE, &format!("apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: n}}\nspec:\n  startingDeadlineSeconds: 300\n{JOB}"));
    }

    #[test]
    fn edge() {
        // a Job has no schedule to miss; a patch may leave the deadline to its base
        silent(&RULE, "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec: {containers: [{name: c, image: c:1}]}\n");
        silent(
            &RULE,
            "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: n}\nspec:\n  schedule: \"@hourly\"\n",
        );
    }
}
