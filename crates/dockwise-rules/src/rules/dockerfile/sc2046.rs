//! SC2046: an unquoted command substitution in a RUN command is split and globbed.

use super::helpers::shell::{for_each_run, DECLARATIONS};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::{parts, ExpansionKind};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2046",
    name: "unquoted-substitution",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("An unquoted `$(...)` in RUN is split into words and globbed"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `$(...)` or backticks outside double quotes in the arguments of a RUN command. Assignments, \
            `[[ ]]` and `for` lists are not flagged.",
        why: "The output of an unquoted substitution is split at every space, tab and newline, and each piece is \
            expanded as a file pattern. `chown app $(cat /owners)` turns one name with a space into two \
            arguments, and a `*` in the output lists the current directory. Sometimes the split is the point (a \
            list of packages from a command): then it should be deliberate, not an accident of quoting.",
        bad: "FROM debian:12-slim\n\
            RUN mkdir -p \"/opt/$(uname -m)\" && cp /etc/hosts /opt/$(uname -m)\n",
        good: "FROM debian:12-slim\n\
            RUN arch=\"$(uname -m)\" && mkdir -p \"/opt/$arch\" && cp /etc/hosts \"/opt/$arch\"\n",
        fix: "Double-quote the substitution (`\"$(uname -m)\"`), or store it in a variable first and quote that. \
            When the output is meant to become several arguments, say so: `# hadolint ignore=SC2046` on the line \
            before the RUN, with a comment on why.",
    },
    quiz: quiz! {
        question: "`RUN apk del $(apk info | grep -e '-dev$')`: what happens to the list of package names?",
        choices: &[
            Choice {
                text: "It is split at whitespace into separate arguments, and each one is also treated as a glob",
                correct: true,
                feedback: "Unquoted, the output is split into words and every word is pathname-expanded; here \
                    the split is wanted, so it deserves a deliberate ignore comment.",
            },
            Choice {
                text: "It is passed to apk as one argument holding every name",
                correct: false,
                feedback: "That is what double quotes would do; unquoted output is split.",
            },
            Choice {
                text: "The shell runs each name as a separate apk command",
                correct: false,
                feedback: "The names become arguments of one `apk del`, not separate commands.",
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
            title: text!("ShellCheck wiki: SC2046"),
            url: text!("https://www.shellcheck.net/wiki/SC2046"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in &run.script.commands {
            let name = c.name();
            if name == Some("[[") || name.is_some_and(|n| DECLARATIONS.contains(&n)) {
                continue;
            }
            // the program word itself is run, not split into arguments
            for w in c.args() {
                if !w.dynamic {
                    continue;
                }
                let p = parts(w.raw);
                if let Some(e) = p
                    .expansions
                    .iter()
                    .find(|e| !e.quoted && matches!(e.kind, ExpansionKind::Command | ExpansionKind::Backtick))
                {
                    let shown = if e.text.chars().count() > 40 {
                        format!("{}...", e.text.chars().take(37).collect::<String>())
                    } else {
                        e.text.to_string()
                    };
                    out.push(Diagnostic::new(
                        w.span,
                        format!("the output of `{shown}` is split into words and globbed: double-quote it"),
                    ));
                }
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
        assert_eq!(
            spans(&RULE, "FROM a:1\nRUN cp x /opt/$(uname -m)\n"),
            ["/opt/$(uname -m)"]
        );
        fires(&RULE, "FROM a:1\nRUN apk del `apk info | grep dev`\n");
        fires(&RULE, "FROM a:1\nRUN x=\"$(echo $(ls))\"\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN cp x \"/opt/$(uname -m)\"\n");
        // assignments, declarations, [[ ]], for lists, the program word
        silent(
            &RULE,
            "FROM a:1\nRUN a=$(ls); export B=$(ls); [[ -n $(ls) ]]; for f in $(ls); do :; done; $(which true)\n",
        );
        silent(&RULE, "FROM a:1\nRUN echo '$(ls)' \\$(ls) $((1 + 2))\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nSHELL [\"pwsh\", \"-c\"]\nRUN echo $(x)\n");
        // a long substitution is shortened in the message
        let f = run(
            &RULE,
            "FROM a:1\nRUN echo $(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)\n",
        );
        assert!(f[0].message.contains("..."), "{}", f[0].message);
    }
}
