//! DW2039: a bind mount shares mount events with the host (`shared` or
//! `rshared` propagation).

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::span::Span;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2039",
    name: "compose-shared-propagation",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("A bind mount uses `shared` or `rshared` propagation"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a service's `volumes:` entry whose mount propagation is `shared` or `rshared`: the option in \
            the short syntax (`/srv/media:/media:rshared`) or `bind.propagation` in the long one.",
        why: "Propagation decides whether mounts made on one side of a bind mount appear on the other. Docker's \
            default, `rprivate`, keeps them apart. With `shared` or `rshared`, a mount made inside the container \
            appears on the host too (and the other way round): a compromised container can then place file systems \
            where host processes will use them. The CIS Docker Benchmark asks that mount propagation not be set \
            to shared.",
        bad: "services:\n  media:\n    image: acme/media:4.0\n    volumes:\n      - /srv/media:/media:rshared\n",
        good: "services:\n  media:\n    image: acme/media:4.0\n    volumes:\n      - /srv/media:/media\n",
        fix: "Remove the option (or set `bind.propagation: rprivate`). If the container must see mounts the host \
            makes later (removable media), `rslave` lets them flow into the container but never back out.",
    },
    quiz: quiz! {
        question: "Which propagation lets the container see a USB disk the host mounts under the bind mount later, \
            without letting the container's own mounts reach the host?",
        choices: &[
            Choice {
                text: "`rslave`",
                correct: true,
                feedback: "Mount events flow from the host into the container only.",
            },
            Choice {
                text: "`rshared`",
                correct: false,
                feedback: "Events flow both ways: the container's mounts would appear on the host as well.",
            },
            Choice {
                text: "`rprivate`, Docker's default for bind mounts",
                correct: false,
                feedback: "Private mounts receive nothing: the later USB mount stays invisible to the container.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0017"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("CIS Docker Benchmark: Ensure that the mount propagation mode is not set to shared"),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
        &Source {
            title: text!("Docker docs: Bind mounts (configure bind propagation)"),
            url: text!("https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation"),
        },
    ],
    concern: Some(&sources::HOST_NAMESPACES),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn is_shared(option: &str) -> bool {
    matches!(option.trim().to_ascii_lowercase().as_str(), "shared" | "rshared")
}

/// A short-syntax entry's shared option: the entry without it.
fn short_without_shared(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.splitn(3, ':').collect();
    let [src, dst, opts] = parts.as_slice() else {
        return None;
    };
    if !opts.split(',').any(is_shared) {
        return None;
    }
    let kept: Vec<&str> = opts.split(',').filter(|o| !is_shared(o) && !o.is_empty()).collect();
    Some(if kept.is_empty() {
        format!("{src}:{dst}")
    } else {
        format!("{src}:{dst}:{}", kept.join(","))
    })
}

/// The edit that gives volume `index` (the node `item`) Docker's default propagation.
fn private(ed: &Editor, text: &str, s: &Node, item: &Node, index: usize) -> Option<Vec<(Span, String)>> {
    if item.as_map().is_some() {
        return ed.set(
            ed.item(s, &["volumes"], index)?,
            &["bind", "propagation"],
            &New::scalar("rprivate"),
        );
    }
    let value = item.scalar_text()?;
    if value.contains(['"', '\'', '\\', '#', ' ', '[', '$']) {
        return None;
    }
    let changed = short_without_shared(&value)?;
    let raw = if item.quoted {
        let q = if item.span.text(text).starts_with('\'') {
            '\''
        } else {
            '"'
        };
        format!("{q}{changed}{q}")
    } else {
        changed
    };
    ed.replace_item(s, &["volumes"], index, &raw)
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let Some(volumes) = s.get("volumes").and_then(Node::as_seq) else {
            continue;
        };
        for (index, item) in volumes.iter().enumerate() {
            let (shared, span) = if item.as_map().is_some() {
                match item.path(&["bind", "propagation"]) {
                    Some(p) => (p.scalar_text().is_some_and(|t| is_shared(&t)), p.span),
                    None => continue,
                }
            } else {
                let Some(value) = item.scalar_text() else { continue };
                (short_without_shared(&value).is_some(), item.span)
            };
            if !shared {
                continue;
            }
            let fix = || {
                fixes::unsafe_(
                    "use the default propagation (rprivate)",
                    private(&ed, c.text, s.node, item, index),
                )
            };
            out.push(
                Diagnostic::new(
                    span,
                    format!(
                        "service `{}` shares mount events with the host on this volume: mounts made inside the container appear on the host",
                        s.name
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

    fn compose(volumes: &str) -> String {
        format!("services:\n  a:\n    image: x:1\n    volumes:\n{volumes}")
    }

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, &compose("      - /srv:/srv:rshared\n")),
            ["/srv:/srv:rshared"]
        );
        fires(&RULE, &compose("      - \"/mnt:/mnt:ro,Shared\"\n"));
        assert_eq!(
            spans(&RULE, &compose("      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: shared\n")),
            ["shared"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            &compose("      - /srv:/srv:rslave\n      - /mnt:/mnt:ro\n      - data:/data\n      - type: bind\n        source: /x\n        target: /x\n        bind:\n          propagation: rprivate\n"),
        );
        // a path that only contains the word
        silent(&RULE, &compose("      - /srv/shared:/shared\n"));
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(
                &RULE,
                &compose("      - /srv:/srv:rshared\n      - '/m:/m:ro,shared'\n")
            ),
            compose("      - /srv:/srv\n      - '/m:/m:ro'\n")
        );
        assert_eq!(
            fix_converges(
                &RULE,
                &compose("      - type: bind\n        source: /m\n        target: /m\n        bind:\n          propagation: rshared\n")
            ),
            compose("      - type: bind\n        source: /m\n        target: /m\n        bind:\n          propagation: rprivate\n")
        );
    }
}
