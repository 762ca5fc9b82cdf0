//! DW3068: a workload lacks an annotation the config requires (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::kubernetes::helpers::lacking_metadata;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3068",
    name: "k8s-required-annotations",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload lacks an annotation the config requires"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "With `required-annotations: [runbook, ...]` in the config (which also switches this rule on), flags \
            every workload whose `metadata.annotations` lacks one of them, naming all it lacks. A kustomize patch is \
            not judged: the base it patches carries the rest. Does nothing while no annotation is named. For \
            kube-linter's fixed `email` annotation see DW3058.",
        why: "Annotations carry what people need about an object but never select by: a runbook link, an on-call \
            channel, the repository that builds the image. The Kubernetes docs list exactly such uses. Written on \
            the workload, they are in front of whoever runs `kubectl describe` at the worst moment; a check in CI \
            keeps new workloads from shipping without them.",
        bad: "# config: {required-annotations: [runbook]}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        good: "# config: {required-annotations: [runbook]}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  \
            annotations:\n    runbook: https://wiki.example.com/runbooks/web\nspec:\n  containers:\n  - name: web\n    \
            image: myweb:3.1\n",
        fix: "Add the annotation to the workload's `metadata.annotations`; kustomize's `commonAnnotations:` adds it to \
            every object of an overlay.",
    },
    quiz: quiz! {
        question: "Why keep a runbook link in an annotation rather than a label?",
        choices: &[
            Choice {
                text: "A label value cannot hold a URL",
                correct: true,
                feedback: "Label values are at most 63 characters of letters, digits, `-`, `_` and `.`: no `/` or \
                    `:`. Annotations hold any text.",
            },
            Choice {
                text: "Annotations can be used in selectors",
                correct: false,
                feedback: "It is the other way round: selectors read labels only.",
            },
            Choice {
                text: "Labels are not shown by `kubectl describe`",
                correct: false,
                feedback: "`kubectl describe` shows both labels and annotations.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_ANNOTATIONS, &sources::K8S_OBJECT_LABELS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, lacking) in lacking_metadata(m, "annotations", &m.options.required_annotations) {
        let names = lacking.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let noun = if lacking.len() == 1 {
            "annotation"
        } else {
            "annotations"
        };
        out.report(o.anchor(), format!("{} lacks the required {noun} {names}", o.label()));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::options::LintOptions;
    use crate::testing::*;

    fn requiring(annotations: &[&str]) -> LintOptions {
        LintOptions {
            required_annotations: annotations.iter().map(|a| a.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn bad() {
        let job = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: [{name: c, image: c:1}]}\n";
        assert_eq!(spans_with(&RULE, job, requiring(&["runbook"])), ["nightly"]);
    }

    #[test]
    fn good() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {runbook: x}}\nspec: {containers: [{name: c, image: c:1}]}\n";
        assert!(spans_with(&RULE, pod, requiring(&["runbook"])).is_empty());
    }

    #[test]
    fn edge() {
        // nothing required, nothing to say
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: c:1}]}\n",
        );
        // a label of that name is not the annotation
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {runbook: x}}\nspec: {containers: [{name: c, image: c:1}]}\n";
        assert_eq!(spans_with(&RULE, pod, requiring(&["runbook"])), ["p"]);
    }
}
