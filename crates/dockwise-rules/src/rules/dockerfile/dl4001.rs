//! DL4001: both wget and curl in one stage.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL4001",
    name: "wget-or-curl",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Both wget and curl are used: pick one"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags the use of wget or curl in a stage that has already used the other one (every use after both \
            have appeared).",
        why: "Both tools do the same job. Needing both means two packages, their libraries and their vulnerabilities \
            in the image, and two sets of flags for readers to know.",
        bad: "FROM debian:12-slim\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\n\
            RUN wget -qO /tmp/b.tgz https://example.com/b.tgz\n",
        good: "FROM debian:12-slim\n\
            RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz \\\n && curl -fsSLo /tmp/b.tgz https://example.com/b.tgz\n",
        fix: "Use one of them throughout the stage, and install only that one.",
    },
    quiz: quiz! {
        question: "What does using both curl and wget cost?",
        choices: &[
            Choice {
                text: "Two tools and their libraries for one job",
                correct: true,
                feedback: "More size and more attack surface, and two sets of flags for readers to know.",
            },
            Choice {
                text: "Nothing: wget is just a wrapper around curl",
                correct: false,
                feedback: "They are separate programs with their own dependencies (GNU wget does not use libcurl).",
            },
            Choice {
                text: "Builds fail when both are installed",
                correct: false,
                feedback: "They work side by side; it is just waste.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("hadolint wiki: DL4001 (either wget or curl)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL4001"),
        },
        &sources::DOCKER_FEW_PACKAGES,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // the instructions before the first FROM are a section of their own (hadolint)
    for stage in cx.sections() {
        let (mut curl, mut wget) = (false, false);
        for (_, _, script) in cx.runs(stage, true) {
            let uses_curl = script.uses("curl");
            let uses_wget = script.uses("wget");
            curl |= uses_curl;
            wget |= uses_wget;
            if curl && wget && (uses_curl || uses_wget) {
                let tool = if uses_wget { "wget" } else { "curl" };
                if let Some(c) = script.invoking(tool).next() {
                    out.report(c.program_span(), "this stage uses both wget and curl: use one of them");
                }
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
        let r = run(&RULE, "FROM a:1\nRUN curl x\nRUN wget y\nRUN curl z\n");
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN curl x\nFROM b:1\nRUN wget y\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM a:1\nRUN curl -o x https://a && wget https://b\n");
    }

    #[test]
    fn snippets_without_from() {
        assert_eq!(
            spans(&RULE, "RUN wget my.xyz\nRUN curl localhost\n"),
            ["curl localhost"]
        );
        silent(&RULE, "RUN wget my.xyz\n");
        // the preamble and the stage after it are separate
        silent(&RULE, "RUN wget my.xyz\nFROM a:1\nRUN curl localhost\n");
    }
}
