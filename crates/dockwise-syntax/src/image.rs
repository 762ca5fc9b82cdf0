//! Image references as written in FROM (and elsewhere): registry, name, tag,
//! digest, each with its own span.

use crate::span::{OffsetMap, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    pub text: String,
    pub span: Span,
    /// `ghcr.io`, `localhost:5000`; None for Docker Hub short names.
    pub registry: Option<Part>,
    /// The repository path without registry: `library/python`, `python`, `org/app`.
    pub name: Part,
    pub tag: Option<Part>,
    /// The digest without `@`: `sha256:...`.
    pub digest: Option<Part>,
    /// The reference uses `$VAR`/`${VAR}`: tag or name are decided at build time.
    pub has_variables: bool,
}

impl ImageRef {
    /// Parses `text`, which starts at logical offset `base` of `map`.
    pub fn parse(text: &str, map: &OffsetMap, base: usize) -> ImageRef {
        let part = |from: usize, to: usize| Part {
            text: text[from..to].to_string(),
            span: map.span(base + from, base + to),
        };
        let (before, digest) = match text.find('@') {
            Some(at) => (at, Some(part(at + 1, text.len()))),
            None => (text.len(), None),
        };
        let last_slash = text[..before].rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name_end, tag) = match text[last_slash..before].rfind(':') {
            Some(c) => (last_slash + c, Some(part(last_slash + c + 1, before))),
            None => (before, None),
        };
        let (registry, name_start) = match text[..name_end].find('/') {
            Some(slash) => {
                let first = &text[..slash];
                if first.contains('.') || first.contains(':') || first == "localhost" {
                    (Some(part(0, slash)), slash + 1)
                } else {
                    (None, 0)
                }
            }
            None => (None, 0),
        };
        ImageRef {
            text: text.to_string(),
            span: map.span(base, base + text.len()),
            registry,
            name: part(name_start, name_end),
            tag,
            digest,
            has_variables: text.contains('$'),
        }
    }

    /// The image reference a YAML string holds (a Compose `image:`, a
    /// container's `image:`), with each part's span in `source` when the value
    /// is written as is; with escapes in a quoted value every part points at
    /// the whole value.
    pub fn from_yaml(node: &crate::yaml::Node, source: &str) -> Option<ImageRef> {
        let text = node.as_str()?;
        let exact = node.sub_span(source, 0, text.len()).len() as usize == text.len();
        let base = if exact {
            node.sub_span(source, 0, 0).start
        } else {
            node.span.start
        };
        let mut image = ImageRef::parse(text, &OffsetMap::contiguous(base), 0);
        if !exact {
            for p in [&mut image.registry, &mut image.tag, &mut image.digest]
                .into_iter()
                .flatten()
            {
                p.span = node.span;
            }
            image.name.span = node.span;
            image.span = node.span;
        }
        Some(image)
    }

    /// The last path component of the name: `python` for `docker.io/library/python`.
    pub fn short_name(&self) -> &str {
        self.name.text.rsplit('/').next().unwrap_or(&self.name.text)
    }

    /// The name as Docker Hub knows official images: `library/` dropped.
    pub fn hub_name(&self) -> &str {
        self.name.text.strip_prefix("library/").unwrap_or(&self.name.text)
    }

    /// True for a Docker Hub image (no registry, or `docker.io`).
    pub fn is_docker_hub(&self) -> bool {
        match &self.registry {
            None => true,
            Some(r) => matches!(
                r.text.as_str(),
                "docker.io" | "index.docker.io" | "registry-1.docker.io"
            ),
        }
    }

    pub fn is_scratch(&self) -> bool {
        self.registry.is_none() && self.name.text.eq_ignore_ascii_case("scratch")
    }

    pub fn tag_text(&self) -> Option<&str> {
        self.tag.as_ref().map(|t| t.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(s: &str) -> ImageRef {
        ImageRef::parse(s, &OffsetMap::contiguous(10), 0)
    }

    #[test]
    fn splits_registry_name_tag_and_digest() {
        let i = img("localhost:5000/org/app:1.2@sha256:abc");
        assert_eq!(i.registry.as_ref().unwrap().text, "localhost:5000");
        assert_eq!(i.name.text, "org/app");
        assert_eq!(i.tag_text(), Some("1.2"));
        assert_eq!(i.digest.as_ref().unwrap().text, "sha256:abc");
        assert_eq!(i.tag.as_ref().unwrap().span, Span::new(10 + 23, 10 + 26));
        let i = img("python");
        assert!(i.registry.is_none() && i.tag.is_none() && i.digest.is_none());
        assert_eq!(i.short_name(), "python");
        let i = img("docker.io/library/python:3.12-slim");
        assert_eq!(i.hub_name(), "python");
        assert!(i.is_docker_hub());
        assert_eq!(i.tag_text(), Some("3.12-slim"));
        let i = img("org/app");
        assert!(i.registry.is_none());
        assert_eq!(i.name.text, "org/app");
        let i = img("${BASE}:${TAG}");
        assert!(i.has_variables);
    }
}
