//! DW2017: a datastore or admin port published on every interface.

use super::helpers::{bind_to_localhost, exposed_database};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2017",
    name: "compose-database-port-exposed",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("Database or admin port published on all interfaces"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a published port whose container side is a well-known datastore or admin port (Postgres 5432, \
            MySQL 3306, MongoDB 27017, Redis 6379, Elasticsearch 9200, Memcached 11211, RabbitMQ 5672/15672, CouchDB \
            5984, Cassandra 9042, Kibana 5601, Docker API 2375/2376, etcd 2379) without a host address, or bound to \
            `0.0.0.0` / `::`. Such a port gets this finding only, not DW2018's as well: one finding per port.",
        why: "Without a host address Docker listens on every interface of the host (unless the daemon's default bind \
            address was changed), and its firewall rules take effect before `ufw`'s. Databases published like this \
            are found quickly by internet-wide scanners; unauthenticated Redis, Elasticsearch and MongoDB are a \
            classic source of data leaks and ransom notes.",
        bad: "services:\n  db:\n    image: postgres:16.4\n    ports:\n      - \"5432:5432\"\n",
        good: "services:\n  db:\n    image: postgres:16.4\n    ports:\n      - \"127.0.0.1:5432:5432\"\n",
        fix: "Other services reach the database over the Compose network by service name, so usually the `ports:` \
            entry can go. If you need it from the host, bind it to loopback: `\"127.0.0.1:5432:5432\"`.",
    },
    quiz: quiz! {
        question: "The app container talks to Postgres as `db:5432`. What does `ports: [\"5432:5432\"]` on `db` add?",
        choices: &[
            Choice {
                text: "Access from outside the host, on every interface",
                correct: true,
                feedback: "The app never needed it: containers on the Compose network reach `db:5432` directly. \
                    Publishing only opens the port to the host's networks.",
            },
            Choice {
                text: "The route the app container uses to connect",
                correct: false,
                feedback: "Service-to-service traffic stays on the Compose network, where every container port is \
                    reachable without publishing.",
            },
            Choice {
                text: "Access from the host's own localhost only",
                correct: false,
                feedback: "That needs `127.0.0.1:` in front; without an address Docker binds every interface.",
            },
            Choice {
                text: "Access that `ufw` still filters like any other port",
                correct: false,
                feedback: "Docker's NAT rules send the traffic on before ufw's rules see it, so ufw does not protect \
                    published ports.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0005"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Port publishing and mapping"),
            url: text!("https://docs.docker.com/engine/network/port-publishing/#publishing-ports"),
        },
        &Source {
            title: text!("Docker docs: Packet filtering and firewalls: Docker and ufw"),
            url: text!("https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw"),
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
            if let Some(what) = exposed_database(&p) {
                let message = format!(
                    "service `{}` publishes {what} (port {}) on every interface: bind it to 127.0.0.1 or drop it",
                    s.name, p.target
                );
                let fix = || fixes::unsafe_("publish on 127.0.0.1 only", bind_to_localhost(&ed, c.text, s, &p));
                out.push(Diagnostic::new(p.published_span, message).with_fix(fix));
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
            spans(&RULE, "services:\n  db:\n    ports:\n      - \"5432:5432\"\n"),
            ["5432"]
        );
        assert_eq!(
            spans(&RULE, "services:\n  r:\n    ports:\n      - 0.0.0.0:16379:6379\n"),
            ["16379"]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "services:\n  db:\n    ports:\n      - \"127.0.0.1:5432:5432\"\n");
    }

    #[test]
    fn edge() {
        // a web port is not a database port
        silent(&RULE, "services:\n  web:\n    ports:\n      - \"80:80\"\n");
        fires(
            &RULE,
            "services:\n  db:\n    ports:\n      - target: 3306\n        published: 3306\n",
        );
        // a random host port (no published port) is DW2018's
        silent(&RULE, "services:\n  db:\n    ports:\n      - \"5432\"\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  db:\n    ports:\n      - \"5432:5432\"  # psql\n"),
            "services:\n  db:\n    ports:\n      - \"127.0.0.1:5432:5432\"  # psql\n"
        );
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  r:\n    ports:\n      - 0.0.0.0:16379:6379\n      - '6380:6379'\n"
            ),
            "services:\n  r:\n    ports:\n      - \"127.0.0.1:16379:6379\"\n      - '127.0.0.1:6380:6379'\n"
        );
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  db:\n    ports:\n      - target: 3306\n        published: 3306\n"
            ),
            "services:\n  db:\n    ports:\n      - target: 3306\n        published: 3306\n        host_ip: 127.0.0.1\n"
        );
        fix_converges(&RULE, "services:\n  db:\n    ports:\n    - 5432:5432/tcp\n    - target: 6379\n      published: 6379\n      host_ip: 0.0.0.0\n");
        // interpolation, IPv6, flow lists: no fix
        for src in [
            "services:\n  db:\n    ports:\n      - \"${PG_PORT}:5432\"\n",
            "services:\n  db:\n    ports:\n      - \"[::]:5432:5432\"\n",
            "services:\n  db:\n    ports: [\"5432:5432\"]\n",
        ] {
            assert!(run(&RULE, src).iter().all(|f| f.fix.is_none()), "{src}");
        }
    }
}
