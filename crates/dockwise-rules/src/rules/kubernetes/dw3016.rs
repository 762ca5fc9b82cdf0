//! DW3016: the container runtime socket mounted with hostPath.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope};
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

use crate::rules::shared::is_runtime_socket;

pub static RULE: Rule = Rule {
    id: "DW3016",
    name: "k8s-docker-socket",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("Pod mounts the container runtime socket"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a `hostPath` volume whose path is a container runtime socket (`docker.sock`, `containerd.sock`, \
            `crio.sock`, `podman.sock`).",
        why: "The runtime socket accepts commands to start any container with any privilege and any host mount. A pod \
            with it can take over the node in one API call, and from the node, often the cluster. Read-only does not \
            help: requests still go through.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\n\
            spec:\n  containers:\n  - name: builder\n    image: mybuilder:1.0\n    volumeMounts:\n    - name: sock\n      mountPath: /var/run/docker.sock\n  volumes:\n  - name: sock\n    hostPath:\n      path: /var/run/docker.sock\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\n\
            spec:\n  containers:\n  - name: builder\n    image: mybuilder:1.0\n    volumeMounts:\n    - name: workspace\n      mountPath: /workspace\n  volumes:\n  - name: workspace\n    emptyDir: {}\n",
        fix: "Build images with a daemonless builder (rootless BuildKit or Buildah, for example) instead of the \
            node's Docker, and get container information from the Kubernetes API rather than from the runtime.",
    },
    quiz: quiz! {
        question: "A CI pod mounts the node's `/var/run/docker.sock` to build images. What is the risk?",
        choices: &[
            Choice {
                text: "Any build script can take over the node",
                correct: true,
                feedback: "Through the socket a script can start a privileged container that mounts the node's root \
                    filesystem: the socket is root on the node, handed to whatever code the pipeline runs.",
            },
            Choice {
                text: "None, as long as the mount is `readOnly`",
                correct: false,
                feedback: "Read-only stops writes to the socket file, not the API requests sent through it.",
            },
            Choice {
                text: "Only the pod's own containers are exposed",
                correct: false,
                feedback: "The socket belongs to the node's runtime: it lists and controls every container on the \
                    node, not just the pod's.",
            },
            Choice {
                text: "Image layers fill the pod's ephemeral storage",
                correct: false,
                feedback: "The layers land in the node's Docker storage, outside the pod's accounting; the real \
                    problem is control of the node.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["docker-sock", "CKV_K8S_27"],
    check: Check::Kubernetes(checker!(check)),
    standard: &[&sources::K8S_HOSTPATH, &sources::CIS_DOCKER_SOCKET],
    concern: Some(&sources::RUNTIME_SOCKET),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    for (o, p) in m.workloads() {
        for v in p.get("volumes").and_then(Node::as_seq).unwrap_or_default() {
            let Some(path) = v.path(&["hostPath", "path"]) else {
                continue;
            };
            if path.as_str().is_some_and(is_runtime_socket) {
                out.report(
                    path.span,
                    format!(
                        "{} mounts the container runtime socket: that is root on the node",
                        o.label()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  volumes:\n  - name: s\n    hostPath:\n      path: /run/containerd/containerd.sock\n"), ["/run/containerd/containerd.sock"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n  volumes:\n  - name: s\n    hostPath: {path: /data}\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: []\n      volumes:\n      - name: s\n        hostPath: {path: /var/run/docker.sock, type: Socket}\n");
    }
}
