//! DW2025: quoted volume entries.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2025",
    name: "compose-quoted-volumes",
    severity: Severity::Style,
    kind: FileKind::Compose,
    title: text!("Volume entry is quoted"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags short-syntax `volumes` entries wrapped in quotes. Off by default: a style rule dclint has, for \
            teams that want one way of writing volumes.",
        why: "Quotes are not needed for paths and make some entries quoted and others not, which hides real \
            differences in review. Consistency is the only gain; that is why this rule is off unless you enable it.",
        bad: "services:\n  web:\n    image: myweb:3.1\n    volumes:\n      - \"./site:/usr/share/nginx/html:ro\"\n",
        good: "services:\n  web:\n    image: myweb:3.1\n    volumes:\n      - ./site:/usr/share/nginx/html:ro\n",
        fix: "Remove the quotes, unless the path contains characters YAML would misread (`#` after a space, a leading \
            `*` or `&`).",
    },
    quiz: quiz! {
        question: "When do you still need quotes around a volume entry?",
        choices: &[
            Choice {
                text: "When the path has YAML's special characters",
                correct: true,
                feedback: "A ` #` starts a comment, and a leading `*` or `&` starts an alias or an anchor; quotes \
                    keep such paths literal.",
            },
            Choice {
                text: "When the entry has two colons, as in `./a:/b:ro`",
                correct: false,
                feedback: "A colon is special in YAML only when a space follows it; `./a:/b:ro` stays one plain \
                    string.",
            },
            Choice {
                text: "Always: volume entries must be strings",
                correct: false,
                feedback: "An unquoted path already is a string in YAML; the quotes change nothing for it.",
            },
            Choice {
                text: "When the path is relative, like `./site`",
                correct: false,
                feedback: "A leading `./` has no special meaning in YAML; Compose resolves it against the project \
                    directory.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["no-quotes-in-volumes"],
    check: Check::Compose(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Compose file reference: services.volumes"),
        url: text!("https://docs.docker.com/reference/compose-file/services/#volumes"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let items = s.get("volumes").and_then(|v| v.as_seq()).unwrap_or_default();
        for m in s.volumes() {
            if m.quoted {
                let node = items.iter().find(|n| n.span == m.span);
                let fix = || fixes::safe("remove the quotes", node.and_then(|n| ed.unquote(n)));
                out.push(
                    Diagnostic::new(m.span, format!("volume entry of service `{}` needs no quotes", s.name))
                        .with_fix(fix),
                );
            }
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
            spans(&RULE, "services:\n  a:\n    volumes:\n      - 'data:/data'\n"),
            ["'data:/data'"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    volumes:\n      - data:/data\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "services:\n  a:\n    volumes:\n      - type: volume\n        source: \"data\"\n        target: /data\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  a:\n    volumes:\n      - 'data:/data'  # state\n      - \"./a b:/c:ro\"\n"
            ),
            "services:\n  a:\n    volumes:\n      - data:/data  # state\n      - ./a b:/c:ro\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    volumes:\n    - \"${DATA:-./data}:/data\"\n",
        );
        // the quotes are needed: no fix
        for v in ["\"./a #1:/b\"", "\"- x:/y\"", "\"[x]:/y\"", "\"*x:/y\""] {
            let src = format!("services:\n  a:\n    volumes:\n      - {v}\n");
            assert!(run(&RULE, &src)[0].fix.is_none(), "{v}");
        }
        // in a flow list, a plain `${...}` would not read the same
        assert!(run(&RULE, "services:\n  a:\n    volumes: [\"${D}:/d\"]\n")[0]
            .fix
            .is_none());
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    volumes: [\"d:/d\", 'e:/e']\n"),
            "services:\n  a:\n    volumes: [d:/d, e:/e]\n"
        );
    }
}
