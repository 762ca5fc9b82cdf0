//! SC2016: an expansion inside single quotes in RUN is never expanded.

use super::helpers::shell::for_each_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::{parts, Command, ShWord};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2016",
    name: "expansion-in-single-quotes",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("`$name` inside single quotes in RUN stays literal"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags single-quoted text in a RUN that looks like an expansion (`$name`, `${...}`, `$(...)` or a \
            backtick pair). Programs that take their own `$` syntax in quotes are skipped: shells run with `-c` \
            and `eval`, `trap`, `ssh`, `sudo`, `docker`, awk, perl, jq and similar, and `sed` scripts whose `$` \
            is sed's own (`$d`, `$p`, `$a`).",
        why: "Single quotes keep every character as written: `echo 'home is $HOME'` prints `$HOME`, not the \
            directory. In a Dockerfile this often writes a config file with a literal `$VERSION` in it, and the \
            build succeeds. When the literal `$` is meant (a repository URL with yum's `$basearch`), it is worth \
            saying so.",
        bad: "FROM alpine:3.20\n\
            ARG VERSION=1.2.3\n\
            RUN echo 'version=$VERSION' > /etc/app.conf\n",
        good: "FROM alpine:3.20\n\
            ARG VERSION=1.2.3\n\
            RUN echo \"version=$VERSION\" > /etc/app.conf\n",
        fix: "Use double quotes where the value should be expanded (`\"version=$VERSION\"`). Where the `$` is for \
            another program (yum's `$basearch`, a template), keep the single quotes and add `# hadolint \
            ignore=SC2016` on the line before the RUN.",
    },
    quiz: quiz! {
        question: "`ARG V=2` then `RUN echo 'v=$V' > /etc/app.conf`: what does the file hold?",
        choices: &[
            Choice {
                text: "`v=$V`: single quotes stop the expansion",
                correct: true,
                feedback: "Nothing inside single quotes is expanded; double quotes would give `v=2`.",
            },
            Choice {
                text: "`v=2`: ARG values are substituted into RUN before the shell runs",
                correct: false,
                feedback: "Docker does not expand variables in RUN's shell form; the shell does, and not in \
                    single quotes.",
            },
            Choice {
                text: "`v=`: the shell expands `$V` to nothing because ARG is not exported",
                correct: false,
                feedback: "ARG values are in RUN's environment, but here the quotes stop any expansion.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_RUN,
        &sources::POSIX_SHELL,
        &Source {
            title: text!("ShellCheck wiki: SC2016"),
            url: text!("https://www.shellcheck.net/wiki/SC2016"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Programs whose single-quoted arguments use `$` for themselves (scripts,
/// remote commands, templates).
const OWN_DOLLAR: &[&str] = &[
    "trap",
    "sh",
    "bash",
    "ksh",
    "zsh",
    "dash",
    "ash",
    "ssh",
    "eval",
    "xprop",
    "alias",
    "sudo",
    "doas",
    "docker",
    "podman",
    "dpkg-query",
    "jq",
    "yq",
    "rename",
    "rg",
    "unset",
    "envsubst",
    "su",
    "runuser",
    "find",
    "xargs",
    "expect",
    "python",
    "python3",
    "ruby",
    "node",
    "php",
    "git",
];

/// Does the text look like an expansion: `$` then a name, a digit, `{` or
/// `(`, or a backtick pair?
fn looks_expanded(text: &str) -> bool {
    let b = text.as_bytes();
    let dollar = b
        .windows(2)
        .any(|w| w[0] == b'$' && (w[1] == b'{' || w[1] == b'(' || w[1] == b'_' || w[1].is_ascii_alphanumeric()));
    dollar || text.split('`').count() > 2 && text.split('`').nth(1).is_some_and(|s| !s.is_empty())
}

/// A sed script whose `$` is sed's (the last line: `$d`, `$p`, `${`, `$a`...).
fn sed_own_dollar(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'$' && b"{dpsaic".contains(&w[1]) && b.get(i + 2).is_none_or(|c| !c.is_ascii_alphabetic())
    })
}

fn exempt(c: &Command) -> bool {
    let Some(name) = c.name() else { return false };
    OWN_DOLLAR.contains(&name)
        || name.ends_with("awk")
        || name.starts_with("perl")
        || c.words
            .iter()
            .any(|w| OWN_DOLLAR.contains(&w.value.rsplit('/').next().unwrap_or("")))
}

fn flagged<'w>(words: impl Iterator<Item = &'w ShWord<'w>>, sed: bool) -> Option<&'w ShWord<'w>> {
    words.into_iter().find(|w| {
        w.raw.contains('\'')
            && parts(w.raw)
                .single_quoted
                .iter()
                .any(|q| looks_expanded(q.text) && !(sed && sed_own_dollar(q.text)))
    })
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in &run.script.commands {
            if !c.assignments.iter().chain(&c.words).any(|w| w.raw.contains('\'')) {
                continue;
            }
            let commonly_quoted = |w: &&ShWord| {
                ["PS1=", "PS2=", "PS3=", "PS4=", "PROMPT_COMMAND="]
                    .iter()
                    .any(|p| w.raw.starts_with(p))
            };
            let found = if exempt(c) {
                flagged(c.assignments.iter().filter(|w| !commonly_quoted(w)), false)
            } else {
                let sed = c.name() == Some("sed");
                flagged(c.assignments.iter().filter(|w| !commonly_quoted(w)), false)
                    .or_else(|| flagged(c.words.iter(), sed))
            };
            if let Some(w) = found {
                out.push(Diagnostic::new(
                    w.span,
                    "this `$` is inside single quotes, so it is not expanded: use double quotes if it should be",
                ));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nRUN echo 'v=$V' > /etc/x\n"), ["'v=$V'"]);
        fires(
            &RULE,
            "FROM a:1\nRUN echo 'baseurl=https://r/el/9/$basearch/' | tee /x.repo\n",
        );
        fires(&RULE, "FROM a:1\nRUN echo 'now: `date`'\n");
        fires(&RULE, "FROM a:1\nRUN x='${HOME}/bin'\n");
        fires(&RULE, "FROM a:1\nRUN sed -i 's/x/$HOME/' /f\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN echo \"v=$V\"\n");
        // programs with their own `$`
        silent(
            &RULE,
            "FROM a:1\nRUN awk '{print $1}' /f; sh -c 'echo $HOME'; su app -c 'cd $HOME'; perl -pe 's/$x//'; jq '.a | $x'\n",
        );
        // sed's own `$`, prices, lone dollars
        silent(
            &RULE,
            "FROM a:1\nRUN sed -i '$d' /f; sed -n '$p' /f; echo 'costs 5$' '$ 1'\n",
        );
        silent(&RULE, "FROM a:1\nRUN PS1='$PWD> ' bash\n");
    }
}
