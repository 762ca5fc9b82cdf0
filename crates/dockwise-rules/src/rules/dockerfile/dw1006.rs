//! DW1006: a stage name with upper-case letters (BuildKit's StageNameCasing).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model, Stage};
use dockwise_syntax::{FileKind, Span};

pub static RULE: Rule = Rule {
    id: "DW1006",
    name: "stage-name-casing",
    severity: Severity::Style,
    kind: FileKind::Dockerfile,
    title: text!("Stage name is not lower case"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `FROM ... AS Name` where the stage name has upper-case letters (BuildKit's StageNameCasing).",
        why: "BuildKit lowercases stage names, so `AS Build` and `--from=build` refer to the same stage. Writing them \
            in different cases makes the file look inconsistent and hides clashes between names that only differ in \
            case.",
        bad: "FROM golang:1.22 AS Build\n",
        good: "FROM golang:1.22 AS build\n",
        fix: "Write stage names in lower case.",
    },
    quiz: quiz! {
        question: "`FROM golang:1.22 AS Build`, and later `COPY --from=build /out /out`. What happens?",
        choices: &[
            Choice {
                text: "It works: stage names are lowercased",
                correct: true,
                feedback: "BuildKit lowercases stage names where they are declared and where they are referenced; \
                    StageNameCasing only asks you to write them that way, for consistency.",
            },
            Choice {
                text: "The build fails: stage names are case-sensitive",
                correct: false,
                feedback: "`Build` is stored as `build`, and `--from=build` is looked up in lower case too, so they \
                    match.",
            },
            Choice {
                text: "COPY pulls an image named `build` from Docker Hub",
                correct: false,
                feedback: "That happens only when no stage has that name; here `Build` and `build` are the same \
                    stage.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["StageNameCasing"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: StageNameCasing"),
        url: text!("https://docs.docker.com/reference/build-checks/stage-name-casing/"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for stage in &cx.stages {
        if let Some(alias) = cx.from_of(stage).from_args().and_then(|f| f.alias.as_ref()) {
            if alias.value.chars().any(|c| c.is_uppercase()) {
                let lower = alias.value.to_lowercase();
                let fix = || {
                    rename(cx, stage, &lower).and_then(|e| Fix::safe(format!("rename the stage {lower}").as_str(), e))
                };
                out.push(
                    Diagnostic::new(
                        alias.span,
                        format!("stage name `{}` should be lower case: `{lower}`", alias.value),
                    )
                    .with_fix(fix),
                );
            }
        }
    }
}

/// Edits that write the stage's name in lower case, and every reference to
/// it in the stages after it: `FROM name`, `COPY --from=name`, `RUN
/// --mount=...,from=name`. BuildKit keeps stage names in lower case and
/// looks `--from`, `from=` and `--target` up case-insensitively, so those
/// mean the same; `FROM Name` it looks up as written, so it never found the
/// stage (`Name` is not a valid image name either): now it does. None when
/// two stages share the name.
fn rename(cx: &Model, stage: &Stage, lower: &str) -> Option<Vec<Edit>> {
    let src = cx.source;
    if cx.stages.iter().filter(|s| s.name.as_deref() == Some(lower)).count() > 1 {
        return None;
    }
    let alias = cx.from_of(stage).from_args()?.alias.as_ref()?;
    let mut edits = vec![Edit::replace(alias.span, lower)];
    let mut rename = |span: Span, text: &str| {
        if text.eq_ignore_ascii_case(lower) && text != lower && span.text(src) == text {
            edits.push(Edit::replace(span, lower));
        }
    };
    for later in &cx.stages[stage.index + 1..] {
        if let Some(image) = cx.from_of(later).from_args().map(|f| &f.image) {
            rename(image.span, &image.text);
        }
        // top-level instructions only: ONBUILD's stages are a later build's
        for (_, ins) in cx.body(later) {
            for f in &ins.flags {
                match (ins.kind, f.name.as_str(), &f.value, f.value_span) {
                    (Kind::Copy, "from", Some(v), Some(at)) => rename(at, v),
                    (Kind::Run, "mount", _, _) => {
                        let text = f.span.text(src);
                        for (at, _) in text.match_indices("from=") {
                            if !text[..at].ends_with([',', '=']) {
                                continue;
                            }
                            let v = &text[at + 5..];
                            let v = &v[..v.find([',', '"', '\'']).unwrap_or(v.len())];
                            let start = f.span.start + (at + 5) as u32;
                            rename(Span::new(start, start + v.len() as u32), v);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    Some(edits)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1 AS Builder\n"), ["Builder"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1 AS builder\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM a:1 AS Build\nRUN make\nFROM Build AS Test\nCOPY --from=BUILD /x /x\n\
                 RUN --mount=type=bind,from=Build,target=/b ls /b\nFROM b:1\nCOPY --from=Test /y /y\n"
            ),
            "FROM a:1 AS build\nRUN make\nFROM build AS test\nCOPY --from=build /x /x\n\
             RUN --mount=type=bind,from=build,target=/b ls /b\nFROM b:1\nCOPY --from=test /y /y\n"
        );
        // an image of the same name before the stage is not a reference
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nCOPY --from=Build /x /x\nFROM a:1 AS Build\n"),
            "FROM a:1\nCOPY --from=Build /x /x\nFROM a:1 AS build\n"
        );
        // ONBUILD names a stage of a later build
        assert_eq!(
            fix_converges(&RULE, "FROM a:1 AS Build\nFROM b:1\nONBUILD COPY --from=Build /x /x\n"),
            "FROM a:1 AS build\nFROM b:1\nONBUILD COPY --from=Build /x /x\n"
        );
        // two stages of the same name: which one a reference means is unclear
        assert!(run(&RULE, "FROM a:1 AS B\nFROM c:1 AS b\n")[0].fix.is_none());
    }
}
