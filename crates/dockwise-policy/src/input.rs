//! The input document a policy reads: a JSON value derived from the model of
//! a Dockerfile, a Compose file or Kubernetes manifests, and, for every value
//! in it, the words of the file that produced it (so that a finding whose
//! `path` names `Image.tag` underlines the tag).

use dockwise_syntax::dockerfile::{self, Args, Instruction, Kind, Model, Stage, Word};
use dockwise_syntax::image::ImageRef;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::yaml::{self, Node, Value as Yaml};
use dockwise_syntax::{FileKind, LineIndex, Span};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Which form of input document: Dockwise's own (the image's configuration
/// for a Dockerfile), or conftest's (a Dockerfile's list of instructions,
/// each YAML document as it is).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Dockwise,
    Conftest,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dockwise" => Some(Format::Dockwise),
            "conftest" => Some(Format::Conftest),
            _ => None,
        }
    }
}

/// A place in the document: its keys and array indices, as text.
pub type Path = Vec<String>;

/// An input document and the places of its values in the source text.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub value: Value,
    places: BTreeMap<Path, Span>,
}

impl Input {
    /// The words that produced the value at `path`, or those of the nearest
    /// enclosing value that has a place (`Image.tag` of an image written
    /// without a tag: the image).
    pub fn place(&self, path: &[String]) -> Option<Span> {
        (0..=path.len())
            .rev()
            .find_map(|n| self.places.get(&path[..n]).copied())
    }

    /// The place a finding's `path` names: a string (`Image.tag`,
    /// `services.web.privileged`, `Stages[0].Instructions[2]`, with or
    /// without a leading `input.`) or an array of keys and indices.
    pub fn place_of(&self, path: &Value) -> Option<Span> {
        let keys = match path {
            Value::String(s) => parse_path(s, &self.value),
            Value::Array(items) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect(),
            _ => return None,
        };
        if keys.is_empty() {
            return None;
        }
        self.place(&keys)
    }

    /// Every path that has a place (for tests and the page's input view).
    pub fn paths(&self) -> impl Iterator<Item = (&Path, &Span)> {
        self.places.iter()
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.value).unwrap_or_default()
    }
}

/// Splits a path written as text into keys, matching keys that hold dots
/// (`Labels.org.opencontainers.image.source`) against the document itself.
pub fn parse_path(text: &str, doc: &Value) -> Path {
    let text = text.trim();
    let text = text.strip_prefix("input.").unwrap_or(text);
    let text = if text == "input" { "" } else { text };
    let mut keys = Vec::new();
    let mut cur = Some(doc);
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let Some(close) = after.find(']') else { break };
            let inner = after[..close].trim();
            let key = inner
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(inner)
                .to_string();
            cur = cur.and_then(|v| child(v, &key));
            keys.push(key);
            rest = after[close + 1..].trim_start_matches('.');
            continue;
        }
        let chunk_end = rest.find('[').unwrap_or(rest.len());
        let chunk = &rest[..chunk_end];
        // the longest key of the current object that the chunk starts with
        let key = match cur {
            Some(Value::Object(m)) => m
                .keys()
                .filter(|k| chunk == k.as_str() || chunk.starts_with(&format!("{k}.")))
                .max_by_key(|k| k.len())
                .cloned(),
            _ => None,
        }
        .unwrap_or_else(|| chunk.split('.').next().unwrap_or("").to_string());
        cur = cur.and_then(|v| child(v, &key));
        rest = rest[key.len().min(rest.len())..].trim_start_matches('.');
        keys.push(key);
    }
    keys
}

fn child<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    match v {
        Value::Object(m) => m.get(key),
        Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    }
}

/// Records places while a document is built.
#[derive(Default)]
struct Places(BTreeMap<Path, Span>);

impl Places {
    fn at(&mut self, path: &[&str], span: Span) {
        self.0.insert(path.iter().map(|s| s.to_string()).collect(), span);
    }

    fn at_path(&mut self, path: Path, span: Span) {
        self.0.insert(path, span);
    }
}

/// The input document of `text`, a file of `kind`.
pub fn input(kind: FileKind, text: &str, format: Format) -> Input {
    match (kind, format) {
        (FileKind::Dockerfile, Format::Dockwise) => dockerfile_input(text),
        (FileKind::Dockerfile, Format::Conftest) => conftest_input(text),
        (FileKind::Compose, _) => compose_input(text),
        (FileKind::Kubernetes, _) => kubernetes_input(text),
    }
}

/// The input documents of `text` a policy is evaluated over, one at a time:
/// one, except in conftest's form of a YAML file, which is each document
/// of the stream (conftest evaluates them one by one).
pub fn inputs(kind: FileKind, text: &str, format: Format) -> Vec<Input> {
    match (kind, format) {
        (FileKind::Compose | FileKind::Kubernetes, Format::Conftest) => yaml_documents(text),
        _ => vec![input(kind, text, format)],
    }
}

/// Each document of a YAML stream as it is (conftest's form), with places.
fn yaml_documents(text: &str) -> Vec<Input> {
    let lines = LineIndex::new(text);
    let docs = yaml::parse_lenient(text).map(|p| p.docs).unwrap_or_default();
    docs.iter()
        .filter(|d| !d.is_null())
        .map(|d| {
            let mut places = Places::default();
            let value = yaml_json(d, &mut Vec::new(), &mut places, &lines, text);
            Input {
                value,
                places: places.0,
            }
        })
        .collect()
}

// ---------------------------------------------------------------- Dockerfile

/// The user an image built on `image` runs as when no USER says otherwise,
/// where Dockwise knows it: `root` for Docker Hub's official images and
/// `scratch`, `nonroot` for distroless `:nonroot` and Chainguard images.
pub fn base_user(image: &ImageRef) -> Option<&'static str> {
    if image.has_variables {
        return None;
    }
    let tag = image.tag_text().unwrap_or("");
    let registry = image.registry.as_ref().map(|r| r.text.as_str()).unwrap_or("");
    if registry == "gcr.io" && image.name.text.starts_with("distroless/") {
        return Some(if tag.contains("nonroot") { "nonroot" } else { "root" });
    }
    if registry == "cgr.dev" {
        return (!tag.ends_with("-dev") && tag != "dev").then_some("nonroot");
    }
    if image.is_scratch() {
        return Some("root");
    }
    let official = image.is_docker_hub() && (!image.name.text.contains('/') || image.name.text.starts_with("library/"));
    official.then_some("root")
}

/// `0`, `0:0`, `root:0`... → `root`: a user whose uid part is 0 or root runs
/// as root, whatever its group.
pub fn normalise_user(user: &str) -> String {
    let name = user.split(':').next().unwrap_or("").trim();
    if name == "0" || name == "root" {
        "root".to_string()
    } else {
        user.trim().to_string()
    }
}

fn image_json(img: &ImageRef, path: &[&str], places: &mut Places) -> Value {
    let mut m = Map::new();
    let name = img.name.text.strip_prefix("library/").unwrap_or(&img.name.text);
    m.insert("ref".into(), img.text.clone().into());
    m.insert("name".into(), name.into());
    let mut sub = |key: &str, span: Span| {
        let mut p = path.to_vec();
        p.push(key);
        places.at(&p, span);
    };
    sub("ref", img.span);
    sub("name", img.name.span);
    if let Some(r) = &img.registry {
        m.insert("registry".into(), r.text.clone().into());
        sub("registry", r.span);
    }
    match (&img.tag, &img.digest) {
        (Some(t), _) => {
            m.insert("tag".into(), t.text.clone().into());
            sub("tag", t.span);
        }
        // no tag and no digest: Docker pulls `latest`
        (None, None) if !img.is_scratch() => {
            m.insert("tag".into(), "latest".into());
            sub("tag", img.name.span);
        }
        _ => {}
    }
    if let Some(d) = &img.digest {
        m.insert("digest".into(), d.text.clone().into());
        sub("digest", d.span);
    }
    places.at(path, img.span);
    Value::Object(m)
}

/// The words an instruction's arguments are made of, as BuildKit lists them
/// (conftest's `Value`), with their places.
fn instruction_values(ins: &Instruction) -> Vec<(String, Span)> {
    let word = |w: &Word| (w.value.to_string(), w.span);
    match &ins.args {
        Args::None | Args::Invalid => Vec::new(),
        Args::Exec(ws) | Args::List(ws) => ws.iter().map(word).collect(),
        Args::Shell(w) | Args::Text(w) => vec![word(w)],
        Args::From(f) => {
            let mut v = vec![(f.image.text.clone(), f.image.span)];
            v.extend(f.as_keyword.iter().map(|w| (w.raw.to_string(), w.span)));
            v.extend(f.alias.iter().map(word));
            v.extend(f.extra.iter().map(word));
            v
        }
        Args::KeyValues(kvs) if ins.kind == Kind::Arg => {
            kvs.iter().map(|kv| (kv.raw.value.to_string(), kv.raw.span)).collect()
        }
        Args::KeyValues(kvs) => kvs
            .iter()
            .flat_map(|kv| {
                let value = kv.value.as_ref().map(word).unwrap_or((String::new(), kv.key.span));
                [word(&kv.key), value]
            })
            .collect(),
        Args::Healthcheck { kind, cmd } => {
            let mut v = vec![(kind.value.to_ascii_uppercase(), kind.span)];
            if let Some(cmd) = cmd {
                let inner = Instruction {
                    args: (**cmd).clone(),
                    ..ins.clone()
                };
                v.extend(instruction_values(&inner));
            }
            v
        }
        Args::Onbuild(inner) => instruction_values(inner),
    }
}

/// One instruction in conftest's form: `Cmd`, `Flags`, `JSON`, `Original`,
/// `Stage`, `SubCmd`, `Value`.
fn instruction_json(
    text: &str,
    ins: &Instruction,
    stage: usize,
    line: u32,
    path: &[String],
    places: &mut Places,
) -> Value {
    let (sub_cmd, inner) = match &ins.args {
        Args::Onbuild(inner) => (inner.keyword.to_ascii_lowercase(), &**inner),
        _ => (String::new(), ins),
    };
    let values = instruction_values(ins);
    let with = |key: &str| {
        let mut p = path.to_vec();
        p.push(key.to_string());
        p
    };
    places.at_path(path.to_vec(), dockerfile::model::head_span(ins));
    places.at_path(with("Cmd"), ins.keyword_span);
    for (i, (_, span)) in values.iter().enumerate() {
        let mut p = with("Value");
        p.push(i.to_string());
        places.at_path(p, *span);
    }
    for (i, f) in inner.flags.iter().enumerate() {
        let mut p = with("Flags");
        p.push(i.to_string());
        places.at_path(p, f.span);
    }
    let original = dockerfile::model::head_span(ins).text(text);
    json!({
        "Cmd": ins.keyword.to_ascii_lowercase(),
        "Flags": inner.flags.iter().map(|f| f.text.clone()).collect::<Vec<_>>(),
        "JSON": inner.json,
        "Original": original.split_whitespace().collect::<Vec<_>>().join(" "),
        "Stage": stage,
        "SubCmd": sub_cmd,
        "Value": values.into_iter().map(|(v, _)| v).collect::<Vec<_>>(),
        "Line": line,
    })
}

/// conftest's form of a Dockerfile: the list of its instructions.
pub fn conftest_input(text: &str) -> Input {
    let df = dockerfile::parse(text);
    let lines = LineIndex::new(text);
    let mut places = Places::default();
    let mut stage = 0usize;
    let mut seen_from = false;
    let list = df
        .instructions
        .iter()
        .enumerate()
        .map(|(i, ins)| {
            if ins.kind == Kind::From {
                if seen_from {
                    stage += 1;
                }
                seen_from = true;
            }
            let line = lines.line_of(ins.span.start) as u32 + 1;
            instruction_json(text, ins, stage, line, &[i.to_string()], &mut places)
        })
        .collect();
    Input {
        value: Value::Array(list),
        places: places.0,
    }
}

/// A command as Docker stores it: the exec form's words, or the shell form
/// run by `/bin/sh -c`.
fn command_json(ins: &Instruction, args: &Args) -> Value {
    match args {
        Args::Exec(ws) => ws.iter().map(|w| w.value.to_string()).collect(),
        Args::Shell(w) => json!(["/bin/sh", "-c", w.value.to_string()]),
        _ => {
            let _ = ins;
            json!([])
        }
    }
}

fn healthcheck_json(ins: &Instruction, places: &mut Places) -> Value {
    let mut m = Map::new();
    places.at(&["HealthCheck"], dockerfile::model::head_span(ins));
    if let Args::Healthcheck { kind, cmd } = &ins.args {
        places.at(&["HealthCheck", "Test"], kind.span);
        let test = if kind.value.eq_ignore_ascii_case("none") {
            json!(["NONE"])
        } else {
            match cmd.as_deref() {
                Some(Args::Exec(ws)) => {
                    let mut v = vec![Value::from("CMD")];
                    v.extend(ws.iter().map(|w| Value::from(w.value.to_string())));
                    Value::Array(v)
                }
                Some(Args::Shell(w)) => json!(["CMD-SHELL", w.value.to_string()]),
                _ => json!([]),
            }
        };
        m.insert("Test".into(), test);
    }
    for f in &ins.flags {
        let key = match f.name.to_ascii_lowercase().as_str() {
            "interval" => "Interval",
            "timeout" => "Timeout",
            "start-period" => "StartPeriod",
            "start-interval" => "StartInterval",
            "retries" => "Retries",
            _ => continue,
        };
        let value = f.value.clone().unwrap_or_default();
        let value = match (key, value.parse::<u64>()) {
            ("Retries", Ok(n)) => Value::from(n),
            _ => Value::from(value),
        };
        m.insert(key.into(), value);
        places.at(&["HealthCheck", key], f.value_span.unwrap_or(f.span));
    }
    Value::Object(m)
}

fn dockerfile_input(text: &str) -> Input {
    let df = dockerfile::parse(text);
    let model = Model::new(text, &df);
    let mut places = Places::default();
    let mut root = Map::new();
    root.insert("Kind".into(), "dockerfile".into());

    // every stage, with its instructions in conftest's form
    let mut stages = Vec::new();
    for s in &model.stages {
        let sp = |k: &str| vec!["Stages".to_string(), s.index.to_string(), k.to_string()];
        let from = model.from_of(s);
        places.at_path(
            vec!["Stages".into(), s.index.to_string()],
            dockerfile::model::head_span(from),
        );
        let mut st = Map::new();
        st.insert("Index".into(), s.index.into());
        st.insert("Name".into(), s.name.clone().map(Value::from).unwrap_or(Value::Null));
        if let Some(img) = model.base_image(s) {
            let idx = s.index.to_string();
            st.insert("Image".into(), image_json(img, &["Stages", &idx, "Image"], &mut places));
        }
        st.insert("BuiltOn".into(), s.parent.map(Value::from).unwrap_or(Value::Null));
        let ins: Vec<Value> = std::iter::once((s.from, from))
            .chain(model.body(s))
            .enumerate()
            .map(|(j, (i, ins))| {
                let mut p = sp("Instructions");
                p.push(j.to_string());
                let line = model.lines.line_of(model.instructions()[i].span.start) as u32 + 1;
                instruction_json(text, ins, s.index, line, &p, &mut places)
            })
            .collect();
        st.insert("Instructions".into(), Value::Array(ins));
        stages.push(Value::Object(st));
    }

    if let Some(stage) = model.final_section() {
        final_image(&model, stage, &mut root, &mut places);
    }
    root.insert("Stages".into(), Value::Array(stages));
    Input {
        value: Value::Object(root),
        places: places.0,
    }
}

/// The final image's configuration: what the final stage and the stages it
/// is built on set, in build order.
fn final_image(model: &Model, stage: &Stage, root: &mut Map<String, Value>, places: &mut Places) {
    let mut lineage = model.lineage(stage);
    lineage.reverse(); // the stage built on an outside image first
    let base = lineage
        .first()
        .and_then(|s| if s.is_preamble() { None } else { model.base_image(s) });
    if let Some(img) = base {
        root.insert("Image".into(), image_json(img, &["Image"], places));
    }

    let mut env = Map::new();
    let mut labels = Map::new();
    let mut ports = Map::new();
    let mut user: Option<(String, Span)> = None;
    let mut workdir: Option<(String, Span)> = None;
    let mut entrypoint: Option<(Value, Span)> = None;
    let mut cmd: Option<(Value, Span, usize)> = None;
    let mut health: Option<&Instruction> = None;
    let mut stop_signal: Option<(String, Span)> = None;
    let mut shell: Option<(Value, Span)> = None;
    let mut volumes = Map::new();

    for s in &lineage {
        for (_, ins) in model.body(s) {
            match ins.kind {
                Kind::Env | Kind::Label => {
                    let into = if ins.kind == Kind::Env { &mut env } else { &mut labels };
                    let field = if ins.kind == Kind::Env { "Env" } else { "Labels" };
                    for kv in ins.key_values() {
                        let key = kv.key.value.to_string();
                        let value = kv.value.as_ref().map(|w| w.value.to_string()).unwrap_or_default();
                        places.at(&[field, &key], kv.raw.span);
                        into.insert(key, value.into());
                    }
                }
                Kind::Expose => {
                    for w in ins.words() {
                        let port = match w.value.split_once('/') {
                            Some((p, proto)) => format!("{p}/{}", proto.to_ascii_lowercase()),
                            None => format!("{}/tcp", w.value),
                        };
                        places.at(&["ExposedPorts", &port], w.span);
                        ports.insert(port, json!({}));
                    }
                }
                Kind::Volume => {
                    for w in ins.words() {
                        places.at(&["Volumes", &w.value], w.span);
                        volumes.insert(w.value.to_string(), json!({}));
                    }
                }
                Kind::User => {
                    if let Some(w) = ins.text() {
                        user = Some((normalise_user(&w.value), w.span));
                    }
                }
                Kind::Workdir => {
                    if let Some(w) = ins.text() {
                        let dir = match (&workdir, w.value.starts_with('/')) {
                            (Some((prev, _)), false) => {
                                format!("{}/{}", prev.trim_end_matches('/'), w.value)
                            }
                            _ => w.value.to_string(),
                        };
                        workdir = Some((dir, w.span));
                    }
                }
                Kind::Entrypoint => {
                    entrypoint = Some((command_json(ins, &ins.args), ins.args_span));
                    // ENTRYPOINT clears a CMD set by the stage built on
                    if cmd.as_ref().is_some_and(|(_, _, at)| *at != s.index) {
                        cmd = None;
                    }
                }
                Kind::Cmd => cmd = Some((command_json(ins, &ins.args), ins.args_span, s.index)),
                Kind::Healthcheck => health = Some(ins),
                Kind::Stopsignal => {
                    if let Some(w) = ins.text() {
                        stop_signal = Some((w.value.to_string(), w.span));
                    }
                }
                Kind::Shell => shell = Some((command_json(ins, &ins.args), ins.args_span)),
                _ => {}
            }
        }
    }

    match (user, base) {
        (Some((u, span)), _) => {
            places.at(&["User"], span);
            root.insert("User".into(), u.into());
            root.insert("UserFrom".into(), "USER".into());
        }
        (None, Some(img)) => match base_user(img) {
            Some(u) => {
                places.at(&["User"], img.span);
                root.insert("User".into(), u.into());
                root.insert("UserFrom".into(), "base image".into());
            }
            None => {
                root.insert("UserFrom".into(), "unknown".into());
            }
        },
        (None, None) => {
            root.insert("UserFrom".into(), "unknown".into());
        }
    }
    if let Some(h) = health {
        let hc = healthcheck_json(h, places);
        root.insert("HealthCheck".into(), hc);
    }
    root.insert("Env".into(), Value::Object(env));
    root.insert("ExposedPorts".into(), Value::Object(ports));
    if let Some((v, span)) = entrypoint {
        places.at(&["Entrypoint"], span);
        root.insert("Entrypoint".into(), v);
    }
    if let Some((v, span, _)) = cmd {
        places.at(&["Cmd"], span);
        root.insert("Cmd".into(), v);
    }
    if let Some((v, span)) = shell {
        places.at(&["Shell"], span);
        root.insert("Shell".into(), v);
    }
    match workdir {
        Some((w, span)) => {
            places.at(&["WorkingDir"], span);
            root.insert("WorkingDir".into(), w.into());
        }
        None => {
            root.insert("WorkingDir".into(), "".into());
        }
    }
    root.insert("Labels".into(), Value::Object(labels));
    root.insert("Volumes".into(), Value::Object(volumes));
    if let Some((sig, span)) = stop_signal {
        places.at(&["StopSignal"], span);
        root.insert("StopSignal".into(), sig.into());
    }
}

// ---------------------------------------------------------------- YAML

/// The span of the first line of a node (a mapping's first key, not the
/// whole block below it).
fn first_line(node: &Node, lines: &LineIndex, text: &str) -> Span {
    let line = lines.line_span(text, lines.line_of(node.span.start));
    Span::new(node.span.start, node.span.end.min(line.end.max(node.span.start)))
}

/// A YAML node as JSON, recording the place of every value under `path`:
/// a scalar's own words; a collection's first line (for a mapping entry,
/// its key).
fn yaml_json(node: &Node, path: &mut Path, places: &mut Places, lines: &LineIndex, text: &str) -> Value {
    match &node.value {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Int(i) => Value::from(*i),
        Yaml::Float(f) => f
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::from(f.clone())),
        Yaml::Str(s) => Value::from(s.clone()),
        Yaml::Seq(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    path.push(i.to_string());
                    let span = if matches!(item.value, Yaml::Map(_) | Yaml::Seq(_)) {
                        first_line(item, lines, text)
                    } else {
                        item.span
                    };
                    places.at_path(path.clone(), span);
                    let v = yaml_json(item, path, places, lines, text);
                    path.pop();
                    v
                })
                .collect(),
        ),
        Yaml::Map(entries) => {
            let mut m = Map::new();
            for (k, v) in entries {
                let key = k.scalar_text().unwrap_or_default();
                path.push(key.clone());
                let span = if matches!(v.value, Yaml::Map(_) | Yaml::Seq(_)) || v.is_null() {
                    k.span
                } else {
                    v.span
                };
                places.at_path(path.clone(), span);
                let value = yaml_json(v, path, places, lines, text);
                path.pop();
                m.insert(key, value);
            }
            Value::Object(m)
        }
    }
}

fn compose_input(text: &str) -> Input {
    let lines = LineIndex::new(text);
    let mut places = Places::default();
    let docs = yaml::parse_lenient(text).map(|p| p.docs).unwrap_or_default();
    let mut value = match docs.first() {
        Some(d) => yaml_json(d, &mut Vec::new(), &mut places, &lines, text),
        None => Value::Null,
    };
    if !value.is_object() {
        value = Value::Object(Map::new());
    }
    if let Value::Object(m) = &mut value {
        m.insert("Kind".into(), "compose".into());
    }
    Input {
        value,
        places: places.0,
    }
}

fn kubernetes_input(text: &str) -> Input {
    let lines = LineIndex::new(text);
    let mut places = Places::default();
    let docs = yaml::parse_lenient(text).map(|p| p.docs).unwrap_or_default();
    let manifests = Manifests::new(text, &docs);
    let objects = manifests
        .objects
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let idx = i.to_string();
            places.at(&["objects", &idx], o.anchor());
            let mut m = Map::new();
            m.insert("kind".into(), o.kind.into());
            places.at(&["objects", &idx, "kind"], o.kind_node.span);
            if let Some(v) = o.node.get("apiVersion").and_then(Node::as_str) {
                m.insert("apiVersion".into(), v.into());
            }
            m.insert("name".into(), o.name.map(Value::from).unwrap_or(Value::Null));
            m.insert("namespace".into(), o.namespace.map(Value::from).unwrap_or(Value::Null));
            let mut path = vec!["objects".to_string(), idx.clone(), "object".to_string()];
            places.at_path(path.clone(), o.anchor());
            m.insert("object".into(), yaml_json(o.node, &mut path, &mut places, &lines, text));
            let pod = match &o.pod {
                Some(pod) => {
                    let mut path = vec!["objects".to_string(), idx.clone(), "podSpec".to_string()];
                    places.at_path(path.clone(), first_line(pod.spec, &lines, text));
                    yaml_json(pod.spec, &mut path, &mut places, &lines, text)
                }
                None => Value::Null,
            };
            m.insert("podSpec".into(), pod);
            Value::Object(m)
        })
        .collect();
    Input {
        value: json!({ "Kind": "kubernetes", "objects": Value::Array(objects) }),
        places: places.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn df(text: &str) -> Input {
        input(FileKind::Dockerfile, text, Format::Dockwise)
    }

    fn at<'a>(text: &'a str, i: &Input, path: &str) -> &'a str {
        let span = i.place_of(&Value::from(path)).unwrap();
        span.text(text)
    }

    #[test]
    fn the_image_configuration_of_a_dockerfile() {
        let text = "FROM python:3.12-slim AS base\nENV A=1 B=two\nWORKDIR /app\nFROM base\nWORKDIR src\n\
            EXPOSE 8000 53/UDP\nLABEL org.opencontainers.image.source=https://x\nUSER 0:0\nCMD [\"python\", \"app.py\"]\n";
        let i = df(text);
        let v = &i.value;
        assert_eq!(v["User"], "root");
        assert_eq!(v["UserFrom"], "USER");
        assert_eq!(v["Image"]["name"], "python");
        assert_eq!(v["Image"]["tag"], "3.12-slim");
        assert!(v["Image"].get("digest").is_none());
        assert_eq!(v["Env"]["B"], "two");
        assert_eq!(v["WorkingDir"], "/app/src");
        assert_eq!(v["Cmd"], json!(["python", "app.py"]));
        assert!(
            v.get("HealthCheck").is_none(),
            "no health check: absent, so `not input.HealthCheck` holds"
        );
        assert_eq!(v["ExposedPorts"], json!({"8000/tcp": {}, "53/udp": {}}));
        assert_eq!(v["Stages"][1]["BuiltOn"], 0);
        assert_eq!(v["Stages"][0]["Instructions"][1]["Cmd"], "env");
        // places
        assert_eq!(at(text, &i, "User"), "0:0");
        assert_eq!(at(text, &i, "Image.tag"), "3.12-slim");
        assert_eq!(at(text, &i, "input.Env.B"), "B=two");
        assert_eq!(
            at(text, &i, "Labels.org.opencontainers.image.source"),
            "org.opencontainers.image.source=https://x"
        );
        assert_eq!(at(text, &i, "Stages[1].Instructions[0]"), "FROM base");
        assert_eq!(at(text, &i, "Stages.0.Instructions.1.Value.2"), "B");
        // an unknown key falls back to the nearest value that has a place
        assert_eq!(at(text, &i, "Image.nothing"), "python:3.12-slim");
    }

    #[test]
    fn the_user_from_the_base_image() {
        let i = df("FROM node:20\nCMD node\n");
        assert_eq!(
            (i.value["User"].as_str(), i.value["UserFrom"].as_str()),
            (Some("root"), Some("base image"))
        );
        let i = df("FROM gcr.io/distroless/static-debian12:nonroot\n");
        assert_eq!(i.value["User"], "nonroot");
        let i = df("FROM ghcr.io/acme/app:1.0\n");
        assert!(i.value.get("User").is_none());
        assert_eq!(i.value["UserFrom"], "unknown");
        let i = df("FROM python\nHEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/\n");
        assert_eq!(i.value["Image"]["tag"], "latest", "no tag: Docker pulls latest");
        assert_eq!(
            i.value["HealthCheck"]["Test"],
            json!(["CMD-SHELL", "curl -f http://localhost/"])
        );
        assert_eq!(i.value["HealthCheck"]["Retries"], 3);
        let i = df("FROM python:3.12@sha256:abc\nHEALTHCHECK NONE\n");
        assert_eq!(i.value["Image"]["digest"], "sha256:abc");
        assert_eq!(i.value["HealthCheck"]["Test"], json!(["NONE"]));
    }

    #[test]
    fn users_are_normalised() {
        assert_eq!(normalise_user("0"), "root");
        assert_eq!(normalise_user("0:0"), "root");
        assert_eq!(normalise_user("root:root"), "root");
        assert_eq!(normalise_user("10001:10001"), "10001:10001");
    }

    #[test]
    fn entrypoint_clears_an_inherited_cmd() {
        let i = df("FROM a:1 AS b\nCMD [\"x\"]\nFROM b\nENTRYPOINT [\"y\"]\n");
        assert!(i.value.get("Cmd").is_none());
        assert_eq!(i.value["Entrypoint"], json!(["y"]));
        let i = df("FROM a:1\nCMD echo hi\nENTRYPOINT [\"y\"]\n");
        assert_eq!(i.value["Cmd"], json!(["/bin/sh", "-c", "echo hi"]));
    }

    #[test]
    fn conftest_form() {
        let text = "ARG V=1\nFROM alpine:${V} AS b\nRUN apk add curl\nFROM b\nCOPY --from=b /a /a\nONBUILD RUN x\n";
        let i = input(FileKind::Dockerfile, text, Format::Conftest);
        let v = &i.value;
        assert_eq!(v[0]["Cmd"], "arg");
        assert_eq!(v[1]["Value"], json!(["alpine:${V}", "AS", "b"]));
        assert_eq!(v[2]["Value"], json!(["apk add curl"]));
        assert_eq!(v[2]["Stage"], 0);
        assert_eq!(v[4]["Flags"], json!(["--from=b"]));
        assert_eq!(v[4]["Stage"], 1);
        assert_eq!(
            (v[5]["Cmd"].as_str(), v[5]["SubCmd"].as_str()),
            (Some("onbuild"), Some("run"))
        );
        assert_eq!(at(text, &i, "[2].Value[0]"), "apk add curl");
        assert_eq!(at(text, &i, "4"), "COPY --from=b /a /a");
    }

    #[test]
    fn conftest_form_of_yaml_is_each_document() {
        let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\n---\nkind: Pod\nmetadata:\n  name: p\n";
        let docs = inputs(FileKind::Kubernetes, text, Format::Conftest);
        assert_eq!(docs.len(), 2);
        assert_eq!(
            (docs[0].value["kind"].as_str(), docs[1].value["kind"].as_str()),
            (Some("Service"), Some("Pod"))
        );
        assert_eq!(at(text, &docs[1], "metadata.name"), "p");
        assert_eq!(inputs(FileKind::Kubernetes, text, Format::Dockwise).len(), 1);
    }

    #[test]
    fn compose_and_kubernetes() {
        let text = "services:\n  web:\n    image: nginx:latest\n    privileged: true\n";
        let i = input(FileKind::Compose, text, Format::Dockwise);
        assert_eq!(i.value["services"]["web"]["privileged"], true);
        assert_eq!(i.value["Kind"], "compose");
        assert_eq!(at(text, &i, "services.web.privileged"), "true");
        assert_eq!(at(text, &i, "services.web"), "web");
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x:1\n    securityContext:\n      privileged: true\n";
        let i = input(FileKind::Kubernetes, text, Format::Dockwise);
        let o = &i.value["objects"][0];
        assert_eq!((o["kind"].as_str(), o["name"].as_str()), (Some("Pod"), Some("p")));
        assert_eq!(o["podSpec"]["containers"][0]["securityContext"]["privileged"], true);
        assert_eq!(
            at(text, &i, "objects[0].podSpec.containers[0].securityContext.privileged"),
            "true"
        );
        assert_eq!(at(text, &i, "objects.0.object.spec.containers.0"), "name: c");
    }
}
