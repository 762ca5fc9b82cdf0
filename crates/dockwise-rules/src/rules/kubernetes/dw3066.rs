//! DW3066: a container whose user ID is below 10000 (opt-in).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::kubernetes::{ContainerKind, Manifests};
use dockwise_syntax::FileKind;

/// The lowest user ID taken to belong to no account of the node.
const HIGH_UID: i64 = 10000;

pub static RULE: Rule = Rule {
    id: "DW3066",
    name: "k8s-low-uid",
    severity: Severity::Info,
    kind: FileKind::Kubernetes,
    title: text!("Container runs with a user ID below 10000"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a container or init container whose `runAsUser` (its own, else the pod's) is not a number of \
            10000 or more, or is not set, as checkov's CKV_K8S_40 does. A pod with `hostUsers: false` is skipped: \
            its user IDs are mapped to unused ones on the node. Off by default: DW3007 already flags a container \
            that may run as root, and this is the stricter policy some teams add on top.",
        why: "Without a user namespace, the user ID in the container is the same number on the node. Low numbers are \
            the ones the node's own accounts and services use, so a process that escapes its container, or writes \
            to a volume the node shares, acts as whichever node account has that number. An ID of 10000 or more is \
            very unlikely to be anybody's on the node. Kubernetes' user namespaces make the same assumption the \
            other way round: they map pods to IDs above 65535 because the host keeps its own below.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 1000\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n    runAsGroup: 10001\n  containers:\n  - name: api\n    image: myapi:2.0.1\n",
        fix: "Set `runAsUser` to a number of 10000 or more in the pod's securityContext (containers inherit it), and \
            build the image with the same numeric `USER` so its files belong to that user. Where the nodes support \
            it, `hostUsers: false` maps the pod's users to unused IDs on the node whatever they are.",
    },
    quiz: quiz! {
        question: "A pod runs as user 1000 without a user namespace (`hostUsers` left at its default). Why might \
            that matter on the node?",
        choices: &[
            Choice {
                text: "User 1000 is often a real account on the node, and the container acts as it there",
                correct: true,
                feedback: "Without a user namespace the number is the same on both sides: files of the node's user \
                    1000 (often the first person's account) are the container's if it ever reaches them.",
            },
            Choice {
                text: "The kubelet refuses user IDs below 10000",
                correct: false,
                feedback: "Any non-negative ID is accepted; the threshold is a policy, not an API rule.",
            },
            Choice {
                text: "Low user IDs are root on the node",
                correct: false,
                feedback: "Only 0 is root; other low IDs are ordinary accounts and system services.",
            },
            Choice {
                text: "It makes the container share the node's PID namespace",
                correct: false,
                feedback: "Namespaces are chosen with `hostPID` and friends; the user ID decides only who the \
                    process is.",
            },
        ],
    },
    enabled_by_default: false,
    aliases: &["CKV_K8S_40"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &sources::K8S_SECURITY_CONTEXT,
        &Source {
            title: text!("Kubernetes docs: User Namespaces"),
            url: text!("https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/"),
        },
    ],
    concern: Some(&sources::ROOT_USER),
    fixes: Fixes::No,
    scope: Scope::Container,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p, c) in m.containers() {
        if c.kind == ContainerKind::Ephemeral || p.get("hostUsers").and_then(|h| h.as_bool()) == Some(false) {
            continue;
        }
        match p.effective(c, "runAsUser") {
            Some(u) if u.as_i64().is_some_and(|uid| uid >= HIGH_UID) => {}
            // written on the container: the finding sits on the value
            Some(u) if c.security("runAsUser").is_some() => out.report(
                u.span,
                format!(
                    "{} of {} runs as user {}: use an ID of {HIGH_UID} or more, which no account of the node has",
                    c.label(),
                    o.label(),
                    u.scalar_text().unwrap_or_default()
                ),
            ),
            // inherited from the pod: on the container, so each container is named once
            Some(u) => out.report(
                c.anchor(),
                format!(
                    "{} of {} runs as the pod's user {}: use an ID of {HIGH_UID} or more, which no account of the \
                     node has",
                    c.label(),
                    o.label(),
                    u.scalar_text().unwrap_or_default()
                ),
            ),
            None if o.fragment => {}
            None => out.report(
                c.anchor(),
                format!(
                    "{} of {} sets no `runAsUser`: the image's user runs, whatever its ID; set one of {HIGH_UID} or \
                     more",
                    c.label(),
                    o.label()
                ),
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
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext: {runAsUser: 1000}\n"), ["1000"]);
        assert_eq!(
            spans(
                &RULE,
                "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n"
            ),
            ["a"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {runAsUser: 10000}\n  containers:\n  - name: a\n    image: x:1\n");
    }

    #[test]
    fn edge() {
        // a private user namespace maps every ID to an unused one on the node
        silent(
            &RULE,
            "apiVersion: v1\nkind: Pod\nspec:\n  hostUsers: false\n  containers:\n  - name: a\n    image: x:1\n",
        );
        // the pod's low user, inherited by both containers, is named once per container
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {runAsUser: 33}\n  initContainers:\n  - name: i\n    image: x:1\n  containers:\n  - name: a\n    image: x:1\n"), ["i", "a"]);
        // a kustomize patch that sets no user: the base may
        silent(&RULE, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        resources: {limits: {memory: 1Gi}}\n");
    }

    /// checkov's own cases for CKV_K8S_40 (its example files, rebuilt in our
    /// words): seven pods fail, four pass.
    #[test]
    fn checkov_expectation() {
        let pod = |name: &str, body: &str| {
            format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n{body}")
        };
        let two = "  containers:\n  - {name: main, image: alpine}\n  - {name: main2, image: alpine}\n";
        let failing = [
            pod("f1", "  containers:\n  - {name: main, image: alpine}\n"),
            pod("f2", "  containers:\n  - {name: main, image: alpine, securityContext: {runAsUser: 0}}\n"),
            pod("f3", "  securityContext: {runAsUser: 11000}\n  containers:\n  - {name: main, image: alpine}\n  - {name: main2, image: alpine, securityContext: {runAsUser: 0}}\n"),
            pod("f4", &format!("  securityContext: {{runAsUser: 1000}}\n{two}")),
            pod("f5", &format!("  securityContext: {{runAsUser: username}}\n{two}")),
            // not a mapping: a plain scalar that spans two lines
            pod("f6", &format!("  securityContext:\n    runAsUser:65534\n    fsGroup:65534\n{two}")),
            pod("f7", "  hostUsers: true\n  containers:\n  - {name: main, image: alpine}\n"),
        ];
        let passing = [
            pod("p1", "  securityContext: {runAsUser: 10000}\n  containers:\n  - {name: main, image: alpine}\n"),
            pod("p2", "  securityContext: {runAsUser: 180}\n  containers:\n  - {name: main, image: alpine, securityContext: {runAsUser: 12000}}\n"),
            pod("p3", "  containers:\n  - {name: main, image: alpine, securityContext: {runAsUser: 12000}}\n"),
            pod("p4", "  hostUsers: false\n  containers:\n  - {name: main, image: alpine}\n"),
        ];
        let text = failing.concat() + &passing.concat();
        let findings = run(&RULE, &text);
        let mut pods: Vec<String> = findings
            .iter()
            .map(|f| f.message.split('`').nth(3).unwrap_or_default().to_string())
            .collect();
        pods.dedup();
        assert_eq!(pods, ["f1", "f2", "f3", "f4", "f5", "f6", "f7"]);
    }
}
