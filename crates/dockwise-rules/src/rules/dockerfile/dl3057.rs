//! DL3057: a stage without HEALTHCHECK (off by default, as in hadolint).

use super::helpers::fixes::{healthcheck_placeholder, Keywords};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3057",
    name: "healthcheck-every-stage",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("A stage has no HEALTHCHECK"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags every stage that has no HEALTHCHECK, its own or inherited from a stage it is built on. Off by \
            default, like in hadolint; turn it on in the config. DW1002 is the focused version that is on: only the \
            final stage, and only when it serves.",
        why: "A health check lets Docker and Compose tell a running-but-broken container from a working one, and \
            restart or stop routing to it. Teams that want every image to declare one can enforce it with this rule.",
        bad: "FROM nginx:1.27\nEXPOSE 80\n",
        good: "FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD [\"curl\", \"-fsS\", \"http://localhost/\"]\n",
        fix: "Add a HEALTHCHECK that fails when the app cannot do its job, or `HEALTHCHECK NONE` to state that there \
            is none on purpose.",
    },
    quiz: quiz! {
        question: "Which statement about HEALTHCHECK is true?",
        choices: &[
            Choice {
                text: "It runs inside the container at intervals and marks it healthy or unhealthy",
                correct: true,
                feedback: "Right: the exit code of the check command decides.",
            },
            Choice {
                text: "Kubernetes uses it as the liveness probe",
                correct: false,
                feedback: "Kubernetes ignores HEALTHCHECK and uses its own probes.",
            },
            Choice {
                text: "It runs once, at build time",
                correct: false,
                feedback: "It runs while the container is running.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::HADOLINT_BEST_PRACTICES],
    concern: None,
    fixes: Fixes::Unsafe,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let keywords = Keywords::default();
    for stage in &cx.stages {
        if cx.last_in_lineage(stage, Kind::Healthcheck).is_none() {
            out.push(
                Diagnostic::new(cx.from_of(stage).keyword_span, "this stage has no HEALTHCHECK")
                    .with_fix(|| healthcheck_placeholder(cx, stage, &keywords)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(run(&RULE, "FROM a:1\nFROM b:1\n").len(), 2);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nHEALTHCHECK NONE\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1 AS x\nHEALTHCHECK CMD [\"x\"]\nFROM x\n");
        // off unless enabled
        let r = crate::lint("FROM a:1\n", &Default::default());
        assert!(r.findings.iter().all(|f| f.rule.id != "DL3057"));
    }

    #[test]
    fn fix() {
        // the image's stages get the placeholder, a builder HEALTHCHECK NONE
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM a:1 AS build\nRUN make\nFROM b:1\nCOPY --from=build /x /x\nCMD [\"/x\"]\n"
            ),
            "FROM a:1 AS build\nRUN make\nHEALTHCHECK NONE\nFROM b:1\nCOPY --from=build /x /x\n\
             # TODO: a command that fails when the app cannot serve\nHEALTHCHECK CMD [\"/bin/app\", \"healthcheck\"]\n\
             CMD [\"/x\"]\n"
        );
    }
}
