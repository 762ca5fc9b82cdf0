//! DW3047: a Secret read into an environment variable.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3047",
    name: "k8s-secret-in-env",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Container reads a Secret into environment variables"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `env` entries that take their value from a Secret (`valueFrom.secretKeyRef`) and `envFrom` \
            entries that load a whole Secret (`secretRef`). Off by default: it is the CIS Kubernetes Benchmark's \
            preference (5.4.1) for Secrets mounted as files.",
        why: "Environment variables leak more easily than files: programs print them in error reports and debug \
            pages, pass them to every child process, and they show in the container's inspection output. A Secret \
            mounted as a file stays where it is, can be read only by whoever may open it, and follows updates of the \
            Secret.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: myapi:2.3\n    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: db\n          key: password\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: myapi:2.3\n    env:\n    - name: DB_PASSWORD_FILE\n      value: /run/secrets/db/password\n    volumeMounts:\n    - name: db\n      mountPath: /run/secrets/db\n      readOnly: true\n  volumes:\n  - name: db\n    secret:\n      secretName: db\n",
        fix: "Mount the Secret as a volume and have the app read the file (many images accept a `*_FILE` variable \
            naming it).",
    },
    quiz: quiz! {
        question: "Why mount a Secret as a file rather than pass it in an environment variable?",
        choices: &[
            Choice {
                text: "The environment is copied to child processes and often printed",
                correct: true,
                feedback: "Crash reports, debug pages and `env` dumps carry the value; a file stays put.",
            },
            Choice {
                text: "Environment variables are stored unencrypted in etcd, files are not",
                correct: false,
                feedback: "Both come from the same Secret object; how it is stored does not depend on how the pod \
                    consumes it.",
            },
            Choice {
                text: "Environment variables cannot hold binary data",
                correct: false,
                feedback: "That is a limit, not the security reason; the concern is where the value ends up.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["read-secret-from-env-var", "CKV_K8S_35"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::CIS_KUBERNETES, &sources::K8S_SECRETS],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        for e in c.get("env").map(Node::items).unwrap_or_default() {
            let Some((key, r)) = e.get("valueFrom").and_then(|v| v.entry("secretKeyRef")) else {
                continue;
            };
            let var = e.get("name").and_then(Node::as_str).unwrap_or("?");
            let secret = r.get("name").and_then(Node::as_str).unwrap_or("?");
            out.report(
                key.span,
                format!(
                    "{} of {} reads Secret `{secret}` into `{var}`: mount it as a file instead",
                    c.label(),
                    o.label()
                ),
            );
        }
        for e in c.get("envFrom").map(Node::items).unwrap_or_default() {
            let Some((key, r)) = e.entry("secretRef") else { continue };
            let secret = r.get("name").and_then(Node::as_str).unwrap_or("?");
            out.report(
                key.span,
                format!(
                    "{} of {} loads all of Secret `{secret}` into its environment: mount it as files instead",
                    c.label(),
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

    fn pod(c: &str) -> String {
        format!("apiVersion: v1\nkind: Pod\nspec:\n  containers: [{{name: c, image: c:1, {c}}}]\n")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(
                &RULE,
                &pod("env: [{name: T, valueFrom: {secretKeyRef: {name: s, key: k}}}]")
            ),
            ["secretKeyRef"]
        );
        assert_eq!(spans(&RULE, &pod("envFrom: [{secretRef: {name: s}}]")), ["secretRef"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &pod("env: [{name: T, valueFrom: {configMapKeyRef: {name: s, key: k}}}]"),
        );
        silent(&RULE, &pod("envFrom: [{configMapRef: {name: s}}]"));
    }

    #[test]
    fn edge() {
        silent(&RULE, &pod("env: [{name: T, value: plain}]"));
    }

    /// kube-linter's e2e case: a Deployment and a DeploymentConfig reading
    /// `TOKEN` from a Secret key: two reports.
    #[test]
    fn kube_linter_expectation() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app1}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: app\n        env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: my-secret, key: token}}}]\n---\napiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: app2}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: app\n        env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: my-secret, key: token}}}]\n";
        assert_eq!(run(&RULE, text).len(), 2);
    }
}
