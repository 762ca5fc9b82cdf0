//! DW2036: an image is pinned by a version tag only, not by a digest.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::compose::helpers::{image_by_defaults, is_moving_tag};
use crate::rules::shared::images::{tag_state, TagState};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::image::ImageRef;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2036",
    name: "compose-image-digest",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("Image pinned by a version tag but not by a digest"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a service whose `image:` has a version tag (`postgres:16.4`) and no digest \
            (`@sha256:...`). Moving tags and missing tags are DW2006's finding; services that `build:` their image, \
            and tags chosen by a variable, are left alone. Off by default: turn it on where every image must be \
            pinned exactly.",
        why: "A tag is a name the publisher can point at another image at any time, and a registry or a mirror can \
            serve something else under it; a digest is the hash of the content, so it always means the same bytes. \
            Pinning by digest makes a deployment repeatable and makes a swapped image fail to pull instead of \
            running.",
        bad: "services:\n  db:\n    image: postgres:16.4\n",
        good: "services:\n  db:\n    image: postgres:16.4@sha256:9d5f8e3c0b7a61e2f4c8d2a9b6e1f0c3d7a4b8e2f6c1d9a3b5e7f0c2d4a6b8e1\n",
        fix: "Look up the digest of the tag you tested (`docker buildx imagetools inspect postgres:16.4`, or the \
            registry's page) and append it: `postgres:16.4@sha256:...`. Keep the tag for readers; let Renovate \
            or Dependabot update both together.",
    },
    quiz: quiz! {
        question: "A file pins `image: postgres:16.4@sha256:<digest>`. The publisher later re-pushes `16.4` with a \
            security patch. What does the next `docker compose pull` fetch?",
        choices: &[
            Choice {
                text: "The re-pushed `16.4`: the tag wins and the digest is only checked afterwards for a warning",
                correct: false,
                feedback: "With a digest the reference means that content; the tag is ignored when pulling.",
            },
            Choice {
                text: "The same image as before, the one the digest names",
                correct: true,
                feedback: "That is the point and the cost: nothing changes until someone updates the digest.",
            },
            Choice {
                text: "Nothing: a reference with both a tag and a digest is refused",
                correct: false,
                feedback: "Docker accepts both; the tag is kept for readers and the digest decides.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["CL-0019"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Compose file reference: services.image"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#image"),
        },
        &Source {
            title: text!("Docker docs: Building best practices: Pin base image versions"),
            url: text!("https://docs.docker.com/build/building/best-practices/#pin-base-image-versions"),
        },
    ],
    concern: Some(&sources::MUTABLE_TAGS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    for s in &c.services {
        if s.get("build").is_some() {
            continue;
        }
        let Some((image, node)) = s.image() else { continue };
        // `${TAG:-1.2}` is judged by its default, reported on the whole value
        let (span, resolved) = match tag_state(&image) {
            TagState::Literal(t) => (t.span, None),
            TagState::Placeholder => match image_by_defaults(&image, &c.options.compose_env) {
                Some((r, false)) => (node.span, Some(r)),
                // a .env value is not quoted: it may be a secret
                Some((r, true)) => (
                    node.span,
                    Some(ImageRef {
                        text: image.text.clone(),
                        ..r
                    }),
                ),
                None => continue,
            },
            TagState::Digest | TagState::Untagged => continue,
        };
        let judged = resolved.as_ref().unwrap_or(&image);
        let TagState::Literal(t) = tag_state(judged) else {
            continue;
        };
        if !is_moving_tag(&t.text) {
            out.report(
                span,
                format!(
                    "service `{}` pins `{}` by its tag only: add the digest (`@sha256:...`) to pin the content",
                    s.name, judged.text
                ),
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
        assert_eq!(spans(&RULE, "services:\n  a:\n    image: postgres:16.4\n"), ["16.4"]);
        assert_eq!(
            run(&RULE, "services:\n  a:\n    image: \"ghcr.io/org/app:v2\"\n")[0].message,
            "service `a` pins `ghcr.io/org/app:v2` by its tag only: add the digest (`@sha256:...`) to pin the content"
        );
        fires(&RULE, "services:\n  a:\n    image: localhost:5000/app:2.0\n");
        // judged by the default
        assert_eq!(
            run(&RULE, "services:\n  a:\n    image: netbox:${VERSION-v4.1}\n")[0].message,
            "service `a` pins `netbox:v4.1` by its tag only: add the digest (`@sha256:...`) to pin the content"
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    image: postgres:16.4@sha256:0123abcd\n");
        silent(&RULE, "services:\n  a:\n    image: nginx@sha256:0123abcd\n");
        // DW2006's: moving or missing tags
        silent(
            &RULE,
            "services:\n  a:\n    image: nginx:latest\n  b:\n    image: redis\n  c:\n    image: x:Stable\n",
        );
        // built here, or chosen when the file is used
        silent(&RULE, "services:\n  a:\n    build: .\n    image: app:1.0\n");
        silent(
            &RULE,
            "services:\n  a:\n    image: app:${TAG}\n  b:\n    image: ${IMAGE}\n",
        );
    }
}
