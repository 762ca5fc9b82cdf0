//! DW4004: a password written inside a URL (`scheme://user:password@host`).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::shared::secrets::{find_tokens, find_url_credentials};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::span::Span;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW4004",
    name: "url-credentials",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("A password is written inside a URL"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a URL that carries a password in its user part (`postgres://app:s3cret@db/app`, \
            `https://deploy:token@git.example.com/...`, `redis://:s3cret@cache`) in any instruction: ENV and ARG \
            values, a `git clone` or `curl` in RUN, a LABEL. A password that is a variable (`${DB_PASSWORD}`) is \
            fine; a `${DB_PASSWORD:-fallback}` is judged by its fallback, which is what the build uses when the \
            variable is not set.",
        why: "Connection strings are where passwords hide from name-based checks: the variable is called \
            `DATABASE_URL`, not `PASSWORD`. In a Dockerfile the URL lands in the image (ENV in its configuration, \
            ARG and RUN in its history) and in the repository, readable by everyone who can pull or clone.",
        bad: "FROM python:3.12-slim\nENV DATABASE_URL=postgres://app:s3cr3t-Pa55@db:5432/app\n",
        good: "FROM python:3.12-slim\nENV DATABASE_URL=postgres://app@db:5432/app\n",
        fix: "Keep the password out of the URL: give it to the app at runtime as a secret (a file under \
            `/run/secrets/`, or the client's own password variable such as `PGPASSWORD`) and build the URL at \
            startup. For a clone or download during the build, use `RUN --mount=type=secret,id=...`. If the \
            password was real, change it: it is in the history now.",
    },
    quiz: quiz! {
        question: "`ENV DATABASE_URL=postgres://app:s3cret@db/app` sits in a Dockerfile. Why do name-based secret \
            checks often miss it?",
        choices: &[
            Choice {
                text: "Its name says URL, not password",
                correct: true,
                feedback: "Name-based checks look for PASSWORD, SECRET or TOKEN in the variable's name. Only the \
                    value's shape, `user:password@`, gives this one away.",
            },
            Choice {
                text: "Docker encrypts ENV values",
                correct: false,
                feedback: "It does not: `docker inspect` shows the whole URL, password included.",
            },
            Choice {
                text: "Database URLs cannot carry passwords",
                correct: false,
                feedback: "`user:password@host` is the standard way to put one in a URL, and drivers read it.",
            },
            Choice {
                text: "Docker masks the password as `***` in the image",
                correct: false,
                feedback: "ENV values are stored and shown exactly as written; nothing is masked.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CKV_SECRET_4"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_BUILD_SECRETS, &sources::CIS_SECRETS],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let instrs = cx.instructions();
    // a token used as the password is DW4002's finding (it names the token)
    let tokens = find_tokens(cx.source);
    for c in find_url_credentials(cx.source) {
        let span = Span::from_usize(c.start, c.end);
        // only text inside an instruction ships; comments do not
        let i = instrs.partition_point(|i| i.span.start <= span.start);
        let inside = i > 0 && instrs[i - 1].span.contains(span.start);
        if !inside
            || cx.df.comments.iter().any(|k| k.span.contains(span.start))
            || tokens.iter().any(|t| t.start < c.end && c.start < t.end)
        {
            continue;
        }
        let how = if c.fallback {
            " as the fallback of a `${...}` reference"
        } else {
            ""
        };
        out.report(
            span,
            format!(
                "a `{}://` URL carries a password{how}: it ships with the image; pass it as a secret at runtime",
                c.scheme
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(
                &RULE,
                "FROM a:1\nENV DATABASE_URL=postgres://app:hunter22@db:5432/app\n"
            ),
            ["hunter22"]
        );
        assert_eq!(
            spans(
                &RULE,
                "FROM a:1\nARG REPO=https://deploy:s3cret@git.example.com/app.git\n"
            ),
            ["s3cret"]
        );
        assert_eq!(
            spans(&RULE, "FROM a:1\nRUN redis-cli -u redis://:hunter2@cache:6379 ping\n"),
            ["hunter2"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\n",
        );
        silent(
            &RULE,
            "FROM a:1\nRUN curl -fsSL https://example.com/install.sh -o /tmp/i.sh\n",
        );
    }

    #[test]
    fn edge() {
        // the fallback ships when the build argument is not given
        assert_eq!(
            spans(
                &RULE,
                "FROM a:1\nARG DB_PASSWORD\nENV DATABASE_URL=postgres://app:${DB_PASSWORD:-changeme}@db/app\n"
            ),
            ["changeme"]
        );
        silent(
            &RULE,
            "FROM a:1\nENV DATABASE_URL=postgres://app:${DB_PASSWORD:-}@db/app\n",
        );
        // comments do not ship; a token as the password is DW4002's
        silent(&RULE, "FROM a:1\n# e.g. postgres://app:hunter22@db/app\n");
        silent(
            &RULE,
            "FROM a:1\nRUN git clone https://x:ghp_R9dQ2mVx7LkP0aZt4WcN8sEy1HbJ6uF3oGiT@github.com/o/r\n",
        );
        // the message never prints the password
        let f = run(&RULE, "FROM a:1\nENV U=amqp://u:topsecret@mq\n");
        assert!(!f[0].message.contains("topsecret"), "{}", f[0].message);
    }
}
