//! DW1016: COPY/ADD of a file that `.dockerignore` leaves out of the context
//! (BuildKit's CopyIgnoredFile).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::dockerignore::{clean, DockerIgnore};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1016",
    name: "copy-ignored-file",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("COPY of a path that .dockerignore excludes"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags COPY and ADD sources from the build context that the `.dockerignore` excludes. The CLI reads the \
            `.dockerignore` next to the Dockerfile; the playground and configs can give patterns with the \
            `dockerignore` setting. Sources with wildcards are not judged.",
        why: "An excluded file is not sent to the builder, so the COPY fails (`not found`) or, for a directory, \
            silently copies less than it seems. Usually the ignore list was written for another purpose (keeping \
            `node_modules` or `.env` out) and the Dockerfile was not updated.",
        bad: "# config: {dockerignore: [\"*.md\", \"docs\"]}\nFROM nginx:1.27\nCOPY docs /usr/share/nginx/html/docs\n",
        good: "# config: {dockerignore: [\"*.md\", \"docs/drafts\"]}\nFROM nginx:1.27\n\
            COPY docs /usr/share/nginx/html/docs\n",
        fix: "Either stop copying the path, or add an exception to `.dockerignore` (`!docs`) if it really belongs in \
            the image.",
    },
    quiz: quiz! {
        question: "`.dockerignore` lists `*.md`; the Dockerfile has `COPY README.md /app/`. What happens?",
        choices: &[
            Choice {
                text: "The build fails: the file was never sent",
                correct: true,
                feedback: "Excluded files are left out of the build context, so COPY finds nothing and fails; \
                    BuildKit's CopyIgnoredFile check warns about such a COPY.",
            },
            Choice {
                text: "COPY reads it from the disk anyway",
                correct: false,
                feedback: "The builder sees only the context the client sent, and the ignored file was never sent.",
            },
            Choice {
                text: ".dockerignore only affects `COPY . .`",
                correct: false,
                feedback: "It filters the whole context, so every COPY and ADD from it is affected.",
            },
            Choice {
                text: "Files named in COPY override .dockerignore",
                correct: false,
                feedback: "No exception exists for explicit names; only a `!README.md` line in .dockerignore brings \
                    it back.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CopyIgnoredFile"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Build checks: CopyIgnoredFile"),
            url: text!("https://docs.docker.com/reference/build-checks/copy-ignored-file/"),
        },
        &sources::DOCKER_DOCKERIGNORE_FILES,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let Some(text) = &cx.options.dockerignore else { return };
    let ignore = DockerIgnore::parse(text);
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        if !matches!(ins.kind, Kind::Copy | Kind::Add) || ins.flag("from").is_some() {
            continue;
        }
        let words = ins.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        for src in sources {
            let v = &*src.value;
            if v.contains(['*', '?', '[', '$']) || v.contains("://") || v.starts_with("git@") {
                continue;
            }
            // the context root is never excluded itself, but a pattern that
            // excludes everything in it leaves nothing to copy (BuildKit
            // warns on `*`, `**` and `**/*`)
            let root = clean(v).is_empty();
            if (root && excludes_everything(text)) || (!root && ignore.excludes(v)) {
                out.report(
                    src.span,
                    format!("`{v}` is excluded by .dockerignore, so it is not in the build context"),
                );
            }
        }
    }
}

/// Does a pattern of the ignore file leave out every entry of the context
/// root (`*`, `**` or `**/*`), with no exception (`!`) to bring some back?
fn excludes_everything(text: &str) -> bool {
    let patterns = || text.lines().map(|l| l.trim()).filter(|l| !l.starts_with('#'));
    !patterns().any(|l| l.starts_with('!'))
        && patterns().any(|l| matches!(l.trim_start_matches('/'), "*" | "**" | "**/*"))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::engine::lint;
    use crate::options::LintOptions;

    fn spans(src: &str, ignore: &str) -> Vec<String> {
        let o = LintOptions {
            only: Some(vec![RULE.id.into()]),
            dockerignore: Some(ignore.into()),
            ..Default::default()
        };
        lint(src, &o)
            .findings
            .iter()
            .map(|f| f.span.text(src).to_string())
            .collect()
    }

    #[test]
    fn bad() {
        assert_eq!(spans("FROM a:1\nCOPY .env config.yml /app/\n", ".env\n"), [".env"]);
    }

    #[test]
    fn good() {
        assert!(spans("FROM a:1\nCOPY . /app\nCOPY --from=b .env /x\n", ".env\nnode_modules\n").is_empty());
    }

    #[test]
    fn edge() {
        assert!(spans("FROM a:1\nCOPY *.env /app/\n", ".env\n").is_empty());
        // the context root: only a pattern that leaves out all of it
        assert_eq!(spans("FROM a:1\nCOPY . /app\n", "*\n"), ["."]);
        assert!(spans("FROM a:1\nCOPY . /app\n", ".*\n").is_empty());
        assert!(spans("FROM a:1\nCOPY . /app\n", "**\n!Dockerfile\n").is_empty());
        assert_eq!(
            spans("FROM a:1\nCOPY ./docs/api /x\n", "docs\n!docs/readme.md\n"),
            ["./docs/api"]
        );
        let o = LintOptions {
            only: Some(vec![RULE.id.into()]),
            ..Default::default()
        };
        assert!(lint("FROM a:1\nCOPY .env /x\n", &o).findings.is_empty());
    }
}
