//! DW1007: `FROM ... as` written in a different case than FROM (FromAsCasing).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1007",
    name: "from-as-casing",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("`AS` is not written in the same case as `FROM`"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `FROM image as name` (or `from image AS name`): the `AS` keyword in a different case than FROM \
            (BuildKit's FromAsCasing).",
        why: "Keywords are case-insensitive, but mixing `FROM` with `as` makes the stage name harder to spot and is \
            inconsistent with the rest of the file.",
        bad: "FROM golang:1.22 as build\n",
        good: "FROM golang:1.22 AS build\n",
        fix: "Match the case: `FROM ... AS ...` (or `from ... as ...`).",
    },
    quiz: quiz! {
        question: "What does BuildKit do with `FROM golang:1.22 as build`?",
        choices: &[
            Choice {
                text: "Builds it, with a FromAsCasing warning",
                correct: true,
                feedback: "Keywords are case-insensitive, so the stage is named `build` as intended; the check only \
                    reports `FROM` and `as` written in different cases.",
            },
            Choice {
                text: "Fails: keywords must be written in upper case",
                correct: false,
                feedback: "Keywords, `AS` included, are case-insensitive: `from golang:1.22 as build` is valid too.",
            },
            Choice {
                text: "Reads `as build` as part of the image name",
                correct: false,
                feedback: "The parser recognises `AS` in any case; only its mismatch with `FROM` is reported.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["FromAsCasing"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: FromAsCasing"),
        url: text!("https://docs.docker.com/reference/build-checks/from-as-casing/"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().filter(|i| i.kind == Kind::From) {
        let Some(as_kw) = ins.from_args().and_then(|f| f.as_keyword.as_ref()) else {
            continue;
        };
        let from_upper = ins.keyword.chars().all(|c| c.is_uppercase());
        let from_lower = ins.keyword.chars().all(|c| c.is_lowercase());
        let as_upper = as_kw.raw.chars().all(|c| c.is_uppercase());
        let as_lower = as_kw.raw.chars().all(|c| c.is_lowercase());
        if (from_upper && !as_upper) || (from_lower && !as_lower) {
            let want = if from_upper { "AS" } else { "as" };
            let fix = || Fix::safe(format!("write {want}").as_str(), vec![Edit::replace(as_kw.span, want)]);
            out.push(
                Diagnostic::new(
                    as_kw.span,
                    format!("`{}` does not match the case of `{}`", as_kw.raw, ins.keyword),
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
        assert_eq!(spans(&RULE, "FROM a:1 as b\n"), ["as"]);
        assert_eq!(spans(&RULE, "from a:1 AS b\n"), ["AS"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1 AS b\nfrom c:1 as d\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\n");
    }

    #[test]
    fn fix() {
        assert_eq!(fix_converges(&RULE, "FROM a:1 as b\n"), "FROM a:1 AS b\n");
        assert_eq!(fix_converges(&RULE, "from a:1 As b\n"), "from a:1 as b\n");
    }
}
