//! A scripted client drives the server over `Connection::memory()` (and
//! once over real stdio): initialize, open, change, code actions, hover,
//! pull diagnostics, settings, shutdown.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(120);

struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<(), dockwise_lsp::Error>>>,
    next_id: i32,
    /// Messages from the server not consumed yet.
    inbox: VecDeque<Message>,
}

impl Client {
    /// Starts a server and initializes it with these capabilities.
    fn start(capabilities: Value, root: Option<&Path>, options: Value) -> (Client, Value) {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || dockwise_lsp::run(server_side));
        let mut c = Client {
            conn: client_side,
            server: Some(server),
            next_id: 0,
            inbox: VecDeque::new(),
        };
        let folders = root.map(|r| json!([{"uri": file_uri(r), "name": "w"}]));
        let init = c.request(
            "initialize",
            json!({"capabilities": capabilities, "workspaceFolders": folders, "initializationOptions": options}),
        );
        c.notify("initialized", json!({}));
        (c, init.response_result.expect("initialize result"))
    }

    fn recv(&mut self) -> Message {
        if let Some(m) = self.inbox.pop_front() {
            return m;
        }
        self.conn
            .receiver
            .recv_timeout(WAIT)
            .expect("a message from the server")
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Notification::new(method.into(), params).into())
            .unwrap();
    }

    fn send(&mut self, method: &str, params: Value) -> RequestId {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn
            .sender
            .send(Request::new(id.clone(), method.into(), params).into())
            .unwrap();
        id
    }

    /// Sends a request and waits for its response; other messages are kept.
    fn request(&mut self, method: &str, params: Value) -> Response {
        let id = self.send(method, params);
        let deadline = Instant::now() + WAIT;
        let mut kept = Vec::new();
        let found = loop {
            assert!(Instant::now() < deadline, "no response to {method}");
            match self.conn.receiver.recv_timeout(WAIT).expect("response") {
                Message::Response(r) if r.id == id => break r,
                other => kept.push(other),
            }
        };
        self.inbox.extend(kept);
        found
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        r.response_result.unwrap_or_else(|e| panic!("{method}: {e:?}"))
    }

    /// The next publishDiagnostics for `uri` (at `version` when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let deadline = Instant::now() + WAIT;
        loop {
            assert!(Instant::now() < deadline, "no diagnostics for {uri}");
            if let Message::Notification(n) = self.recv() {
                if n.method == "textDocument/publishDiagnostics"
                    && n.params["uri"] == uri
                    && (version.is_none() || n.params["version"].as_i64() == version)
                {
                    return n.params["diagnostics"].as_array().cloned().unwrap_or_default();
                }
            }
        }
    }

    fn open(&self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.response_result.is_ok());
        self.notify("exit", Value::Null);
        let result = self.server.take().unwrap().join().expect("the server thread ends");
        assert!(result.is_ok(), "{result:?}");
    }
}

fn file_uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn find<'a>(diags: &'a [Value], code: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(diags)))
}

fn pos(line: u64, character: u64) -> Value {
    json!({"line": line, "character": character})
}

/// Applies LSP text edits (UTF-16 positions) to a text, last first.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, ch) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

const DOCKERFILE: &str = "FROM python:latest\nRUN apt-get update && apt-get install curl\n";
const URI: &str = "file:///w/Dockerfile";

#[test]
fn initialize_announces_the_capabilities() {
    let (c, init) = Client::start(json!({}), None, Value::Null);
    let caps = &init["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    let kinds = caps["codeActionProvider"]["codeActionKinds"].as_array().unwrap();
    assert!(kinds.contains(&json!("quickfix")) && kinds.contains(&json!("source.fixAll.dockwise")));
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "no pull without client support"
    );
    assert_eq!(init["serverInfo"]["name"], "dockwise");
    c.shutdown();
}

#[test]
fn open_then_incremental_change_updates_the_diagnostics() {
    let (mut c, _) = Client::start(json!({}), None, Value::Null);
    c.open(URI, "dockerfile", 1, DOCKERFILE);
    let d = c.diagnostics(URI, Some(1));
    let latest = find(&d, "DL3007");
    // `latest` on line 0, characters 12..18 (UTF-16)
    assert_eq!(latest["range"]["start"], pos(0, 12));
    assert_eq!(latest["range"]["end"], pos(0, 18));
    assert_eq!(latest["severity"], 2);
    assert_eq!(latest["source"], "dockwise");
    assert!(latest["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    assert!(codes(&d).contains(&"DL3014".to_string()), "{:?}", codes(&d));

    // replace `latest` with `3.12`: DL3007 goes, the rest stays
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": pos(0, 12), "end": pos(0, 18)}, "text": "3.12"}]}),
    );
    let d = c.diagnostics(URI, Some(2));
    assert!(!codes(&d).contains(&"DL3007".to_string()), "{:?}", codes(&d));
    assert!(codes(&d).contains(&"DL3014".to_string()));
    c.shutdown();
}

/// The text of `line` from UTF-16 column `character` on.
fn from_utf16(text: &str, line: u64, character: u64) -> String {
    let l = text.lines().nth(line as usize).unwrap();
    let units: Vec<u16> = l.encode_utf16().skip(character as usize).collect();
    String::from_utf16(&units).unwrap()
}

#[test]
fn utf16_positions_past_astral_characters() {
    let (mut c, _) = Client::start(json!({}), None, Value::Null);
    // the emoji is one character but two UTF-16 units
    let text = "FROM python:3.12\nRUN echo 😀 && apt-get install curl\n";
    c.open(URI, "dockerfile", 1, text);
    let d = c.diagnostics(URI, Some(1));
    let yes = find(&d, "DL3014");
    let start = &yes["range"]["start"];
    assert_eq!(start["line"], 1);
    let at = from_utf16(text, 1, start["character"].as_u64().unwrap());
    assert!(at.starts_with("apt-get"), "{at:?}");
    // an insertion after the emoji, in UTF-16 units: `😀` ends at 11
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": pos(1, 11), "end": pos(1, 11)}, "text": "!"}]}),
    );
    let d = c.diagnostics(URI, Some(2));
    let moved = find(&d, "DL3014")["range"]["start"]["character"].as_u64().unwrap();
    assert_eq!(moved, start["character"].as_u64().unwrap() + 1);
    c.shutdown();
}

#[test]
fn a_quick_fix_removes_its_finding_and_fix_all_applies_the_safe_ones() {
    let (mut c, _) = Client::start(json!({}), None, Value::Null);
    c.open(URI, "dockerfile", 1, DOCKERFILE);
    let d = c.diagnostics(URI, Some(1));
    let yes = find(&d, "DL3014").clone();
    let actions = c.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": yes["range"], "context": {"diagnostics": [yes]}}),
    );
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == "DL3014")
        .expect("a quick fix for DL3014");
    assert_eq!(fix["isPreferred"], true, "a safe fix is preferred");
    let edits = fix["edit"]["changes"][URI].as_array().unwrap();
    let fixed = apply(DOCKERFILE, edits);
    assert!(fixed.contains("-y"), "{fixed}");

    // the fixed text, sent as a full change, has no DL3014 any more
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let d = c.diagnostics(URI, Some(2));
    assert!(!codes(&d).contains(&"DL3014".to_string()), "{:?}", codes(&d));

    // an unsafe fix is labelled and not preferred
    c.open(
        "file:///w/b.Dockerfile",
        "dockerfile",
        1,
        "FROM alpine:3.20\nRUN apt install -y curl\n",
    );
    let d = c.diagnostics("file:///w/b.Dockerfile", Some(1));
    let apt = find(&d, "DL3027").clone();
    let actions = c.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": "file:///w/b.Dockerfile"}, "range": apt["range"], "context": {"diagnostics": []}}),
    );
    let unsafe_fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "DL3027")
        .expect("DL3027's fix");
    assert_eq!(unsafe_fix["isPreferred"], false);
    assert!(unsafe_fix["title"].as_str().unwrap().contains("unsafe"));

    // fix all: only the source action, when asked for it
    let all = c.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": {"start": pos(0, 0), "end": pos(0, 0)},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.dockwise");
    let edits = all[0]["edit"]["changes"][URI].as_array().unwrap();
    // the server holds `fixed` now
    let before = dockwise_rules::lint(&fixed, &Default::default());
    let after_text = apply(&fixed, edits);
    let after = dockwise_rules::lint(&after_text, &Default::default());
    let safe = |r: &dockwise_rules::LintResult| {
        r.findings
            .iter()
            .filter(|f| {
                f.fix
                    .as_ref()
                    .is_some_and(|x| x.applicability == dockwise_rules::Applicability::Safe)
            })
            .count()
    };
    assert!(safe(&before) > 0);
    assert_eq!(safe(&after), 0, "{after_text}");
    c.shutdown();
}

#[test]
fn hover_shows_the_rule_card() {
    let (mut c, _) = Client::start(json!({}), None, Value::Null);
    c.open(URI, "dockerfile", 1, DOCKERFILE);
    c.diagnostics(URI, Some(1));
    let h = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos(0, 14)}),
    );
    assert_eq!(h["contents"]["kind"], "markdown");
    let md = h["contents"]["value"].as_str().unwrap();
    let rule = dockwise_rules::rules::find("DL3007").unwrap();
    assert!(md.contains(rule.title), "{md}");
    assert!(
        md.contains("**Why it matters.**") && md.contains("```dockerfile"),
        "{md}"
    );
    assert!(md.contains(rule.standard[0].url), "{md}");
    // the range of a finding under the cursor
    let r = &h["range"];
    assert!(r["start"]["character"].as_u64().unwrap() <= 14 && r["end"]["character"].as_u64().unwrap() >= 14);
    // nowhere near a finding: no hover
    let none = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos(0, 1)}),
    );
    assert!(none.is_null(), "{none}");
    c.shutdown();
}

const COMPOSE: &str = "services:\n  web:\n    image: nginx:latest\n    privileged: true\n";
const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n      securityContext:\n        privileged: true\n";

#[test]
fn compose_and_kubernetes_by_language_id_and_by_content() {
    let (mut c, _) = Client::start(json!({}), None, Value::Null);
    let rule_kind = |code: &str| dockwise_rules::rules::find(code).unwrap().kind;
    for (uri, lang, text, kind) in [
        (
            "file:///w/a.yaml",
            "dockercompose",
            COMPOSE,
            dockwise_syntax::FileKind::Compose,
        ),
        (
            "file:///w/stack.yaml",
            "yaml",
            COMPOSE,
            dockwise_syntax::FileKind::Compose,
        ),
        (
            "file:///w/compose.yaml",
            "yaml",
            COMPOSE,
            dockwise_syntax::FileKind::Compose,
        ),
        ("file:///w/pod.yaml", "yaml", POD, dockwise_syntax::FileKind::Kubernetes),
        (
            "file:///w/pod2.yml",
            "kubernetes",
            POD,
            dockwise_syntax::FileKind::Kubernetes,
        ),
    ] {
        c.open(uri, lang, 1, text);
        let d = c.diagnostics(uri, Some(1));
        assert!(!d.is_empty(), "{uri}");
        for code in codes(&d) {
            assert_eq!(rule_kind(&code), kind, "{uri}: {code}");
        }
    }
    // plain YAML that is neither: left alone
    c.open("file:///w/ci.yaml", "yaml", 1, "on: push\njobs: {}\n");
    assert!(c.diagnostics("file:///w/ci.yaml", Some(1)).is_empty());
    c.shutdown();
}

#[test]
fn a_file_with_a_syntax_error_gets_one_error_and_the_server_lives_on() {
    let (mut c, _) = Client::start(json!({}), None, Value::Null);
    c.open("file:///w/compose.yaml", "yaml", 1, "services:\n  a: [\n");
    let d = c.diagnostics("file:///w/compose.yaml", Some(1));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["code"], "DW2000");
    // binary junk, a malformed request and an unknown method: answers, no crash
    c.open(
        "file:///w/Dockerfile",
        "dockerfile",
        1,
        "\u{0}\u{1}FROM\u{202e} \\\n\\\n",
    );
    c.diagnostics("file:///w/Dockerfile", Some(1));
    let bad = c.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(
        bad.response_result.unwrap_err().code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    let unknown = c.request("dockwise/unknown", json!({}));
    assert_eq!(
        unknown.response_result.unwrap_err().code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );
    // a change to a document never opened, an edit past the end
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///w/none", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///w/Dockerfile", "version": 2},
               "contentChanges": [{"range": {"start": pos(99, 99), "end": pos(0, 0)}, "text": "FROM a:1\n"}]}),
    );
    c.diagnostics("file:///w/Dockerfile", Some(2));
    c.shutdown();
}

/// About 1 MB of Dockerfile.
fn huge() -> String {
    let block = "FROM debian:12 AS s\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.* \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY a /a\nUSER 1000\n";
    block.repeat(1_000_000 / block.len() + 1)
}

#[test]
fn a_huge_file_gets_its_diagnostics_and_bursts_are_coalesced() {
    let (mut c, _) = Client::start(json!({}), None, Value::Null);
    let text = huge();
    assert!(text.len() >= 1_000_000);
    c.open(URI, "dockerfile", 1, &text);
    let started = Instant::now();
    // a burst of edits right behind the open: only the last must be answered
    for v in 2..=20 {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": v},
                   "contentChanges": [{"range": {"start": pos(0, 0), "end": pos(0, 0)}, "text": "# edit\n"}]}),
        );
    }
    // every publish until version 20's: stale versions are dropped, not
    // checked one after the other
    let mut published = Vec::new();
    let d = loop {
        if let Message::Notification(n) = c.recv() {
            if n.method == "textDocument/publishDiagnostics" {
                published.push(n.params["version"].as_i64().unwrap());
                if n.params["version"] == 20 {
                    break n.params["diagnostics"].as_array().cloned().unwrap();
                }
            }
        }
    };
    assert!(published.len() <= 3, "versions published: {published:?}");
    eprintln!(
        "1 MB file: diagnostics for the last of 20 versions after {:?}",
        started.elapsed()
    );
    assert!(!d.is_empty());
    // hover stays answered on the current version
    let h = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos(0, 0)}),
    );
    assert!(h.is_null() || h["contents"].is_object());
    c.shutdown();
}

#[test]
fn pull_diagnostics_when_the_client_supports_them() {
    let caps = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let (mut c, init) = Client::start(caps, None, Value::Null);
    assert_eq!(init["capabilities"]["diagnosticProvider"]["identifier"], "dockwise");
    c.open(URI, "dockerfile", 1, DOCKERFILE);
    let r = c.result("textDocument/diagnostic", json!({"textDocument": {"uri": URI}}));
    assert_eq!(r["kind"], "full");
    let items = r["items"].as_array().unwrap();
    assert!(codes(items).contains(&"DL3007".to_string()), "{r}");
    // an unknown document: an empty report
    let r = c.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": "file:///w/x"}}),
    );
    assert_eq!(r["items"], json!([]));
    // no push in pull mode
    assert!(c
        .inbox
        .iter()
        .all(|m| !matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics")));
    c.shutdown();
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dockwise-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn the_workspace_config_and_client_settings_silence_rules() {
    let dir = temp_dir("config");
    let uri = file_uri(&dir.join("Dockerfile"));
    let (mut c, _) = Client::start(json!({}), Some(&dir), json!({"ignore": ["DL3014"]}));
    c.open(&uri, "dockerfile", 1, DOCKERFILE);
    let d = c.diagnostics(&uri, Some(1));
    assert!(codes(&d).contains(&"DL3007".to_string()));
    assert!(
        !codes(&d).contains(&"DL3014".to_string()),
        "initializationOptions ignore it"
    );

    // a .dockwise.yaml appears: the watched-files notice reloads it
    let config = dir.join(".dockwise.yaml");
    std::fs::write(&config, "ignored: [latest-tag]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 1}]}),
    );
    let d = c.diagnostics(&uri, Some(1));
    assert!(!codes(&d).contains(&"DL3007".to_string()), "{:?}", codes(&d));

    // a broken config: a warning to the user, the checks go on without it
    std::fs::write(&config, "override:\n  fatal: [DL3008]\n").unwrap();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"dockwise": {"ignore": []}}}),
    );
    let mut warned = false;
    let d = loop {
        match c.recv() {
            Message::Notification(n) if n.method == "window/showMessage" => {
                assert!(n.params["message"].as_str().unwrap().contains(".dockwise.yaml:2:3"));
                warned = true;
            }
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                break n.params["diagnostics"].as_array().cloned().unwrap();
            }
            _ => {}
        }
    };
    assert!(warned);
    assert!(codes(&d).contains(&"DL3007".to_string()) && codes(&d).contains(&"DL3014".to_string()));
    c.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn closing_clears_and_shutdown_then_exit_ends_the_server() {
    let (mut c, _) = Client::start(json!({}), None, Value::Null);
    c.open(URI, "dockerfile", 1, DOCKERFILE);
    c.diagnostics(URI, Some(1));
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": URI}}));
    assert!(c.diagnostics(URI, None).is_empty());
    c.shutdown();
}

/// Reads one framed message from the server's stdout.
fn read_message(r: &mut impl std::io::BufRead) -> Message {
    Message::read(r).unwrap().expect("a message")
}

#[test]
fn over_real_stdio() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockwise-lsp"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |m: Message| m.write(&mut stdin).unwrap();
    send(Request::new(1.into(), "initialize".into(), json!({"capabilities": {}})).into());
    let Message::Response(r) = read_message(&mut stdout) else {
        panic!("initialize response")
    };
    assert_eq!(
        r.response_result.unwrap()["capabilities"]["textDocumentSync"]["change"],
        2
    );
    send(Notification::new("initialized".into(), json!({})).into());
    send(
        Notification::new(
            "textDocument/didOpen".into(),
            json!({"textDocument": {"uri": URI, "languageId": "dockerfile", "version": 1, "text": DOCKERFILE}}),
        )
        .into(),
    );
    let diags = loop {
        if let Message::Notification(n) = read_message(&mut stdout) {
            if n.method == "textDocument/publishDiagnostics" {
                break n.params["diagnostics"].as_array().cloned().unwrap();
            }
        }
    };
    assert!(codes(&diags).contains(&"DL3007".to_string()));
    send(Request::new(2.into(), "shutdown".into(), Value::Null).into());
    loop {
        if let Message::Response(r) = read_message(&mut stdout) {
            assert_eq!(r.id, 2.into());
            break;
        }
    }
    send(Notification::new("exit".into(), Value::Null).into());
    stdin.flush().unwrap();
    drop(stdin);
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_dockerfile_on_disk_has_its_build_context_read() {
    let dir = temp_dir("context");
    let path = dir.join("Dockerfile");
    let text = "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n";
    std::fs::write(&path, text).unwrap();
    let uri = file_uri(&path);
    let (mut c, _) = Client::start(json!({}), Some(&dir), Value::Null);
    c.open(&uri, "dockerfile", 1, text);
    let d = c.diagnostics(&uri, Some(1));
    assert!(
        codes(&d).contains(&"DW1033".to_string()),
        "no .dockerignore: {:?}",
        codes(&d)
    );
    // a .dockerignore appears; saving the Dockerfile checks it again
    std::fs::write(dir.join(".dockerignore"), ".git\n.env\nnode_modules\n").unwrap();
    c.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    let d = c.diagnostics(&uri, Some(1));
    assert!(!codes(&d).contains(&"DW1033".to_string()), "{:?}", codes(&d));
    c.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn related_places_become_related_information() {
    let (mut c, _) = Client::start(json!({}), None, Value::Null);
    let uri = "file:///w/compose.yaml";
    // a key written twice: the finding on the second, the first related
    let text = "services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: b\n    environment:\n      C: d\n";
    c.open(uri, "yaml", 1, text);
    let d = c.diagnostics(uri, Some(1));
    let dup = find(&d, "DW2030");
    assert_eq!(dup["range"]["start"]["line"], 5);
    let related = dup["relatedInformation"].as_array().expect("related information");
    assert_eq!(related[0]["location"]["uri"], uri);
    assert_eq!(related[0]["location"]["range"]["start"], pos(3, 4));
    assert!(!related[0]["message"].as_str().unwrap().is_empty());
    c.shutdown();
}

#[test]
fn a_pulling_client_is_asked_to_refresh_and_to_watch_the_config_files() {
    let dir = temp_dir("refresh");
    let caps = json!({
        "textDocument": {"diagnostic": {}},
        "workspace": {"diagnostic": {"refreshSupport": true},
                      "didChangeWatchedFiles": {"dynamicRegistration": true}}
    });
    let (mut c, _) = Client::start(caps, Some(&dir), Value::Null);
    // the watcher registration comes first
    let Message::Request(r) = c.recv() else {
        panic!("a registration request")
    };
    assert_eq!(r.method, "client/registerCapability");
    let watchers = &r.params["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/.{dockwise,hadolint}.{yaml,yml}");
    let uri = file_uri(&dir.join("Dockerfile"));
    c.open(&uri, "dockerfile", 1, DOCKERFILE);
    let r = c.result("textDocument/diagnostic", json!({"textDocument": {"uri": uri}}));
    assert!(codes(r["items"].as_array().unwrap()).contains(&"DL3007".to_string()));
    // hadolint's file name works too
    std::fs::write(dir.join(".hadolint.yaml"), "ignored: [DL3007]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join(".hadolint.yaml")), "type": 1}]}),
    );
    let refresh = loop {
        if let Message::Request(r) = c.recv() {
            break r;
        }
    };
    assert_eq!(refresh.method, "workspace/diagnostic/refresh");
    c.conn
        .sender
        .send(Response::new_ok(refresh.id, Value::Null).into())
        .unwrap();
    let r = c.result("textDocument/diagnostic", json!({"textDocument": {"uri": uri}}));
    let items = r["items"].as_array().unwrap();
    assert!(!codes(items).contains(&"DL3007".to_string()), "{:?}", codes(items));
    assert!(codes(items).contains(&"DL3014".to_string()));
    c.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}
