//! DW4003: private keys, credentials or `.env` files copied into the image.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW4003",
    name: "secret-file-copied",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("A file with secrets is copied into the image"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags COPY and ADD of files that usually hold secrets: `.env` files (not `.env.example`), SSH private \
            keys (`id_rsa`, `id_ed25519`...), `*.pem`, `*.key`, `*.p12`/`*.pfx`, `.npmrc`, `.pypirc`, `.netrc`, \
            `.git-credentials`, cloud credential files, and names containing `secret`, `credential`, `password`, \
            `token` or `api_key`.",
        why: "Anything copied into a layer stays in the image, even if a later RUN deletes it: the delete only hides \
            the file in a newer layer, and anyone who can pull the image can extract the older one (`docker save`).",
        bad: "FROM python:3.12-slim\nWORKDIR /app\nCOPY .env api_keys.txt ./\n",
        good: "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py ./\n",
        fix: "Keep secret files out of the build context (`.dockerignore`: `.env`, `*.pem`, `.npmrc`...). Provide \
            them at runtime as mounted secrets, or at build time with `RUN \
            --mount=type=secret,id=npmrc,target=/root/.npmrc`.",
    },
    quiz: quiz! {
        question: "`COPY id_rsa /root/.ssh/`, then `RUN git clone ... && rm /root/.ssh/id_rsa`. Is the key gone from \
            the image?",
        choices: &[
            Choice {
                text: "No: the COPY layer still holds it",
                correct: true,
                feedback: "Each instruction adds a layer and a later rm only hides the file. Use `RUN \
                    --mount=type=ssh` (or a secret mount) so the key never enters a layer.",
            },
            Choice {
                text: "Yes: rm deleted it before the image was saved",
                correct: false,
                feedback: "rm works in a new layer and only hides the file; the COPY layer below still contains it.",
            },
            Choice {
                text: "Yes: the rm is in the same RUN as the clone",
                correct: false,
                feedback: "Cleaning up in the same RUN helps only for files that RUN created; the key came in with \
                    an earlier COPY layer.",
            },
            Choice {
                text: "Yes, once the registry squashes the layers",
                correct: false,
                feedback: "Registries store the layers as pushed; they do not squash them.",
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

pub fn secret_file(path: &str) -> Option<&'static str> {
    let p = path.trim_matches(['"', '\'']).trim_end_matches('/');
    let name = p.rsplit('/').next().unwrap_or(p).to_ascii_lowercase();
    let safe_env = [".example", ".sample", ".template", ".dist", ".defaults"];
    if name == ".env"
        || (name.starts_with(".env.") && !safe_env.iter().any(|s| name.ends_with(s)))
        || name.ends_with(".env") && !name.contains('*')
    {
        return Some("an environment file with secrets");
    }
    if ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"].contains(&name.as_str()) || p.contains(".ssh") {
        return Some("an SSH private key");
    }
    for ext in [".pem", ".key", ".p12", ".pfx", ".jks", ".keystore"] {
        if name.ends_with(ext) {
            return Some("a private key or certificate store");
        }
    }
    if [
        ".npmrc",
        ".pypirc",
        ".netrc",
        ".git-credentials",
        ".dockercfg",
        "credentials.json",
        "service-account.json",
    ]
    .contains(&name.as_str())
        || p.contains(".aws/credentials")
        || p.ends_with(".docker/config.json")
    {
        return Some("a credentials file");
    }
    if [
        "secret",
        "credential",
        "password",
        "passwd",
        "token",
        "api_key",
        "apikey",
    ]
    .iter()
    .any(|w| name.contains(w))
    {
        return Some("a file named like a secret");
    }
    None
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        if !matches!(ins.kind, Kind::Copy | Kind::Add) || ins.flag("from").is_some() {
            continue;
        }
        let words = ins.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        for w in sources {
            if let Some(kind) = secret_file(&w.value) {
                out.report(
                    w.span,
                    format!(
                        "`{}` looks like {kind}: it would be stored in the image for anyone to extract",
                        w.value
                    ),
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
            spans(&RULE, "FROM a:1\nCOPY .env config/tls.key app.py /app/\n"),
            [".env", "config/tls.key"]
        );
        fires(&RULE, "FROM a:1\nADD id_rsa /root/.ssh/id_rsa\n");
        fires(&RULE, "FROM a:1\nCOPY .npmrc ./\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nCOPY .env.example app.py /app/\nCOPY id_rsa.pub /x/\n");
    }

    #[test]
    fn edge() {
        // copying from another stage is not the build context
        silent(
            &RULE,
            "FROM a:1 AS b\nFROM a:1\nCOPY --from=b /certs/ca.pem /etc/ssl/\n",
        );
        fires(&RULE, "FROM a:1\nCOPY [\"secrets.yaml\", \"/app/\"]\n");
    }
}
