//! DW3022: an object in the default namespace.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3022",
    name: "k8s-default-namespace",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload in the `default` namespace"),
    tags: &[Tag::Security, Tag::Operability],
    docs: docs! {
        what: "Flags a workload with `namespace: default`, or with no namespace at all (it then lands in whatever \
            namespace the `kubectl` context points to, usually `default`). A patch fragment (a kustomize patch) \
            without a namespace is not flagged: kustomize sets it from the base or the kustomization.",
        why: "Namespaces are the unit of access control, quotas, network policies and Pod Security admission. \
            Everything in `default` shares one bucket: one team's RBAC grant or a missing quota affects all of it, \
            and `kubectl delete all --all` there takes everything down.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        fix: "Create a namespace per application or team and set `metadata.namespace` (or let Kustomize/Helm set it), \
            with its own RBAC, quotas and policies.",
    },
    quiz: quiz! {
        question: "A manifest has no `metadata.namespace`. Where does `kubectl apply -f` put it?",
        choices: &[
            Choice {
                text: "In the current context's namespace",
                correct: true,
                feedback: "Without a namespace in the file or `-n`, kubectl uses the namespace of the current \
                    kubeconfig context, which is `default` when the context sets none, so the result depends on who \
                    runs the command.",
            },
            Choice {
                text: "Always in `default`, whatever the context says",
                correct: false,
                feedback: "The context's namespace wins when it is set; `default` is only what a context without one \
                    gives.",
            },
            Choice {
                text: "In `kube-system`",
                correct: false,
                feedback: "Only if someone's context points there, which would be worse.",
            },
            Choice {
                text: "It is rejected",
                correct: false,
                feedback: "It is accepted; that is why the omission goes unnoticed.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["use-namespace"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Namespaces"),
        url: text!("https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _) in m.workloads() {
        match o.metadata.and_then(|md| md.get("namespace")) {
            Some(ns) if ns.as_str() == Some("default") => {
                out.report(ns.span, format!("{} is in the `default` namespace", o.label()))
            }
            Some(_) => {}
            None if o.fragment => {}
            None => out.report(
                o.anchor(),
                format!(
                    "{} has no namespace: it goes wherever the kubectl context points, usually `default`",
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
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec: {containers: [{name: a, image: x:1}]}\n"
            ),
            ["default"]
        );
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: {containers: [{name: a, image: x:1}]}\n"
            ),
            ["p"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec: {containers: [{name: a, image: x:1}]}\n",
        );
    }

    #[test]
    fn edge() {
        // only workloads: a ConfigMap is not checked
        silent(&RULE, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        // a kustomize patch gets its namespace from the base or the kustomization
        silent(
            &RULE,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 3\n",
        );
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\n  namespace: default\nspec:\n  template:\n    spec:\n      containers: [{name: a, env: [{name: X, value: \"1\"}]}]\n");
    }
}
