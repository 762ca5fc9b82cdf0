//! DW3018: a moving tag that nodes never re-pull.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::shared::fixes;
use crate::rules::shared::images::{is_latest_or_untagged, tag_state};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3018",
    name: "k8s-pull-policy",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("`imagePullPolicy` never re-pulls a moving tag"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `imagePullPolicy: IfNotPresent` or `Never` on an image with `latest` or no tag (a moving tag). \
            A tag left to a placeholder (`web:${TAG}`, `${IMAGE}`, `$(TAG)`) is chosen at deploy time and not judged.",
        why: "Kubernetes defaults to `Always` for `latest` precisely because the tag moves. With `IfNotPresent` each \
            node keeps whichever `latest` it pulled first, so replicas drift apart and a fix pushed under the same \
            tag never arrives. The combination is almost always a mistake.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:latest\n    imagePullPolicy: IfNotPresent\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: myweb:3.1.0\n    imagePullPolicy: IfNotPresent\n",
        fix: "Pin an immutable tag (then `IfNotPresent` is right and saves pulls), or drop the pull policy so the \
            default for `latest`, `Always`, applies.",
    },
    quiz: quiz! {
        question: "What is the default `imagePullPolicy` for `myapp:latest`?",
        choices: &[
            Choice {
                text: "`Always`",
                correct: true,
                feedback: "For `latest` or no tag the API server defaults it to Always; for any other tag, to \
                    IfNotPresent. The default is set once, when the object is created.",
            },
            Choice {
                text: "`IfNotPresent`",
                correct: false,
                feedback: "That is the default for any tag other than `latest`, and for digests.",
            },
            Choice {
                text: "`Never`",
                correct: false,
                feedback: "`Never` is only ever set by hand, for images preloaded on the nodes.",
            },
            Choice {
                text: "Whatever the node's container runtime uses",
                correct: false,
                feedback: "The API server fills the default in when the object is created; the runtime has no say.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["container-image-pull-policy", "pullPolicyNotAlways"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_IMAGEPULLPOLICY_DEFAULTING],
    concern: Some(&sources::MUTABLE_TAGS),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, _, c) in m.containers() {
        let Some(policy) = c.get("imagePullPolicy") else {
            continue;
        };
        let Some(p) = policy.as_str().filter(|p| *p == "IfNotPresent" || *p == "Never") else {
            continue;
        };
        let Some((image, _)) = m.image_of(c) else { continue };
        if !image.text.is_empty() && is_latest_or_untagged(&tag_state(&image)) {
            let fix = || {
                fixes::unsafe_(
                    "pull the image every time (`Always`)",
                    ed.set(c.node, &["imagePullPolicy"], &New::scalar("Always")),
                )
            };
            out.push(
                Diagnostic::new(
                    policy.span,
                    format!(
                        "{} of {} uses a moving tag with `{p}`: nodes keep whatever they pulled first",
                        c.label(),
                        o.label()
                    ),
                )
                .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n    imagePullPolicy: Never\n"), ["Never"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:latest\n    imagePullPolicy: Always\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1.0\n    imagePullPolicy: IfNotPresent\n");
        // a placeholder tag is chosen at deploy time; a literal `latest` is not
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:${TAG}\n    imagePullPolicy: IfNotPresent\n");
        fires(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: ${REGISTRY}/x:latest\n    imagePullPolicy: IfNotPresent\n");
    }

    #[test]
    fn fix() {
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:latest\n";
        assert_eq!(
            fixed(
                &RULE,
                &format!("{pod}    imagePullPolicy: IfNotPresent  # saves pulls\n")
            ),
            format!("{pod}    imagePullPolicy: Always  # saves pulls\n")
        );
        fix_converges(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n    imagePullPolicy: \"Never\"\n");
        assert!(run(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - {name: a, image: x, imagePullPolicy: Never}\n"
        )[0]
        .fix
        .is_none());
    }
}
