//! DW3019: a secret as a literal env value.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::secrets::{fallback_of, find_url_credentials, is_literal_secret_value, is_secret_name, MASK};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3019",
    name: "k8s-literal-secret-env",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Secret written as a literal env `value` instead of a `secretKeyRef`"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags an `env` entry whose name says it holds a credential (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, \
            `*API_KEY*`...) with a literal `value:`. (kube-linter's env-var-secret only looks for names containing \
            \"secret\"; this also catches `DB_PASSWORD`.) A `${VAR:-fallback}` placeholder (envsubst, Flux) is judged \
            by its fallback, which is what the manifest holds when the variable is not set; a password inside a URL \
            is DW3030's finding.",
        why: "A literal value lives in Git, in the object stored by the API server (readable by anyone who can `get` \
            the Deployment, usually a much wider group than those who can read Secrets), and in `kubectl describe` \
            output. Rotating it means editing and redeploying the workload.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: DB_PASSWORD\n      value: hunter2\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: api-db\n          key: password\n",
        fix: "Store the value in a Secret (created from a secret manager, Sealed Secrets or External Secrets, not \
            committed in plain text) and reference it with `valueFrom.secretKeyRef`, or mount the Secret as a file.",
    },
    quiz: quiz! {
        question: "Who can read a password written as a literal `env` value in a Deployment?",
        choices: &[
            Choice {
                text: "Anyone with read access to the Deployment",
                correct: true,
                feedback: "The value is part of the pod template: `kubectl get deployment -o yaml` shows it, and so \
                    does the Git history. Read access to Deployments is usually granted far more widely than to \
                    Secrets.",
            },
            Choice {
                text: "Only the container that receives it",
                correct: false,
                feedback: "The value sits in the object itself, visible through the API and in Git.",
            },
            Choice {
                text: "Nobody: the API server encrypts env values at rest",
                correct: false,
                feedback: "Env values are stored as written unless an admin enabled encryption at rest, and even \
                    then anyone who reads the object through the API sees them in clear text.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["env-var-secret", "sensitiveContainerEnvVar"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &sources::K8S_SECRETS,
        &Source {
            title: text!("Kubernetes docs: Encrypting Confidential Data at Rest"),
            url: text!("https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/"),
        },
    ],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        for e in c.get("env").and_then(Node::as_seq).unwrap_or_default() {
            let (Some(name), Some(v)) = (e.get("name").and_then(Node::as_str), e.get("value")) else {
                continue;
            };
            let Some(value) = v.scalar_text() else { continue };
            // a password inside a URL is DW3030's finding (on the password itself)
            if !is_secret_name(name) || !find_url_credentials(&value).is_empty() {
                continue;
            }
            if is_literal_secret_value(&value) && !value.contains("$(") {
                out.report(
                    v.span,
                    format!(
                        "`{name}` of {} in {} is a literal secret: use `valueFrom.secretKeyRef`",
                        c.label(),
                        o.label()
                    ),
                );
            } else if let Some((a, b)) = fallback_of(&value) {
                if is_literal_secret_value(&value[a..b]) {
                    out.report(
                        v.sub_span(m.text, a, b),
                        format!(
                            "`{name}` of {} in {} falls back to a literal secret (`${{...:-{MASK}}}`) when the \
                             variable is not set: use `valueFrom.secretKeyRef`",
                            c.label(),
                            o.label()
                        ),
                    );
                }
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
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env:\n    - {name: API_TOKEN, value: \"abc123\"}\n"), ["\"abc123\""]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env:\n    - name: API_TOKEN\n      valueFrom: {secretKeyRef: {name: s, key: t}}\n    - {name: LOG_LEVEL, value: info}\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env:\n    - {name: PASSWORD_FILE, value: /etc/secret/pw}\n    - {name: DB_PASSWORD, value: $(FROM_SECRET)}\n");
        // an envsubst fallback is what the manifest holds when the variable is unset
        let env = |v: &str| {
            format!("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env:\n    - name: API_TOKEN\n      value: \"{v}\"\n")
        };
        assert_eq!(spans(&RULE, &env("${API_TOKEN:-abc123}")), ["abc123"]);
        assert!(!run(&RULE, &env("${API_TOKEN:-abc123}"))[0].message.contains("abc123"));
        silent(&RULE, &env("${API_TOKEN}"));
        silent(&RULE, &env("${API_TOKEN:-}"));
        // a role is not a secret; a URL password is DW3030's
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env:\n    - {name: GF_AUTH_ANONYMOUS_ORG_ROLE, value: Admin}\n    - {name: REDIS_AUTH, value: \"redis://:s3cret@cache\"}\n");
    }
}
