//! SC2035: a glob starting with `*` in RUN can expand to an option.

use super::helpers::shell::{for_each_run, part_span};
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::parts;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC2035",
    name: "glob-as-option",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("A glob like `*.txt` in RUN can expand to a name that looks like an option"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags an argument that starts with an unquoted `*` or `?`, before any `--`, except for echo and \
            printf.",
        why: "The shell replaces `*.txt` with the matching names, and the command cannot tell them from options: a \
            file called `-rf.txt` or `--help` changes what `rm *.txt` or `chmod 644 *` does. Build contexts often \
            hold files nobody looked at closely.",
        bad: "FROM alpine:3.20\n\
            WORKDIR /app\n\
            COPY . .\n\
            RUN chmod 644 *.conf\n",
        good: "FROM alpine:3.20\n\
            WORKDIR /app\n\
            COPY . .\n\
            RUN chmod 644 ./*.conf\n",
        fix: "Start the glob with `./` (`./*.conf`), or end the options with `--` before it (`chmod 644 -- *.conf`). \
            The fix adds `./`; it is safe, as the same files are matched.",
    },
    quiz: quiz! {
        question: "A directory holds `a.log` and a file named `-rf.log`. What does `rm *.log` run?",
        choices: &[
            Choice {
                text: "`rm -rf.log a.log`: the first name is read as options",
                correct: true,
                feedback: "The glob expands before rm runs, and rm reads `-rf.log` as flags; `rm ./*.log` avoids it.",
            },
            Choice {
                text: "`rm` with both names as files, since the shell quotes them",
                correct: false,
                feedback: "Expanded names are not marked as file names; a leading `-` still reads as an option.",
            },
            Choice {
                text: "Nothing: globs never match names starting with `-`",
                correct: false,
                feedback: "Only names starting with `.` are hidden from `*`.",
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
            title: text!("ShellCheck wiki: SC2035"),
            url: text!("https://www.shellcheck.net/wiki/SC2035"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_run(cx, |run| {
        for c in &run.script.commands {
            if matches!(c.name(), None | Some("echo" | "printf" | "[" | "[[" | "test")) {
                continue;
            }
            for w in c.args().iter().take_while(|w| w.value != "--") {
                if !w.raw.starts_with(['*', '?']) || !parts(w.raw).starts_with_glob {
                    continue;
                }
                let part = part_span(w, 0, 0);
                out.push(
                    Diagnostic::new(
                        w.span,
                        format!("names matched by `{}` may start with `-`: write `./{}`", w.raw, w.raw),
                    )
                    .with_fix(|| {
                        let at = part?;
                        Fix::safe("prefix the glob with ./", vec![Edit::insert(at.start, "./")])
                    }),
                );
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
        assert_eq!(spans(&RULE, "FROM a:1\nRUN chmod 644 *.conf\n"), ["*.conf"]);
        fires(&RULE, "FROM a:1\nRUN rm -f ?.tmp\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nRUN chmod 644 ./*.conf; rm -- *.tmp; echo *; rm /tmp/*; cp '*' x\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN chmod 644 *.conf\n"),
            "FROM a:1\nRUN chmod 644 ./*.conf\n"
        );
    }
}
