//! DW2006: a service image is untagged or uses a moving tag.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::compose::helpers::{image_by_defaults, is_moving_tag};
use crate::rules::shared::images::{tag_state, TagState};
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2006",
    name: "compose-image-tag",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("Image is untagged or uses a moving tag such as `latest`"),
    tags: &[Tag::Reliability, Tag::Security],
    docs: docs! {
        what: "Flags a service `image` with no tag, or with a tag that moves by design (`latest`, `stable`, `edge`, \
            `nightly`, `dev`, `beta`, `canary`, `lts`, `test`), unless a digest pins it. Services that `build:` \
            their image are left alone: there the tag names what you build. A `${TAG:-latest}` is judged by its \
            default; a `${TAG}` without one is chosen when the file is used: the CLI reads it from the `.env` \
            beside the file (never quoting the value), the playground has no `.env` and leaves it alone. A \
            variable elsewhere (`${REGISTRY}/app:latest`) does not hide the tag written after it.",
        why: "An untagged image means `latest`. A moving tag gives a different image on each pull, so two hosts (or \
            the same host after `docker compose pull`) run different software from the same file, and rolling back \
            is hard: the old version has no tag left, only a digest nobody may have recorded.",
        bad: "services:\n  grafana:\n    image: grafana/grafana:latest\n",
        good: "services:\n  grafana:\n    image: grafana/grafana:11.2.0\n",
        fix: "Pin a version (`grafana/grafana:11.2.0`); for full reproducibility add the digest \
            (`...:11.2.0@sha256:...`). Let Renovate or Dependabot propose upgrades.",
    },
    quiz: quiz! {
        question: "Which image reference gives the same image on every host, every day?",
        choices: &[
            Choice {
                text: "`postgres:16.4@sha256:...`",
                correct: true,
                feedback: "The digest names the exact bytes, and when a reference has both, the digest is what gets \
                    pulled; the tag is only there for readers.",
            },
            Choice {
                text: "`postgres:16.4.2-bookworm`",
                correct: false,
                feedback: "A full version tag is still a tag: the publisher can push a new image under it, for \
                    example a rebuild on a patched base image.",
            },
            Choice {
                text: "`postgres:16`",
                correct: false,
                feedback: "`16` moves with every minor release (16.4, 16.5, ...).",
            },
            Choice {
                text: "`postgres` with `pull_policy: never`",
                correct: false,
                feedback: "That only stops Compose from pulling: each host keeps whatever `latest` it already has, \
                    which differs from host to host.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["service-image-require-explicit-tag", "CL-0004"],
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
        if image.text.is_empty() {
            continue;
        }
        match tag_state(&image) {
            TagState::Literal(t) if is_moving_tag(&t.text) => {
                out.report(
                    t.span,
                    format!("service `{}` uses the moving tag `{}`: pin a version", s.name, t.text),
                );
            }
            TagState::Untagged => out.report(
                node.span,
                format!(
                    "service `{}` uses `{}` without a tag, which means `latest`: pin a version",
                    s.name, image.text
                ),
            ),
            // `${TAG:-latest}` is judged by its default; `${TAG}` is chosen when the file is used
            TagState::Placeholder => {
                let Some((resolved, from_env)) = image_by_defaults(&image, &c.options.compose_env) else {
                    continue;
                };
                let problem = match tag_state(&resolved) {
                    TagState::Literal(t) if is_moving_tag(&t.text) => format!("the moving tag `{}`", t.text),
                    TagState::Untagged => "no tag, which means `latest`".to_string(),
                    _ => continue,
                };
                // a .env value is not quoted: it may be a secret
                let message = if from_env {
                    format!(
                        "service `{}` uses `{}` with the values of `.env`, {problem}: pin a version",
                        s.name, image.text
                    )
                } else {
                    format!(
                        "service `{}` uses `{}` when no variable is set, {problem}: pin a version in the default",
                        s.name, resolved.text
                    )
                };
                out.report(node.span, message);
            }
            TagState::Literal(_) | TagState::Digest => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "services:\n  a:\n    image: nginx:latest\n"), ["latest"]);
        assert_eq!(spans(&RULE, "services:\n  a:\n    image: \"redis\"\n"), ["\"redis\""]);
        fires(&RULE, "services:\n  a:\n    image: traefik:edge\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    image: nginx:1.27.2\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    image: nginx@sha256:0123abcd\n");
        silent(&RULE, "services:\n  a:\n    image: app:${TAG:-1.0}\n");
        silent(&RULE, "services:\n  a:\n    image: localhost:5000/app:2.0\n");
        fires(&RULE, "services:\n  a:\n    image: localhost:5000/app\n");
        silent(&RULE, "services:\n  a:\n    build: .\n    image: myapp\n");
        // placeholders decide only the part they stand in
        silent(&RULE, "services:\n  a:\n    image: ${IMAGE:-nginx:1.27}\n");
        silent(&RULE, "services:\n  a:\n    image: web:${TAG}\n");
        // a default is what runs when the variable is not set
        assert_eq!(
            run(&RULE, "services:\n  a:\n    image: web:${TAG:-latest}\n")[0].message,
            "service `a` uses `web:latest` when no variable is set, the moving tag `latest`: pin a version in the default"
        );
        fires(&RULE, "services:\n  a:\n    image: ${IMAGE-redis}\n");
        // with a .env file: its values decide, and are not quoted
        let env = crate::LintOptions {
            compose_env: vec![("TAG".into(), "latest".into())],
            ..Default::default()
        };
        let found = crate::lint("services:\n  a:\n    image: web:${TAG}\n", &env);
        let f = found.findings.iter().find(|f| f.rule.id == "DW2006").unwrap();
        assert_eq!(
            f.message,
            "service `a` uses `web:${TAG}` with the values of `.env`, the moving tag `latest`: pin a version"
        );
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    image: ${REGISTRY}/app:latest\n"),
            ["latest"]
        );
        fires(&RULE, "services:\n  a:\n    image: ${REGISTRY:-docker.io}/nginx\n");
    }
}
