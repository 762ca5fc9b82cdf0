//! DW1041: a comment right above a named FROM or an ARG that does not start
//! with the stage's or the argument's name (BuildKit's experimental
//! InvalidDefinitionDescription). Off by default, as in BuildKit.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1041",
    name: "definition-description",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("The comment above a stage or ARG does not describe it"),
    tags: &[Tag::Operability],
    docs: docs! {
        what: "Flags a FROM with a stage name, or an ARG, when the last comment above it (since the previous \
            instruction, and after any line holding only `#`) does not start with the stage's name or one of the \
            argument names (BuildKit's InvalidDefinitionDescription, an experimental check that is off by \
            default: `# check=experimental=InvalidDefinitionDescription` or the config's `enabled` turns it on).",
        why: "`docker build --call=outline` and `--call=targets` show such comments as the descriptions of build \
            arguments and targets, but only when the comment starts with the name. A comment that does not is \
            either a description that will never be shown or a note that reads like one.",
        bad: "# the version to install\nARG VERSION=1.4\nFROM alpine:3.20\n",
        good: "# VERSION is the version to install\nARG VERSION=1.4\nFROM alpine:3.20\n",
        fix: "Start the comment with the name (`# VERSION the version to install`), or separate a comment that is \
            not a description from the instruction with a line holding only `#`.",
    },
    quiz: quiz! {
        question: "Which comment does `docker build --call=outline` show as the description of `ARG VERSION=1`?",
        choices: &[
            Choice {
                text: "`# VERSION sets the release to build`, on the line above",
                correct: true,
                feedback: "The comment directly above starts with the argument's name: that makes it its description.",
            },
            Choice {
                text: "`# sets the release to build`, on the line above",
                correct: false,
                feedback: "It does not start with the name, so it is not taken as a description.",
            },
            Choice {
                text: "`ARG VERSION=1 # sets the release`",
                correct: false,
                feedback: "Dockerfiles have no trailing comments: `#` there is part of the instruction.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["InvalidDefinitionDescription"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: InvalidDefinitionDescription"),
        url: text!("https://docs.docker.com/reference/build-checks/invalid-definition-description/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let instrs = cx.instructions();
    let comments = &cx.df.comments;
    let mut next = 0;
    let mut prev_end = 0;
    for ins in instrs {
        // the comments between the previous instruction and this one, as
        // BuildKit keeps them: a line holding only `#` clears them, parser
        // directives are not among them
        let mut last: Option<&str> = None;
        while next < comments.len() && comments[next].span.start < ins.span.start {
            let c = &comments[next];
            next += 1;
            if c.inside_instruction || c.span.start < prev_end || cx.df.directives.iter().any(|d| d.span == c.span) {
                continue;
            }
            last = (!c.text.is_empty()).then_some(c.text.as_str());
        }
        prev_end = ins.span.end;
        let Some(comment) = last else { continue };
        let first_word = comment.split(' ').next().unwrap_or("");
        let (what, keys): (&str, Vec<&str>) = match ins.kind {
            Kind::From => match ins.from_args().and_then(|f| f.alias.as_ref()) {
                Some(alias) => ("stage", vec![&*alias.value]),
                None => continue,
            },
            Kind::Arg => ("argument", ins.key_values().iter().map(|kv| &*kv.key.value).collect()),
            _ => continue,
        };
        // BuildKit compares with the stage name in lower case
        let lower: Vec<String> = keys.iter().map(|k| k.to_lowercase()).collect();
        let matches = match ins.kind {
            Kind::From => lower.iter().any(|k| k == first_word),
            _ => keys.contains(&first_word),
        };
        if keys.is_empty() || matches {
            continue;
        }
        let example = if keys.len() == 1 {
            if ins.kind == Kind::From {
                lower[0].as_str()
            } else {
                keys[0]
            }
        } else {
            "<name>"
        };
        out.report(
            ins.keyword_span,
            format!(
                "the comment above this {what} would describe it only if it began with its name: `# {example} ...`"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::engine::lint;
    use crate::options::LintOptions;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "# the version\nARG VERSION=1\n# BasE image\nFROM a:1 AS base\n"),
            ["ARG", "FROM"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "# VERSION the version\nARG VERSION=1\n# base image\nFROM a:1 AS base\n",
        );
        silent(&RULE, "# baz is one of them\nARG foo=1 bar=2 baz=3\n");
    }

    #[test]
    fn edge() {
        // a line holding only `#` separates; a FROM without a name is no
        // definition; other instructions are not checked
        silent(&RULE, "# a note\n#\nARG V\n# a note\nFROM a:1\n# a note\nRUN x\n");
        // off by default; the file's directive turns it on
        let src = "# check=experimental=InvalidDefinitionDescription\n# a note\nARG V\n";
        let found = |src: &str| {
            lint(src, &LintOptions::default())
                .findings
                .iter()
                .any(|f| f.rule.id == RULE.id)
        };
        assert!(found(src));
        assert!(!found("# a note\nARG V\nFROM a:1\n"));
        // so does a comment above the instruction, for that instruction only
        let above =
            "FROM a:1\n# check=experimental=InvalidDefinitionDescription\n# V the version\nARG V\n# a note\nARG W\n";
        assert!(!found(above));
        let above = "FROM a:1\n# a note\n# check=experimental=all\nARG V\n";
        assert!(found(above));
    }
}
