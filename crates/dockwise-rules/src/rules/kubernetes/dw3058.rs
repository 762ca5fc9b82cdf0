//! DW3058: a workload without an `email` annotation (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::{is_workload_kind, Manifests};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3058",
    name: "k8s-owner-email",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Workload has no `email` annotation with a contact address"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a workload whose `metadata.annotations` has no `email` annotation holding an e-mail address \
            (`name@domain.tld`). Off by default: an organisation rule, like DW3057's `owner` label; as in \
            kube-linter, a kustomize patch of a workload is judged too.",
        why: "The Kubernetes docs suggest annotations for exactly this: how to reach the people responsible for an \
            object. An address written on the workload reaches whoever is looking at it, without a search through \
            wikis.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    email: storefront team\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    email: storefront@example.com\nspec:\n  containers:\n  - name: web\n    image: myweb:3.1\n",
        fix: "Add `email: <team address>` to the workload's `metadata.annotations`.",
    },
    quiz: quiz! {
        question: "Why is an e-mail address an annotation rather than a label?",
        choices: &[
            Choice {
                text: "Label values cannot hold an `@`",
                correct: true,
                feedback: "Label values are limited to letters, digits, `-`, `_` and `.`; annotations hold any text.",
            },
            Choice {
                text: "Annotations are encrypted at rest",
                correct: false,
                feedback: "Annotations are stored like the rest of the object; they are just not used to select.",
            },
            Choice {
                text: "Labels are removed when a pod restarts",
                correct: false,
                feedback: "Labels stay with the object; the difference is what their values may contain.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["required-annotation-email"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_ANNOTATIONS],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Object,
};

/// `local@domain.tld`, in the shape kube-linter's default pattern accepts.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let ok = |c: char, extra: &str| c.is_ascii_alphanumeric() || extra.contains(c);
    let Some((host, tld)) = domain.split_once('.') else {
        return false;
    };
    !local.is_empty()
        && local.chars().all(|c| ok(c, "_.+-"))
        && !host.is_empty()
        && host.chars().all(|c| ok(c, "-"))
        && !tld.is_empty()
        && tld.chars().all(|c| ok(c, "-."))
}

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for o in &m.objects {
        if !is_workload_kind(o.kind) {
            continue;
        }
        let email = o.metadata.and_then(|md| md.path(&["annotations", "email"]));
        match email {
            Some(v) if v.as_str().is_some_and(is_email) => {}
            Some(v) => out.report(
                v.span,
                format!("{}'s `email` annotation is not an e-mail address", o.label()),
            ),
            None => out.report(o.anchor(), format!("{} has no `email` annotation", o.label())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_email, RULE};
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: c:1}]}\n"
            ),
            ["p"]
        );
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {email: team}}\nspec: {containers: [{name: c, image: c:1}]}\n"), ["team"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {email: a.b+c@example.co.uk}}\nspec: {containers: [{name: c, image: c:1}]}\n");
    }

    #[test]
    fn edge() {
        assert!(!is_email("a@b") && !is_email("@b.c") && is_email("x@y.z"));
        silent(&RULE, "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig with a
    /// valid `email` annotation, and two with the address under `whois`: two
    /// reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ok, annotations: {email: kubelinter@stackrox.com}}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: ok, annotations: {email: kubelinter@stackrox.com}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app1, annotations: {whois: kubelinter@stackrox.com}}\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app2, annotations: {whois: kubelinter@stackrox.com}}\n";
        assert_eq!(run(&RULE, text).len(), 2);
    }
}
