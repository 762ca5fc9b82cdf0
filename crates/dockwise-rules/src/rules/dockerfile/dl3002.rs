//! DL3002: the final image explicitly switches to root and stays there.

use super::helpers::fixes::{insert_user, keyword, new_user};
use super::helpers::is_root_user;
use crate::diagnostics::{Diagnostic, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3002",
    name: "root-user",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("The last USER of the final stage is root"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a final stage whose last USER is `root` or uid `0` (with or without a group). Only the stage \
            that becomes the image counts: builder stages may use root freely.",
        why: "Containers share the host's kernel, and unless user namespaces are remapped, root in a container is uid \
            0 on the host too. An attacker who takes over an app running as root can change anything in the \
            container, and starts any kernel exploit or container escape as root. Running as an unprivileged user \
            limits what an attacker gets.",
        bad: "FROM debian:12-slim\n\
            RUN useradd --uid 10001 app\n\
            USER app\n\
            COPY app/ /app/\n\
            USER root\n\
            RUN chown -R app /app\n",
        good: "FROM debian:12-slim\n\
            RUN useradd --uid 10001 app\n\
            COPY --chown=app app/ /app/\n\
            USER app\n",
        fix: "Do the steps that need root (package installs, chown) first, then end the stage with `USER <name or \
            uid>` of an unprivileged user. Prefer a numeric uid (`USER 10001`) so orchestrators can verify it is not \
            root.",
    },
    quiz: quiz! {
        question: "A Dockerfile switches to `USER root` near the end to fix permissions and never switches back. What \
            is the effect?",
        choices: &[
            Choice {
                text: "CMD and ENTRYPOINT run as root by default",
                correct: true,
                feedback: "The last USER of the final stage is the image's default user, so CMD and ENTRYPOINT run as \
                    root and a compromised app is root in the container.",
            },
            Choice {
                text: "None: USER only applies to RUN steps",
                correct: false,
                feedback: "USER also sets the default user of the image, the one CMD and ENTRYPOINT run as.",
            },
            Choice {
                text: "Docker refuses to run it without --privileged",
                correct: false,
                feedback: "Root is Docker's default user. `--privileged` is a different setting that grants far more \
                    than root.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::CIS_CREATE_USER, &sources::DOCKER_BEST_PRACTICES_USER],
    concern: Some(&sources::ROOT_USER),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let Some(stage) = cx.final_stage() else { return };
    let Some((at, user)) = cx.last_in_lineage(stage, Kind::User) else {
        return;
    };
    if let Some(w) = user.text() {
        if is_root_user(&w.value) {
            // back to the unprivileged user of an earlier USER, or a new one
            let earlier = cx
                .lineage(stage)
                .iter()
                .flat_map(|s| cx.body(s))
                .filter(|&(i, ins)| i < at && ins.kind == Kind::User)
                .filter_map(|(i, ins)| Some((i, ins.text()?)))
                .filter(|(_, u)| !is_root_user(&u.value) && !u.value.contains('$'))
                .max_by_key(|&(i, _)| i);
            let (title, lines) = match earlier {
                Some((_, u)) => (
                    format!("switch back to USER {}", u.value),
                    format!("{} {}\n", keyword(cx, "USER"), u.raw),
                ),
                None => ("add USER 10001".to_string(), new_user(cx, stage)),
            };
            let fix = || Fix::unsafe_(title.as_str(), vec![insert_user(cx, stage, &lines)]);
            out.push(
                Diagnostic::new(
                    w.span,
                    format!(
                        "the image ends as `{}`: switch to an unprivileged user after the steps that need root",
                        w.value
                    ),
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
        assert_eq!(spans(&RULE, "FROM alpine:3.20\nUSER root\n"), ["root"]);
        assert_eq!(spans(&RULE, "FROM alpine:3.20\nUSER app\nUSER 0:0\n"), ["0:0"]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM alpine:3.20\nUSER root\nRUN apk add --no-cache tini\nUSER 10001\n",
        );
        silent(&RULE, "FROM alpine:3.20\n");
    }

    #[test]
    fn edge() {
        // a builder stage running as root is not the image
        silent(
            &RULE,
            "FROM golang:1.22 AS build\nUSER root\nFROM alpine:3.20\nUSER 10001\n",
        );
        // the final stage inherits USER root from the stage it is built on
        fires(&RULE, "FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN true\n");
        // `rootless` is not root
        silent(&RULE, "FROM alpine:3.20\nUSER rootless\n");
    }

    #[test]
    fn fix() {
        // back to the user of the earlier USER, after the steps that need root
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM debian:12-slim\nRUN useradd --uid 10001 app\nUSER app\nRUN id\nUSER root\nRUN apt-get purge -y x\nCMD [\"x\"]\n"
            ),
            "FROM debian:12-slim\nRUN useradd --uid 10001 app\nUSER app\nRUN id\nUSER root\nRUN apt-get purge -y x\n\
             USER app\nCMD [\"x\"]\n"
        );
        // no earlier user: a new one
        assert_eq!(
            fix_converges(&RULE, "FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN true\n"),
            "FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN true\nRUN adduser -D -H -u 10001 app\nUSER 10001\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM alpine:3.20\nUSER 0:0\nCMD [\"x\"]\n"),
            "FROM alpine:3.20\nUSER 0:0\nRUN adduser -D -H -u 10001 app\nUSER 10001\nCMD [\"x\"]\n"
        );
    }
}
