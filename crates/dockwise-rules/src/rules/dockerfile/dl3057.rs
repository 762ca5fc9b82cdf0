//! DL3057: a stage without HEALTHCHECK (off by default, as in hadolint).

use super::helpers::fixes::{healthcheck_placeholder, Keywords};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
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
        why: "A health check marks a running-but-broken container as unhealthy. `docker ps` shows it, Compose can \
            wait for it (`depends_on: condition: service_healthy`) and Swarm replaces unhealthy tasks; plain Docker \
            and Compose do not restart an unhealthy container themselves, and Kubernetes ignores HEALTHCHECK. Teams \
            that want every image to declare one can enforce it with this rule.",
        bad: "FROM nginx:1.27\nEXPOSE 80\n",
        good: "FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD [\"curl\", \"-fsS\", \"http://localhost/\"]\n",
        fix: "Add a HEALTHCHECK that fails when the app cannot do its job, or `HEALTHCHECK NONE` to state that there \
            is none on purpose.",
    },
    quiz: quiz! {
        question: "Which statement about HEALTHCHECK is true?",
        choices: &[
            Choice {
                text: "It runs a command in the container and sets a health status",
                correct: true,
                feedback: "At each interval the command's exit code marks the container healthy or unhealthy.",
            },
            Choice {
                text: "With `--restart=always`, Docker restarts the container when it turns unhealthy",
                correct: false,
                feedback: "Restart policies act only when the process exits; an unhealthy container keeps running.",
            },
            Choice {
                text: "Kubernetes runs it as the container's liveness probe",
                correct: false,
                feedback: "Kubernetes ignores HEALTHCHECK and uses its own probes.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::DOCKER_HEALTHCHECK, &sources::CIS_HEALTHCHECK],
    concern: Some(&sources::HEALTH),
    fixes: Fixes::Unsafe,
    scope: Scope::File,
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
