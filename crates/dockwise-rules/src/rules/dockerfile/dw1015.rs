//! DW1015: EXPOSE with an address or a host port (BuildKit's ExposeInvalidFormat).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1015",
    name: "expose-invalid-format",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("EXPOSE with an IP address or a host:container mapping"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags EXPOSE entries that contain an IP address or a `host:container` port mapping, like `EXPOSE \
            8080:80` or `EXPOSE 127.0.0.1:80` (BuildKit's ExposeInvalidFormat).",
        why: "EXPOSE only records which container port the app listens on. Publishing it on the host, and on which \
            address, is decided when the container runs (`docker run -p`, Compose `ports:`). BuildKit keeps only the \
            container port of `8080:80` or `127.0.0.1:80:80` and drops the rest, and it has announced that this form \
            will become an error.",
        bad: "FROM nginx:1.27\nEXPOSE 8080:80\n",
        good: "FROM nginx:1.27\nEXPOSE 80\n",
        fix: "Keep only the container port (and protocol): `EXPOSE 80/tcp`. Map it at run time: `docker run -p \
            8080:80`.",
    },
    quiz: quiz! {
        question: "`EXPOSE 8080:80` is in a Dockerfile, and the container is started with a plain `docker run \
            image`. What is published on the host?",
        choices: &[
            Choice {
                text: "Nothing: EXPOSE never publishes ports",
                correct: true,
                feedback: "The image only records `80/tcp` as exposed. Publishing is `docker run -p 8080:80` (or \
                    `-P` for random ports), which is why the mapping belongs there.",
            },
            Choice {
                text: "Host port 8080, forwarded to container port 80",
                correct: false,
                feedback: "The host part is dropped when the image is built: only `80/tcp` is recorded, and nothing \
                    is published without `-p` or `-P`.",
            },
            Choice {
                text: "Port 80 on every host interface",
                correct: false,
                feedback: "EXPOSE documents the port; publishing it needs `-p` or Compose `ports:`.",
            },
            Choice {
                text: "A random host port, mapped to port 80",
                correct: false,
                feedback: "That is what `docker run -P` does with exposed ports; without `-P` nothing is published.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["ExposeInvalidFormat"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Build checks: ExposeInvalidFormat"),
            url: text!("https://docs.docker.com/reference/build-checks/expose-invalid-format/"),
        },
        &sources::DOCKER_REF_EXPOSE,
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for p in cx.exposed_ports() {
        if p.port.contains(':') && !p.port.starts_with('$') {
            let message = format!(
                "`{}`: EXPOSE takes only the container port; publish it at run time with `-p`",
                p.word.value
            );
            // `[ip:]host:container[/proto]` exposes the container port only
            let container = p.port.rsplit(':').next().unwrap_or("");
            let port = match p.protocol {
                Some(proto) => format!("{container}/{proto}"),
                None => container.to_string(),
            };
            let fix = || {
                (p.word.span.text(cx.source) == p.word.value && !container.is_empty())
                    .then(|| Fix::safe("expose only the container port", vec![Edit::replace(p.word.span, port)]))
                    .flatten()
            };
            out.push(Diagnostic::new(p.word.span, message).with_fix(fix));
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
            spans(&RULE, "FROM a:1\nEXPOSE 80 127.0.0.1:8080:80/tcp\n"),
            ["127.0.0.1:8080:80/tcp"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nEXPOSE 80/tcp 443\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nEXPOSE ${PORT}\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nEXPOSE 80 127.0.0.1:8080:80/tcp 9000:9001\n"),
            "FROM a:1\nEXPOSE 80 80/tcp 9001\n"
        );
    }
}
