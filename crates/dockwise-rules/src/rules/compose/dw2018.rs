//! DW2018: a port published without a host address.

use super::helpers::{bind_to_localhost, exposed_database};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2018",
    name: "compose-unbound-port",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("Port published without a host address (listens on all interfaces)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a `ports:` entry that publishes a host port without naming the host address to bind \
            (`\"8080:80\"` rather than `\"127.0.0.1:8080:80\"`). A database or admin port gets DW2017's stronger \
            finding instead of this one (one finding per port; dclint's no-unbound-port-interfaces reports both).",
        why: "Without an address Docker binds every interface, public ones included, and its firewall rules take \
            effect before host firewalls such as ufw. Writing the address makes the exposure a decision: loopback \
            for local tools, a chosen address only for what must be reachable.",
        bad: "services:\n  web:\n    image: myweb:3.1\n    ports:\n      - \"8080:80\"\n",
        good: "services:\n  web:\n    image: myweb:3.1\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
        fix: "Prefix the mapping with the address to listen on: `127.0.0.1:` for local use, or the host's public \
            address (or `0.0.0.0:` written out) when the service really is public.",
    },
    quiz: quiz! {
        question: "Which interfaces does `ports: [\"8080:80\"]` listen on?",
        choices: &[
            Choice {
                text: "Every interface of the host, public ones too",
                correct: true,
                feedback: "Without an address Docker publishes on `0.0.0.0` and `::`, unless the daemon's default \
                    bind address was changed.",
            },
            Choice {
                text: "Only localhost, until a firewall rule opens it",
                correct: false,
                feedback: "Docker opens the port itself, and its rules apply before ufw's; write `127.0.0.1:8080:80` \
                    to keep it local.",
            },
            Choice {
                text: "Only the Compose project's network",
                correct: false,
                feedback: "Containers on the project network reach each other without any published port; publishing \
                    is what exposes a port beyond it.",
            },
            Choice {
                text: "The host's public address only",
                correct: false,
                feedback: "Loopback and private interfaces get it too: no address means all of them.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["no-unbound-port-interfaces", "CL-0005"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Port publishing and mapping: Setting the default bind address"),
            url: text!("https://docs.docker.com/engine/network/port-publishing/#setting-the-default-bind-address-for-containers"),
        },
        &sources::CIS_BIND_HOST_INTERFACE,
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        for p in s.ports() {
            // a database port published on every interface is DW2017's finding
            if p.host_ip.is_none() && exposed_database(&p).is_none() {
                let what = p.published.as_deref().unwrap_or("a random port");
                let message = format!(
                    "service `{}` publishes {what} on every interface: name the host address (e.g. 127.0.0.1)",
                    s.name
                );
                let fix = || fixes::unsafe_("publish on 127.0.0.1 only", bind_to_localhost(&ed, c.text, s, &p));
                out.push(Diagnostic::new(p.span, message).with_fix(fix));
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
        assert_eq!(
            spans(
                &RULE,
                "services:\n  a:\n    ports:\n      - \"8080:80\"\n      - 9000\n"
            ),
            ["\"8080:80\"", "9000"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    ports:\n      - \"127.0.0.1:8080:80\"\n      - \"0.0.0.0:443:443\"\n",
        );
    }

    #[test]
    fn edge() {
        fires(
            &RULE,
            "services:\n  a:\n    ports:\n      - target: 80\n        published: 8080\n",
        );
        silent(&RULE, "services:\n  a:\n    expose: [\"80\"]\n");
        // one finding per port: a database port is DW2017's, a random host port for it is ours
        silent(&RULE, "services:\n  db:\n    ports:\n      - \"5432:5432\"\n");
        assert_eq!(
            spans(
                &RULE,
                "services:\n  db:\n    ports:\n      - \"5432\"\n      - \"8080:80\"\n"
            ),
            ["\"5432\"", "\"8080:80\""]
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    ports:\n      - \"8080:80\"\n      - 9000\n      - 53:53/udp\n"),
            "services:\n  a:\n    ports:\n      - \"127.0.0.1:8080:80\"\n      - \"127.0.0.1::9000\"\n      - \"127.0.0.1:53:53/udp\"\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    ports:\n      - target: 80\n        published: 8080\n      - '3000'\n",
        );
        assert!(run(&RULE, "services:\n  a:\n    ports: [\"8080:80\"]\n")[0]
            .fix
            .is_none());
        assert!(run(&RULE, "services:\n  a:\n    ports:\n      - \"${PORT}:80\"\n")[0]
            .fix
            .is_none());
    }
}
