//! DW3030: a password written inside a URL in a container's env, command or args.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::secrets::{find_url_credentials, UrlCredential};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3030",
    name: "k8s-url-credentials",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("A password is written inside a URL"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a URL with a password in its user part (`postgres://app:s3cret@db/app`, \
            `redis://:s3cret@cache:6379`) in a container's `env` values, `command` or `args`, whatever the variable \
            is called. A password that is a reference (`$(DB_PASSWORD)` to another env var, `${DB_PASSWORD}` for \
            envsubst) is fine; a `${DB_PASSWORD:-fallback}` is judged by its fallback.",
        why: "Connection strings are where passwords hide from name-based checks: the variable is `DATABASE_URL`, \
            not `PASSWORD`. In a pod spec the URL is stored in the object itself, readable by everyone who can get \
            the Deployment (usually a wider group than those who can read Secrets), shown by `kubectl describe`, and \
            kept in Git.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: DATABASE_URL\n      value: postgres://app:s3cr3t-Pa55@db:5432/app\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: {name: api-db, key: password}\n    - name: DATABASE_URL\n      value: postgres://app:$(DB_PASSWORD)@db:5432/app\n",
        fix: "Put the password in a Secret and compose the URL from it: an env var from `secretKeyRef`, then \
            `$(DB_PASSWORD)` inside the URL (Kubernetes expands it from the earlier variable), or keep the whole URL \
            in the Secret.",
    },
    quiz: quiz! {
        question: "How can a pod get a database URL that needs a password, without the password in the manifest?",
        choices: &[
            Choice {
                text: "Use `$(DB_PASSWORD)`, set earlier from a Secret",
                correct: true,
                feedback: "Kubernetes expands `$(VAR)` in a value from variables defined earlier in the same \
                    container's `env`, so `DB_PASSWORD` can come from a `secretKeyRef` and the URL is built from it.",
            },
            Choice {
                text: "Write `${DB_PASSWORD}` in the value; Kubernetes expands it",
                correct: false,
                feedback: "Kubernetes expands only the `$(VAR)` form; `${VAR}` reaches the app as literal text.",
            },
            Choice {
                text: "Base64-encode the URL in the env value",
                correct: false,
                feedback: "Base64 is an encoding, not encryption: anyone can decode it.",
            },
            Choice {
                text: "Put the whole URL in a ConfigMap",
                correct: false,
                feedback: "ConfigMaps are for non-secret data and are readable as widely as the Deployment itself.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CKV_SECRET_4"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &sources::K8S_SECRETS,
        &Source {
            title: text!("Kubernetes docs: Define Dependent Environment Variables"),
            url: text!(
                "https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/"
            ),
        },
    ],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn message(what: &str, u: &UrlCredential) -> String {
    let how = if u.fallback {
        " as the fallback of a `${...}` placeholder"
    } else {
        ""
    };
    format!(
        "{what} carries a password inside a `{}://` URL{how}: take it from a Secret (`$(DB_PASSWORD)` from a \
         `secretKeyRef`)",
        u.scheme
    )
}

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        let mut places: Vec<(String, &Node)> = Vec::new();
        for e in c.get("env").and_then(Node::as_seq).unwrap_or_default() {
            if let (Some(name), Some(v)) = (e.get("name").and_then(Node::as_str), e.get("value")) {
                places.push((format!("`{name}` of {} in {}", c.label(), o.label()), v));
            }
        }
        for key in ["command", "args"] {
            for item in c.get(key).map(Node::items).unwrap_or_default() {
                places.push((format!("the `{key}` of {} in {}", c.label(), o.label()), item));
            }
        }
        for (what, node) in places {
            let Some(text) = node.as_str() else { continue };
            for u in find_url_credentials(text) {
                out.report(node.sub_span(m.text, u.start, u.end), message(&what, &u));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    const POD: &str = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n";

    #[test]
    fn bad() {
        let text = format!(
            "{POD}    env:\n    - name: DATABASE_URL\n      value: \"postgres://app:hunter22@db/app\"\n    args: [\"--cache\", \"redis://:s3cret@cache:6379\"]\n"
        );
        assert_eq!(spans(&RULE, &text), ["hunter22", "s3cret"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &format!("{POD}    env:\n    - name: DATABASE_URL\n      value: postgres://app:$(DB_PASSWORD)@db/app\n    - name: DB_HOST\n      value: postgres://db:5432\n"),
        );
    }

    #[test]
    fn edge() {
        // envsubst: a bare variable is fine, a fallback ships when it is unset
        silent(
            &RULE,
            &format!("{POD}    env:\n    - name: URL\n      value: postgres://app:${{DB_PASSWORD}}@db/app\n"),
        );
        assert_eq!(
            spans(
                &RULE,
                &format!(
                    "{POD}    env:\n    - name: URL\n      value: postgres://app:${{DB_PASSWORD:-devpass}}@db/app\n"
                )
            ),
            ["devpass"]
        );
        // a patch fragment still sets what it writes; the message never prints the password
        let patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env: [{name: U, value: \"https://bot:topsecret@git.example.com\"}]\n";
        let f = run(&RULE, patch);
        assert_eq!(f.len(), 1);
        assert!(!f[0].message.contains("topsecret"), "{}", f[0].message);
    }
}
