//! DW1025: an SSH server in the image.

use super::helpers::{install_packages, is_install, package_command};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::model::startup_script;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1025",
    name: "ssh-server",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("The image runs or exposes an SSH server"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `EXPOSE 22`, installing an SSH server package (`openssh-server`, `dropbear`), and starting \
            `sshd` in CMD or ENTRYPOINT.",
        why: "An SSH server is one more long-running process, with credentials to manage and an open port for \
            attackers to try. Containers are not servers to log into: `docker exec`, `kubectl exec` or a debug \
            sidecar give shell access when it is needed, with the platform's access control and audit.",
        bad: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\n\
            EXPOSE 22\nCMD [\"/usr/sbin/sshd\", \"-D\"]\n",
        good: "FROM ubuntu:24.04\nCMD [\"/usr/local/bin/app\"]\n",
        fix: "Remove the SSH server; use `docker exec -it <container> sh` or `kubectl exec` (or an ephemeral debug \
            container) to get a shell.",
    },
    quiz: quiz! {
        question: "How do you get a shell in a running container that has no sshd?",
        choices: &[
            Choice {
                text: "`docker exec` or `kubectl exec` into it",
                correct: true,
                feedback: "exec starts a new process (a shell) inside the running container, under the platform's \
                    access control and audit; `kubectl debug` helps when the image has no shell.",
            },
            Choice {
                text: "You cannot: that is why images ship sshd",
                correct: false,
                feedback: "exec is built into Docker and Kubernetes; it needs nothing in the image but the shell \
                    itself.",
            },
            Choice {
                text: "Publish port 22 and connect to it",
                correct: false,
                feedback: "A published port with nothing listening gives nothing, and adding sshd is what this rule \
                    advises against.",
            },
            Choice {
                text: "Run `docker attach` on the container",
                correct: false,
                feedback: "attach connects you to the main process's input and output, not to a new shell; Ctrl-C \
                    there may even stop the container.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::CIS_SSHD,
        &Source {
            title: text!("Docker docs: docker container exec"),
            url: text!("https://docs.docker.com/reference/cli/docker/container/exec/"),
        },
    ],
    concern: Some(&sources::SSHD),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        match ins.kind {
            Kind::Expose => {
                for w in ins.words().iter().filter(|w| w.value.split('/').next() == Some("22")) {
                    out.report(
                        w.span,
                        "port 22 is SSH: containers should not run an SSH server; use `docker exec` / `kubectl exec`",
                    );
                }
            }
            Kind::Cmd | Kind::Entrypoint => {
                if let Some(script) = startup_script(ins) {
                    for c in script
                        .commands
                        .iter()
                        .filter(|c| matches!(c.name(), Some("sshd" | "dropbear")))
                    {
                        out.report(
                            c.program_span(),
                            "this starts an SSH server: use `docker exec` / `kubectl exec` for shell access",
                        );
                    }
                }
            }
            _ => {}
        }
    }
    for (_, cmd) in cx.commands(false) {
        let Some((pm, sub)) = package_command(cmd) else {
            continue;
        };
        if !is_install(pm, &sub) {
            continue;
        }
        for w in install_packages(cmd).into_iter().filter(|w| {
            ["openssh-server", "dropbear"].contains(&w.value.split(['=', '~', '>', '<']).next().unwrap_or(""))
        }) {
            out.report(
                w.span,
                format!("`{}` installs an SSH server: containers should not need one", w.value),
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
        assert_eq!(spans(&RULE, "FROM a:1\nEXPOSE 80 22/tcp\n"), ["22/tcp"]);
        fires(&RULE, "FROM a:1\nRUN apk add --no-cache openssh-server=9\n");
        fires(&RULE, "FROM a:1\nCMD /usr/sbin/sshd -D\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nRUN apk add --no-cache openssh-client\nEXPOSE 2222\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM a:1\nRUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n",
        );
    }
}
