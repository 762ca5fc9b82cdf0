//! Compose's merge of an override file (`compose.override.yml`) into the
//! file it overrides, as `docker compose` does when both lie side by side
//! (https://docs.docker.com/reference/compose-file/merge/): mappings merge
//! key by key, the override's scalars win; `command`, `entrypoint` and
//! `healthcheck.test` are replaced whole; `environment`, `labels`,
//! `annotations` and `sysctls` merge by variable name (list or map form);
//! `volumes`, `devices`, `secrets` and `configs` by the path in the
//! container; other lists (`ports`, `cap_add`, `dns`...) are appended, without
//! repeating an entry. The result is written as JSON (which YAML reads), for
//! linting the merged configuration; its spans are its own.

use crate::yaml::{Node, Value};

/// An owned value, free of spans.
#[derive(Clone, Debug, PartialEq)]
enum J {
    Null,
    Bool(bool),
    Int(i64),
    Float(String),
    Str(String),
    Seq(Vec<J>),
    Map(Vec<(String, J)>),
}

fn own(n: &Node) -> J {
    match &n.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::Int(*i),
        Value::Float(f) => J::Float(f.clone()),
        Value::Str(s) => J::Str(s.clone()),
        Value::Seq(items) => J::Seq(items.iter().map(own).collect()),
        Value::Map(entries) => J::Map(
            entries
                .iter()
                .map(|(k, v)| (k.scalar_text().unwrap_or_default(), own(v)))
                .collect(),
        ),
    }
}

fn text(j: &J) -> Option<String> {
    match j {
        J::Str(s) | J::Float(s) => Some(s.clone()),
        J::Int(i) => Some(i.to_string()),
        J::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `KEY=value` list entries (or a map) as a map, for merging by name.
fn as_named(j: J) -> Vec<(String, J)> {
    match j {
        J::Map(m) => m,
        J::Seq(items) => items
            .into_iter()
            .filter_map(|i| {
                let t = text(&i)?;
                Some(match t.split_once('=') {
                    Some((k, v)) => (k.trim().to_string(), J::Str(v.to_string())),
                    None => (t.trim().to_string(), J::Null),
                })
            })
            .collect(),
        other => vec![(String::new(), other)],
    }
}

/// The path in the container a `volumes`/`devices`/`secrets`/`configs` entry
/// gives, which identifies it in a merge.
fn target(j: &J) -> Option<String> {
    match j {
        J::Map(m) => m.iter().find(|(k, _)| k == "target").and_then(|(_, v)| text(v)),
        _ => {
            let t = text(j)?;
            let parts = super::split_colons(&t, 3);
            Some(parts.get(1).unwrap_or(&parts[0]).to_string())
        }
    }
}

fn merge_maps(base: Vec<(String, J)>, over: Vec<(String, J)>, path: &[&str]) -> Vec<(String, J)> {
    let mut out = base;
    for (k, v) in over {
        match out.iter().position(|(b, _)| *b == k) {
            Some(i) => {
                let old = std::mem::replace(&mut out[i].1, J::Null);
                let mut here = path.to_vec();
                here.push(&k);
                out[i].1 = merge(old, v, &here);
            }
            None => out.push((k, v)),
        }
    }
    out
}

fn merge(base: J, over: J, path: &[&str]) -> J {
    // the key this value is under, and the one above (`healthcheck` for `test`)
    let key = path.last().copied().unwrap_or_default();
    let parent = path.len().checked_sub(2).map(|i| path[i]).unwrap_or_default();
    let in_service = path.len() == 3 && path[0] == "services";
    match (base, over) {
        (J::Map(b), J::Map(o)) if in_service && matches!(key, "environment" | "labels" | "annotations" | "sysctls") => {
            J::Map(merge_maps(b, o, path))
        }
        (b, o) if in_service && matches!(key, "environment" | "labels" | "annotations" | "sysctls") => {
            J::Map(merge_maps(as_named(b), as_named(o), path))
        }
        (J::Map(b), J::Map(o)) => J::Map(merge_maps(b, o, path)),
        (_, o) if in_service && matches!(key, "command" | "entrypoint") => o,
        (_, o) if path.len() == 4 && parent == "healthcheck" && key == "test" => o,
        (J::Seq(b), J::Seq(o)) if in_service && matches!(key, "volumes" | "devices" | "secrets" | "configs") => {
            let replaced: Vec<Option<String>> = o.iter().map(target).collect();
            let mut out: Vec<J> = b
                .into_iter()
                .filter(|i| target(i).is_none_or(|t| !replaced.contains(&Some(t))))
                .collect();
            out.extend(o);
            J::Seq(out)
        }
        (J::Seq(mut b), J::Seq(o)) => {
            for i in o {
                if !b.contains(&i) {
                    b.push(i);
                }
            }
            J::Seq(b)
        }
        (_, o) => o,
    }
}

fn write(j: &J, out: &mut String) {
    match j {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Int(i) => out.push_str(&i.to_string()),
        J::Float(f) if f.parse::<f64>().is_ok_and(f64::is_finite) && !f.starts_with(['.', '+']) => out.push_str(f),
        J::Float(s) | J::Str(s) => {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        J::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(item, out);
            }
            out.push(']');
        }
        J::Map(entries) => {
            // one service per line keeps the merged text readable in a debugger
            out.push_str("{\n");
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                write(&J::Str(k.clone()), out);
                out.push_str(": ");
                write(v, out);
            }
            out.push_str("\n}");
        }
    }
}

/// The configuration Compose runs when `over` (an override file's document)
/// is merged into `base`, as JSON text.
pub fn merged_json(base: &Node, over: &Node) -> String {
    let merged = merge(own(base), own(over), &[]);
    let mut out = String::new();
    write(&merged, &mut out);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    fn merged(base: &str, over: &str) -> String {
        let (b, o) = (parse(base).unwrap(), parse(over).unwrap());
        merged_json(&b[0], &o[0])
    }

    fn service(json: &str, name: &str) -> Node {
        parse(json).unwrap()[0].path(&["services", name]).unwrap().clone()
    }

    #[test]
    fn scalars_and_maps_merge_key_by_key() {
        let m = merged(
            "services:\n  web:\n    image: web:1\n    read_only: false\n    deploy: {resources: {limits: {memory: 1g}}}\n",
            "services:\n  web:\n    read_only: true\n    deploy: {resources: {limits: {cpus: '1'}}}\n  db:\n    image: pg:16\n",
        );
        let web = service(&m, "web");
        assert_eq!(web.get("image").unwrap().as_str(), Some("web:1"));
        assert_eq!(web.get("read_only").unwrap().as_bool(), Some(true));
        assert!(web.path(&["deploy", "resources", "limits", "memory"]).is_some());
        assert!(web.path(&["deploy", "resources", "limits", "cpus"]).is_some());
        assert_eq!(service(&m, "db").get("image").unwrap().as_str(), Some("pg:16"));
    }

    #[test]
    fn lists_by_their_own_rules() {
        let m = merged(
            "services:\n  a:\n    command: [run, --debug]\n    environment: [A=1, B=2]\n    volumes: [/etc:/cfg, data:/data]\n    cap_add: [CHOWN]\n    ports: ['80:80']\n    healthcheck: {test: [CMD, a]}\n",
            "services:\n  a:\n    command: [run]\n    environment: {B: '3'}\n    volumes: ['./cfg:/cfg:ro']\n    cap_add: [CHOWN, NET_ADMIN]\n    ports: ['443:443']\n    healthcheck: {test: [NONE]}\n",
        );
        let a = service(&m, "a");
        let strings =
            |k: &str| -> Vec<String> { a.get(k).unwrap().items().iter().filter_map(Node::scalar_text).collect() };
        assert_eq!(strings("command"), ["run"]);
        assert_eq!(a.path(&["environment", "A"]).unwrap().as_str(), Some("1"));
        assert_eq!(a.path(&["environment", "B"]).unwrap().as_str(), Some("3"));
        assert_eq!(strings("volumes"), ["data:/data", "./cfg:/cfg:ro"]);
        assert_eq!(strings("cap_add"), ["CHOWN", "NET_ADMIN"]);
        assert_eq!(strings("ports"), ["80:80", "443:443"]);
        assert_eq!(a.path(&["healthcheck", "test"]).unwrap().items().len(), 1);
    }

    #[test]
    fn json_escapes() {
        let m = merged("x: \"a\\\"b\\\\c\\n\"\ny: 1.5\nz: .inf\n", "w: null\n");
        let doc = &parse(&m).unwrap()[0];
        assert_eq!(doc.get("x").unwrap().as_str(), Some("a\"b\\c\n"));
        assert!(doc.get("w").unwrap().is_null());
    }
}
