//! DW1015: EXPOSE with an address or a host port (BuildKit's ExposeInvalidFormat).

use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
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
        why: "EXPOSE only documents which container port the app listens on. Publishing a port on the host, and on \
            which address, is decided when the container runs (`docker run -p`, compose `ports:`). The extra parts \
            are ignored today and are planned to become an error.",
        bad: "FROM nginx:1.27\nEXPOSE 8080:80\n",
        good: "FROM nginx:1.27\nEXPOSE 80\n",
        fix: "Keep only the container port (and protocol): `EXPOSE 80/tcp`. Map it at run time: `docker run -p \
            8080:80`.",
    },
    quiz: quiz! {
        question: "Does `EXPOSE 80` make the app reachable from the host?",
        choices: &[
            Choice {
                text: "No: it documents the port; `-p` or compose `ports:` publishes it",
                correct: true,
                feedback: "Right.",
            },
            Choice {
                text: "Yes, on port 80 of every interface",
                correct: false,
                feedback: "Nothing is published by EXPOSE alone.",
            },
            Choice {
                text: "Yes, on a random host port",
                correct: false,
                feedback: "Only with `docker run -P`.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::BUILD_CHECKS],
    concern: None,
    fixes: Fixes::Safe,
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
            let fix = || (p.word.span.text(cx.source) == p.word.value && !container.is_empty())
                .then(|| Fix::safe("expose only the container port", vec![Edit::replace(p.word.span, port)]))
                .flatten();
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
