//! The Compose file model the DW2xxx rules query: the YAML tree (anchors and
//! merge keys already resolved) seen as services, with their environment,
//! ports, volumes and image references picked apart with exact spans.

pub mod merge;

use crate::image::ImageRef;
use crate::span::Span;
use crate::yaml::{Duplicate, Node, Value};
use std::borrow::Cow;

pub struct Compose<'a> {
    pub text: &'a str,
    /// The file's (first) document; None when the stream is empty.
    pub root: Option<&'a Node>,
    pub services: Vec<Service<'a>>,
    /// Keys written twice in one mapping (the later one was kept): see
    /// [`crate::yaml::parse_lenient`].
    pub duplicates: &'a [Duplicate],
}

pub struct Service<'a> {
    pub name: &'a str,
    /// The service's key in `services:` (where "missing ..." findings go).
    pub key: &'a Node,
    pub node: &'a Node,
    text: &'a str,
}

/// One `environment` entry, from the map form (`KEY: value`) or the list
/// form (`- KEY=value`).
pub struct EnvVar<'a> {
    /// Borrowed from the document where it can be (a file may hold hundreds
    /// of thousands of them, read by several rules).
    pub name: Cow<'a, str>,
    pub name_span: Span,
    /// None for `- KEY` or `KEY:` (the value comes from the shell).
    pub value: Option<Cow<'a, str>>,
    pub value_span: Span,
    /// The whole entry.
    pub span: Span,
}

/// One `ports` entry, short (`"127.0.0.1:8080:80/tcp"`) or long syntax.
pub struct Port {
    pub host_ip: Option<String>,
    /// The host port (or range); None when only the container port is given.
    pub published: Option<String>,
    pub target: String,
    /// `tcp` unless `/udp` or `protocol: udp` says otherwise.
    pub protocol: String,
    pub span: Span,
    /// Where the published port is written (the entry when unknown).
    pub published_span: Span,
    pub quoted: bool,
    /// Short syntax written as a string or number.
    pub short: bool,
}

/// One `volumes` entry of a service.
pub struct Mount {
    /// Host path or named volume; None for an anonymous volume.
    pub source: Option<String>,
    pub target: String,
    pub read_only: bool,
    pub span: Span,
    pub source_span: Span,
    pub quoted: bool,
}

impl<'a> Compose<'a> {
    pub fn new(text: &'a str, docs: &'a [Node]) -> Compose<'a> {
        let root = docs.first();
        let mut services = Vec::new();
        if let Some(Value::Map(entries)) = root.and_then(|r| r.get("services")).map(|s| &s.value) {
            for (k, v) in entries {
                if let Some(name) = k.as_str() {
                    services.push(Service {
                        name,
                        key: k,
                        node: v,
                        text,
                    });
                }
            }
        }
        Compose {
            text,
            root,
            services,
            duplicates: &[],
        }
    }

    /// The duplicate keys the lenient reading of the text found.
    pub fn with_duplicates(mut self, duplicates: &'a [Duplicate]) -> Compose<'a> {
        self.duplicates = duplicates;
        self
    }

    /// The service whose key or body holds `offset`, for the report's anchor.
    pub fn service_at(&self, offset: u32) -> Option<&Service<'a>> {
        // services are in file order: the last one starting at or before `offset`
        let i = self
            .services
            .partition_point(|s| s.key.span.start <= offset)
            .checked_sub(1)?;
        let s = &self.services[i];
        (offset <= s.node.span.end.max(s.key.span.end)).then_some(s)
    }

    /// A top-level key and its value.
    pub fn top(&self, key: &str) -> Option<(&'a Node, &'a Node)> {
        self.root?.entry(key)
    }
}

impl<'a> Service<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    pub fn entry(&self, key: &str) -> Option<(&'a Node, &'a Node)> {
        self.node.entry(key)
    }

    /// Is `key` set to true (`true`, `yes`, `"true"`, `${VAR:-true}`)?
    pub fn is_true(&self, key: &str) -> Option<&'a Node> {
        self.get(key).filter(|v| {
            v.as_bool() == Some(true)
                || v.as_str()
                    .and_then(with_defaults)
                    .is_some_and(|s| s.eq_ignore_ascii_case("true"))
        })
    }

    /// The scalar value of `key` as Compose uses it when no variable is set
    /// (`${VAR:-default}` by its default); as written when a reference has
    /// no default.
    pub fn text(&self, key: &str) -> Option<String> {
        let raw = self.get(key)?.scalar_text()?;
        Some(with_defaults(&raw).unwrap_or(raw))
    }

    /// The image reference with its parts' spans, when written as is.
    pub fn image(&self) -> Option<(ImageRef, &'a Node)> {
        let node = self.get("image")?;
        Some((ImageRef::from_yaml(node, self.text)?, node))
    }

    /// Strings of a key that holds a list of strings or a single one
    /// (`cap_add`, `security_opt`, `dns`), each judged by its default.
    pub fn strings(&self, key: &str) -> Vec<(String, &'a Node)> {
        self.get(key)
            .map(|n| {
                n.items()
                    .iter()
                    .filter_map(|i| i.scalar_text().map(|t| (with_defaults(&t).unwrap_or(t), i)))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn environment(&self) -> Vec<EnvVar<'a>> {
        let mut out = Vec::new();
        let Some(env) = self.get("environment") else { return out };
        match &env.value {
            Value::Map(entries) => {
                for (k, v) in entries {
                    let Some(name) = k.scalar_cow() else { continue };
                    let value = if v.is_null() { None } else { v.scalar_cow() };
                    out.push(EnvVar {
                        name,
                        name_span: k.span,
                        value,
                        value_span: v.span,
                        span: k.span.cover(v.span),
                    });
                }
            }
            Value::Seq(items) => {
                for i in items {
                    let Some(item) = i.as_str() else { continue };
                    let (name, value) = match item.find('=') {
                        Some(eq) => (&item[..eq], Some((eq + 1, &item[eq + 1..]))),
                        None => (item, None),
                    };
                    out.push(EnvVar {
                        name: Cow::Borrowed(name.trim()),
                        name_span: i.sub_span(self.text, 0, name.len()),
                        value: value.map(|(_, v)| Cow::Borrowed(v)),
                        value_span: value
                            .map(|(at, v)| i.sub_span(self.text, at, at + v.len()))
                            .unwrap_or(i.span),
                        span: i.span,
                    });
                }
            }
            _ => {}
        }
        out
    }

    pub fn ports(&self) -> Vec<Port> {
        let mut out = Vec::new();
        let Some(ports) = self.get("ports") else { return out };
        for p in ports.as_seq().unwrap_or_default() {
            match &p.value {
                Value::Map(_) => {
                    let text = |k: &str| p.get(k).and_then(Node::scalar_text).filter(|t| !t.is_empty());
                    out.push(Port {
                        host_ip: text("host_ip"),
                        published: text("published"),
                        target: text("target").unwrap_or_default(),
                        protocol: text("protocol").unwrap_or_else(|| "tcp".into()).to_ascii_lowercase(),
                        span: p.span,
                        published_span: p.get("published").map(|n| n.span).unwrap_or(p.span),
                        quoted: false,
                        short: false,
                    });
                }
                _ => {
                    let Some(t) = p.scalar_text() else { continue };
                    let spec = t.split('/').next().unwrap_or("");
                    // IPv6 host addresses come in brackets: [::1]:8080:80
                    let (host_ip, rest, rest_at) =
                        match spec.strip_prefix('[').and_then(|r| r.find(']').map(|e| (e, r))) {
                            Some((e, r)) => (Some(r[..e].to_string()), r[e + 1..].trim_start_matches(':'), e + 3),
                            None => (None, spec, 0),
                        };
                    // `${PORT:-8080}:80`: colons inside a reference do not split, and each
                    // part is judged by its default (kept as written when it has none)
                    let parts = split_colons(rest, 4);
                    let by_default = |part: &str| with_defaults(part).unwrap_or_else(|| part.to_string());
                    let (ip, published, target) = match parts.as_slice() {
                        [target] => (None, None, *target),
                        [published, target] => (None, Some(*published), *target),
                        [ip, published, target] => (Some(by_default(ip)), Some(*published), *target),
                        _ => (None, None, rest),
                    };
                    let host_ip = host_ip.or(ip).filter(|s| !s.is_empty());
                    let published_span = match published {
                        Some(pb) if !pb.is_empty() => {
                            let at = rest_at + rest.len() - target.len() - 1 - pb.len();
                            p.sub_span(self.text, at, at + pb.len())
                        }
                        _ => p.span,
                    };
                    out.push(Port {
                        host_ip,
                        published: published.filter(|s| !s.is_empty()).map(by_default),
                        target: by_default(target),
                        protocol: t
                            .split_once('/')
                            .map(|(_, p)| p.to_ascii_lowercase())
                            .unwrap_or_else(|| "tcp".into()),
                        span: p.span,
                        published_span,
                        quoted: p.quoted,
                        short: true,
                    });
                }
            }
        }
        out
    }

    pub fn volumes(&self) -> Vec<Mount> {
        let mut out = Vec::new();
        let Some(vols) = self.get("volumes") else { return out };
        for v in vols.as_seq().unwrap_or_default() {
            match &v.value {
                Value::Map(_) => {
                    let text = |k: &str| v.get(k).and_then(Node::scalar_text).filter(|t| !t.is_empty());
                    out.push(Mount {
                        source: text("source"),
                        target: text("target").unwrap_or_default(),
                        read_only: v.get("read_only").and_then(Node::as_bool).unwrap_or(false),
                        span: v.span,
                        source_span: v.get("source").map(|n| n.span).unwrap_or(v.span),
                        quoted: false,
                    });
                }
                Value::Str(s) => {
                    let parts = split_colons(s, 3);
                    let (source, target, opts) = match parts.as_slice() {
                        [t] => (None, *t, ""),
                        [a, b] => (Some(*a), *b, ""),
                        [a, b, o] => (Some(*a), *b, *o),
                        _ => (None, "", ""),
                    };
                    out.push(Mount {
                        source: source.map(str::to_string),
                        target: target.to_string(),
                        read_only: opts.split(',').any(|o| o == "ro"),
                        span: v.span,
                        source_span: source.map(|src| v.sub_span(self.text, 0, src.len())).unwrap_or(v.span),
                        quoted: v.quoted,
                    });
                }
                _ => {}
            }
        }
        out
    }
}

/// `value` split at its first `n - 1` colons outside `${...}` references
/// (`${DATA:-/srv}:/data:ro` has three parts).
pub fn split_colons(value: &str, n: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' if i > 0 && bytes[i - 1] == b'$' => depth += 1,
            b'{' if depth > 0 => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 && parts.len() + 1 < n => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts
}

/// Is this value decided by `${VAR}` interpolation (so not a literal)?
pub fn interpolated(value: &str) -> bool {
    value.contains("${") || (value.starts_with('$') && !value.starts_with("$$"))
}

/// The value Compose uses when no variable is set: every `${NAME:-default}`
/// and `${NAME-default}` replaced by its default (nested references in a
/// default are resolved the same way) and `$$` by `$`. None when a reference
/// has no default (`$NAME`, `${NAME}`, `${NAME:?error}`, `${NAME:+other}`):
/// then the value is decided where the file is used. Values without `$` come
/// back as they are.
pub fn with_defaults(value: &str) -> Option<String> {
    resolve(value, &[])
}

/// The value Compose uses with the variables `env` set (a `.env` file's),
/// the others unset: `${NAME}` and `$NAME` are the variable's value,
/// `${NAME:-default}` its value unless empty, `${NAME-default}` its value
/// even if empty, `${NAME:?error}` its value unless empty, `${NAME:+other}`
/// `other` when it is set and not empty; for an unset variable, as
/// [`with_defaults`]. None when an unset variable has no default.
pub fn resolve(value: &str, env: &[(String, String)]) -> Option<String> {
    fn lookup<'e>(env: &'e [(String, String)], name: &str) -> Option<&'e str> {
        // the last definition wins, as in a .env file
        env.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    fn go(value: &str, env: &[(String, String)], depth: usize) -> Option<String> {
        if depth > 16 {
            return None;
        }
        let mut out = String::with_capacity(value.len());
        let mut rest = value;
        while let Some(at) = rest.find('$') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if let Some(tail) = after.strip_prefix('$') {
                out.push('$');
                rest = tail;
                continue;
            }
            let Some(inner) = after.strip_prefix('{') else {
                // `$NAME`
                let end = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                if end == 0 {
                    out.push('$');
                    rest = after;
                    continue;
                }
                out.push_str(lookup(env, &after[..end])?);
                rest = &after[end..];
                continue;
            };
            // the closing brace of this reference: braces inside balance
            let mut level = 1;
            let close = inner.char_indices().find_map(|(i, c)| {
                match c {
                    '{' => level += 1,
                    '}' => level -= 1,
                    _ => {}
                }
                (level == 0).then_some(i)
            })?;
            let body = &inner[..close];
            let name_end = body
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(body.len());
            let (name, op) = body.split_at(name_end);
            let set = lookup(env, name);
            let piece = match (op.get(..2), op.get(..1), set) {
                (_, Some(""), Some(v)) | (_, None, Some(v)) => v.to_string(),
                (Some(":-"), _, Some(v)) | (Some(":?"), _, Some(v)) if !v.is_empty() => v.to_string(),
                (Some(":-"), _, _) => go(&op[2..], env, depth + 1)?,
                (Some(":+"), _, Some(v)) if !v.is_empty() => go(&op[2..], env, depth + 1)?,
                (Some(":+"), _, Some(_)) => String::new(),
                (_, Some("-"), Some(v)) | (_, Some("?"), Some(v)) => v.to_string(),
                (_, Some("-"), None) => go(&op[1..], env, depth + 1)?,
                (_, Some("+"), Some(_)) => go(&op[1..], env, depth + 1)?,
                _ => return None,
            };
            out.push_str(&piece);
            rest = &inner[close + 1..];
        }
        out.push_str(rest);
        Some(out)
    }
    if !value.contains('$') {
        return Some(value.to_string());
    }
    go(value, env, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_stand_in_for_unset_variables() {
        assert_eq!(with_defaults("app:${TAG:-1.2}").as_deref(), Some("app:1.2"));
        assert_eq!(
            with_defaults("netbox:${VERSION-v4.1-3.0}").as_deref(),
            Some("netbox:v4.1-3.0")
        );
        assert_eq!(
            with_defaults("${IMG:-${REG:-ghcr.io}/app:1}").as_deref(),
            Some("ghcr.io/app:1")
        );
        assert_eq!(with_defaults("a$$b").as_deref(), Some("a$b"));
        assert_eq!(with_defaults("plain").as_deref(), Some("plain"));
        for unset in ["app:${TAG}", "$IMAGE", "${A:?set A}", "${A:+x}", "${A:-x", "${A:-${B}}"] {
            assert_eq!(with_defaults(unset), None, "{unset}");
        }
    }

    #[test]
    fn volume_parts_split_outside_references() {
        assert_eq!(
            split_colons("${DATA:-/srv}:/data:ro", 3),
            ["${DATA:-/srv}", "/data", "ro"]
        );
        assert_eq!(split_colons("/a:/b:ro,z", 3), ["/a", "/b", "ro,z"]);
        assert_eq!(split_colons("/a:/b:c:d", 3), ["/a", "/b", "c:d"]);
        assert_eq!(split_colons("data", 3), ["data"]);
    }

    #[test]
    fn variables_of_a_dot_env_file() {
        let env = [
            ("TAG".to_string(), "latest".to_string()),
            ("EMPTY".to_string(), String::new()),
            ("TAG".to_string(), "2.0".to_string()),
        ];
        assert_eq!(
            resolve("app:${TAG}", &env).as_deref(),
            Some("app:2.0"),
            "the last one wins"
        );
        assert_eq!(resolve("app:$TAG-x", &env).as_deref(), Some("app:2.0-x"));
        assert_eq!(
            resolve("${EMPTY:-d}|${EMPTY-d}|${TAG:+on}|${EMPTY:+on}", &env).as_deref(),
            Some("d||on|")
        );
        assert_eq!(resolve("${UNSET:-${TAG}}", &env).as_deref(), Some("2.0"));
        assert_eq!(resolve("${UNSET}", &env), None);
        assert_eq!(resolve("${EMPTY:?must be set}", &env), None);
        assert_eq!(resolve("cost: 5$", &env).as_deref(), Some("cost: 5$"));
    }

    fn with<R>(text: &str, f: impl FnOnce(&Compose) -> R) -> R {
        let docs = crate::yaml::parse(text).unwrap();
        f(&Compose::new(text, &docs))
    }

    #[test]
    fn environment_in_both_forms_with_spans() {
        let text = "services:\n  a:\n    environment:\n      - DB_PASSWORD=hunter2\n      - 'X=1'\n      - ONLY\n  b:\n    environment:\n      TOKEN: abc\n      EMPTY:\n";
        with(text, |c| {
            let a = c.services[0].environment();
            assert_eq!(a.len(), 3);
            assert_eq!(a[0].name_span.text(text), "DB_PASSWORD");
            assert_eq!(a[0].value_span.text(text), "hunter2");
            assert_eq!(a[1].value_span.text(text), "1");
            assert_eq!(a[2].value, None);
            let b = c.services[1].environment();
            assert_eq!(b[0].value.as_deref(), Some("abc"));
            assert_eq!(b[1].value, None);
        });
    }

    #[test]
    fn ports_short_and_long() {
        let text = "services:\n  a:\n    ports:\n      - \"127.0.0.1:5432:5432\"\n      - 8080:80\n      - 9000\n      - target: 80\n        published: \"8081\"\n        host_ip: 0.0.0.0\n      - \"[::1]:53:53/udp\"\n";
        with(text, |c| {
            let p = c.services[0].ports();
            assert_eq!(p[0].host_ip.as_deref(), Some("127.0.0.1"));
            assert_eq!(p[0].published_span.text(text), "5432");
            assert_eq!(p[1].published.as_deref(), Some("8080"));
            assert_eq!(p[1].published_span.text(text), "8080");
            assert_eq!(p[2].published, None);
            assert_eq!(p[3].published.as_deref(), Some("8081"));
            assert_eq!(p[3].host_ip.as_deref(), Some("0.0.0.0"));
            assert_eq!(p[4].host_ip.as_deref(), Some("::1"));
            assert_eq!(p[4].published_span.text(text), "53");
        });
    }

    #[test]
    fn ports_judged_by_their_defaults() {
        let text = "services:\n  a:\n    ports:\n      - \"${WEB:-8080}:80\"\n      - \"${BIND:-127.0.0.1}:${P:-9000}:9000\"\n      - \"${ONLY}:81\"\n";
        with(text, |c| {
            let p = c.services[0].ports();
            assert_eq!(
                (p[0].host_ip.as_deref(), p[0].published.as_deref(), p[0].target.as_str()),
                (None, Some("8080"), "80")
            );
            assert_eq!(p[0].published_span.text(text), "${WEB:-8080}");
            assert_eq!(
                (p[1].host_ip.as_deref(), p[1].published.as_deref()),
                (Some("127.0.0.1"), Some("9000"))
            );
            assert_eq!(p[1].published_span.text(text), "${P:-9000}");
            assert_eq!(p[2].published.as_deref(), Some("${ONLY}"));
        });
    }

    #[test]
    fn values_judged_by_their_defaults() {
        let text = "services:\n  a:\n    privileged: ${P:-true}\n    user: ${U:-0}\n    network_mode: ${N}\n    cap_add: [\"${C:-SYS_ADMIN}\", CHOWN]\n";
        with(text, |c| {
            let s = &c.services[0];
            assert!(s.is_true("privileged").is_some());
            assert_eq!(s.text("user").as_deref(), Some("0"));
            assert_eq!(s.text("network_mode").as_deref(), Some("${N}"));
            let caps: Vec<String> = s.strings("cap_add").into_iter().map(|(t, _)| t).collect();
            assert_eq!(caps, ["SYS_ADMIN", "CHOWN"]);
        });
    }

    #[test]
    fn volumes_and_image() {
        let text = "services:\n  a:\n    image: \"ghcr.io/org/app:1.2\"\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - data:/data\n      - type: bind\n        source: /etc\n        target: /host-etc\n";
        with(text, |c| {
            let s = &c.services[0];
            let (img, _) = s.image().unwrap();
            assert_eq!(img.tag.unwrap().span.text(text), "1.2");
            let v = s.volumes();
            assert!(v[0].read_only);
            assert_eq!(v[0].source_span.text(text), "/var/run/docker.sock");
            assert_eq!(v[1].source.as_deref(), Some("data"));
            assert_eq!(v[2].source.as_deref(), Some("/etc"));
        });
    }
}
