//! DW1020: a script downloaded and run in one go (`curl ... | sh`).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
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
        why: "Whatever the server returns at build time runs as root in your build, unreviewed: a compromised site, a \
            hijacked domain or a truncated download (the shell runs half a script) goes straight into the image. \
            There is no record of what was executed.",
        bad: "FROM debian:12-slim\nRUN curl -fsSL https://get.example.com/install.sh | sh\n",
        good: "FROM debian:12-slim\n\
            RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\\n && echo \"3f9c2ab1e4d7c8b05a6f2e91d0c4b7a8e5f6d30153a1e7c2b9d4f80a6e1c3b57  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh && rm /tmp/install.sh\n",
        fix: "Download to a file, verify its checksum (or signature), then run it; better, install a pinned package \
            or copy the released binary with `ADD --checksum=sha256:... <url>`.",
    },
    quiz: quiz! {
        question: "What is the main risk of `curl https://x/install.sh | sh` in a Dockerfile?",
        choices: &[
            Choice {
                text: "Unverified code from the network runs as root in the build",
                correct: true,
                feedback: "Right: verify a checksum first, or avoid install scripts.",
            },
            Choice {
                text: "It is slower than downloading first",
                correct: false,
                feedback: "Speed is not the issue.",
            },
            Choice {
                text: "sh cannot read from a pipe",
                correct: false,
                feedback: "It can, which is the problem.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::CIS_DOCKER],
    concern: None,
    fixes: Fixes::No,
};

/// Where `{opener}{program} ` first occurs in `text` (`$(curl `), for one of
/// the openers: the offset of the opener.
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
        let fetches = script
            .commands
            .iter()
            .any(|c| c.name().is_some_and(|n| FETCHERS.contains(&n)));
        let next_runner = if fetches { next_runners(script) } else { Vec::new() };
        for (k, c) in script.commands.iter().enumerate() {
            if c.name().is_some_and(|n| FETCHERS.contains(&n)) {
                if let Some(runner) = next_runner
                    .get(k)
                    .copied()
                    .flatten()
                    .and_then(|j| script.commands.get(j))
                {
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
