//! SC3040: `set -o pipefail` in a RUN run by /bin/sh, which may not have it.

use super::helpers::shell::for_each_sh_run;
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "SC3040",
    name: "sh-set-option",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`set -o pipefail` in a RUN run by /bin/sh, which may not have it"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `set -o OPTION` (and `set -eo OPTION`) for an option POSIX sh does not define, such as `pipefail`, in a RUN whose shell is POSIX sh.",
        why: "POSIX sh defines a fixed set of `set -o` options; `pipefail` was only added to the standard in 2024 and older shells lack it. Debian 12's dash stops the RUN with `set: Illegal option -o pipefail`; other shells accept it. Setting the shell explicitly makes the option mean the same on every base image.",
        bad: "FROM debian:12-slim\nRUN set -o pipefail && wget -qO- https://example.com/key.asc | gpg --dearmor > /usr/share/keyrings/x.gpg\n",
        good: "FROM debian:12-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -qO- https://example.com/key.asc | gpg --dearmor > /usr/share/keyrings/x.gpg\n",
        fix: "Set the shell and the option with SHELL: `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (`/bin/ash` on Alpine).",
    },
    quiz: quiz! {
        question: "On debian:12-slim, what does `RUN set -o pipefail && make` do?",
        choices: &[
            Choice {
                text: "It fails at `set`: dash, Debian 12's /bin/sh, has no pipefail option",
                correct: true,
                feedback: "Use SHELL with bash (and `-o pipefail`) to get the option reliably.",
            },
            Choice {
                text: "It turns on pipefail for the rest of the RUN",
                correct: false,
                feedback: "That is what bash or ash would do; dash rejects the option.",
            },
            Choice {
                text: "It is ignored: unknown options are skipped",
                correct: false,
                feedback: "dash reports an illegal option and `set` fails, so `&& make` never runs.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_SHELL,
        &sources::POSIX_SHELL,
        &Source {
            title: text!("ShellCheck wiki: SC3040"),
            url: text!("https://www.shellcheck.net/wiki/SC3040"),
        },
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const MESSAGE: &str = "this `set -o` option is not POSIX sh: set it with SHELL and bash instead";

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for_each_sh_run(cx, |run| {
        const POSIX: &[&str] = &[
            "allexport",
            "errexit",
            "ignoreeof",
            "monitor",
            "noclobber",
            "noglob",
            "noexec",
            "nolog",
            "notify",
            "nounset",
            "verbose",
            "vi",
            "xtrace",
        ];
        for c in run.script.commands.iter().filter(|c| c.name() == Some("set")) {
            let args = c.args();
            for pair in args.windows(2) {
                let flag = &*pair[0].value;
                let takes_option =
                    (flag.starts_with('-') || flag.starts_with('+')) && !flag.starts_with("--") && flag.ends_with('o');
                if takes_option && !POSIX.contains(&&*pair[1].value) {
                    out.push(Diagnostic::new(pair[0].span.cover(pair[1].span), MESSAGE));
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
        fires(&RULE, "FROM a:1\nRUN set -o pipefail && a | b\n");
        fires(&RULE, "FROM a:1\nRUN set -euxo pipefail; a | b\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN set -o errexit -o nounset\n");
        silent(&RULE, "FROM a:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN set -o pipefail\n");
    }
}
