//! DW2023: an unknown key or a value of the wrong type.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::distance;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::{Node, Value};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2023",
    name: "compose-invalid-key",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("Unknown key or wrongly typed value in a Compose file"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Checks the file's shape against the Compose Specification: top-level and service keys must be known \
            ones (or `x-` extensions), and well-known keys must hold the right type of value: `ports`, `volumes`, \
            `cap_add` a list; `environment`, `labels` a list or a mapping; `healthcheck`, `deploy`, `logging` a \
            mapping; `privileged`, `read_only` a boolean.",
        why: "A misspelt key (`imagee`, `enviroment`) is not a harmless extra: Docker Compose checks the file \
            against the Compose schema and refuses it (\"Additional property ... is not allowed\"), and a tool that \
            only warns about unknown fields would silently skip the setting, so the limit or healthcheck you wrote \
            would never apply. A string where a list belongs is refused the same way.",
        bad: "services:\n  web:\n    image: nginx:1.27\n    enviroment:\n      - MODE=production\n    ports: 8080\n",
        good: "services:\n  web:\n    image: nginx:1.27\n    environment:\n      - MODE=production\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
        fix: "Use the spelling the message suggests; write lists as `- item` lines (or `[a, b]`), mappings as `key: \
            value` lines. Custom data belongs under keys starting with `x-`.",
    },
    quiz: quiz! {
        question: "Where can you keep your own settings (say, shared defaults for a YAML anchor) in a Compose file?",
        choices: &[
            Choice {
                text: "Under a top-level key starting with `x-`",
                correct: true,
                feedback: "Compose ignores `x-` keys by design, the only unknown fields it accepts, which makes them \
                    the usual home for anchors.",
            },
            Choice {
                text: "Under any top-level key: Compose skips keys it does not know",
                correct: false,
                feedback: "Docker Compose refuses unknown keys (\"Additional property ... is not allowed\"); only \
                    `x-` keys are exempt.",
            },
            Choice {
                text: "In a service's `labels`, which Compose never reads",
                correct: false,
                feedback: "Labels are set on the container as metadata strings; they are not a place for reusable \
                    YAML blocks.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["invalid-schema"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Compose file reference: Extensions"),
            url: text!("https://docs.docker.com/reference/compose-file/extension/"),
        },
        &sources::COMPOSE_SERVICES,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const TOP: &[&str] = &[
    "version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models",
];

#[derive(Clone, Copy, PartialEq)]
enum Ty {
    /// Any scalar (strings, numbers, booleans: interpolation makes all strings).
    Scalar,
    Bool,
    List,
    Map,
    ListOrMap,
    ScalarOrList,
    ScalarOrMap,
    Any,
}

const SERVICE: &[(&str, Ty)] = &[
    ("annotations", Ty::ListOrMap),
    ("attach", Ty::Bool),
    ("blkio_config", Ty::Map),
    ("build", Ty::ScalarOrMap),
    ("cap_add", Ty::List),
    ("cap_drop", Ty::List),
    ("cgroup", Ty::Scalar),
    ("cgroup_parent", Ty::Scalar),
    ("command", Ty::ScalarOrList),
    ("configs", Ty::List),
    ("container_name", Ty::Scalar),
    ("cpu_count", Ty::Scalar),
    ("cpu_percent", Ty::Scalar),
    ("cpu_period", Ty::Scalar),
    ("cpu_quota", Ty::Scalar),
    ("cpu_rt_period", Ty::Scalar),
    ("cpu_rt_runtime", Ty::Scalar),
    ("cpu_shares", Ty::Scalar),
    ("cpus", Ty::Scalar),
    ("cpuset", Ty::Scalar),
    ("credential_spec", Ty::Map),
    ("depends_on", Ty::ListOrMap),
    ("deploy", Ty::Map),
    ("develop", Ty::Map),
    ("device_cgroup_rules", Ty::List),
    ("devices", Ty::List),
    ("dns", Ty::ScalarOrList),
    ("dns_opt", Ty::List),
    ("dns_search", Ty::ScalarOrList),
    ("domainname", Ty::Scalar),
    ("entrypoint", Ty::ScalarOrList),
    ("env_file", Ty::ScalarOrList),
    ("environment", Ty::ListOrMap),
    ("expose", Ty::List),
    ("extends", Ty::ScalarOrMap),
    ("external_links", Ty::List),
    ("extra_hosts", Ty::ListOrMap),
    ("gpus", Ty::Any),
    ("group_add", Ty::List),
    ("healthcheck", Ty::Map),
    ("hostname", Ty::Scalar),
    ("image", Ty::Scalar),
    ("init", Ty::Bool),
    ("ipc", Ty::Scalar),
    ("isolation", Ty::Scalar),
    ("label_file", Ty::ScalarOrList),
    ("labels", Ty::ListOrMap),
    ("links", Ty::List),
    ("logging", Ty::Map),
    ("mac_address", Ty::Scalar),
    ("mem_limit", Ty::Scalar),
    ("mem_reservation", Ty::Scalar),
    ("mem_swappiness", Ty::Scalar),
    ("memswap_limit", Ty::Scalar),
    ("models", Ty::ListOrMap),
    ("network_mode", Ty::Scalar),
    ("networks", Ty::ListOrMap),
    ("oom_kill_disable", Ty::Bool),
    ("oom_score_adj", Ty::Scalar),
    ("pid", Ty::Scalar),
    ("pids_limit", Ty::Scalar),
    ("platform", Ty::Scalar),
    ("ports", Ty::List),
    ("post_start", Ty::List),
    ("pre_stop", Ty::List),
    ("privileged", Ty::Bool),
    ("profiles", Ty::List),
    ("provider", Ty::Map),
    ("pull_policy", Ty::Scalar),
    ("pull_refresh_after", Ty::Scalar),
    ("read_only", Ty::Bool),
    ("restart", Ty::Scalar),
    ("runtime", Ty::Scalar),
    ("scale", Ty::Scalar),
    ("secrets", Ty::List),
    ("security_opt", Ty::List),
    ("shm_size", Ty::Scalar),
    ("stdin_open", Ty::Bool),
    ("stop_grace_period", Ty::Scalar),
    ("stop_signal", Ty::Scalar),
    ("storage_opt", Ty::Map),
    ("sysctls", Ty::ListOrMap),
    ("tmpfs", Ty::ScalarOrList),
    ("tty", Ty::Bool),
    ("ulimits", Ty::Map),
    ("use_api_socket", Ty::Bool),
    ("user", Ty::Scalar),
    ("userns_mode", Ty::Scalar),
    ("uts", Ty::Scalar),
    ("volumes", Ty::List),
    ("volumes_from", Ty::List),
    ("working_dir", Ty::Scalar),
];

fn fits(ty: Ty, n: &Node) -> bool {
    let scalar = !matches!(n.value, Value::Seq(_) | Value::Map(_));
    match ty {
        Ty::Any => true,
        Ty::Scalar => scalar,
        Ty::Bool => matches!(n.value, Value::Bool(_) | Value::Str(_) | Value::Null),
        Ty::List => matches!(n.value, Value::Seq(_) | Value::Null),
        Ty::Map => matches!(n.value, Value::Map(_) | Value::Null),
        Ty::ListOrMap => matches!(n.value, Value::Seq(_) | Value::Map(_) | Value::Null),
        Ty::ScalarOrList => !matches!(n.value, Value::Map(_)),
        Ty::ScalarOrMap => !matches!(n.value, Value::Seq(_)),
    }
}

fn expected(ty: Ty) -> &'static str {
    match ty {
        Ty::Scalar => "a single value",
        Ty::Bool => "true or false",
        Ty::List => "a list",
        Ty::Map => "a mapping",
        Ty::ListOrMap => "a list or a mapping",
        Ty::ScalarOrList => "a string or a list",
        Ty::ScalarOrMap => "a string or a mapping",
        Ty::Any => "a value",
    }
}

fn unknown(out: &mut Reporter, key: &Node, name: &str, known: &mut dyn Iterator<Item = &'static str>, place: &str) {
    let best = known.map(|k| (distance(name, k), k)).min();
    let hint = match best {
        Some((d, k)) if d <= 2 && d < name.len() => format!(": did you mean `{k}`?"),
        _ => String::new(),
    };
    out.report(key.span, format!("unknown {place} key `{name}`{hint}"));
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let Some(root) = c.root.and_then(Node::as_map) else {
        return;
    };
    for (k, _) in root {
        let Some(name) = k.as_str() else { continue };
        if !name.starts_with("x-") && !TOP.contains(&name) {
            unknown(out, k, name, &mut TOP.iter().copied(), "top-level");
        }
    }
    for s in &c.services {
        let Some(entries) = s.node.as_map() else {
            if !s.node.is_null() {
                out.report(
                    s.node.span,
                    format!(
                        "service `{}` must be a mapping of settings, not a {}",
                        s.name,
                        s.node.kind_name()
                    ),
                );
            }
            continue;
        };
        for (k, v) in entries {
            let Some(name) = k.as_str() else { continue };
            if name.starts_with("x-") || name == "<<" {
                continue;
            }
            match SERVICE.iter().find(|(n, _)| *n == name) {
                None => unknown(out, k, name, &mut SERVICE.iter().map(|(n, _)| *n), "service"),
                Some((_, ty)) if !fits(*ty, v) => {
                    out.report(
                        v.span,
                        format!(
                            "`{name}` of service `{}` must be {}, not a {}",
                            s.name,
                            expected(*ty),
                            v.kind_name()
                        ),
                    );
                }
                _ => {}
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
        assert_eq!(spans(&RULE, "services:\n  a:\n    imagee: x:1\n"), ["imagee"]);
        assert_eq!(spans(&RULE, "services:\n  a:\n    ports: abc\n"), ["abc"]);
        assert_eq!(
            spans(&RULE, "services:\n  a:\n    environment: PROD\n    healthcheck: [x]\n"),
            ["PROD", "[x]"]
        );
        fires(&RULE, "servics:\n  a: {}\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "x-base: &b\n  restart: always\nname: shop\nservices:\n  a:\n    <<: *b\n    image: x:1\n    privileged: ${PRIV:-false}\n    command: [\"a\"]\n    environment: {A: 1}\n    x-note: fine\n");
    }

    #[test]
    fn edge() {
        // a service that is not a mapping
        fires(&RULE, "services:\n  a: nginx\n");
        // empty values are allowed
        silent(&RULE, "services:\n  a:\n    environment:\n");
    }
}
