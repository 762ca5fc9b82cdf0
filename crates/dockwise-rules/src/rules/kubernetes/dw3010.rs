//! DW3010: writable root filesystem.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::kubernetes::{ContainerKind, Manifests};
use dockwise_syntax::yaml::edit::{Editor, New, Place};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3010",
    name: "k8s-writable-root-fs",
    severity: Severity::Warning,
    kind: FileKind::Kubernetes,
    title: text!("Root filesystem is writable (`readOnlyRootFilesystem` not true)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a container without `securityContext.readOnlyRootFilesystem: true`. A patch fragment (a kustomize patch) is judged only on what it sets: the base it patches may hold the rest.",
        why: "A writable root filesystem lets an intruder download tools, modify the application or plant files, and \
            lets the app itself write state that disappears on restart. Read-only makes the image immutable at \
            runtime and forces writable paths to be declared.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    securityContext:\n      readOnlyRootFilesystem: true\n    volumeMounts:\n    - name: tmp\n      mountPath: /tmp\n  volumes:\n  - name: tmp\n    emptyDir: {}\n",
        fix: "Set `readOnlyRootFilesystem: true` and mount an `emptyDir` where the app must write (`/tmp`, caches); \
            keep real data on a volume.",
    },
    quiz: quiz! {
        question: "With `readOnlyRootFilesystem: true`, where can the app write temporary files?",
        choices: &[
            Choice {
                text: "In an `emptyDir` volume mounted at `/tmp`",
                correct: true,
                feedback: "A volume mounted over a path stays writable while the rest of the image is read-only; an \
                    emptyDir lives as long as the pod.",
            },
            Choice {
                text: "Nowhere: the whole container becomes read-only",
                correct: false,
                feedback: "Only the image's filesystem does; volumes mounted into it keep their own access mode.",
            },
            Choice {
                text: "Anywhere under `/var`, which is exempt",
                correct: false,
                feedback: "`/var` is part of the read-only root unless a volume is mounted there.",
            },
            Choice {
                text: "In `/tmp`, which the runtime keeps writable",
                correct: false,
                feedback: "Kubernetes adds no writable `/tmp` by itself; mount an emptyDir there.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[
        "no-read-only-root-fs",
        "container-security-context-readonlyrootfilesystem",
        "notReadOnlyRootFilesystem",
        "CKV_K8S_22",
    ],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &sources::K8S_SECURITY_CONTEXT,
        &Source {
            title: text!("Kubernetes docs: Volumes: emptyDir"),
            url: text!("https://kubernetes.io/docs/concepts/storage/volumes/#emptydir"),
        },
        &sources::CIS_READ_ONLY_ROOT,
    ],
    concern: Some(&sources::READ_ONLY_ROOT),
    fixes: Fixes::Unsafe,
    scope: Scope::Container,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let ed = Editor::new(m.text);
    for (o, _, c) in m.containers() {
        if c.kind == ContainerKind::Ephemeral {
            continue;
        }
        let fix = || {
            fixes::unsafe_(
                "set `readOnlyRootFilesystem: true`",
                ed.set_at(
                    c.node,
                    &["securityContext", "readOnlyRootFilesystem"],
                    &New::scalar("true"),
                    Place::First,
                ),
            )
        };
        match c.security("readOnlyRootFilesystem") {
            Some(v) if v.as_bool() == Some(true) => {}
            Some(v) => out.push(
                Diagnostic::new(
                    v.span,
                    format!("{} of {} has a writable root filesystem", c.label(), o.label()),
                )
                .with_fix(fix),
            ),
            None if o.fragment => {}
            None => out.push(
                Diagnostic::new(
                    c.anchor(),
                    format!(
                        "{} of {} has a writable root filesystem: set `readOnlyRootFilesystem: true`",
                        c.label(),
                        o.label()
                    ),
                )
                .with_fix(fix),
            ),
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
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n"
            ),
            ["a"]
        );
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {readOnlyRootFilesystem: false}\n"), ["false"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {readOnlyRootFilesystem: true}\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  ephemeralContainers:\n  - name: debug\n    image: x:1\n",
        );
        // a kustomize patch: what it leaves out may be in the base, what it sets counts
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {memory: 1Gi}}\n");
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        securityContext: {readOnlyRootFilesystem: false}\n");
    }

    #[test]
    fn fix() {
        // an anchored securityContext and its alias: editing one would edit both
        let shared = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: &sc\n      runAsNonRoot: true\n  - name: b\n    image: y:1\n    securityContext: *sc\n";
        let r = run(&RULE, shared);
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|f| f.fix.is_none()));
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n";
        assert_eq!(
            fixed(&RULE, pod),
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext:\n      readOnlyRootFilesystem: true\n    image: x:1\n",
            "near the top of the container: apart from the resources and probes added at its end"
        );
        fix_converges(
            &RULE,
            &format!("{pod}    securityContext:\n      readOnlyRootFilesystem: false\n  - name: b\n    image: y:1\n    securityContext:\n"),
        );
        assert!(run(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - {name: a, image: x:1}\n"
        )[0]
        .fix
        .is_none());
    }
}
