//! Dockwise for JavaScript: the same core as the CLI and the playground,
//! compiled to WebAssembly with wasm-bindgen. Findings are the CLI's JSON
//! objects (fixes included) plus `from`/`to`, the span as UTF-16 offsets
//! into the text (what JavaScript strings and editors count), on findings
//! and on fix edits alike. Options are a plain object:
//! `{kind?: "dockerfile"|"compose"|"kubernetes", rules?: string[] (only these),
//! config?: string (a .dockwise.yaml / .hadolint.yaml text), unsafe?: boolean,
//! name?: string (the file name reports give)}`.
//!
//! `buildPicture` answers the Build tab: the stage graph, each
//! instruction's layer or metadata, the cache view of an edited file and the
//! final base's size estimate (`sizeRefactor`, `baseSizes`: the size table).
//!
//! The playground loads this module when fixes are first needed; lesson
//! sites that draw their own UI import it from the npm package.

use dockwise_rules::build;
use dockwise_rules::card::Entry;
use dockwise_rules::config::Config;
use dockwise_rules::fix::{fix as fix_text, harden as harden_text};
use dockwise_rules::report::triage::{self, Order, Triage};
use dockwise_rules::report::{json as report_json, located, Located};
use dockwise_rules::{lint as lint_text, rules, Applicability, LintOptions};
use dockwise_syntax::span::utf16_offsets;
use dockwise_syntax::{detect, FileKind};
use serde::Deserialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Where a finding or an edit is: 1-based lines, 1-based columns counting characters (end exclusive),
 *  and `from`/`to`, the same span as UTF-16 offsets into the text. */
export interface Span { line: number; column: number; end_line: number; end_column: number; from: number; to: number; }
export interface Edit extends Span { replacement: string; }
export interface Fix { applicability: "safe" | "unsafe"; title: string; edits: Edit[]; }
export interface Finding extends Span {
  rule: string; name: string; severity: "error" | "warning" | "info" | "style"; message: string;
  instruction_line?: number; syntax_error?: true; fix?: Fix;
  related?: Array<{ line: number; column: number; end_line: number; end_column: number; message: string }>;
}
export type Kind = "dockerfile" | "compose" | "kubernetes";
export interface Options {
  /** The kind of file; detected from the content when left out. */
  kind?: Kind;
  /** Only these rules run (ids, names or aliases). */
  rules?: string[];
  /** A .dockwise.yaml or .hadolint.yaml text: ignored rules, severities, trusted registries... */
  config?: string;
  /** fix(): apply unsafe fixes too (they change behaviour). */
  unsafe?: boolean;
  /** export(): the file name the report gives (default: `Dockerfile`, `compose.yaml` or `manifest.yaml`). */
  name?: string;
}
export type Severity = "error" | "warning" | "info" | "style";
export type Order = "severity" | "line";
/** One entry of the triaged list: one finding, the findings of several rules on one token, or what a file,
 *  service, container or object is missing. */
export interface TriageEntry {
  /** Indices into `findings`: most severe first, then the most specific (narrowest span). */
  findings: number[];
  /** The entry's rule ids, once each, in that order. */
  rules: string[];
  severity: Severity;
  /** Where the entry starts. */
  line: number; column: number;
  /** A "missing from ..." entry: what lacks the rules' demands (`name` is empty for the file). */
  missing?: { scope: "file" | "service" | "container" | "object"; name: string; title: string };
  /** One piece of advice for the entry's rules together (a known combination); backticks mark code. */
  advice?: string;
}
export interface Triage extends Checked {
  order: Order;
  entries: TriageEntry[];
  summary: {
    total: number;
    severities: Array<{ severity: Severity; count: number }>;
    /** Findings per concern (a rule's tags), most first. */
    concerns: Array<{ tag: string; count: number }>;
    /** The one thing to fix first: a syntax error, else the most common rule at the highest severity. */
    first?: { rule: string; name: string; title: string; severity: Severity; count: number; finding: number };
  };
  /** The rules' version and how many there are: `0.1.0+179`. */
  version: string;
}
export interface Checked { kind: Kind; blank: boolean; lines: number; findings: Finding[]; }
export interface Score { found: number[]; missed: number[]; falseAlarms: number[]; problems: Array<{ line: number; findings: Finding[] }>; also: Array<{ line: number; findings: Finding[] }>; }
export interface Fixed {
  text: string;
  applied: Array<{ rule: string; title: string; applicability: "safe" | "unsafe" }>;
  /** What remains in the fixed text. */
  findings: Finding[];
}
export interface Hardening {
  proposals: Array<{ rule: string; name: string; title: string; applicability: "safe" | "unsafe"; clashes: boolean; edits: Edit[] }>;
  before: Array<{ tag: string; count: number }>;
  after: Array<{ tag: string; count: number }>;
  hardened: string; rounds: number; applied: number; remaining: number;
}
/** The build picture of a Dockerfile (`buildPicture`). Places are 1-based lines and UTF-16 offsets. */
export interface Place { line: number; end_line: number; from: number; to: number; }
export type BuildBase =
  | { kind: "image"; reference: string; registry: string | null; name: string; tag: string | null; digest: string | null; variables: boolean }
  | { kind: "scratch" } | { kind: "stage"; index: number } | { kind: "unknown" };
export type EdgeSource = { kind: "stage"; index: number } | { kind: "image"; index: number } | { kind: "missing"; reference: string };
export interface BuildStage {
  index: number; name: string | null; base: BuildBase; place: Place;
  /** The last stage: the image built without `--target`. */
  final: boolean;
  /** The final stage needs it (BuildKit builds no other). */
  used: boolean;
  /** Indices into `instructions`: the FROM and the stage's last instruction. */
  first: number; last: number;
}
export interface BuildEdge { kind: "base" | "copy" | "mount"; from: EdgeSource; to: number; instruction: number; line: number; }
export interface BuildStep {
  index: number; stage: number | null; keyword: string;
  /** `layer`: RUN, COPY, ADD add a file-system layer; `metadata`: configuration only. */
  effect: "base" | "layer" | "metadata" | "trigger" | "invalid";
  place: Place;
  copy?: { sources: string[]; destination: string | null; from: EdgeSource | null; heredoc: boolean; exclude: string[] };
  mounts?: Array<{ type: string; from: EdgeSource | null; source: string | null; target: string | null }>;
}
export type RebuildReason = { kind: "copies" } | { kind: "mounts" } | { kind: "after" } | { kind: "base"; stage: number } | { kind: "from"; stage: number };
export interface CacheView {
  /** The edited path, cleaned. */
  path: string;
  /** `.dockerignore` leaves it out of the context: nothing reruns. */
  ignored: boolean;
  rebuilds: Array<{ instruction: number; stage: number; reason: RebuildReason }>;
  /** Installs that rerun only because a COPY before them took the file in; `rule`: the rule that flags the order. */
  fixes: Array<{ install: number; copy: number; command: string; manifests: string[]; rule: string | null }>;
}
export interface ImageSize { image: string; tag: string; mb: number; arch: string; read: string; source: string; }
export interface SizeMatch { tag: string; variant: "full" | "slim" | "alpine" | "distroless"; size: ImageSize; exact: boolean; }
/** An estimate: the compressed size of the base image only, from a table of sourced sizes. */
export interface BaseEstimate {
  reference: string; image: string; tag: string | null; variant: "full" | "slim" | "alpine" | "distroless";
  size: SizeMatch | null; alternatives: SizeMatch[];
}
export interface BuildPicture {
  stages: BuildStage[]; externals: Array<{ index: number; reference: string }>; edges: BuildEdge[];
  instructions: BuildStep[]; final: number | null; cache?: CacheView; base: BaseEstimate | null;
  /** The file has syntax errors: the picture shows what could be read. */
  errors: boolean;
}
export interface BuildOptions {
  /** A build-context path the developer edits (`src/app.py`): adds the cache view. */
  edited?: string;
  /** The `.dockerignore` text. */
  dockerignore?: string;
}
export interface Refactor { before: BaseEstimate | null; after: BaseEstimate | null; saved_mb: number | null; text: string; }
export interface Rule {
  id: string; name: string; severity: string; kind: Kind; title: string; enabled_by_default: boolean; aliases: string[];
  fixes: "no" | "safe" | "unsafe" | "contextual";
  docs?: { what: string; why: string; bad: string; good: string; fix: string };
  quiz?: { question: string; choices: Array<{ text: string; correct: boolean; feedback: string }> };
  card?: { tags: string[]; related: string[]; sources: Array<{ title: string; url: string }>; analogy: string; diff: Array<[string, string]> };
}
"#;

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    kind: Option<String>,
    rules: Option<Vec<String>>,
    config: Option<String>,
    #[serde(rename = "unsafe")]
    unsafe_fixes: Option<bool>,
    name: Option<String>,
}

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// Reads the options object into lint options (and whether unsafe fixes are wanted).
fn read_options(value: &JsValue) -> Result<(LintOptions, bool), JsError> {
    let o = options_object(value)?;
    let unsafe_fixes = o.unsafe_fixes.unwrap_or(false);
    Ok((lint_options(o)?, unsafe_fixes))
}

fn options_object(value: &JsValue) -> Result<Options, JsError> {
    Ok(if value.is_undefined() || value.is_null() {
        Options::default()
    } else {
        let text = js_sys::JSON::stringify(value).map_err(|_| error("options must be a plain object"))?;
        let text = text.as_string().unwrap_or_default();
        serde_json::from_str(&text).map_err(|e| error(format!("options: {e}")))?
    })
}

fn lint_options(o: Options) -> Result<LintOptions, JsError> {
    let mut lint = LintOptions::default();
    if let Some(k) = &o.kind {
        lint.kind = Some(FileKind::parse(k).ok_or_else(|| error(format!("options.kind: unknown kind `{k}`")))?);
    }
    if let Some(config) = &o.config {
        let (c, _warnings) = Config::parse(config)
            .map_err(|e| error(format!("options.config:{}:{}: {}", e.line, e.column, e.message)))?;
        c.apply(&mut lint);
    }
    if let Some(only) = o.rules {
        if let Some(bad) = only.iter().find(|r| rules::find(r).is_none()) {
            return Err(error(format!("options.rules: no rule named `{bad}`")));
        }
        lint.only = Some(only);
    }
    Ok(lint)
}

/// A located finding as JSON, with UTF-16 offsets added.
fn finding(f: &Located) -> Value {
    let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        // a text has no file name
        o.remove("file");
        o.insert("from".into(), f.from.into());
        o.insert("to".into(), f.to.into());
        if let (Some(fix), Some(edits)) = (
            &f.fix,
            o.get_mut("fix")
                .and_then(|x| x.get_mut("edits"))
                .and_then(Value::as_array_mut),
        ) {
            for (e, v) in fix.edits.iter().zip(edits) {
                if let Some(eo) = v.as_object_mut() {
                    eo.insert("from".into(), e.from.into());
                    eo.insert("to".into(), e.to.into());
                }
            }
        }
    }
    v
}

/// `text` checked with the caller's options: the result, and its findings as JSON.
fn checked(text: &str, options: &JsValue) -> Result<(dockwise_rules::LintResult, Vec<Value>), JsError> {
    let (opts, _) = read_options(options)?;
    let result = lint_text(text, &opts);
    let findings = located("", text, &result).iter().map(finding).collect();
    Ok((result, findings))
}

fn to_js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

/// Checks `text` and returns every finding (sorted by position).
#[wasm_bindgen(unchecked_return_type = "Finding[]")]
pub fn lint(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsError> {
    let (_, findings) = checked(text, &options)?;
    Ok(to_js(&Value::Array(findings)))
}

/// Checks `text` like [`lint`], and says what was checked: `{kind, blank,
/// lines, findings}` (`blank`: the text is only white space, nothing was
/// checked; `lines`: how many lines it has).
#[wasm_bindgen(unchecked_return_type = "Checked")]
pub fn check(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsError> {
    let (result, findings) = checked(text, &options)?;
    Ok(to_js(&json!({
        "kind": result.kind.as_str(),
        "blank": result.blank,
        "lines": result.lines.line_count(),
        "findings": findings,
    })))
}

/// Scores the lines a learner marked in a spot-the-problem challenge: a
/// problem line is one where a finding of `rules` starts; a marked line
/// another rule flags is a good catch (`also`), not a false alarm. Returns
/// `{found, missed, falseAlarms, problems: [{line, findings}], also}`.
#[wasm_bindgen(unchecked_return_type = "Score")]
pub fn score(text: &str, kind: &str, rules: Vec<String>, marked: Vec<u32>) -> Result<JsValue, JsError> {
    let kind = FileKind::parse(kind).ok_or_else(|| error(format!("unknown kind `{kind}`")))?;
    let s = dockwise_rules::learn::score(text, kind, &rules, &marked);
    let lines = |list: &[dockwise_rules::learn::Problem]| -> Vec<Value> {
        list.iter()
            .map(|p| json!({"line": p.line, "findings": p.findings.iter().map(finding).collect::<Vec<_>>()}))
            .collect()
    };
    Ok(to_js(&json!({
        "found": s.found,
        "missed": s.missed,
        "falseAlarms": s.false_alarms,
        "problems": lines(&s.problems),
        "also": lines(&s.also),
    })))
}

/// Applies the fixes (safe ones; unsafe too with `unsafe: true`) until
/// nothing changes, and returns the fixed text, what was applied and what
/// remains.
#[wasm_bindgen(unchecked_return_type = "Fixed")]
pub fn fix(text: &str, #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue) -> Result<JsValue, JsError> {
    let (opts, unsafe_fixes) = read_options(&options)?;
    let level = if unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let fixed = fix_text(text, &opts, level);
    let applied: Vec<Value> = fixed
        .applied
        .iter()
        .map(|a| json!({"rule": a.rule.id, "title": a.title, "applicability": a.applicability}))
        .collect();
    let findings: Vec<Value> = located("", &fixed.text, &fixed.result).iter().map(finding).collect();
    Ok(to_js(
        &json!({"text": fixed.text, "applied": applied, "findings": findings}),
    ))
}

/// What hardening `text` would do: the fixes on offer now (each with its
/// rule, UTF-16 edits, and whether it clashes with an earlier one), the
/// fully hardened text, and the findings by concern before and after.
#[wasm_bindgen(unchecked_return_type = "Hardening")]
pub fn harden(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsError> {
    let (opts, _) = read_options(&options)?;
    let h = harden_text(text, &opts);
    let offsets: Vec<u32> = h
        .proposals
        .iter()
        .flat_map(|p| p.fix.edits.iter())
        .flat_map(|e| [e.span.start, e.span.end])
        .collect();
    let mut utf16 = utf16_offsets(text, &offsets).into_iter();
    let proposals: Vec<Value> = h
        .proposals
        .iter()
        .map(|p| {
            let edits: Vec<Value> = p
                .fix
                .edits
                .iter()
                .map(|e| json!({"from": utf16.next(), "to": utf16.next(), "replacement": e.replacement}))
                .collect();
            json!({"rule": p.rule.id, "name": p.rule.name, "title": p.fix.title,
                   "applicability": p.fix.applicability, "clashes": p.clashes, "edits": edits})
        })
        .collect();
    let counts = |v: &[(dockwise_rules::Tag, usize)]| -> Vec<Value> {
        v.iter().map(|(t, n)| json!({"tag": t.as_str(), "count": n})).collect()
    };
    Ok(to_js(&json!({
        "proposals": proposals,
        "before": counts(&h.before),
        "after": counts(&h.after),
        "hardened": h.hardened.text,
        "rounds": h.hardened.rounds,
        "applied": h.hardened.applied.len(),
        "remaining": h.hardened.result.findings.len(),
    })))
}

/// Every rule of the catalogue, with its docs, quiz and card.
#[wasm_bindgen(unchecked_return_type = "Rule[]")]
pub fn rules() -> JsValue {
    let all: Vec<Entry> = rules::all().map(|r| Entry::of(r, true)).collect();
    to_js(&serde_json::to_value(all).unwrap_or(Value::Null))
}

/// One rule's card (by id, name or alias), or `null`.
#[wasm_bindgen(unchecked_return_type = "Rule | null")]
pub fn card(id: &str) -> JsValue {
    match rules::find(id) {
        Some(r) => to_js(&serde_json::to_value(Entry::of(r, true)).unwrap_or(Value::Null)),
        None => JsValue::NULL,
    }
}

/// The kind of a text, from its file name when that decides, else its content.
#[wasm_bindgen(unchecked_return_type = "Kind")]
pub fn detect_kind(text: &str, name: Option<String>) -> String {
    detect::detect(name.as_deref(), text).as_str().to_string()
}

fn read_order(order: Option<String>) -> Result<Order, JsError> {
    match order {
        None => Ok(Order::default()),
        Some(o) => Order::parse(&o).ok_or_else(|| error(format!("unknown order `{o}`: severity or line"))),
    }
}

/// A triage as JSON (see the `Triage` type).
fn triage_json(t: &Triage, found: &[Located], kind: FileKind) -> Value {
    let entries: Vec<Value> = t
        .entries
        .iter()
        .map(|e| {
            let mut v = json!({
                "findings": e.findings,
                "rules": e.rules(found).iter().map(|r| r.id).collect::<Vec<_>>(),
                "severity": e.severity,
                "line": e.line,
                "column": e.column,
            });
            if let Some(o) = v.as_object_mut() {
                if let Some(m) = &e.missing {
                    o.insert(
                        "missing".into(),
                        json!({"scope": m.scope, "name": m.name, "title": m.title(kind)}),
                    );
                }
                if let Some(a) = e.advice {
                    o.insert("advice".into(), a.into());
                }
            }
            v
        })
        .collect();
    let s = &t.summary;
    let mut summary = json!({
        "total": s.total,
        "severities": s.severities.iter().map(|(sev, n)| json!({"severity": sev, "count": n})).collect::<Vec<_>>(),
        "concerns": s.concerns.iter().map(|(tag, n)| json!({"tag": tag.as_str(), "count": n})).collect::<Vec<_>>(),
    });
    if let (Some(first), Some(o)) = (&s.first, summary.as_object_mut()) {
        o.insert(
            "first".into(),
            json!({"rule": first.rule.id, "name": first.rule.name, "title": first.rule.title,
                   "severity": first.severity, "count": first.count, "finding": first.finding}),
        );
    }
    json!({"entries": entries, "summary": summary})
}

/// Checks `text` like [`check`] and triages its findings: entries (a
/// finding alone, the findings of several rules on one token with one piece
/// of advice, or what a file, service, container or object is missing) in
/// `order` (`severity`, the default: most severe first; or `line`), and a
/// summary (counts by severity and by concern, the one thing to fix first).
#[wasm_bindgen(unchecked_return_type = "Triage")]
pub fn triage(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Order | undefined")] order: Option<String>,
) -> Result<JsValue, JsError> {
    let order = read_order(order)?;
    let (opts, _) = read_options(&options)?;
    let result = lint_text(text, &opts);
    let found = located("", text, &result);
    let t = triage::triage(text, &found, order);
    let mut v = triage_json(&t, &found, result.kind);
    if let Some(o) = v.as_object_mut() {
        o.insert("kind".into(), result.kind.as_str().into());
        o.insert("blank".into(), result.blank.into());
        o.insert("lines".into(), result.lines.line_count().into());
        o.insert("order".into(), order.as_str().into());
        o.insert("findings".into(), found.iter().map(finding).collect::<Vec<_>>().into());
        o.insert("version".into(), triage::catalogue_version().into());
    }
    Ok(to_js(&v))
}

/// The findings of `text` as a report: `markdown` (for a pull-request
/// comment: a heading, the summary, a table of the findings, most severe
/// first; text from the file is escaped, so it cannot add markup) or `json`
/// (the CLI's JSON, `file` from `options.name`).
#[wasm_bindgen(js_name = "exportReport")]
pub fn export_report(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"markdown\" | \"json\"")] format: &str,
) -> Result<String, JsError> {
    let mut o = options_object(&options)?;
    let name = o.name.take();
    let opts = lint_options(o)?;
    let result = lint_text(text, &opts);
    let name = name.unwrap_or_else(|| {
        match result.kind {
            FileKind::Dockerfile => "Dockerfile",
            FileKind::Compose => "compose.yaml",
            FileKind::Kubernetes => "manifest.yaml",
        }
        .to_string()
    });
    let found = located(&name, text, &result);
    match format {
        "markdown" => {
            let t = triage::triage(text, &found, Order::Severity);
            Ok(triage::markdown(result.kind, &found, &t))
        }
        "json" => Ok(report_json(&found)),
        other => Err(error(format!("unknown format `{other}`: markdown or json"))),
    }
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuildOptions {
    edited: Option<String>,
    dockerignore: Option<String>,
}

/// The build picture of a Dockerfile: stages (base, final, used), the
/// edges between them (`FROM` a stage, `COPY --from`, `RUN --mount from=`),
/// each instruction's effect (a layer or metadata) and what it copies in,
/// the final base's size estimate and, with `edited`, the cache view (which
/// instructions rerun when that file changes, and the order fixes). Places
/// are lines and UTF-16 offsets.
#[wasm_bindgen(js_name = "buildPicture", unchecked_return_type = "BuildPicture")]
pub fn build_picture(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let o: BuildOptions = if options.is_undefined() || options.is_null() {
        BuildOptions::default()
    } else {
        let json = js_sys::JSON::stringify(&options).map_err(|_| error("options must be a plain object"))?;
        serde_json::from_str(&json.as_string().unwrap_or_default()).map_err(|e| error(format!("options: {e}")))?
    };
    let mut p = build::picture(
        text,
        &build::Options {
            edited: o.edited.as_deref(),
            dockerignore: o.dockerignore.as_deref(),
        },
    );
    p.to_utf16(text);
    Ok(to_js(&serde_json::to_value(&p).unwrap_or(Value::Null)))
}

/// Before and after a multi-stage refactor, as an estimate of the final
/// base's compressed size: with `after`, the two texts compared (a
/// learner's refactor); without, the multi-stage rewrite DW1005 offers for
/// `text` (null when it offers none).
#[wasm_bindgen(js_name = "sizeRefactor", unchecked_return_type = "Refactor | null")]
pub fn size_refactor(text: &str, after: Option<String>) -> JsValue {
    let r = match after {
        Some(a) => Some(build::sizes::compare(text, &a)),
        None => build::sizes::multistage(text),
    };
    r.map_or(JsValue::NULL, |r| {
        to_js(&serde_json::to_value(&r).unwrap_or(Value::Null))
    })
}

/// The table of base image sizes (each with its source, date and architecture).
#[wasm_bindgen(js_name = "baseSizes", unchecked_return_type = "ImageSize[]")]
pub fn base_sizes() -> JsValue {
    to_js(&serde_json::to_value(build::sizes::TABLE).unwrap_or(Value::Null))
}

/// The version of the rules.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON `buildPicture` returns has the fields `dockwise.d.ts` declares.
    #[test]
    fn build_picture_json_matches_its_declaration() {
        let text = "FROM node:22 AS build\nCOPY . .\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app\n";
        let p = build::picture(
            text,
            &build::Options {
                edited: Some("src/index.js"),
                dockerignore: None,
            },
        );
        let v = serde_json::to_value(&p).unwrap_or(Value::Null);
        let keys = |v: &Value| -> Vec<String> {
            let mut k: Vec<String> = v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
            k.sort();
            k
        };
        assert_eq!(
            keys(&v),
            [
                "base",
                "cache",
                "edges",
                "errors",
                "externals",
                "final",
                "instructions",
                "stages"
            ]
        );
        assert_eq!(
            keys(&v["stages"][0]),
            ["base", "final", "first", "index", "last", "name", "place", "used"]
        );
        assert_eq!(v["stages"][1]["base"]["kind"], "image");
        assert_eq!(v["edges"][0]["kind"], "copy");
        assert_eq!(v["edges"][0]["from"]["kind"], "stage");
        assert_eq!(v["instructions"][2]["effect"], "layer");
        assert_eq!(
            keys(&v["instructions"][1]["copy"]),
            ["destination", "exclude", "from", "heredoc", "sources"]
        );
        assert_eq!(keys(&v["cache"]), ["fixes", "ignored", "path", "rebuilds"]);
        assert_eq!(v["cache"]["rebuilds"][0]["reason"]["kind"], "copies");
        assert_eq!(v["cache"]["fixes"][0]["rule"], "DW1024");
        assert_eq!(
            keys(&v["base"]),
            ["alternatives", "image", "reference", "size", "tag", "variant"]
        );
        assert_eq!(keys(&v["base"]["size"]), ["exact", "size", "tag", "variant"]);
        assert_eq!(
            keys(&v["base"]["size"]["size"]),
            ["arch", "image", "mb", "read", "source", "tag"]
        );
        let o: BuildOptions = serde_json::from_str(r#"{"edited":"a","dockerignore":"b"}"#).unwrap_or_default();
        assert_eq!(o.edited.as_deref(), Some("a"));
        assert!(serde_json::from_str::<BuildOptions>(r#"{"edit":"a"}"#).is_err());
    }
}
