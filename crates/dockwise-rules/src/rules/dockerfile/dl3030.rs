//! DL3030: `yum install` without `-y`.

use super::helpers::missing_yes;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3030",
    name: "yum-yes",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`yum install` without `-y`"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `yum install`, `groupinstall` and `localinstall` without `-y` or `--assumeyes`.",
        why: "A build cannot answer yum's \"Is this ok\" prompt: without `-y` yum reads no answer, aborts and the \
            build fails.",
        bad: "FROM rockylinux:9\nRUN yum install httpd-2.4.57 && yum clean all\n",
        good: "FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && yum clean all\n",
        fix: "Add `-y` to every yum install.",
    },
    quiz: quiz! {
        question: "What happens to `yum install httpd` without `-y` during `docker build`?",
        choices: &[
            Choice {
                text: "yum finds no answer at its prompt, aborts, and the build fails",
                correct: true,
                feedback: "A RUN step has no input, so yum gets no \"y\" and stops.",
            },
            Choice {
                text: "It waits for input until the build times out",
                correct: false,
                feedback: "A RUN step gives yum no input to wait for: it reads none at its prompt and aborts at once.",
            },
            Choice {
                text: "It installs: yum defaults to yes without a terminal",
                correct: false,
                feedback: "yum's default answer is no; only `-y` (`--assumeyes`) says yes.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_APT_YES,
        &Source {
            title: text!("hadolint wiki: DL3030 (use the -y switch with yum)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3030"),
        },
        &sources::DNF_ASSUMEYES,
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    missing_yes(
        cx,
        out,
        &["yum"],
        &["install", "groupinstall", "localinstall"],
        &["-y", "--assumeyes"],
        "`yum install` without `-y` stops at the prompt: add `-y`",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM r:1\nRUN yum install httpd\n"), ["yum install httpd"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM r:1\nRUN yum install -y httpd\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM r:1\nRUN yum groupinstall \"Development Tools\"\n");
        silent(&RULE, "FROM r:1\nRUN yum --assumeyes localinstall x.rpm\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM r:1\nRUN yum install httpd && yum clean all\n"),
            "FROM r:1\nRUN yum install -y httpd && yum clean all\n"
        );
    }
}
