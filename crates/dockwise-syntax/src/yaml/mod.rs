//! YAML with exact spans: Dockwise's own reader for what compose files,
//! Kubernetes manifests and configs use: block and flow collections, plain,
//! quoted and block scalars, anchors, aliases and merge keys (`<<`), tags,
//! comments and multi-document streams. Every node keeps its byte span.
//!
//! Hostile input is bounded: nesting deeper than [`MAX_DEPTH`], alias
//! expansion beyond [`MAX_ALIAS_NODES`] nodes ("billion laughs") and input
//! above [`MAX_BYTES`] are clear errors, never a hang or a memory blow-up.
//!
//! A key written twice in one mapping is an error for [`parse`] (settings
//! files). [`parse_lenient`] (compose files and manifests) keeps the later
//! entry, as kubectl does, and lists the pair in [`Parsed::duplicates`] so a
//! rule can report it while every other rule still runs.
//! Scalars resolve with the YAML 1.2 core schema (`yes` stays a string; see
//! [`Node::as_bool`] for the YAML 1.1 reading some tools use).
//!
//! Why not a crate: saphyr (the sound choice among them) added about 24 KB
//! gzip to the browser build, a sixth of its budget; this reader is a
//! fraction of that, reports byte spans directly and is tested against
//! saphyr on every corpus file (`tests::agrees_with_saphyr`).
//!
//! The parts: `node` (the public types), `scanner` (the cursor), `block`
//! (documents, block collections, anchors and aliases), `flow` (flow
//! collections) and `scalars` (plain, quoted and block scalars, typing).

mod block;
pub mod edit;
mod flow;
mod node;
mod scalars;
mod scanner;

pub use node::{Duplicate, Node, Parsed, Value, YamlError};

use crate::span::Span;
use scanner::Parser;
use std::collections::HashMap;

/// Deepest nesting accepted, in collections.
pub const MAX_DEPTH: usize = 200;
/// Largest input accepted, in bytes.
pub const MAX_BYTES: usize = 8 << 20;
/// Most nodes that aliases may copy in one document stream.
pub const MAX_ALIAS_NODES: usize = 100_000;
/// Most duplicate keys [`parse_lenient`] lists (later ones still resolve).
pub const MAX_DUPLICATES: usize = 1000;

/// Parses every document of a YAML stream; a duplicate key is an error.
pub fn parse(text: &str) -> Result<Vec<Node>, YamlError> {
    read(text, true).map(|p| p.docs)
}

/// Parses every document of a YAML stream; of a key written twice in one
/// mapping the later entry is kept (what kubectl applies), and the pair is
/// listed in [`Parsed::duplicates`].
pub fn parse_lenient(text: &str) -> Result<Parsed, YamlError> {
    read(text, false)
}

fn read(text: &str, strict: bool) -> Result<Parsed, YamlError> {
    if text.len() > MAX_BYTES {
        return Err(YamlError {
            message: format!("the document is larger than {} MB", MAX_BYTES >> 20),
            span: Span::new(0, 0),
        });
    }
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        pos: 0,
        depth: 0,
        anchors: HashMap::new(),
        alias_nodes: 0,
        strict,
        duplicates: Vec::new(),
    };
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    let docs = p.stream()?;
    Ok(Parsed {
        docs,
        duplicates: p.duplicates,
    })
}

type R<T> = Result<T, YamlError>;

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let mut d = parse(text).unwrap_or_else(|e| panic!("{e:?} in\n{text}"));
        assert_eq!(d.len(), 1, "{text}");
        d.remove(0)
    }

    #[test]
    fn spans_are_bytes_and_merge_keys_resolve() {
        let text = "x: é\nbase: &b\n  image: nginx:1.27\n  ports: ['80']\nweb:\n  <<: *b\n  image: nginx:1.26\n";
        let root = one(text);
        let x = root.get("x").unwrap();
        assert_eq!(x.span.text(text), "é");
        let web = root.get("web").unwrap();
        assert_eq!(web.get("image").unwrap().as_str(), Some("nginx:1.26"));
        let ports = web.get("ports").unwrap();
        assert_eq!(ports.as_seq().unwrap()[0].span.text(text), "'80'");
        assert!(ports.as_seq().unwrap()[0].quoted);
        assert_eq!(web.as_map().unwrap().len(), 2);
        assert_eq!(
            root.get("base").unwrap().get("image").unwrap().span.text(text),
            "nginx:1.27"
        );
    }

    #[test]
    fn hostile_input_is_refused_quickly() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        assert!(parse(bomb).unwrap_err().message.contains("billion laughs"));
        assert!(parse(&"[".repeat(100_000)).is_err());
        let deep: String = (0..5000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        assert!(parse(&deep).is_err());
        let deep_seq: String = (0..5000).map(|i| format!("{}- \n", " ".repeat(i * 2))).collect();
        let _ = parse(&deep_seq);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let text = "a: 1\nb: [1, 2\n";
        let e = parse(text).unwrap_err();
        assert!(e.span.start as usize <= text.len());
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert!(e.message.contains("duplicate key `a`"), "{e:?}");
        assert_eq!(e.span.start, 5);
        let e = parse("a:\n\tb: 1\n").unwrap_err();
        assert!(e.message.contains("tab"));
        assert!(parse("a: 'open\n").is_err());
        assert!(parse("a: 1\n  b: 2\n").is_err());
    }

    #[test]
    fn lenient_reading_keeps_the_later_duplicate() {
        let text = "spec:\n  selector: {app: a}\n  replicas: 2\n  selector: {app: b}\nflow: {x: 1, y: 2, x: 3}\n";
        let p = parse_lenient(text).unwrap();
        let spec = p.docs[0].get("spec").unwrap();
        assert_eq!(spec.path(&["selector", "app"]).unwrap().as_str(), Some("b"));
        // the earlier entry is gone; the later one sits where it is written
        let keys: Vec<_> = spec
            .as_map()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_str().unwrap())
            .collect();
        assert_eq!(keys, ["replicas", "selector"]);
        assert_eq!(p.docs[0].path(&["flow", "x"]).unwrap().as_i64(), Some(3));
        let d: Vec<_> = p
            .duplicates
            .iter()
            .map(|d| (d.key.as_str(), d.span.text(text), d.first.start as usize, d.merge))
            .collect();
        assert_eq!(
            d,
            [
                ("selector", "selector", 8, false),
                ("x", "x", text.find("x: 1").unwrap(), false)
            ]
        );
        // a key given three times: each pair once, the last value kept
        let p = parse_lenient("a: 1\na: 2\na: 3\n").unwrap();
        assert_eq!(p.docs[0].get("a").unwrap().as_i64(), Some(3));
        assert_eq!(p.docs[0].as_map().unwrap().len(), 1);
        assert_eq!(p.duplicates.iter().map(|d| d.first.start).collect::<Vec<_>>(), [0, 5]);
        // two merge keys: both sources merged, the pair recorded as a merge
        let p = parse_lenient("a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n").unwrap();
        assert_eq!(p.docs[0].path(&["c", "y"]).unwrap().as_i64(), Some(2));
        assert_eq!(p.docs[0].path(&["c", "x"]).unwrap().as_i64(), Some(1));
        assert!(p.duplicates[0].merge);
        // the strict reading refuses what the lenient one records
        assert!(parse("a: 1\nb:\n  <<: {x: 1}\n  <<: {y: 1}\n").is_ok());
        assert!(parse("{x: 1, x: 2}").unwrap_err().message.contains("duplicate key `x`"));
        // hostile: a million duplicates stay linear and listed up to the cap
        let many = "k: v\n".repeat(200_000);
        let p = parse_lenient(&many).unwrap();
        assert_eq!(p.duplicates.len(), MAX_DUPLICATES);
        assert_eq!(p.docs[0].as_map().unwrap().len(), 1);
    }

    #[test]
    fn multi_document_streams() {
        let docs = parse("a: 1\n---\nb: 2\n...\n---\n- x\n").unwrap();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[2].as_seq().unwrap().len(), 1);
        assert!(parse("# only a comment\n").unwrap().is_empty());
        assert_eq!(parse("---\n").unwrap().len(), 1);
    }

    #[test]
    fn scalars() {
        let r = one("a: 1\nb: 1.5\nc: true\nd: ~\ne: yes\nf: \"x\\ty\\u00e9\"\ng: 'it''s'\nh: 0x1F\ni: 1e3\nj: 010\nk: -7\nl: .5\nm: 1.2.3\nn: !!str 42\n");
        let v = |k: &str| r.get(k).unwrap().value.clone();
        assert_eq!(v("a"), Value::Int(1));
        assert_eq!(v("b"), Value::Float("1.5".into()));
        assert_eq!(v("c"), Value::Bool(true));
        assert_eq!(v("d"), Value::Null);
        assert_eq!(v("e"), Value::Str("yes".into()));
        assert_eq!(r.get("e").unwrap().as_bool(), Some(true));
        assert_eq!(v("f"), Value::Str("x\tyé".into()));
        assert_eq!(v("g"), Value::Str("it's".into()));
        assert_eq!(v("h"), Value::Int(31));
        assert_eq!(v("i"), Value::Float("1e3".into()));
        assert_eq!(v("j"), Value::Int(10));
        assert_eq!(v("k"), Value::Int(-7));
        assert_eq!(v("l"), Value::Float(".5".into()));
        assert_eq!(v("m"), Value::Str("1.2.3".into()));
        assert_eq!(v("n"), Value::Str("42".into()));
    }

    #[test]
    fn block_scalars() {
        let r =
            one("a: |\n  line 1\n   indented\n\n  line 3\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\nd: x\n");
        assert_eq!(r.get("a").unwrap().as_str(), Some("line 1\n indented\n\nline 3\n"));
        assert_eq!(r.get("b").unwrap().as_str(), Some("folded text\npara"));
        assert_eq!(r.get("c").unwrap().as_str(), Some("keep\n\n"));
        assert_eq!(r.get("d").unwrap().as_str(), Some("x"));
    }

    #[test]
    fn collections() {
        let r = one("list:\n- a\n- b: 1\n  c: 2\n-   - nested\n    - x\nflow: {a: [1, 2], 'b': {c: d}}\nempty:\nplain: multi\n  line\n");
        let list = r.get("list").unwrap().as_seq().unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(list[1].get("c").unwrap().as_i64(), Some(2));
        assert_eq!(list[2].as_seq().unwrap().len(), 2);
        assert_eq!(r.path(&["flow", "b", "c"]).unwrap().as_str(), Some("d"));
        assert!(r.get("empty").unwrap().is_null());
        assert_eq!(r.get("plain").unwrap().as_str(), Some("multi line"));
    }

    #[test]
    fn odd_input_never_panics() {
        for t in [
            "",
            "-",
            "- -",
            ":",
            "? ",
            "a: [",
            "{",
            "}",
            "]",
            "a: &",
            "a: *",
            "a: |9\n x",
            "a: >\n\n",
            "'",
            "\"\\",
            "\"\\u12",
            "- ? a\n  : b\n",
            "&a &b x",
            "!!str",
            "? a\n? b\n",
            "a:\n  - b\n  c: d\n",
            "---\n---\n",
            "...\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: \"b\n---\nc\"",
            "\u{feff}a: 1",
            "\u{8}v1\n\t",
            "a\n \t\n",
        ] {
            let _ = parse(t);
        }
    }

    /// Differential test: the values (not spans) must equal saphyr's on every
    /// YAML file of the shared corpus and on tricky snippets.
    #[test]
    fn agrees_with_saphyr() {
        use saphyr::{LoadableYamlNode, Scalar, Yaml};
        fn conv(y: &Yaml) -> Option<Value> {
            Some(match y {
                Yaml::Value(Scalar::Null) => Value::Null,
                Yaml::Value(Scalar::Boolean(b)) => Value::Bool(*b),
                Yaml::Value(Scalar::Integer(i)) => Value::Int(*i),
                Yaml::Value(Scalar::FloatingPoint(f)) => Value::Float(f.into_inner().to_string()),
                Yaml::Value(Scalar::String(s)) => Value::Str(s.to_string()),
                Yaml::Sequence(v) => Value::Seq(
                    v.iter()
                        .map(|i| conv(i).map(|v| Node::new(v, 0, 0)))
                        .collect::<Option<_>>()?,
                ),
                Yaml::Mapping(m) => {
                    let mut entries: Vec<(Node, Node)> = Vec::new();
                    let mut merges = Vec::new();
                    for (k, v) in m.iter() {
                        let (k, v) = (conv(k)?, conv(v)?);
                        if k == Value::Str("<<".into()) {
                            merges.push(v);
                        } else {
                            entries.push((Node::new(k, 0, 0), Node::new(v, 0, 0)));
                        }
                    }
                    for src in merges {
                        let srcs = match src {
                            Value::Seq(items) => items.into_iter().map(|n| n.value).collect(),
                            v => vec![v],
                        };
                        for s in srcs {
                            if let Value::Map(m) = s {
                                for (k, v) in m {
                                    if !entries.iter().any(|(e, _)| e.value == k.value) {
                                        entries.push((k, v));
                                    }
                                }
                            }
                        }
                    }
                    Value::Map(entries)
                }
                Yaml::Tagged(_, inner) => conv(inner)?,
                _ => return None,
            })
        }
        fn strip(n: &Node) -> Value {
            match &n.value {
                Value::Seq(v) => Value::Seq(v.iter().map(|i| Node::new(strip(i), 0, 0)).collect()),
                Value::Map(m) => Value::Map(
                    m.iter()
                        .map(|(k, v)| (Node::new(strip(k), 0, 0), Node::new(strip(v), 0, 0)))
                        .collect(),
                ),
                // saphyr holds floats as numbers: compare the numbers' texts
                Value::Float(t) => {
                    let f = match t.trim_start_matches('+').to_ascii_lowercase().as_str() {
                        ".inf" => f64::INFINITY,
                        "-.inf" => f64::NEG_INFINITY,
                        ".nan" => f64::NAN,
                        _ => t.parse::<f64>().unwrap_or(f64::NAN),
                    };
                    Value::Float(f.to_string())
                }
                v => v.clone(),
            }
        }
        fn first_diff(a: &Value, b: &Value, at: String) -> Option<String> {
            match (a, b) {
                (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => x
                    .iter()
                    .zip(y)
                    .enumerate()
                    .find_map(|(i, (p, q))| first_diff(&p.value, &q.value, format!("{at}[{i}]"))),
                (Value::Map(x), Value::Map(y)) if x.len() == y.len() => {
                    x.iter().zip(y).find_map(|((k1, v1), (k2, v2))| {
                        first_diff(&k1.value, &k2.value, format!("{at}.<key>"))
                            .or_else(|| first_diff(&v1.value, &v2.value, format!("{at}.{:?}", k1.value)))
                    })
                }
                _ if a == b => None,
                _ => Some(format!("{at}: saphyr {} / ours {}", short(a), short(b))),
            }
        }
        fn short(v: &Value) -> String {
            match v {
                Value::Map(m) => format!(
                    "map{:?}",
                    m.iter().map(|(k, _)| format!("{:?}", k.value)).collect::<Vec<_>>()
                ),
                Value::Seq(s) => format!("seq of {}", s.len()),
                v => format!("{v:?}"),
            }
        }
        let mut texts: Vec<(String, String)> = Vec::new();
        let shared = std::env::var("DOCKWISE_SHARED")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|_| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
        for dir in ["corpus/compose", "corpus/k8s"] {
            let d = shared.join(dir);
            let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
            for e in entries.flatten() {
                texts.push((
                    e.path().display().to_string(),
                    std::fs::read_to_string(e.path()).unwrap(),
                ));
            }
        }
        assert!(texts.len() > 100, "corpus missing");
        for s in [
            "a: 'x'\nb: \"y\"\nc: |-\n  z\n",
            "- a: 1\n  b:\n  - x\n  - y\n- c\n",
            "k: >\n  one\n  two\n\n  three\n   four\n",
            "k: |2\n    two extra\n  base\n",
            "x: &a {p: 1}\ny:\n  <<: *a\n  q: 2\n",
            "a: \"multi\n  line\n\n  para\"\n",
            "a: 'multi\n  line'\n",
            "? complex\n: value\n",
            "a: [b, {c: d}, [e]]\n",
            "a: -1\nb: +1\nc: 1_000\nd: 0o17\ne: .5e3\nf: 1.\n",
            "url: http://x:8080/a#b\nemail: a@b.c # comment\n",
            "a: b # c\n# d\ne: f\n",
            "- !!str 1\n- !custom [x]\n",
        ] {
            texts.push(("snippet".into(), s.to_string()));
        }
        let mut compared = 0;
        for (name, text) in &texts {
            let theirs = Yaml::load_from_str(text);
            let ours = parse(text);
            match (theirs, ours) {
                (Ok(t), Ok(o)) => {
                    assert_eq!(t.len(), o.len(), "{name}: document count");
                    for (td, od) in t.iter().zip(&o) {
                        let Some(tv) = conv(td) else { continue };
                        if let Some(d) = first_diff(&tv, &strip(od), String::new()) {
                            panic!("{name}: values differ at {d}");
                        }
                    }
                    compared += 1;
                }
                (Err(_), Err(_)) => {}
                // saphyr refuses a flow sequence closed at its key's column;
                // go-yaml (which Compose and kubectl use) accepts it, and so do we
                (Err(e), Ok(_))
                    if name.ends_with("getsentry_self-hosted__docker-compose.yml")
                        && e.to_string().contains("invalid indentation") => {}
                (t, o) => panic!(
                    "{name}: saphyr {:?} / ours {:?}\n{text}",
                    t.map(|_| "ok").map_err(|e| e.to_string()),
                    o.map(|_| "ok")
                ),
            }
        }
        assert!(compared > 100);
    }
}
