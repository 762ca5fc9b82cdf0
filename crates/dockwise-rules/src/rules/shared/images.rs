//! Image references written with placeholders: `${REGISTRY}/web:${TAG}`
//! (Compose interpolation, envsubst), `$(TAG)` (kustomize vars),
//! `{{ .Values.tag }}` (templates). A placeholder decides the part it sits in
//! and nothing else: `registry/${APP}:latest` still uses `latest`, and
//! `${REGISTRY}/web` still has no tag, while in `web:${TAG}` or `${IMAGE}` the
//! tag is chosen at deploy time and cannot be judged from the file.

use dockwise_syntax::image::{ImageRef, Part};

/// What an image reference says about its tag.
#[derive(Debug, PartialEq, Eq)]
pub enum TagState<'a> {
    /// Pinned by digest (`@sha256:...`, or a placeholder after `@`).
    Digest,
    /// A tag written out (no placeholder in it).
    Literal(&'a Part),
    /// No tag at all: the runtime pulls `latest`.
    Untagged,
    /// A placeholder decides the tag (it is in the tag, or in the last path
    /// segment where it may carry one).
    Placeholder,
}

/// Is there a placeholder at the start of `s` (`${`, `$(`, `$NAME`, `{{`)?
fn opens_placeholder(s: &str) -> bool {
    s.starts_with("${") || s.starts_with("$(") || s.starts_with("{{") || s.starts_with('$')
}

/// The byte offsets, in `text`, of the characters outside placeholders
/// (`${...}`, `$(...)`, `{{...}}`, `$NAME`), and whether there was any.
fn outside_placeholders(text: &str) -> (Vec<usize>, bool) {
    let mut out = Vec::new();
    let mut closers: Vec<char> = Vec::new();
    let mut any = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = &text[i..];
        if let Some(&want) = closers.last() {
            if c == want {
                closers.pop();
            } else if c == '{' {
                closers.push('}');
            } else if c == '(' {
                closers.push(')');
            }
            continue;
        }
        if opens_placeholder(rest) {
            any = true;
            if rest.starts_with("{{") {
                closers.extend(['}', '}']);
                chars.next();
            } else if rest.starts_with("${") {
                closers.push('}');
                chars.next();
            } else if rest.starts_with("$(") {
                closers.push(')');
                chars.next();
            } else {
                // `$NAME`: letters, digits and `_`
                while chars.next_if(|(_, c)| c.is_ascii_alphanumeric() || *c == '_').is_some() {}
            }
            continue;
        }
        out.push(i);
    }
    (out, any)
}

/// What `image` says about its tag, placeholders taken into account.
pub fn tag_state(image: &ImageRef) -> TagState<'_> {
    if image.digest.is_some() {
        return TagState::Digest;
    }
    let text = image.text.as_str();
    let (plain, _) = outside_placeholders(text);
    let bytes = text.as_bytes();
    // the last path segment: after the last `/` written outside a placeholder
    let seg_start = plain.iter().rev().find(|&&i| bytes[i] == b'/').map_or(0, |&i| i + 1);
    let colon = plain
        .iter()
        .rev()
        .find(|&&i| i >= seg_start && bytes[i] == b':')
        .copied();
    match colon {
        Some(at) => {
            let (_, tag_has_placeholder) = outside_placeholders(&text[at + 1..]);
            match &image.tag {
                Some(tag) if !tag_has_placeholder => TagState::Literal(tag),
                _ => TagState::Placeholder,
            }
        }
        None if outside_placeholders(&text[seg_start..]).1 => TagState::Placeholder,
        None => TagState::Untagged,
    }
}

/// Is this tag state a moving one (no tag, or `latest`)?
pub fn is_latest_or_untagged(state: &TagState) -> bool {
    match state {
        TagState::Untagged => true,
        TagState::Literal(t) => t.text == "latest",
        TagState::Digest | TagState::Placeholder => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockwise_syntax::span::OffsetMap;

    fn state(text: &str) -> String {
        let image = ImageRef::parse(text, &OffsetMap::contiguous(0), 0);
        match tag_state(&image) {
            TagState::Digest => "digest".into(),
            TagState::Literal(t) => format!("tag {}", t.text),
            TagState::Untagged => "untagged".into(),
            TagState::Placeholder => "placeholder".into(),
        }
    }

    #[test]
    fn placeholders_decide_only_their_part() {
        assert_eq!(state("nginx:1.27"), "tag 1.27");
        assert_eq!(state("nginx"), "untagged");
        assert_eq!(state("localhost:5000/web"), "untagged");
        assert_eq!(state("web@sha256:abc"), "digest");
        // the tag is a placeholder, or the last segment may carry one
        assert_eq!(state("web:${TAG}"), "placeholder");
        assert_eq!(state("web:${TAG:-latest}"), "placeholder");
        assert_eq!(state("${IMAGE}"), "placeholder");
        assert_eq!(state("$IMAGE"), "placeholder");
        assert_eq!(state("web$SUFFIX"), "placeholder");
        assert_eq!(state("nginx:$(TAG)"), "placeholder");
        assert_eq!(state("{{ .Values.image }}"), "placeholder");
        assert_eq!(state("${IMAGE:-nginx:1.27}"), "placeholder");
        // a placeholder elsewhere leaves the tag as written
        assert_eq!(state("${REGISTRY}/web"), "untagged");
        assert_eq!(state("${REGISTRY:-docker.io}/nginx"), "untagged");
        assert_eq!(state("registry/${APP}:latest"), "tag latest");
        assert_eq!(state("${REG:-a/b}:latest"), "tag latest");
        assert_eq!(state("ghcr.io/${ORG}/web:2.1"), "tag 2.1");
        assert_eq!(state("web@${DIGEST}"), "digest");
        // unclosed placeholders never panic
        assert_eq!(state("web:${TAG"), "placeholder");
        assert_eq!(state("{{"), "placeholder");
        assert_eq!(state("é/ü:${"), "placeholder");
    }
}
