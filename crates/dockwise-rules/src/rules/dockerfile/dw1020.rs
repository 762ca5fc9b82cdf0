//! DW1020: a script downloaded and run in one go (`curl ... | sh`).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::Script;
use dockwise_syntax::FileKind;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "DW1020",
    name: "pipe-to-shell",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A downloaded script is piped straight into a shell"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `curl`/`wget` output piped into a shell or interpreter (`| sh`, `| bash`, `| python3`), and \
            shells running a downloaded script (`sh -c \"$(curl ...)\"`, `bash <(curl ...)`).",
        why: "Whatever the server returns at build time runs unreviewed, with the build's privileges (root unless a \
            USER says otherwise): a compromised site, a hijacked domain or a truncated download (the shell runs the \
            half it received) goes straight into the image, and nothing records what was executed.",
        bad: "FROM debian:12-slim\nRUN curl -fsSL https://get.example.com/install.sh | sh\n",
        good: "FROM debian:12-slim\n\
            RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\\n && echo \"3f9c2ab1e4d7c8b05a6f2e91d0c4b7a8e5f6d30153a1e7c2b9d4f80a6e1c3b57  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh && rm /tmp/install.sh\n",
        fix: "Download to a file, verify its checksum (or signature), then run it; better, install a pinned package \
            or copy the released binary with `ADD --checksum=sha256:... <url>`.",
    },
    quiz: quiz! {
        question: "`RUN curl -fsSL https://get.example.com/install.sh | sh`: what does HTTPS not protect you from?",
        choices: &[
            Choice {
                text: "What the server itself chooses to send",
                correct: true,
                feedback: "TLS proves you reached the right server and that nobody changed the bytes on the way; it \
                    says nothing about whether those bytes are the script you reviewed. A checksum does.",
            },
            Choice {
                text: "A proxy on the network rewriting the script",
                correct: false,
                feedback: "That is what TLS prevents, as long as certificate verification is on.",
            },
            Choice {
                text: "Someone reading the script",
                correct: false,
                feedback: "TLS encrypts the transfer; the risk is what the server sends, not who can read it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_REF_ADD_CHECKSUM, &sources::CIS_VERIFIED_PACKAGES],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Where `{opener}{program} ` first occurs in `text` (`$(curl `), for one of
/// the openers: the offset of the opener.
#[inline]
fn call_after(text: &str, openers: &[&str], program: &str) -> Option<usize> {
    text.match_indices(program).find_map(|(i, _)| {
        let opener = openers.iter().find(|o| text[..i].ends_with(*o))?;
        text[i + program.len()..].starts_with(' ').then(|| i - opener.len())
    })
}

const FETCHERS: &[&str] = &["curl", "wget"];
const RUNNERS: &[&str] = &[
    "sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "perl", "ruby", "node", "php",
];

/// For each command, the first runner after it in its pipeline (at its
/// depth): what `piped_into(c).find(runner)` answers, in one backward pass
/// instead of one pass per command (a pipeline of thousands of `curl`).
/// Only scripts that fetch need it: kept out of line.
#[cold]
fn next_runners(script: &Script) -> Vec<Option<usize>> {
    let mut next = vec![None; script.commands.len()];
    let mut latest: HashMap<(u32, u32), usize> = HashMap::new();
    for (k, c) in script.commands.iter().enumerate().rev() {
        next[k] = latest.get(&(c.pipeline, c.depth)).copied();
        if c.name().is_some_and(|n| RUNNERS.contains(&n)) {
            latest.insert((c.pipeline, c.depth), k);
        }
    }
    next
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, script) in cx.scripts(true) {
        // worked out at the first fetcher only
        let mut next_runner: Option<Vec<Option<usize>>> = None;
        for (k, c) in script.commands.iter().enumerate() {
            if c.name().is_some_and(|n| FETCHERS.contains(&n)) {
                let next = next_runner.get_or_insert_with(|| next_runners(script));
                if let Some(runner) = next.get(k).copied().flatten().and_then(|j| script.commands.get(j)) {
                    let span = c.program_span().cover(runner.program_span());
                    out.report(
                        span,
                        format!(
                            "a downloaded script goes straight into `{}`: download, verify a checksum, then run it",
                            runner.name().unwrap_or("sh")
                        ),
                    );
                }
            }
            if c.name().is_some_and(|n| RUNNERS.contains(&n)) {
                let fetched = c
                    .args()
                    .iter()
                    .any(|a| FETCHERS.iter().any(|f| call_after(a.raw, &["$(", "`"], f).is_some()));
                if fetched {
                    out.report(
                        c.program_span(),
                        "a shell runs a script fetched on the fly: download, verify a checksum, then run it",
                    );
                }
            }
        }
        // `bash <(curl ...)`: process substitution
        let ins = &cx.instructions()[i];
        let text = ins.span.text(cx.source);
        for f in FETCHERS {
            if let Some(at) = call_after(text, &["<("], f) {
                let start = ins.span.start as usize + at;
                out.report(
                    dockwise_syntax::span::Span::from_usize(start, start + 2 + f.len()),
                    "a shell runs a script fetched on the fly: download, verify a checksum, then run it",
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
            spans(&RULE, "FROM a:1\nRUN curl -fsSL https://x/i.sh | sudo bash -s -- -y\n"),
            ["curl -fsSL https://x/i.sh | sudo bash -s -- -y"]
        );
        fires(&RULE, "FROM a:1\nRUN sh -c \"$(wget -qO- https://x/i.sh)\"\n");
        fires(&RULE, "FROM a:1\nRUN bash <(curl -s https://x/i.sh)\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nRUN curl -fsSL https://x/a.tgz | tar -xz && curl -s https://x/k.asc | gpg --import\n",
        );
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM a:1\nRUN curl -o /tmp/i.sh https://x/i.sh && sh /tmp/i.sh\n",
        );
    }
}
