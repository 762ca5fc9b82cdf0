//! DW2040: a `tmpfs` mount turns Docker's `noexec` or `nosuid` default off.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::span::Span;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2040",
    name: "compose-tmpfs-exec",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("A `tmpfs` mount allows running programs or setuid bits (`exec`, `suid`)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a service's `tmpfs:` entry (`/tmp:exec,size=64m`) whose options include `exec` or `suid`.",
        why: "Docker mounts a tmpfs `noexec` and `nosuid` unless told otherwise: files written there cannot be run, \
            and setuid bits on them are ignored. That matters most with `read_only: true`, where the tmpfs is the \
            only writable place: `exec` turns it into the place to drop and run a downloaded tool, `suid` into a \
            place for a binary that raises privileges.",
        bad: "services:\n  app:\n    image: acme/app:5.1\n    read_only: true\n    tmpfs:\n      - /tmp:exec,size=64m\n",
        good: "services:\n  app:\n    image: acme/app:5.1\n    read_only: true\n    tmpfs:\n      - /tmp:size=64m\n",
        fix: "Remove `exec` and `suid`. If the app unpacks and runs code at start (some JITs and installers do), \
            point it at a directory in the image instead, or keep `exec` on a small tmpfs used only for that.",
    },
    quiz: quiz! {
        question: "A read-only service has `tmpfs: [\"/tmp:exec\"]`. What does `exec` change?",
        choices: &[
            Choice {
                text: "Programs written to `/tmp` can now be run, which Docker's tmpfs default forbids",
                correct: true,
                feedback: "The default is `noexec`; `exec` lifts it on the one place the container can write.",
            },
            Choice {
                text: "Nothing: a tmpfs lives in memory, so nothing on it is ever executable",
                correct: false,
                feedback: "Memory-backed or not, a file system can hold and run programs unless mounted `noexec`.",
            },
            Choice {
                text: "It allows `docker compose exec` into the container, which is otherwise refused",
                correct: false,
                feedback: "`exec` here is a mount option; `docker compose exec` works regardless of mounts.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0022"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: tmpfs mounts (options)"),
            url: text!("https://docs.docker.com/engine/storage/tmpfs/"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference: services.tmpfs"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#tmpfs"),
        },
    ],
    concern: Some(&sources::READ_ONLY_ROOT),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

const LOOSENING: &[&str] = &["exec", "suid"];

/// The loosening options of a `path:options` entry, and the entry without them.
fn loosened(entry: &str) -> Option<(Vec<&str>, String)> {
    let (path, opts) = entry.split_once(':')?;
    let found: Vec<&str> = opts
        .split(',')
        .filter(|o| LOOSENING.contains(&o.trim()))
        .map(str::trim)
        .collect();
    if found.is_empty() {
        return None;
    }
    let kept: Vec<&str> = opts
        .split(',')
        .filter(|o| !LOOSENING.contains(&o.trim()) && !o.is_empty())
        .collect();
    let rest = if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}:{}", kept.join(","))
    };
    Some((found, rest))
}

fn replacement(
    ed: &Editor,
    text: &str,
    s: &Node,
    item: &Node,
    index: Option<usize>,
    rest: &str,
) -> Option<Vec<(Span, String)>> {
    if item.span.text(text).contains(['#', '\\']) {
        return None;
    }
    let raw = if item.quoted {
        let q = if item.span.text(text).starts_with('\'') {
            '\''
        } else {
            '"'
        };
        format!("{q}{rest}{q}")
    } else {
        rest.to_string()
    };
    match index {
        Some(i) => ed.replace_item(s, &["tmpfs"], i, &raw),
        None => Some(vec![(item.span, raw)]),
    }
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let Some(tmpfs) = s.get("tmpfs") else { continue };
        let entries: Vec<(Option<usize>, &Node)> = match tmpfs.as_seq() {
            Some(items) => items.iter().enumerate().map(|(i, n)| (Some(i), n)).collect(),
            None => vec![(None, tmpfs)],
        };
        for (index, item) in entries {
            let Some(text) = item.scalar_text() else { continue };
            let Some((found, rest)) = loosened(&text) else { continue };
            let path = text.split(':').next().unwrap_or_default();
            let fix = || {
                fixes::unsafe_(
                    &format!("remove `{}`", found.join("`, `")),
                    replacement(&ed, c.text, s.node, item, index, &rest),
                )
            };
            out.push(
                Diagnostic::new(
                    item.span,
                    format!(
                        "service `{}` mounts the tmpfs `{path}` with `{}`: Docker's default is `noexec,nosuid`",
                        s.name,
                        found.join("`, `")
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
        assert_eq!(
            spans(
                &RULE,
                "services:\n  a:\n    tmpfs:\n      - /tmp:exec,size=64m\n      - /run\n"
            ),
            ["/tmp:exec,size=64m"]
        );
        assert_eq!(
            run(&RULE, "services:\n  a:\n    tmpfs: /cache:suid,exec\n")[0].message,
            "service `a` mounts the tmpfs `/cache` with `suid`, `exec`: Docker's default is `noexec,nosuid`"
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    tmpfs:\n      - /tmp:noexec,nosuid,size=64m\n      - /run\n      - /exec\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(
                &RULE,
                "services:\n  a:\n    tmpfs:\n      - /tmp:exec,size=64m\n      - \"/x:suid\"\n"
            ),
            "services:\n  a:\n    tmpfs:\n      - /tmp:size=64m\n      - \"/x\"\n"
        );
        assert_eq!(
            fix_converges(&RULE, "services:\n  a:\n    tmpfs: /cache:exec\n"),
            "services:\n  a:\n    tmpfs: /cache\n"
        );
    }
}
