//! DW1013: a global ARG's default makes a FROM image invalid
//! (BuildKit's InvalidDefaultArgInFrom).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::model::variable_refs;
use dockwise_syntax::dockerfile::{Kind, Model, Word};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1013",
    name: "invalid-default-arg-in-from",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("With the ARG defaults, a FROM image name is invalid"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Expands each FROM image with the defaults of the global ARGs (each default expanded with the ARGs \
            before it, as BuildKit does) and flags it when the result is not a valid image reference: empty, an \
            empty tag (`node:`), or an empty name (`:20`). BuildKit's InvalidDefaultArgInFrom.",
        why: "A Dockerfile that only builds when every `--build-arg` is passed fails for anyone who runs a plain \
            `docker build`, and the error (`failed to parse stage name \"node:-slim\": invalid reference format`) \
            shows the broken name, not the argument that was missing.",
        bad: "ARG NODE_VERSION\nFROM node:${NODE_VERSION}-slim\n",
        good: "ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-slim\n",
        fix: "Give the ARG a sensible default (`ARG NODE_VERSION=20`), or use `${NODE_VERSION:-20}` in the FROM.",
    },
    quiz: quiz! {
        question: "`ARG TAG` (no default), then `FROM alpine:$TAG`. What does a plain `docker build .` do?",
        choices: &[
            Choice {
                text: "Fails: `alpine:` is an invalid reference",
                correct: true,
                feedback: "TAG has no value, so the image is `alpine:`, which is refused. A default (`ARG TAG=3.20`) \
                    or `${TAG:-3.20}` keeps a plain `docker build` working.",
            },
            Choice {
                text: "Builds from alpine:latest",
                correct: false,
                feedback: "A missing tag means latest, but an empty tag after the colon is invalid: `alpine:` is \
                    refused.",
            },
            Choice {
                text: "Builds, with a warning that TAG is empty",
                correct: false,
                feedback: "InvalidDefaultArgInFrom warns about the default, but the FROM itself cannot be resolved, \
                    so the build stops.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["InvalidDefaultArgInFrom"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: InvalidDefaultArgInFrom"),
        url: text!("https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Longest ARG default followed: `ARG B=$A$A`, `ARG C=$B$B`... doubles at
/// each step, so past this a value is left unknown.
const MAX_LEN: usize = 4096;

/// The global ARGs so far, each with its default expanded (empty without
/// one; `None` when it grew past `MAX_LEN`).
type Defaults = Vec<(String, Option<String>)>;

/// `text` with its `$VAR`s replaced by the defaults; `None` when one of them
/// is unknown or the result grows past `MAX_LEN`.
fn expand(text: &str, defaults: &Defaults, escape: char) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    for r in variable_refs(text, escape) {
        out.push_str(&text[last..r.start]);
        // `${NAME-x}` keeps a value that is set, even empty; `${NAME:-x}`
        // only a value that is not empty
        let colon = text[r.start..r.end]
            .get(2 + r.name.len()..)
            .is_some_and(|t| t.starts_with(':'));
        let value = match defaults.iter().rev().find(|(n, _)| *n == r.name) {
            Some((_, None)) => return None,
            Some((_, Some(v))) if !v.is_empty() || !colon => Some(v.as_str()),
            _ => None,
        };
        out.push_str(value.or(r.default.as_deref()).unwrap_or_default());
        if out.len() > MAX_LEN {
            return None;
        }
        last = r.end;
    }
    out.push_str(&text[last..]);
    (out.len() <= MAX_LEN).then_some(out)
}

/// An ARG's default as the builder reads it: expanded with the ARGs declared
/// before it (which are expanded already, so a chain needs no recursion).
/// Quoted with `'` or escaped, it is taken as written.
fn arg_default(value: Option<&Word>, defaults: &Defaults, escape: char) -> Option<String> {
    let Some(v) = value else {
        return Some(String::new());
    };
    if v.raw.contains('\'') || v.raw.contains(escape) {
        return Some(v.value.to_string());
    }
    expand(&v.value, defaults, escape)
}

/// Docker's reference grammar: `[registry/]path[:tag][@digest]`, path
/// components of lower-case letters and digits joined by `.`, `_`, `__` or
/// `-`, a tag of up to 128 word characters, dots and dashes not starting
/// with `.` or `-`.
fn valid_reference(r: &str) -> bool {
    let (name_tag, digest) = match r.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (r, None),
    };
    if digest.is_some_and(|d| !d.contains(':') || d.ends_with(':')) {
        return false;
    }
    let slash = name_tag.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (name, tag) = match name_tag[slash..].rfind(':') {
        Some(c) => (&name_tag[..slash + c], Some(&name_tag[slash + c + 1..])),
        None => (name_tag, None),
    };
    let tag_ok = tag.is_none_or(|t| {
        !t.is_empty()
            && t.len() <= 128
            && t.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && t.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
    });
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1 && (parts[0].contains(['.', ':']) || parts[0] == "localhost") {
        let host = parts.remove(0);
        if host.is_empty() || host.starts_with(['.', '-', ':']) {
            return false;
        }
    }
    let component_ok = |c: &str| {
        !c.is_empty()
            && c.starts_with(|ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit())
            && c.ends_with(|ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit())
            && c.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "._-".contains(ch))
    };
    !name.is_empty() && parts.iter().all(|c| component_ok(c)) && tag_ok
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let escape = cx.df.escape;
    let mut defaults: Defaults = Vec::new();
    for ins in cx.instructions() {
        match ins.kind {
            Kind::Arg if cx.stages.is_empty() || ins.span.start < cx.from_of(&cx.stages[0]).span.start => {
                // in order: each default sees the ARGs before it
                for kv in ins.key_values() {
                    // without a value (and no build argument) the ARG is not set
                    if kv.value.is_none() {
                        continue;
                    }
                    let value = arg_default(kv.value.as_ref(), &defaults, escape);
                    defaults.push((kv.key.value.to_string(), value));
                }
            }
            Kind::From => {
                let Some(f) = ins.from_args() else { continue };
                if !f.image.has_variables {
                    continue;
                }
                // an ARG whose default cannot be followed is not judged
                let Some(expanded) = expand(&f.image.text, &defaults, escape) else {
                    continue;
                };
                if !valid_reference(&expanded) {
                    let shown = if expanded.is_empty() {
                        "an empty name".to_string()
                    } else {
                        format!("`{expanded}`")
                    };
                    out.report(f.image.span, format!("with the ARG defaults this image is {shown}, which is not a valid reference: give the ARG a default"));
                }
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
        assert_eq!(spans(&RULE, "ARG TAG\nFROM alpine:$TAG\n"), ["alpine:$TAG"]);
        fires(&RULE, "ARG BASE\nFROM ${BASE}\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "ARG TAG=3.20\nFROM alpine:$TAG\n");
        silent(&RULE, "FROM alpine:${TAG:-3.20}\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "ARG REGISTRY\nFROM ${REGISTRY}alpine:3.20\n");
        silent(&RULE, "ARG V=20\nFROM localhost:5000/team/node:${V}-slim@sha256:abc\n");
        fires(&RULE, "ARG V\nFROM node:${V}-slim\n");
        fires(&RULE, "ARG REG\nFROM ${REG}/alpine:3.20\n");
    }

    #[test]
    fn defaults_that_use_earlier_args() {
        // each default is expanded with the ARGs before it
        silent(&RULE, "ARG A=3.19\nARG B=${A}\nFROM alpine:${B}\n");
        silent(&RULE, "ARG A=3.19\nARG B=\"$A\"\nARG C=${B}-slim\nFROM python:${C}\n");
        silent(&RULE, "ARG A=3.19 B=${A}\nFROM alpine:${B}\n");
        silent(&RULE, "ARG B=${A:-3.19}\nFROM alpine:${B}\n");
        // an ARG without a default, or one declared later, expands to nothing
        assert_eq!(spans(&RULE, "ARG A\nARG B=${A}\nFROM alpine:${B}\n"), ["alpine:${B}"]);
        fires(&RULE, "ARG B=${A}\nARG A=3.19\nFROM alpine:${B}\n");
        // single quotes keep `$A` as it is: not a valid tag
        fires(&RULE, "ARG A=3.19\nARG B='$A'\nFROM alpine:${B}\n");
        // a default that refers to itself takes the earlier value, once
        silent(&RULE, "ARG V=3\nARG V=${V}.19\nFROM alpine:${V}\n");
        // `-` keeps a value set to empty, `:-` does not; an ARG without a
        // value is not set
        silent(&RULE, "ARG D=\"\"\nFROM alpine${D-@bogus}\n");
        fires(&RULE, "ARG D=\"\"\nFROM alpine${D:-@bogus}\n");
        fires(&RULE, "ARG D\nFROM alpine${D-@bogus}\n");
    }

    #[test]
    fn expansion_is_bounded() {
        // every step doubles the default: past a limit it is not followed
        let mut src = String::from("ARG A0=x\n");
        for i in 1..64 {
            src.push_str(&format!("ARG A{i}=${{A{}}}${{A{}}}\n", i - 1, i - 1));
        }
        src.push_str("FROM alpine:${A63}\n");
        silent(&RULE, &src);
        // a short chain is still followed
        src.push_str("FROM alpine:${A3}\n");
        silent(&RULE, &src);
        src.push_str("FROM alpine:${A3}:\n");
        assert_eq!(spans(&RULE, &src), ["alpine:${A3}:"]);
    }
}
