//! DL3066: USER by name rather than by numeric id.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3066",
    name: "numeric-user",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("USER names a user instead of a numeric id"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags USER whose user part (before `:`) is a name rather than a number, unless it is an ARG declared \
            earlier.",
        why: "Kubernetes' `runAsNonRoot` can only verify a numeric uid: with `USER app` the kubelet cannot tell \
            whether `app` is root and refuses to start the container, unless the pod sets a numeric `runAsUser`. A \
            numeric uid also does not depend on the image's /etc/passwd.",
        bad: "FROM node:20-slim\nUSER node\n",
        good: "FROM node:20-slim\nUSER 1000\n",
        fix: "Use the uid (and gid): `USER 10001:10001`. Look it up in the image with `id -u <name>` if the user was \
            created by the base image.",
    },
    quiz: quiz! {
        question: "Why can `runAsNonRoot: true` reject an image whose Dockerfile says `USER app`?",
        choices: &[
            Choice {
                text: "The kubelet cannot tell that `app` is not uid 0",
                correct: true,
                feedback: "It checks the user before the container starts, without reading the image's passwd file, \
                    so only a number can be verified.",
            },
            Choice {
                text: "Kubernetes ignores the image's USER and runs as root",
                correct: false,
                feedback: "The image's USER is used unless the pod sets `runAsUser`; the trouble is only that a name \
                    cannot be checked.",
            },
            Choice {
                text: "Kubernetes forbids user names in images",
                correct: false,
                feedback: "Names are allowed; they just cannot be verified as non-root.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Pod Security Standards (restricted: running as non-root)"),
            url: text!("https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"),
        },
        &Source {
            title: text!("hadolint wiki: DL3066 (numeric user id)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3066"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let mut args: Vec<String> = Vec::new();
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        match ins.kind {
            Kind::Arg => args.extend(ins.key_values().iter().map(|kv| kv.key.value.to_string())),
            Kind::User => {
                let Some(w) = ins.text() else { continue };
                let user = w.value.split(':').next().unwrap_or("");
                if user.chars().all(|c| c.is_ascii_digit()) && !user.is_empty() {
                    continue;
                }
                if let Some(var) = user.strip_prefix('$') {
                    let var = var.trim_start_matches('{').trim_end_matches('}');
                    if args.iter().any(|a| a == var) {
                        continue;
                    }
                }
                out.report(
                    w.span,
                    format!(
                        "`USER {}` names a user: use its numeric uid so non-root can be verified",
                        w.value
                    ),
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nUSER app:1000\n"), ["app:1000"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nUSER 1000:app\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nARG UID\nUSER $UID\n");
        fires(&RULE, "FROM a:1\nUSER ${NOPE}\n");
    }
}
