//! DW3017: an image with `latest` or no tag.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::images::{tag_state, TagState};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3017",
    name: "k8s-image-tag",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Container image uses `latest` or no tag"),
    tags: &[Tag::Reliability, Tag::Security],
    docs: docs! {
        what: "Flags a container `image` with no tag or the `latest` tag, unless a digest pins it. A placeholder \
            (`${TAG}` for envsubst, `$(TAG)`, `{{ ... }}`) decides only the part it stands in: `web:${TAG}` and \
            `${IMAGE}` are chosen at deploy time and not judged, while `${REGISTRY}/web` still has no tag.",
        why: "Nodes pull the image when they start a container. With `latest`, pods of the same Deployment can run \
            different code depending on when their node pulled, rolling back to \"the previous version\" has no tag \
            to go back to, and an unreviewed upstream push reaches production at the next restart.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: nginx:latest\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: nginx:1.27.2\n",
        fix: "Use an immutable version tag (a release number plus git SHA for your own images: \
            `myapp:1.4.2-3f9c2ab`), or a digest (`@sha256:...`).",
    },
    quiz: quiz! {
        question: "Three replicas of `myapp:latest` run on three nodes. A new `latest` is pushed, then one replica's \
            container crashes and restarts. What runs now?",
        choices: &[
            Choice {
                text: "New code in one replica, old code in two",
                correct: true,
                feedback: "With `latest` the pull policy defaults to Always, so the restarted container resolves the \
                    tag again; the others keep what they pulled earlier.",
            },
            Choice {
                text: "The new image in all three",
                correct: false,
                feedback: "Only containers that start again pull; the running ones keep their image.",
            },
            Choice {
                text: "The old image in all three",
                correct: false,
                feedback: "The restarted container pulls again, because `latest` defaults to `imagePullPolicy: \
                    Always`.",
            },
            Choice {
                text: "The new image, after a rollout Kubernetes starts itself",
                correct: false,
                feedback: "Kubernetes never starts a rollout because a tag moved; the Deployment's spec did not \
                    change.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["latest-tag", "container-image-tag", "tagNotSpecified", "CKV_K8S_14"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &Source {
            title: text!("Kubernetes docs: Images: Image names"),
            url: text!("https://kubernetes.io/docs/concepts/containers/images/#image-names"),
        },
        &sources::K8S_IMAGEPULLPOLICY_DEFAULTING,
    ],
    concern: Some(&sources::MUTABLE_TAGS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        let Some((image, span)) = m.image_of(c) else { continue };
        if image.text.is_empty() {
            continue;
        }
        match tag_state(&image) {
            TagState::Literal(t) if t.text == "latest" => out.report(
                t.span,
                format!("{} of {} uses `latest`: pin a version", c.label(), o.label()),
            ),
            TagState::Untagged => out.report(
                span,
                format!(
                    "{} of {} uses `{}` without a tag (`latest`): pin a version",
                    c.label(),
                    o.label(),
                    image.text
                ),
            ),
            TagState::Literal(_) | TagState::Digest | TagState::Placeholder => {}
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
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: \"nginx:latest\"\n"
            ),
            ["latest"]
        );
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx\n"
            ),
            ["nginx"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: registry.local:5000/nginx@sha256:abcd\n");
        fires(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: registry.local:5000/nginx\n",
        );
    }

    #[test]
    fn placeholders() {
        let pod = |image: &str| {
            format!("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: \"{image}\"\n")
        };
        // the tag is chosen at deploy time (envsubst, kustomize vars, templates)
        for image in ["web:${TAG}", "${IMAGE}", "$IMAGE", "web:$(TAG)", "{{ .Values.image }}"] {
            silent(&RULE, &pod(image));
        }
        // a placeholder elsewhere does not hide what is written
        assert_eq!(spans(&RULE, &pod("registry/${APP}:latest")), ["latest"]);
        assert_eq!(spans(&RULE, &pod("${REGISTRY}/web")), ["\"${REGISTRY}/web\""]);
    }
}
