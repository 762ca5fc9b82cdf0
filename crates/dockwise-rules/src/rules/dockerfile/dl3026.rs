//! DL3026: an image from a registry that is not on the allowed list.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{model::mount_from, ImageRef, Kind, Model, OffsetMap};
use dockwise_syntax::span::Span;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3026",
    name: "trusted-registry",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("Image from a registry that is not trusted"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "With `trustedRegistries` configured, flags FROM, `COPY --from=<image>` and `RUN --mount=from=<image>` \
            that pull from any other registry. Names without a registry count as `docker.io`; patterns like \
            `*.example.com` are allowed. Does nothing without the setting.",
        why: "Organisations often require images to come from an internal mirror or a vetted registry, where they are \
            scanned and kept under the organisation's control. One FROM pointing elsewhere bypasses that control.",
        bad: "# config: {trustedRegistries: [registry.example.com]}\nFROM docker.io/library/python:3.12-slim\n",
        good: "# config: {trustedRegistries: [registry.example.com]}\n\
            FROM registry.example.com/library/python:3.12-slim\n",
        fix: "Pull through the trusted registry (mirror the image there), or, if the registry is acceptable, add it \
            to `trustedRegistries`.",
    },
    quiz: quiz! {
        question: "With `trustedRegistries: [docker.io]`, is `FROM python:3.12` allowed?",
        choices: &[
            Choice {
                text: "Yes: no registry host means docker.io",
                correct: true,
                feedback: "A name without a registry host is a Docker Hub image (`docker.io/library/python:3.12`).",
            },
            Choice {
                text: "No: the registry must be written out",
                correct: false,
                feedback: "An omitted registry is docker.io, so the name is already on the list.",
            },
            Choice {
                text: "Yes, but only because it is an official image",
                correct: false,
                feedback: "Any name without a registry host means Docker Hub, official or not (`org/app` is \
                    `docker.io/org/app`).",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("CIS Docker Benchmark 4.2: Ensure that containers use only trusted base images"),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
        &Source {
            title: text!("hadolint wiki: DL3026 (allowed registries)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3026"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn registry_of(img: &ImageRef) -> &str {
    img.registry.as_ref().map(|r| r.text.as_str()).unwrap_or("docker.io")
}

/// Matches `docker.io`, `*.example.com`, `registry*`.
pub fn trusted(registry: &str, allowed: &[String]) -> bool {
    let normal = |r: &str| {
        if r == "index.docker.io" || r == "registry-1.docker.io" {
            "docker.io".to_string()
        } else {
            r.to_ascii_lowercase()
        }
    };
    let r = normal(registry);
    allowed.iter().any(|a| {
        let a = a.trim().to_ascii_lowercase();
        if let Some(suffix) = a.strip_prefix('*') {
            r.ends_with(suffix)
        } else if let Some(prefix) = a.strip_suffix('*') {
            r.starts_with(prefix)
        } else {
            normal(&a) == r
        }
    })
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let allowed = &cx.options.trusted_registries;
    if allowed.is_empty() {
        return;
    }
    let flag = |img: &ImageRef, span: Span, out: &mut Reporter| {
        let reg = registry_of(img);
        if !trusted(reg, allowed) {
            out.report(
                span,
                format!("`{}` comes from `{reg}`, which is not a trusted registry", img.text),
            );
        }
    };
    for (i, ins) in cx.instructions().iter().enumerate() {
        let stage = cx.stage_of[i].map(|s| s + 1).unwrap_or(0);
        match ins.kind {
            Kind::From => {
                if let Some(f) = ins.from_args() {
                    let img = &f.image;
                    let is_stage = cx.earlier_stage_named(&img.text, stage.saturating_sub(1)).is_some();
                    if !is_stage && !img.is_scratch() && !img.has_variables {
                        flag(img, img.span, out);
                    }
                }
            }
            Kind::Copy | Kind::Run => {
                for f in &ins.flags {
                    let value = match f.name.as_str() {
                        "from" if ins.kind == Kind::Copy => f.value.clone(),
                        "mount" => f.value.as_deref().and_then(mount_from),
                        _ => None,
                    };
                    let Some(v) = value else { continue };
                    if cx.stage_ref(&v, stage).is_some()
                        || v.contains('$')
                        || !(v.contains(':') || v.contains('/') || v.contains('@'))
                    {
                        continue;
                    }
                    let img = ImageRef::parse(&v, &OffsetMap::contiguous(f.span.start), 0);
                    flag(&img, f.span, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::engine::lint;
    use crate::options::LintOptions;

    fn check(src: &str) -> Vec<String> {
        let o = LintOptions {
            only: Some(vec!["DL3026".into()]),
            trusted_registries: vec!["docker.io".into(), "*.example.com".into()],
            ..Default::default()
        };
        lint(src, &o)
            .findings
            .iter()
            .filter(|f| std::ptr::eq(f.rule, &RULE))
            .map(|f| f.span.text(src).to_string())
            .collect()
    }

    #[test]
    fn bad() {
        assert_eq!(check("FROM gcr.io/b:1\n"), ["gcr.io/b:1"]);
        assert_eq!(
            check("FROM a:1\nCOPY --from=quay.io/e:1 /a /b\n"),
            ["--from=quay.io/e:1"]
        );
        assert_eq!(
            check("FROM a:1\nRUN --mount=type=bind,from=ghcr.io/x/y:1,target=/x make\n").len(),
            1
        );
    }

    #[test]
    fn good() {
        assert!(check("FROM python:3.12\nFROM reg.example.com/c:1\nFROM docker.io/d:1\n").is_empty());
    }

    #[test]
    fn edge() {
        assert!(check("FROM gcr.io/a:1 AS x\nFROM x\nFROM scratch\nCOPY --from=x /a /b\n").len() == 1);
        // without the setting the rule is silent
        let o = LintOptions {
            only: Some(vec!["DL3026".into()]),
            ..Default::default()
        };
        assert!(lint("FROM gcr.io/b:1\n", &o).findings.is_empty());
    }
}
