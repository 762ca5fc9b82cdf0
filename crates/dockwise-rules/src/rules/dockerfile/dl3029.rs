//! DL3029: `FROM --platform` with a fixed value.

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::{FileKind, Span};

pub static RULE: Rule = Rule {
    id: "DL3029",
    name: "platform-flag",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`FROM --platform` is fixed to one platform"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `FROM --platform=` with a constant value such as `linux/amd64`. Values built from \
            `$BUILDPLATFORM` or `$TARGETPLATFORM` pass. BuildKit's FromPlatformFlagConstDisallowed, which also accepts a stage named for its platform, is DW1040.",
        why: "Pinning the platform in the Dockerfile defeats multi-platform builds: with `docker buildx build \
            --platform linux/arm64` that stage still uses the amd64 base image, so its binaries run under emulation \
            or not at all. The platform belongs on the build command.",
        bad: "FROM --platform=linux/amd64 python:3.12-slim\n",
        good: "FROM python:3.12-slim\n",
        fix: "Remove the flag and pass `--platform` to `docker build`. For a cross-compiling builder stage use `FROM \
            --platform=$BUILDPLATFORM ...`.",
    },
    quiz: quiz! {
        question: "When is `FROM --platform=$BUILDPLATFORM golang:1.22 AS build` a good idea?",
        choices: &[
            Choice {
                text: "For a stage that cross-compiles for $TARGETPLATFORM",
                correct: true,
                feedback: "The compiler runs natively on the build machine while producing binaries for the target.",
            },
            Choice {
                text: "Always: pinning the platform makes every build repeatable",
                correct: false,
                feedback: "A fixed platform breaks multi-platform builds; $BUILDPLATFORM is only for stages that \
                    cross-compile.",
            },
            Choice {
                text: "Never: FROM does not accept --platform",
                correct: false,
                feedback: "It does; constant values are what is discouraged.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: FromPlatformFlagConstDisallowed"),
        url: text!("https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/"),
    }],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().filter(|i| i.kind == Kind::From) {
        for f in ins.flags_named("platform") {
            let v = f.value.as_deref().unwrap_or("");
            if !v.contains("BUILDPLATFORM") && !v.contains("TARGETPLATFORM") {
                // unsafe: the stage is then built for the target platform
                let rest = &cx.source[f.span.end as usize..];
                let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                let span = Span::new(f.span.start, f.span.end + blanks as u32);
                out.push(
                    Diagnostic::new(
                        f.span,
                        format!("`--platform={v}` fixes the platform: pass `--platform` to the build instead"),
                    )
                    .with_fix(|| Fix::unsafe_("remove --platform", vec![Edit::delete(span)])),
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
            spans(&RULE, "FROM --platform=linux/arm64 a:1\n"),
            ["--platform=linux/arm64"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM --platform=$BUILDPLATFORM a:1\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM --platform=${TARGETPLATFORM} a:1\n");
        // a variable of our own still pins one platform through its default
        fires(&RULE, "ARG P=linux/amd64\nFROM --platform=$P a:1\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM --platform=linux/amd64 python:3.12-slim AS app\n"),
            "FROM python:3.12-slim AS app\n"
        );
    }
}
