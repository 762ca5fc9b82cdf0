//! DW2019: a service sets both `build` and `image`.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
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
        why: "With both and no `pull_policy`, Compose first tries to pull `image` and builds your source only if no \
            such image is found, so a published image with that name can run instead of your code. The other way \
            round, `docker compose build` tags your code with that name, and a `push` would publish it there. A \
            `pull_policy` (`build`, `missing`, `never`...) states which one you mean.",
        bad: "services:\n  api:\n    build: .\n    image: myorg/api:2.0.1\n",
        good: "services:\n  api:\n    build: .\n    image: myorg/api:2.0.1\n    pull_policy: build\n",
        fix: "Keep `build` alone for local development, `image` alone for deployment, or both with `pull_policy: \
            build` to build and name the result.",
    },
    quiz: quiz! {
        question: "A service has `build: .` and `image: redis:7`, and no `pull_policy`. What may `docker compose up` \
            run?",
        choices: &[
            Choice {
                text: "The registry's `redis:7` rather than your code",
                correct: true,
                feedback: "Without a pull policy Compose tries to pull `image` first and builds only when no such \
                    image exists; `redis:7` exists, so your source is not built (unless a local build already \
                    carries that tag).",
            },
            Choice {
                text: "Always your build, tagged `redis:7`",
                correct: false,
                feedback: "Only `pull_policy: build` (or `--build`) guarantees a build; otherwise the pull comes \
                    first.",
            },
            Choice {
                text: "Both: one container from the image, one from the build",
                correct: false,
                feedback: "A service runs one image; `build` and `image` describe the same container, which is why \
                    they compete.",
            },
            Choice {
                text: "Nothing: Compose refuses a service with both keys",
                correct: false,
                feedback: "Compose accepts the pair; the Compose Specification even describes how `pull_policy` \
                    decides between them.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["no-build-and-image"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Compose Build Specification: Using build and image"),
            url: text!("https://docs.docker.com/reference/compose-file/build/#using-build-and-image"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference: services.pull_policy"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#pull_policy"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        if let (Some((bk, _)), Some(_), None) = (s.entry("build"), s.get("image"), s.get("pull_policy")) {
            let fix = || {
                fixes::unsafe_(
                    "add `pull_policy: build`",
                    ed.set(s.node, &["pull_policy"], &New::scalar("build")),
                )
            };
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
