//! DW1030: `ADD <url>` without a checksum.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1030",
    name: "add-url-checksum",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`ADD <url>` without `--checksum`"),
    tags: &[Tag::Security, Tag::Reliability],
    docs: docs! {
        what: "Flags ADD of an http(s) URL (not a git repository) without `--checksum=sha256:...`.",
        why: "Whatever the URL serves at build time goes into the image. If the file changes, because of a new \
            release under the same name or a compromised server, the image changes with it and nobody notices. A \
            checksum makes the build fail instead.",
        bad: "FROM alpine:3.20\nADD https://example.com/tool-1.2.3-linux-amd64 /usr/local/bin/tool\n",
        good: "FROM alpine:3.20\n\
            ADD --checksum=sha256:3f9c2ab1e4d7c8b05a6f2e91d0c4b7a8e5f6d30153a1e7c2b9d4f80a6e1c3b57 --chmod=755 https://example.com/tool-1.2.3-linux-amd64 /usr/local/bin/tool\n",
        fix: "Add `--checksum=sha256:<hash of the file>` (the project's release page usually lists it, or compute it \
            once with `sha256sum`).",
    },
    quiz: quiz! {
        question: "What does `ADD --checksum=sha256:... <url>` guarantee?",
        choices: &[
            Choice {
                text: "Only a file with that hash is accepted",
                correct: true,
                feedback: "BuildKit hashes what it downloaded and stops the build on a mismatch, so the file can no \
                    longer change silently.",
            },
            Choice {
                text: "The download is scanned for malware",
                correct: false,
                feedback: "Nothing inspects the content; it is only compared with the hash you wrote.",
            },
            Choice {
                text: "The URL's TLS certificate is pinned",
                correct: false,
                feedback: "The certificate is checked as for any HTTPS download; the checksum is about the bytes, \
                    whoever serves them.",
            },
            Choice {
                text: "The publisher's signature on the file is verified",
                correct: false,
                feedback: "A checksum proves the bytes are the ones you expected, not who made them; signatures need \
                    a separate step.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_REF_ADD_CHECKSUM],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx
        .instructions()
        .iter()
        .map(|i| i.effective())
        .filter(|i| i.kind == Kind::Add)
    {
        if ins.flag("checksum").is_some() {
            continue;
        }
        let words = ins.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        for w in sources {
            let v = w.value.to_ascii_lowercase();
            let http = v.starts_with("http://") || v.starts_with("https://");
            let git = v.ends_with(".git") || v.contains(".git#") || v.contains(".git?");
            if http && !git {
                out.report(w.span, "this download is not verified: add `--checksum=sha256:...`");
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
            spans(&RULE, "FROM a:1\nADD https://x/y.tgz /tmp/\n"),
            ["https://x/y.tgz"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nADD --checksum=sha256:abc https://x/y.tgz /tmp/\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM a:1\nADD https://github.com/o/r.git#v1 /src\nADD local.tgz /x/\n",
        );
    }
}
