//! SC2086: an unquoted variable in a RUN command is split and globbed.

use super::helpers::shell::{for_each_run, part_span, Spaceful, DECLARATIONS};
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::{parts, ExpansionKind, ShWord};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2086",
    name: "unquoted-variable",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("An unquoted variable in RUN is split into words and globbed"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `$name` or `${name}` outside double quotes in a RUN command's arguments, when the variable may \
            hold spaces or glob characters: the script gives it a command's output, a value with a space or a \
            `*`, or nothing sets it at all. Variables set by ENV or ARG, or set in the script to a plain word, are \
            taken to be one word (as hadolint tells ShellCheck). Assignments, `[[ ]]` and `for` lists are not \
            flagged: no splitting happens there, or it is the point.",
        why: "The shell splits the value of an unquoted expansion at spaces, tabs and newlines and then expands \
            any `*`, `?` or `[` in the pieces as file names. `rm -rf $dir` with `dir=\"/opt/my app\"` removes \
            `/opt/my` and `./app`; an empty value disappears and shifts every later argument. Inside double \
            quotes the value stays one argument, whatever it holds.",
        bad: "FROM alpine:3.20\n\
            RUN dir=\"$(mktemp -d)\" && cp -r /etc/ssl $dir\n",
        good: "FROM alpine:3.20\n\
            RUN dir=\"$(mktemp -d)\" && cp -r /etc/ssl \"$dir\"\n",
        fix: "Put double quotes around the expansion: `\"$dir\"`, `--prefix=\"$dir\"`. Where the splitting is \
            meant (a list of packages in one variable), say so with a comment and `# hadolint ignore=SC2086` on \
            the line before the RUN, or keep the list in ENV/ARG, which this check trusts.",
    },
    quiz: quiz! {
        question: "`RUN out=\"$(mktemp -d)\"; tar -xf /tmp/a.tar -C $out`: what can go wrong with `$out`?",
        choices: &[
            Choice {
                text: "Unquoted, it is split at spaces and globbed, so an odd path becomes several arguments",
                correct: true,
                feedback: "An unquoted expansion is split into words and each word expanded as a file pattern; \
                    `\"$out\"` keeps it one argument.",
            },
            Choice {
                text: "Nothing: a variable set in the same RUN is always one word",
                correct: false,
                feedback: "Where a variable was set does not matter; quoting decides whether its value is split.",
            },
            Choice {
                text: "The shell leaves `$out` unexpanded because the value came from a substitution",
                correct: false,
                feedback: "The value is expanded; unquoted, it is also split and globbed.",
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
            title: text!("ShellCheck wiki: SC2086"),
            url: text!("https://www.shellcheck.net/wiki/SC2086"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        let spaceful = Spaceful::new(run.script, run.known);
        for c in &run.script.commands {
            let name = c.name();
            if name == Some("[[") {
                continue;
            }
            let declaration = name.is_some_and(|n| DECLARATIONS.contains(&n));
            for w in &c.words {
                if declaration && w.raw.contains('=') && !w.raw.starts_with(['$', '"', '\'']) {
                    continue;
                }
                if let Some(d) = finding(w, &spaceful) {
                    out.push(d);
                }
            }
        }
    });
}

/// The word's first unquoted expansion of a variable that may hold spaces.
fn finding(w: &ShWord, spaceful: &Spaceful) -> Option<Diagnostic> {
    if !w.raw.contains('$') {
        return None;
    }
    let p = parts(w.raw);
    let bad: Vec<_> = p
        .expansions
        .iter()
        .filter(|e| e.kind == ExpansionKind::Parameter && !e.quoted && !matches!(e.name, "@" | "*"))
        .filter(|e| spaceful.expansion(e))
        .collect();
    let first = bad.first()?;
    let message = format!(
        "`{}` is split into words and globbed: double-quote it (`\"{}\"`)",
        first.text, first.text
    );
    // the fix quotes each expansion, where the word is on one line
    Some(Diagnostic::new(w.span, message).with_fix(|| {
        let edits = bad
            .iter()
            .map(|e| part_span(w, e.offset, e.text.len()).map(|s| Edit::replace(s, format!("\"{}\"", e.text))))
            .collect::<Option<Vec<_>>>()?;
        Fix::unsafe_("double-quote the expansion", edits)
    }))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nRUN d=\"$(mktemp -d)\" && cp x $d\n"), ["$d"]);
        // nothing sets it: it may hold anything
        assert_eq!(spans(&RULE, "FROM a:1\nRUN rm -rf $UNSET/x\n"), ["$UNSET/x"]);
        // a value with a space, a read variable, a positional parameter
        fires(&RULE, "FROM a:1\nRUN p='a b'; echo $p\n");
        fires(&RULE, "FROM a:1\nRUN read -r line < /f; echo $line\n");
        fires(&RULE, "FROM a:1\nRUN set -- a b; echo ${1}\n");
        // spaceful through another variable, and through a default value
        fires(&RULE, "FROM a:1\nRUN a=\"$(ls)\"; b=$a; echo $b\n");
        fires(&RULE, "FROM a:1\nARG V\nRUN echo ${V:-$(date)}\n");
        // inside a substitution's command
        fires(&RULE, "FROM a:1\nRUN x=\"$(echo $UNSET)\"\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN d=\"$(mktemp -d)\" && cp x \"$d\"\n");
        // ENV and ARG are trusted to be one word
        silent(
            &RULE,
            "FROM a:1\nARG VERSION\nENV PKGS=\"a b\"\nRUN apk add $PKGS=$VERSION\n",
        );
        // plain words assigned in the script, numeric specials, lengths, arithmetic
        silent(&RULE, "FROM a:1\nRUN v=1.2; n=$(( 1 + 2 )); echo $v $n $? $# ${#v}\n");
        // assignments, [[ ]], for lists, declarations
        silent(
            &RULE,
            "FROM a:1\nRUN a=$UNSET; [[ -n $UNSET ]]; for f in $UNSET; do echo \"$f\"; done; export B=$UNSET\n",
        );
        // $@ and $* are other checks
        silent(&RULE, "FROM a:1\nRUN echo $@ $*\n");
        // single quotes, escaped dollars, heredoc bodies
        silent(&RULE, "FROM a:1\nRUN echo '$UNSET' \\$UNSET\n");
    }

    #[test]
    fn edge() {
        // a stage sees the ENV of the stage it builds on, not of others
        silent(&RULE, "FROM a:1 AS base\nENV D=/x\nFROM base\nRUN ls $D\n");
        fires(&RULE, "FROM a:1 AS base\nENV D=/x\nFROM a:1\nRUN ls $D\n");
        // a loop variable over plain words is one word
        silent(&RULE, "FROM a:1\nRUN for f in a b; do rm $f; done\n");
        fires(&RULE, "FROM a:1\nRUN for f in \"$(ls)\"; do rm $f; done\n");
        // not a POSIX shell: nothing to say
        silent(&RULE, "FROM a:1\nSHELL [\"pwsh\", \"-c\"]\nRUN echo $env:X\n");
        // one finding per word
        assert_eq!(spans(&RULE, "FROM a:1\nRUN cp $A$B /x\n").len(), 1);
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN d=\"$(mktemp -d)\" && cp x --to=$d/y ${d}\n"),
            "FROM a:1\nRUN d=\"$(mktemp -d)\" && cp x --to=\"$d\"/y \"${d}\"\n"
        );
        // a word broken by a line continuation: no fix offered
        let src = "FROM a:1\nRUN cp x $UN\\\nSET\n";
        assert!(run(&RULE, src)[0].fix.is_none());
    }
}
