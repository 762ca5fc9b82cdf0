//! DW3065: a container image pinned by tag only, not by digest (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::images::{tag_state, TagState};
use crate::sources;
use dockwise_syntax::kubernetes::{ContainerKind, Manifests};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3065",
    name: "k8s-image-digest",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Container image pinned by tag, not by digest"),
    tags: &[Tag::Security, Tag::Reliability],
    docs: docs! {
        what: "Flags the `image` of a container or init container that has no `@sha256:` digest, as checkov's \
            CKV_K8S_43 does. An image whose tag a placeholder decides (`web:${TAG}`, `{{ .Values.image }}`) is not \
            judged: the digest may come with it. A missing tag or `latest` is DW3017's finding too. Off by default: \
            a digest is best written by tooling (kustomize `images:`, Helm values, a bot) rather than by hand, and \
            DW3017 already flags the tags that move by design.",
        why: "A tag is a name the registry can move: the publisher rebuilds `1.27` to ship a patch, or someone with \
            push rights replaces it. Each node pulls when it starts a container, so two replicas of one Deployment \
            can run different images under the same tag. A digest is a hash of the image's content: every node \
            gets the very image that was tested, and changing it takes a change to the manifest, which review sees.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: nginx:1.27.2\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\
            spec:\n  containers:\n  - name: web\n    image: nginx:1.27.2@sha256:6784e2e7a2b6e1f6a1b5e2f6d9d1c8a1f3b7e6d2c5a4b3f2e1d0c9b8a7f6e5d4\n",
        fix: "Append the digest to the tag (`nginx:1.27.2@sha256:...`; `crane digest nginx:1.27.2` or `docker \
            buildx imagetools inspect` prints it): the tag stays for readers, the digest decides what is pulled. \
            Let a bot (Renovate, Dependabot) propose new digests, or have your deploy tooling (kustomize `images:`, \
            Helm values) write them from CI.",
    },
    quiz: quiz! {
        question: "A Deployment runs `nginx:1.27.2@sha256:<digest>`. The publisher rebuilds and re-pushes \
            `nginx:1.27.2`. What do newly started pods run?",
        choices: &[
            Choice {
                text: "The image the digest names, as before",
                correct: true,
                feedback: "When a digest is given the tag is not looked up at all: the node pulls the content with \
                    that hash, so the re-pushed tag changes nothing until the manifest does.",
            },
            Choice {
                text: "The rebuilt image, since the tag comes first",
                correct: false,
                feedback: "The tag is kept only for people reading the manifest; the digest decides what is pulled.",
            },
            Choice {
                text: "Nothing: the pods fail to start because tag and digest disagree",
                correct: false,
                feedback: "The runtime does not compare them; it pulls by digest and the tag is ignored.",
            },
            Choice {
                text: "The rebuilt image, but only with `imagePullPolicy: Always`",
                correct: false,
                feedback: "Whatever the pull policy, a pull by digest fetches the same content: the policy only \
                    decides whether the node asks the registry again.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["CKV_K8S_43"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&Source {
        title: text!("Kubernetes docs: Images: Image names (tags and digests)"),
        url: text!("https://kubernetes.io/docs/concepts/containers/images/#image-names"),
    }],
    concern: Some(&sources::MUTABLE_TAGS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, _, c) in m.containers() {
        if c.kind == ContainerKind::Ephemeral {
            continue; // debugging containers are added by `kubectl debug`, not written in manifests
        }
        let Some((image, span)) = m.image_of(c) else { continue };
        if image.text.is_empty() {
            continue;
        }
        match tag_state(&image) {
            TagState::Digest | TagState::Placeholder => {}
            TagState::Literal(_) | TagState::Untagged => out.report(
                span,
                format!(
                    "{} of {} runs `{}` by tag only: add its `@sha256:` digest so every node runs the same image",
                    c.label(),
                    o.label(),
                    image.text
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
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n"
            ),
            ["nginx:1.27"]
        );
        // an init container's image, and one without a tag
        assert_eq!(spans(&RULE, "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: i\n        image: busybox\n      containers:\n      - name: a\n        image: reg.local:5000/app:2@sha256:ab12\n"), ["busybox"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx@sha256:ab12\n",
        );
    }

    #[test]
    fn edge() {
        // the tag is chosen at deploy time: the digest may be too
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: \"${IMAGE}\"\n",
        );
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: \"web:{{ .Values.tag }}\"\n",
        );
        // a CronJob's job template, and a registry with a port (its colon is no tag)
        assert_eq!(spans(&RULE, "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            image: reg.local:5000/app\n"), ["reg.local:5000/app"]);
    }

    /// checkov's own cases for CKV_K8S_43 (its example files, rebuilt in our
    /// words): a Job on `centos:latest` and a Pod on an untagged image fail;
    /// StatefulSets with a digest, after a tag or after a registry with a
    /// port, pass. Two reports.
    #[test]
    fn checkov_expectation() {
        let text = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: countdown}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: counter, image: \"centos:latest\"}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: zookeeper}\nspec:\n  containers:\n  - {name: zookeeper, image: mattf/zookeeper}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: kafka}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: k, image: \"gcr.io/google_containers/kubernetes-kafka:1.0-10.2.1@sha256:123456\"}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: kafka2}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: k, image: \"gcr.io/google_containers/kubernetes-kafka@sha256:123456\"}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: kafka3}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: k, image: \"docker-registry.mycompany.co:4567/super-sre/kafka/release@sha256:123456\"}\n";
        assert_eq!(spans(&RULE, text), ["\"centos:latest\"", "mattf/zookeeper"]);
    }
}
