//! DW3067: a workload lacks a label the config requires (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::kubernetes::helpers::lacking_metadata;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3067",
    name: "k8s-required-labels",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload lacks a label the config requires"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With `required-labels: [team, ...]` in the config (which also switches this rule on), flags every \
            workload (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, DeploymentConfig...) whose \
            `metadata.labels` lacks one of them, naming all it lacks. A kustomize patch is not judged: the base it \
            patches carries the rest. Does nothing while no label is named. For kube-linter's fixed `owner` label \
            see DW3057.",
        why: "Labels are how people and tools find objects: `kubectl get deploy -l team=payments`, cost reports per \
            team, alert routing, clean-up of everything one release made. A convention that only lives in a wiki is \
            missed on the first rushed change; a check in CI turns it into a finding on the line that forgot it.",
        bad: "# config: {required-labels: [team]}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  \
            labels:\n    app: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      \
            labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "# config: {required-labels: [team]}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  \
            labels:\n    app: web\n    team: storefront\nspec:\n  selector:\n    matchLabels:\n      app: web\n  \
            template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        \
            image: myweb:3.1\n",
        fix: "Add the label to the workload's `metadata.labels`. Kustomize's `labels:` (or `commonLabels:`) adds the \
            same labels to every object of an overlay at once.",
    },
    quiz: quiz! {
        question: "A team requires a `team` label on every workload. Where must it be for \
            `kubectl get deployments -l team=payments` to list their Deployments?",
        choices: &[
            Choice {
                text: "In each Deployment's own `metadata.labels`",
                correct: true,
                feedback: "`-l` selects objects by their own labels; the Deployment's metadata is what the query \
                    reads.",
            },
            Choice {
                text: "Only in the pod template's labels",
                correct: false,
                feedback: "Those label the pods the Deployment makes (`kubectl get pods -l ...` finds them), not the \
                    Deployment itself.",
            },
            Choice {
                text: "In an annotation called `team`",
                correct: false,
                feedback: "Annotations cannot be selected with `-l`; they hold information, not selection keys.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_OBJECT_LABELS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, lacking) in lacking_metadata(m, "labels", &m.options.required_labels) {
        let names = lacking.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let noun = if lacking.len() == 1 { "label" } else { "labels" };
        out.report(o.anchor(), format!("{} lacks the required {noun} {names}", o.label()));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::options::LintOptions;
    use crate::testing::*;

    fn requiring(labels: &[&str]) -> LintOptions {
        LintOptions {
            required_labels: labels.iter().map(|l| l.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn bad() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: a}}\nspec: {containers: [{name: c, image: c:1}]}\n";
        assert_eq!(spans_with(&RULE, pod, requiring(&["team", "app", "tier"])), ["p"]);
        let only = LintOptions {
            only: Some(vec![RULE.id.into()]),
            ..requiring(&["team", "app", "tier"])
        };
        let f = crate::engine::lint(pod, &only).findings;
        assert_eq!(f[0].message, "Pod `p` lacks the required labels `team`, `tier`");
    }

    #[test]
    fn good() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {team: a}}\nspec: {containers: [{name: c, image: c:1}]}\n";
        assert!(spans_with(&RULE, pod, requiring(&["team"])).is_empty());
    }

    #[test]
    fn edge() {
        // nothing required, nothing to say
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: c:1}]}\n",
        );
        // not a workload; a patch, whose base holds its labels
        let others = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: a, resources: {limits: {memory: 1Gi}}}\n";
        assert!(spans_with(&RULE, others, requiring(&["team"])).is_empty());
    }
}
