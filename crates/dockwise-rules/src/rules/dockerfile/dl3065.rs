//! DL3065: `FROM --platform=$TARGETPLATFORM` is the default already.

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::{FileKind, Span};

pub static RULE: Rule = Rule {
    id: "DL3065",
    name: "redundant-target-platform",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`--platform=$TARGETPLATFORM` is redundant"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`). BuildKit's RedundantTargetPlatform.",
        why: "Every stage already uses the target platform unless told otherwise, so the flag adds nothing but noise, \
            and suggests to readers that something special is going on.",
        bad: "FROM --platform=$TARGETPLATFORM alpine:3.20\n",
        good: "FROM alpine:3.20\n",
        fix: "Remove the flag. (`--platform=$BUILDPLATFORM` is different and useful for cross-compiling builders.)",
    },
    quiz: quiz! {
        question: "Which platform does a stage use without any `--platform` flag?",
        choices: &[
            Choice {
                text: "The target platform of the build request",
                correct: true,
                feedback: "That is why `--platform=$TARGETPLATFORM` changes nothing.",
            },
            Choice {
                text: "The platform of the machine running the build",
                correct: false,
                feedback: "That is $BUILDPLATFORM, which a stage uses only when asked to.",
            },
            Choice {
                text: "linux/amd64, unless --platform is given",
                correct: false,
                feedback: "The default is whatever the build targets.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["RedundantTargetPlatform"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: RedundantTargetPlatform"),
        url: text!("https://docs.docker.com/reference/build-checks/redundant-target-platform/"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().filter(|i| i.kind == Kind::From) {
        for f in ins.flags_named("platform") {
            if matches!(f.value.as_deref(), Some("$TARGETPLATFORM" | "${TARGETPLATFORM}")) {
                // the flag and the blanks after it
                let rest = &cx.source[f.span.end as usize..];
                let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                let span = Span::new(f.span.start, f.span.end + blanks as u32);
                let fix = || Fix::safe("remove --platform", vec![Edit::delete(span)]);
                out.push(
                    Diagnostic::new(f.span, "the target platform is the default: remove `--platform`").with_fix(fix),
                );
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
        assert_eq!(
            spans(&RULE, "FROM --platform=${TARGETPLATFORM} a:1\n"),
            ["--platform=${TARGETPLATFORM}"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM --platform=$BUILDPLATFORM a:1\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM --platform=$TARGETPLATFORM-x a:1\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM --platform=$TARGETPLATFORM a:1 AS b\n"),
            "FROM a:1 AS b\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM --platform=${TARGETPLATFORM} \\\n  a:1\n"),
            "FROM \\\n  a:1\n"
        );
    }
}
