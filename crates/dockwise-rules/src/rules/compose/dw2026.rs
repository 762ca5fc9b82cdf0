//! DW2026: no project `name:`.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::compose::Compose;
use dockwise_syntax::span::Span;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2026",
    name: "compose-project-name",
    severity: Severity::Style,
    kind: FileKind::Compose,
    title: text!("No top-level project `name:`"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a Compose file without a top-level `name:`. Off by default (some platforms, such as Portainer \
            stacks, set the name themselves).",
        why: "Without a name, the project is named after the directory the file sits in. Two checkouts in \
            directories that are both called `app` then share containers, networks and volumes, and renaming the \
            directory orphans the old volumes.",
        bad: "services:\n  web:\n    image: myweb:3.1\n",
        good: "name: shop\nservices:\n  web:\n    image: myweb:3.1\n",
        fix: "Add `name: <project>` at the top of the file.",
    },
    quiz: quiz! {
        question: "What is a Compose project called when the file has no `name:`?",
        choices: &[
            Choice {
                text: "After the project directory",
                correct: true,
                feedback: "With no `-p` and no `COMPOSE_PROJECT_NAME`, Compose uses the base name of the project \
                    directory, so the result depends on where the files were checked out.",
            },
            Choice {
                text: "`default`",
                correct: false,
                feedback: "`default` is the name of the project's default network, not of the project.",
            },
            Choice {
                text: "After the first service in the file",
                correct: false,
                feedback: "Services never name the project; they are named after it (`<project>-<service>-1`).",
            },
            Choice {
                text: "After the Compose file, such as `compose`",
                correct: false,
                feedback: "The file's name plays no part; the directory's name does.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["require-project-name-field"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Specify a project name"),
            url: text!("https://docs.docker.com/compose/how-tos/project-name/"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference: Name top-level element"),
            url: text!("https://docs.docker.com/reference/compose-file/version-and-name/#name-top-level-element"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::File,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    if c.root.is_some_and(|r| r.as_map().is_some()) && c.top("name").is_none() {
        let at = c.top("services").map(|(k, _)| k.span).unwrap_or(Span::new(0, 0));
        out.report(at, "no top-level `name:`: the project is named after its directory");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "services: {}\n"), ["services"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "name: x\nservices: {}\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "# nothing\n");
    }
}
