//! DW1040: `FROM --platform=` with a constant platform (BuildKit's
//! FromPlatformFlagConstDisallowed).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1040",
    name: "from-platform-constant",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("FROM --platform names one fixed platform"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `FROM --platform=` with a constant platform (`linux/amd64`), unless the stage's name contains \
            the platform's OS or architecture (`AS build_amd64`), which says the stage is for that platform on \
            purpose (BuildKit's FromPlatformFlagConstDisallowed). A platform from a variable passes. DL3029 \
            (hadolint) flags every `--platform` but `$BUILDPLATFORM` and `$TARGETPLATFORM`.",
        why: "A constant platform pins the stage to one platform whatever the build asks for, so the Dockerfile \
            cannot make a multi-platform image, and it builds only for the platform it names.",
        bad: "FROM --platform=linux/amd64 alpine:3.20 AS base\nRUN apk add --no-cache git\n",
        good: "FROM alpine:3.20 AS base\nRUN apk add --no-cache git\n",
        fix: "Drop the flag and choose the platform on the command line (`docker build --platform`), use a \
            variable such as `$BUILDPLATFORM`, or name the stage for its platform (`AS build_amd64`).",
    },
    quiz: quiz! {
        question: "Which of these does BuildKit's FromPlatformFlagConstDisallowed accept?",
        choices: &[
            Choice {
                text: "`FROM --platform=linux/arm64 alpine AS build_arm64`",
                correct: true,
                feedback: "The stage's name contains the architecture, so the fixed platform is deliberate.",
            },
            Choice {
                text: "`FROM --platform=linux/arm64 alpine AS build`",
                correct: false,
                feedback: "A constant platform, and nothing in the name says the stage is for arm64 only.",
            },
            Choice {
                text: "`FROM --platform=linux/amd64 alpine`",
                correct: false,
                feedback: "A constant platform in a stage without a name: it is what the check is about.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["FromPlatformFlagConstDisallowed"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: FromPlatformFlagConstDisallowed"),
        url: text!("https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const OSES: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "illumos",
    "ios",
    "js",
    "linux",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

/// An architecture as containerd normalises it, if it is one.
fn arch(word: &str) -> Option<&'static str> {
    Some(match word {
        "amd64" | "x86_64" | "x86-64" => "amd64",
        "arm64" | "aarch64" => "arm64",
        "arm" | "armhf" | "armel" => "arm",
        "386" | "i386" => "386",
        "ppc64le" => "ppc64le",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        "mips64le" => "mips64le",
        "loong64" => "loong64",
        _ => return None,
    })
}

/// The OS and architecture of a platform (`os[/arch[/variant]]`, or an
/// architecture alone, which means Linux here), as containerd reads it;
/// None when it cannot be read (the build fails on it anyway).
fn platform(value: &str) -> Option<(String, String)> {
    let lower = value.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('/').collect();
    match parts.as_slice() {
        [one] if OSES.contains(one) => Some((one.to_string(), String::new())),
        [one] => arch(one).map(|a| ("linux".to_string(), a.to_string())),
        [os, a] | [os, a, _] if OSES.contains(os) => arch(a).map(|a| (os.to_string(), a.to_string())),
        _ => None,
    }
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for stage in &cx.stages {
        let from = cx.from_of(stage);
        debug_assert_eq!(from.kind, Kind::From);
        let name = stage.name.as_deref().unwrap_or("");
        for f in from.flags_named("platform") {
            let (Some(value), Some(at)) = (f.value.as_deref(), f.value_span) else {
                continue;
            };
            if value.contains('$') {
                continue;
            }
            let Some((os, arch)) = platform(value) else { continue };
            if name.contains(&os) || (!arch.is_empty() && name.contains(&arch)) {
                continue;
            }
            out.report(
                at,
                format!("`--platform={value}` pins the stage to one platform: leave the choice to the build"),
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
        assert_eq!(spans(&RULE, "FROM --platform=linux/amd64 a:1\n"), ["linux/amd64"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM --platform=$BUILDPLATFORM a:1\nFROM --platform=$BULIDPLATFORM a:1\n",
        );
        silent(&RULE, "FROM --platform=linux/amd64 a:1 AS my_amd64_stage\n");
        silent(&RULE, "FROM --platform=linux/amd64 a:1 AS linux\n");
    }

    #[test]
    fn edge() {
        assert_eq!(spans(&RULE, "FROM --platform=arm64 a:1 AS b\n"), ["arm64"]);
        silent(&RULE, "FROM --platform=x86_64 a:1 AS build_amd64\n");
        silent(&RULE, "FROM --platform=nonsense a:1\n");
    }
}
