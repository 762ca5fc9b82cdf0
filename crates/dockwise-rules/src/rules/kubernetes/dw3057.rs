//! DW3057: a workload without an `owner` label (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::{is_workload_kind, Manifests};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3057",
    name: "k8s-owner-label",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload has no `owner` label"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a workload (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, DeploymentConfig...) whose \
            `metadata.labels` has no `owner` label. Off by default: an organisation rule, for teams that agree to \
            label every workload with who answers for it. Like kube-linter, it also judges a kustomize patch of a \
            workload, whose labels are merged into the base's.",
        why: "When a workload misbehaves at night, the first question is whose it is. A label answers it from \
            `kubectl get -l owner=...` and from every tool that shows labels, and lets each team list its own \
            workloads.",
        bad: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        good: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web\n    owner: team-storefront\n\
            spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: myweb:3.1\n",
        fix: "Add `owner: <team>` to the workload's `metadata.labels` (a label value: letters, digits, `-`, `_`, `.`; \
            put an e-mail address in an annotation instead, see DW3058).",
    },
    quiz: quiz! {
        question: "Why record a workload's owner in a label rather than only in a wiki?",
        choices: &[
            Choice {
                text: "Tools and `kubectl -l` can select and show it",
                correct: true,
                feedback: "A label travels with the object, so whoever looks at the workload sees who answers for \
                    it.",
            },
            Choice {
                text: "The scheduler places pods by owner",
                correct: false,
                feedback: "Scheduling ignores such labels unless a rule refers to them; this one is for people.",
            },
            Choice {
                text: "Kubernetes refuses unlabelled objects",
                correct: false,
                feedback: "Labels are optional; agreeing on one is an organisation's choice.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["required-label-owner"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_ANNOTATIONS, &sources::K8S_OBJECT_LABELS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for o in &m.objects {
        if !is_workload_kind(o.kind) {
            continue;
        }
        if o.metadata.and_then(|md| md.path(&["labels", "owner"])).is_none() {
            out.report(o.anchor(), format!("{} has no `owner` label", o.label()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: a}}\nspec: {containers: [{name: c, image: c:1}]}\n"), ["p"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {owner: team-a}}\nspec: {containers: [{name: c, image: c:1}]}\n");
    }

    #[test]
    fn edge() {
        // not a workload
        silent(&RULE, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig with an
    /// `owner` label, two with only `dev`: two reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ok, labels: {owner: kubelinter@stackrox.com}}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: ok, labels: {owner: kubelinter@stackrox.com}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app1, labels: {dev: kubelinter@stackrox.com}}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app2, labels: {dev: kubelinter@stackrox.com}}\n";
        assert_eq!(spans(&RULE, text), ["app1", "app2"]);
    }
}
