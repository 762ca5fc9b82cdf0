//! DW2019: a service sets both `build` and `image`.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2019",
    name: "compose-build-and-image",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("Service has both `build` and `image` without a `pull_policy`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags a service that sets both `build:` and `image:` and no `pull_policy`.",
        why: "With both, Compose may pull an image of that name from a registry instead of building your source, or \
            push your local build over a public name, depending on command and version. Which one runs is then an \
            accident. A `pull_policy` (`build`, `never`, `missing`) states the intent.",
        bad: "services:\n  api:\n    build: .\n    image: myorg/api:2.0.1\n",
        good: "services:\n  api:\n    build: .\n    image: myorg/api:2.0.1\n    pull_policy: build\n",
        fix: "Keep `build` alone for local development, `image` alone for deployment, or both with `pull_policy: \
            build` to build and name the result.",
    },
    quiz: quiz! {
        question: "A service has `build: .` and `image: redis:7`. What may `docker compose up` run?",
        choices: &[
            Choice {
                text: "The registry's redis:7 instead of your code, or your code tagged as redis:7",
                correct: true,
                feedback: "Right: the two settings compete, and the result depends on the command and on what is \
                    cached.",
            },
            Choice {
                text: "Always your build",
                correct: false,
                feedback: "Not always: without `pull_policy: build` Compose may pull the named image.",
            },
            Choice {
                text: "Both, as two containers",
                correct: false,
                feedback: "A service is one container definition; it cannot run two images.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["no-build-and-image"],
    check: Check::Compose(checker!(check)),
    standard: &[&sources::COMPOSE_SPEC],
    concern: None,
    fixes: Fixes::Unsafe,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        if let (Some((bk, _)), Some(_), None) = (s.entry("build"), s.get("image"), s.get("pull_policy")) {
            let fix = || fixes::unsafe_(
                "add `pull_policy: build`",
                ed.set(s.node, &["pull_policy"], &New::scalar("build")),
            );
            out.push(
                Diagnostic::new(
                    bk.span,
                    format!(
                        "service `{}` has both `build` and `image`: add `pull_policy` or keep one",
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

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    build: .\n    image: x:1\n"),
            ["build"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  a:\n    build: .\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "services:\n  a:\n    build: .\n    image: x:1\n    pull_policy: build\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    build: .\n    image: x:1\n"),
            "services:\n  a:\n    build: .\n    image: x:1\n    pull_policy: build\n"
        );
        fix_converges(&RULE, "services:\n  a:\n    build:\n      context: .\n    image: x:1\n");
        assert!(run(&RULE, "services:\n  a: {build: ., image: x:1}\n")[0].fix.is_none());
    }
}
