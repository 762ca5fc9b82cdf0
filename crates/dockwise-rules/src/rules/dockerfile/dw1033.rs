//! DW1033: the whole build context is copied, and it has no `.dockerignore`.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1033",
    name: "no-dockerignore",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("The whole build context is copied, and it has no .dockerignore"),
    tags: &[Tag::Security, Tag::Size],
    docs: docs! {
        what: "Flags `COPY . <dest>` and `ADD . <dest>` (the source `.` or `./`, not `--from`) when the build \
            context is known to have no `.dockerignore`. The CLI knows it when it checks a Dockerfile from disk and \
            finds neither `<name>.dockerignore` nor `.dockerignore` beside it (the folder is taken as the context) \
            and the config gives no `dockerignore:` patterns; a config can state it with `dockerignore: false`. \
            Without that knowledge (standard input, the playground) the rule stays silent.",
        why: "`.` is everything in the folder the build was started from: the `.git` history, `.env` files, local \
            keys and credentials, editor files, `node_modules` and build output. Without a `.dockerignore` all of it \
            is sent to the builder and copied into a layer, where anyone who pulls the image can read it, even if a \
            later step deletes it. It also makes the image bigger and breaks the layer cache on every commit.",
        bad: "# config: {dockerignore: false}\nFROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
        good: "# config: {dockerignore: [\".git\", \".env\", \"node_modules\"]}\nFROM node:22-slim\nWORKDIR /app\nCOPY . .\n\
            RUN npm ci\n",
        fix: "Add a `.dockerignore` next to the Dockerfile listing what the image must not get (`.git`, `.env*`, \
            `*.pem`, `node_modules`, build output), or copy only the paths the build needs (`COPY package*.json ./`, \
            `COPY src/ ./src/`).",
    },
    quiz: quiz! {
        question: "A repository without `.dockerignore` builds with `COPY . /app`. What ends up in the image?",
        choices: &[
            Choice {
                text: "Everything in the folder, `.git` and `.env` included",
                correct: true,
                feedback: "`.` is the whole context as sent to the builder; only a `.dockerignore` leaves files out \
                    of it.",
            },
            Choice {
                text: "Only the files tracked by git, since `.gitignore` applies to builds",
                correct: false,
                feedback: "The builder never reads `.gitignore`; untracked and ignored files go in just the same.",
            },
            Choice {
                text: "Everything except hidden files, which COPY skips by default",
                correct: false,
                feedback: "COPY has no such rule: dot-files such as `.env` and `.git` are copied like any other.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_DOCKERIGNORE_FILES],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Is this source the whole build context?
fn is_whole_context(source: &str) -> bool {
    matches!(source, "." | "./")
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    if !cx.options.no_dockerignore {
        return;
    }
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        if !matches!(ins.kind, Kind::Copy | Kind::Add) || ins.flag("from").is_some() || !ins.heredocs.is_empty() {
            continue;
        }
        let words = ins.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        if let Some(src) = sources.iter().find(|s| is_whole_context(&s.value)) {
            out.report(
                src.span,
                format!(
                    "`{} {}` copies the whole build context, which has no .dockerignore: `.git`, `.env` files and \
                     local secrets go into the image",
                    ins.kind.keyword(),
                    src.value
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::options::LintOptions;
    use crate::testing::*;

    fn known(no_dockerignore: bool) -> LintOptions {
        LintOptions {
            no_dockerignore,
            ..Default::default()
        }
    }

    #[test]
    fn bad() {
        assert_eq!(spans_with(&RULE, "FROM a:1\nCOPY . /app\n", known(true)), ["."]);
        assert_eq!(spans_with(&RULE, "FROM a:1\nADD ./ /app/\n", known(true)), ["./"]);
        assert_eq!(
            spans_with(
                &RULE,
                "FROM a:1\nCOPY --chown=1000:1000 [\".\", \"/app\"]\n",
                known(true)
            ),
            ["\".\""]
        );
        // one finding per instruction, in any stage, ONBUILD too
        assert_eq!(
            spans_with(&RULE, "FROM a:1\nCOPY . ./ /app/\nONBUILD COPY . /src\n", known(true)).len(),
            2
        );
    }

    #[test]
    fn good() {
        let src = "FROM a:1 AS b\nCOPY src/ /app/src/\nCOPY package.json ./\nFROM a:1\nCOPY --from=b . /app\n";
        assert!(spans_with(&RULE, src, known(true)).is_empty());
    }

    #[test]
    fn silent_when_the_context_is_unknown() {
        // standard input, the playground: nothing known about the context
        silent(&RULE, "FROM a:1\nCOPY . /app\n");
        assert!(spans_with(&RULE, "FROM a:1\nCOPY . /app\n", known(false)).is_empty());
    }

    #[test]
    fn edge() {
        // a destination of `.` is not a source
        assert!(spans_with(&RULE, "FROM a:1\nWORKDIR /app\nCOPY app.py .\n", known(true)).is_empty());
        // `./src` is a part of the context, not all of it
        assert!(spans_with(&RULE, "FROM a:1\nCOPY ./src /app\n", known(true)).is_empty());
        // a heredoc COPY writes its own text
        assert!(spans_with(&RULE, "FROM a:1\nCOPY <<EOF /app/x\n.\nEOF\n", known(true)).is_empty());
        // pragmas silence it like any rule
        assert!(spans_with(
            &RULE,
            "FROM a:1\n# dockwise ignore=no-dockerignore\nCOPY . /app\n",
            known(true)
        )
        .is_empty());
    }

    #[test]
    fn a_config_states_it() {
        let c = crate::config::Config::from_example("# config: {dockerignore: false}\nFROM a:1\n").unwrap();
        let mut o = LintOptions::default();
        c.apply(&mut o);
        assert!(o.no_dockerignore);
        // patterns say there is one
        let c = crate::config::Config::from_example("# config: {dockerignore: [\".env\"]}\nFROM a:1\n").unwrap();
        let mut o = LintOptions::default();
        c.apply(&mut o);
        assert!(!o.no_dockerignore);
    }
}
