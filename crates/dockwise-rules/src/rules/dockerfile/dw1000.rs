//! DW1000: an instruction BuildKit would reject (unknown keyword, wrong
//! arguments, unknown flag, invalid stage name, bad HEALTHCHECK options).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::distance;
use dockwise_syntax::dockerfile::{Args, Instruction, Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1000",
    name: "invalid-instruction",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("An instruction the builder would reject"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags what parses but fails the build: unknown instructions (with a suggestion for typos), missing \
            arguments (`COPY` without a destination, `FROM` with the wrong number of words), flags an instruction \
            does not take, invalid stage names, and malformed HEALTHCHECK options.",
        why: "BuildKit refuses these before it runs a single step, so the build fails at once, but only when someone \
            starts it: in CI that can be minutes after the push. Catching them while typing saves the round trip, \
            and the message says what the builder expects.",
        bad: "FROM node:20-slim\nRUNN npm ci\n",
        good: "FROM node:20-slim\nRUN npm ci\n",
        fix: "Follow the message: fix the keyword's spelling, add the missing argument, or drop the unknown flag.",
    },
    quiz: quiz! {
        question: "What does `COPY --from=build /app` (a single path) do?",
        choices: &[
            Choice {
                text: "The build fails: COPY has no destination",
                correct: true,
                feedback: "With one path there is nothing to copy it to: BuildKit stops with `COPY requires at least \
                    two arguments`, before any step runs.",
            },
            Choice {
                text: "It copies /app to the same path in the image",
                correct: false,
                feedback: "COPY has no default destination: the last path always names it, so a lone path is an \
                    error.",
            },
            Choice {
                text: "It copies /app into the WORKDIR",
                correct: false,
                feedback: "The destination must be written even when it is the working directory: `COPY --from=build \
                    /app .`.",
            },
            Choice {
                text: "It copies nothing and goes on with a warning",
                correct: false,
                feedback: "This is a parse error, not a build check warning: the Dockerfile is refused as a whole.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Dockerfile reference"),
        url: text!("https://docs.docker.com/reference/dockerfile/"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn allowed_flags(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::From => &["platform"],
        Kind::Run => &["mount", "network", "security", "device"],
        Kind::Copy => &["from", "chown", "chmod", "link", "parents", "exclude"],
        Kind::Add => &[
            "chown",
            "chmod",
            "link",
            "keep-git-dir",
            "checksum",
            "unpack",
            "exclude",
        ],
        Kind::Healthcheck => &["interval", "timeout", "start-period", "start-interval", "retries"],
        Kind::Arg => &["required"],
        _ => &[],
    }
}

fn valid_duration(v: &str) -> bool {
    // Go durations: one or more <number><unit>, units ns us µs ms s m h
    let mut rest = v;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let n = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').len();
        if n == 0 {
            return false;
        }
        rest = &rest[n..];
        let unit = ["ns", "us", "µs", "ms", "s", "m", "h"]
            .iter()
            .find(|u| rest.starts_with(**u));
        match unit {
            Some(u) => rest = &rest[u.len()..],
            None => return false,
        }
    }
    true
}

fn check_one(ins: &Instruction, out: &mut Reporter) {
    if ins.kind == Kind::Unknown {
        let upper = ins.keyword.to_ascii_uppercase();
        let suggestion = Kind::ALL
            .iter()
            .map(|k| k.keyword())
            .min_by_key(|k| distance(&upper, k))
            .filter(|k| distance(&upper, k) <= 2);
        let hint = suggestion.map(|s| format!(" (did you mean {s}?)")).unwrap_or_default();
        out.report(ins.keyword_span, format!("unknown instruction `{}`{hint}", ins.keyword));
        return;
    }
    for f in &ins.flags {
        if !allowed_flags(ins.kind).contains(&f.name.as_str()) {
            out.report(f.span, format!("{} has no `--{}` flag", ins.kind.keyword(), f.name));
        }
    }
    let kw = ins.kind.keyword();
    let missing = |out: &mut Reporter, what: &str| out.report(ins.keyword_span, format!("{kw} {what}"));
    match (&ins.kind, &ins.args) {
        (Kind::From, Args::None) => missing(out, "needs an image"),
        (Kind::From, Args::From(f)) => {
            if !f.extra.is_empty() {
                let span = f.extra[0].span.cover(f.extra[f.extra.len() - 1].span);
                out.report(
                    span,
                    "FROM takes an image and optionally `AS name`; these words do not fit",
                );
            }
            if let Some(alias) = &f.alias {
                let name = alias.value.to_ascii_lowercase();
                let ok = name.starts_with(|c: char| c.is_ascii_lowercase())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
                if !ok {
                    out.report(alias.span, format!("`{}` is not a valid stage name: start with a letter, then letters, digits, `-`, `_` or `.`", alias.value));
                }
            }
        }
        (Kind::Copy | Kind::Add, _)
            if ins.words().len() + ins.heredocs.len() < 2 && !matches!(ins.args, Args::Invalid) =>
        {
            missing(out, "needs at least a source and a destination")
        }
        (
            Kind::Expose
            | Kind::Volume
            | Kind::Arg
            | Kind::Onbuild
            | Kind::User
            | Kind::Workdir
            | Kind::Stopsignal
            | Kind::Shell
            | Kind::Maintainer,
            Args::None,
        ) => missing(out, "needs an argument"),
        (Kind::Volume, Args::List(w)) if w.iter().any(|w| w.value.trim().is_empty()) => {
            missing(out, "cannot name an empty path")
        }
        (Kind::Shell, Args::Shell(w)) => {
            out.report(w.span, "SHELL must be a JSON array: `SHELL [\"/bin/bash\", \"-c\"]`")
        }
        (Kind::Arg, Args::KeyValues(kvs)) => {
            for kv in kvs.iter().filter(|kv| kv.key.value.is_empty()) {
                out.report(kv.raw.span, "ARG needs a name before `=`");
            }
        }
        (Kind::Healthcheck, Args::None) => missing(out, "needs CMD <command> or NONE"),
        (Kind::Healthcheck, Args::Healthcheck { kind, cmd }) => {
            match kind.value.to_ascii_uppercase().as_str() {
                "NONE" if cmd.is_some() => out.report(kind.span, "HEALTHCHECK NONE takes no arguments"),
                "CMD"
                    if cmd
                        .as_deref()
                        .is_none_or(|c| matches!(c, Args::Exec(v) if v.is_empty())) =>
                {
                    out.report(kind.span, "HEALTHCHECK CMD needs a command")
                }
                "NONE" | "CMD" => {}
                other => out.report(
                    kind.span,
                    format!("unknown HEALTHCHECK type `{other}`: use CMD or NONE"),
                ),
            }
            for f in &ins.flags {
                let v = f.value.as_deref().unwrap_or("");
                let bad = match f.name.as_str() {
                    "interval" | "timeout" | "start-period" | "start-interval" => !valid_duration(v),
                    "retries" => v.parse::<u32>().is_err(),
                    _ => false,
                };
                if bad {
                    out.report(
                        f.span,
                        format!(
                            "`--{}={v}` is not valid (durations look like `30s`, `1m30s`; retries is a whole number)",
                            f.name
                        ),
                    );
                }
            }
        }
        _ => {}
    }
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions() {
        check_one(ins, out);
        if let Args::Onbuild(inner) = &ins.args {
            check_one(inner, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nRUNN x\n"), ["RUNN"]);
        assert!(run(&RULE, "FROM a:1\nRUNN x\n")[0]
            .message
            .contains("did you mean RUN?"));
        assert_eq!(spans(&RULE, "FROM a:1\nCOPY --form=b /a /b\n"), ["--form=b"]);
        assert_eq!(spans(&RULE, "FROM a:1\nCOPY onlyone\n"), ["COPY"]);
        assert_eq!(spans(&RULE, "FROM a:1 AS 1st\n"), ["1st"]);
        assert_eq!(spans(&RULE, "FROM a:1 b\n"), ["b"]);
        assert_eq!(
            spans(&RULE, "FROM a:1\nHEALTHCHECK --interval=5 CMD [\"x\"]\n"),
            ["--interval=5"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM --platform=$BUILDPLATFORM a:1 AS build-1.x\nCOPY --from=build --chown=1:1 --link a /b\nRUN --mount=type=cache,target=/c x\nHEALTHCHECK --interval=1m30s --retries=3 CMD [\"x\"]\nHEALTHCHECK NONE\nSHELL [\"/bin/sh\", \"-c\"]\nARG --required X\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM a:1\nHEALTHCHECK CONNECT TCP 7000\n");
        fires(&RULE, "FROM a:1\nSHELL /bin/bash -c\n");
        fires(&RULE, "FROM a:1\nONBUILD RUNN x\n");
        silent(&RULE, "FROM a:1\nCOPY <<EOF /etc/x\nhi\nEOF\n");
    }
}
