//! DW2016: the obsolete top-level `version:` key.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2016",
    name: "compose-obsolete-version",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("Obsolete top-level `version:` key"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a top-level `version:` key.",
        why: "The Compose Specification, which Docker Compose v2 follows, keeps `version` only for backward \
            compatibility: it is informative, and Compose warns that it is obsolete. It no longer selects a schema, \
            so keeping it misleads readers into thinking the number enables features or syntax.",
        bad: "version: '3.8'\nservices:\n  web:\n    image: nginx:1.27\n",
        good: "services:\n  web:\n    image: nginx:1.27\n",
        fix: "Delete the `version:` line. To name the project, use the top-level `name:` key instead.",
    },
    quiz: quiz! {
        question: "What does `version: '3.8'` do in a file run by Docker Compose v2?",
        choices: &[
            Choice {
                text: "Nothing beyond printing an obsolescence warning",
                correct: true,
                feedback: "The key is obsolete and informative only: Compose validates against the latest schema it \
                    implements, whatever the number says.",
            },
            Choice {
                text: "It enables the features of file format 3.8",
                correct: false,
                feedback: "Features now come from the Compose Specification; the number selects nothing.",
            },
            Choice {
                text: "It makes Compose reject keys added after 3.8",
                correct: false,
                feedback: "Compose uses the most recent schema it implements, so newer keys are accepted whatever \
                    `version` says.",
            },
            Choice {
                text: "It is required, or Compose reads the file as format 1",
                correct: false,
                feedback: "That was docker-compose v1's rule; with the Compose Specification the key can simply go.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["no-version-field"],
    check: Check::Compose(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Compose file reference: Version and name top-level elements"),
        url: text!("https://docs.docker.com/reference/compose-file/version-and-name/"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    if let (Some((k, v)), Some(root)) = (c.top("version"), c.root) {
        let fix = || {
            fixes::safe(
                "delete the obsolete `version`",
                Editor::new(c.text).remove(root, &["version"]),
            )
        };
        out.push(
            Diagnostic::new(
                k.span.cover(v.span),
                "`version` is obsolete: Compose ignores it; delete the line",
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "version: \"3\"\nservices: {}\n"), ["version: \"3\""]);
    }

    #[test]
    fn good() {
        silent(&RULE, "name: shop\nservices: {}\n");
    }

    #[test]
    fn edge() {
        // a service setting called version is something else
        silent(&RULE, "services:\n  a:\n    environment:\n      version: 2\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(
                &RULE,
                "# shop\nversion: \"3.8\"  # old\nservices:\n  web:\n    image: nginx:1.27\n"
            ),
            "# shop\nservices:\n  web:\n    image: nginx:1.27\n"
        );
        assert_eq!(fixed(&RULE, "services: {}\r\nversion: '2'"), "services: {}\r\n");
        fix_converges(&RULE, "version: '3'\nservices:\n  a:\n    image: x:1\n");
        assert!(run(&RULE, "{version: '3', services: {}}\n")[0].fix.is_none());
    }
}
