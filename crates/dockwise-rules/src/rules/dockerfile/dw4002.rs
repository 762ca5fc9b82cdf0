//! DW4002: text shaped like a real credential (token, private key, JWT).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::rules::shared::secrets::find_tokens;
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::span::Span;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW4002",
    name: "hardcoded-credential",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("A credential is hard-coded in the file"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags text in any instruction that has the shape of a real credential, whatever the variable is \
            called: cloud and SaaS tokens (AWS key ids, GitHub, GitLab, Slack, Stripe, Google, npm, OpenAI...), \
            private keys and JSON Web Tokens. (A password inside a URL, `postgres://user:password@host`, is DW4004's \
            finding.)",
        why: "A credential in a Dockerfile ends up in the image and in the repository history, where it outlives any \
            later edit. Bots scan public repositories and registries for tokens of these shapes, so a leak can be \
            found and used quickly. Matching the value's shape catches what name-based checks miss: a token passed \
            on a `curl` line or written into a config file.",
        bad: "FROM alpine:3.20\n\
            RUN wget --header=\"Authorization: token ghp_R9dQ2mVx7LkP0aZt4WcN8sEy1HbJ6uF3oGiT\" https://example.com/pkg.tgz\n",
        good: "FROM alpine:3.20\n\
            RUN --mount=type=secret,id=gh_token \\\n    wget --header=\"Authorization: token $(cat /run/secrets/gh_token)\" https://example.com/pkg.tgz\n",
        fix: "Revoke the credential now: it has been exposed. Then pass it at build time with `RUN \
            --mount=type=secret,id=...` (`docker build --secret id=...,src=...`), or at runtime through the \
            orchestrator's secrets.",
    },
    quiz: quiz! {
        question: "You removed a leaked token from the Dockerfile in a new commit. Is it safe now?",
        choices: &[
            Choice {
                text: "No: it is still in old commits and images",
                correct: true,
                feedback: "Removing it does not un-leak it, and someone may have copied it already. Revoke and \
                    replace the credential, then fix the Dockerfile.",
            },
            Choice {
                text: "Yes, once the new commit is pushed",
                correct: false,
                feedback: "The old commit still holds the token, and so does every image built from it.",
            },
            Choice {
                text: "Yes, after rebuilding with `--no-cache`",
                correct: false,
                feedback: "New images are clean, but old images and the git history still hold the token.",
            },
            Choice {
                text: "Yes, after squashing the history and force-pushing",
                correct: false,
                feedback: "Clones, forks and pulled images keep it, and it may already have been copied; only \
                    revoking it ends the leak.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_BUILD_SECRETS, &sources::CIS_SECRETS],
    concern: Some(&sources::SECRETS),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let instrs = cx.instructions();
    for t in find_tokens(cx.source) {
        let span = Span::from_usize(t.start, t.end);
        // Only text inside an instruction ships; comments (also those inside
        // a continued instruction) do not.
        let i = instrs.partition_point(|i| i.span.start <= span.start);
        let inside = i > 0 && instrs[i - 1].span.contains(span.start);
        if !inside || cx.df.comments.iter().any(|c| c.span.contains(span.start)) {
            continue;
        }
        out.report(
            span,
            format!(
                "this looks like {}: remove it, revoke it, and pass it as a secret",
                t.kind
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
            spans(&RULE, "FROM a:1\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"),
            ["AKIAIOSFODNN7EXAMPLE"]
        );
        fires(
            &RULE,
            "FROM a:1\nCOPY <<EOF /root/.ssh/id_rsa\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\nEOF\n",
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
        // a comment is not shipped in the image
        silent(&RULE, "FROM a:1\n# token ghp_R9dQ2mVx7LkP0aZt4WcN8sEy1HbJ6uF3oGiT\n");
        silent(
            &RULE,
            "FROM a:1\nRUN echo one \\\n# ghp_R9dQ2mVx7LkP0aZt4WcN8sEy1HbJ6uF3oGiT\n  two\n",
        );
        fires(&RULE, "FROM a:1\nLABEL token=glpat-abcdefghij0123456789\n");
        // a password in a URL is DW4004's; a token used as one is still a token
        silent(
            &RULE,
            "FROM a:1\nENV DATABASE_URL=postgres://app:hunter22@db:5432/app\n",
        );
        assert_eq!(
            spans(
                &RULE,
                "FROM a:1\nRUN git clone https://x:ghp_R9dQ2mVx7LkP0aZt4WcN8sEy1HbJ6uF3oGiT@github.com/o/r\n"
            ),
            ["ghp_R9dQ2mVx7LkP0aZt4WcN8sEy1HbJ6uF3oGiT"]
        );
    }
}
