//! The message loop and the lint worker.
//!
//! The loop (the caller's thread) keeps the open documents, applies edits
//! and answers requests; checks run on one worker thread. Every change
//! gives the document a new sequence number; the loop hands the worker a
//! job only once no message is waiting (so a burst of changes is one job),
//! the worker keeps only the newest job per document from its queue, skips
//! a job that a newer change has made stale, and drops a result that went
//! stale while it was computed. Results are cached per document and
//! sequence number for code actions, hover and pull requests.

// `Uri` keys: lsp-types hashes and compares a Uri by its text; the cell
// clippy sees inside is fluent-uri's parsed-port cache, which never changes
// that text.
#![allow(clippy::mutable_key_type)]

use crate::analysis::{self, Analysis, FIX_ALL};
use crate::document::{apply_change, Lines};
use crate::settings::{display_path, file_path, is_config_file, ClientSettings, Folder, Settings};
use crate::Error;
use crossbeam_channel::{Receiver, Sender};
use dockwise_rules::LintOptions;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, Diagnostic,
    DiagnosticOptions, DiagnosticServerCapabilities, DiagnosticSeverity, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidChangeWorkspaceFoldersParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult, FileSystemWatcher,
    FullDocumentDiagnosticReport, GlobPattern, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, MarkupContent, MarkupKind, MessageType, Position, PublishDiagnosticsParams, Range, Registration,
    RegistrationParams, RelatedFullDocumentDiagnosticReport, SaveOptions, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, WorkDoneProgressOptions, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

/// An open document.
struct Doc {
    text: String,
    version: i32,
    language_id: String,
    /// Bumped by every change of the text or of the settings.
    seq: u64,
}

/// A result, with the sequence number it belongs to.
#[derive(Clone)]
struct Cached {
    seq: u64,
    analysis: Arc<Analysis>,
}

/// What the loop and the worker share.
#[derive(Default)]
struct Shared {
    /// The newest sequence number of each open document.
    latest: Mutex<HashMap<Uri, u64>>,
    cache: Mutex<HashMap<Uri, Cached>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    fn latest(&self, uri: &Uri) -> Option<u64> {
        lock(&self.latest).get(uri).copied()
    }

    fn cached(&self, uri: &Uri, seq: u64) -> Option<Arc<Analysis>> {
        lock(&self.cache)
            .get(uri)
            .filter(|c| c.seq == seq)
            .map(|c| c.analysis.clone())
    }

    fn store(&self, uri: &Uri, seq: u64, analysis: Arc<Analysis>) {
        let mut cache = lock(&self.cache);
        let newer = cache.get(uri).is_some_and(|c| c.seq > seq);
        if !newer {
            cache.insert(uri.clone(), Cached { seq, analysis });
        }
    }

    fn forget(&self, uri: &Uri) {
        lock(&self.latest).remove(uri);
        lock(&self.cache).remove(uri);
    }
}

/// One check to run.
struct Job {
    uri: Uri,
    seq: u64,
    version: i32,
    path: String,
    language_id: String,
    text: Arc<str>,
    options: LintOptions,
}

enum Work {
    Lint(Box<Job>),
    /// A `textDocument/diagnostic` request waiting for the document's
    /// current result.
    Pull(Uri, RequestId),
}

/// Checks a document; a panic in the core becomes one diagnostic instead
/// of a dead worker.
fn guarded_analyze(uri: &Uri, path: &str, language_id: &str, text: Arc<str>, options: &LintOptions) -> Analysis {
    let run = || analysis::analyze(uri, path, language_id, text.clone(), options);
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(a) => a,
        Err(_) => {
            crate::log(&format!("internal error while checking {path}"));
            Analysis {
                kind: None,
                lines: Lines::new(&text),
                text,
                findings: Vec::new(),
                diagnostics: vec![Diagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("dockwise".into()),
                    message: "dockwise could not check this file (internal error): please report it".into(),
                    ..Default::default()
                }],
                options: options.clone(),
            }
        }
    }
}

fn full_report(items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
    }))
}

fn respond(sender: &Sender<Message>, id: RequestId, result: impl serde::Serialize) {
    let _ = sender.send(Response::new_ok(id, result).into());
}

fn notify(sender: &Sender<Message>, method: &str, params: impl serde::Serialize) {
    let _ = sender.send(Notification::new(method.to_string(), params).into());
}

fn publish(sender: &Sender<Message>, uri: Uri, version: Option<i32>, diagnostics: Vec<Diagnostic>) {
    notify(
        sender,
        "textDocument/publishDiagnostics",
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    );
}

/// The worker: checks the newest text of each document, publishes (push
/// mode) and answers waiting pull requests.
fn worker(rx: Receiver<Work>, shared: Arc<Shared>, sender: Sender<Message>, push: bool) {
    let mut waiting: HashMap<Uri, Vec<RequestId>> = HashMap::new();
    while let Ok(first) = rx.recv() {
        // everything queued now: the newest job per document
        let mut jobs: Vec<Box<Job>> = Vec::new();
        let mut take = |w: Work, jobs: &mut Vec<Box<Job>>| match w {
            Work::Lint(j) => {
                jobs.retain(|o| o.uri != j.uri);
                jobs.push(j);
            }
            Work::Pull(uri, id) => waiting.entry(uri).or_default().push(id),
        };
        take(first, &mut jobs);
        while let Ok(w) = rx.try_recv() {
            take(w, &mut jobs);
        }
        for job in jobs {
            if shared.latest(&job.uri) != Some(job.seq) {
                continue; // stale: a newer job follows
            }
            let analysis = match shared.cached(&job.uri, job.seq) {
                Some(a) => a,
                None => {
                    let a = Arc::new(guarded_analyze(
                        &job.uri,
                        &job.path,
                        &job.language_id,
                        job.text.clone(),
                        &job.options,
                    ));
                    if shared.latest(&job.uri) != Some(job.seq) {
                        continue; // went stale while it ran
                    }
                    shared.store(&job.uri, job.seq, a.clone());
                    a
                }
            };
            if push {
                publish(
                    &sender,
                    job.uri.clone(),
                    Some(job.version),
                    analysis.diagnostics.clone(),
                );
            }
        }
        waiting.retain(|uri, ids| {
            let items = match shared.latest(uri) {
                None => Vec::new(), // closed meanwhile
                Some(seq) => match shared.cached(uri, seq) {
                    Some(a) => a.diagnostics.clone(),
                    None => return true, // its job is on the way
                },
            };
            for id in ids.drain(..) {
                respond(&sender, id, full_report(items.clone()));
            }
            false
        });
    }
}

struct Server {
    sender: Sender<Message>,
    docs: HashMap<Uri, Doc>,
    settings: Settings,
    /// The client pulls diagnostics (`textDocument/diagnostic`).
    pull: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    refresh: bool,
    work: Sender<Work>,
    shared: Arc<Shared>,
    seq: u64,
    /// Documents changed since their last job, in order.
    dirty: Vec<Uri>,
    requests: u64,
}

fn parse<P: DeserializeOwned>(params: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid params: {e}"))
}

fn capabilities(pull: bool) -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..Default::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: Some(false),
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        diagnostic_provider: pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("dockwise".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp_types::OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

/// The workspace folders of the initialize request (or its root).
#[allow(deprecated)] // root_uri and root_path: older clients send only these
fn folders_of(init: &InitializeParams) -> Vec<Folder> {
    let from_uri = |u: &Uri| file_path(u).map(|path| Folder { path, config: None });
    match &init.workspace_folders {
        Some(f) if !f.is_empty() => f.iter().filter_map(|w| from_uri(&w.uri)).collect(),
        _ => init
            .root_uri
            .as_ref()
            .and_then(from_uri)
            .or_else(|| {
                init.root_path.as_ref().map(|p| Folder {
                    path: PathBuf::from(p),
                    config: None,
                })
            })
            .into_iter()
            .collect(),
    }
}

/// Runs the server on `connection` (stdio, or `Connection::memory()` in
/// tests): the initialize handshake, then messages until `exit`.
pub fn run(connection: Connection) -> Result<(), Error> {
    let (id, params) = connection.initialize_start()?;
    let init: InitializeParams = match serde_json::from_value(params) {
        Ok(p) => p,
        Err(e) => {
            let message = format!("invalid initialize params: {e}");
            let _ = connection
                .sender
                .send(Response::new_err(id, ErrorCode::InvalidParams as i32, message.clone()).into());
            return Err(message.into());
        }
    };
    let caps = &init.capabilities;
    let pull = caps
        .text_document
        .as_ref()
        .and_then(|t| t.diagnostic.as_ref())
        .is_some();
    let refresh = caps
        .workspace
        .as_ref()
        .and_then(|w| w.diagnostic.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(false);
    let watch = caps
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let result = serde_json::json!({
        "capabilities": capabilities(pull),
        "serverInfo": ServerInfo { name: "dockwise".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    connection.initialize_finish(id, result)?;

    let shared = Arc::new(Shared::default());
    let (work, rx) = crossbeam_channel::unbounded();
    let worker_thread = {
        let (shared, sender) = (shared.clone(), connection.sender.clone());
        std::thread::Builder::new()
            .name("dockwise-lint".into())
            .spawn(move || worker(rx, shared, sender, !pull))?
    };
    let mut server = Server {
        sender: connection.sender.clone(),
        docs: HashMap::new(),
        settings: Settings {
            folders: folders_of(&init),
            client: init
                .initialization_options
                .as_ref()
                .map(ClientSettings::from_json)
                .unwrap_or_default(),
        },
        pull,
        refresh,
        work,
        shared,
        seq: 0,
        dirty: Vec::new(),
        requests: 0,
    };
    server.reload_settings(false);
    if watch {
        server.watch_config_files();
    }
    let outcome = server.main_loop(&connection);
    drop(server);
    let _ = worker_thread.join();
    outcome
}

impl Server {
    fn main_loop(&mut self, connection: &Connection) -> Result<(), Error> {
        while let Ok(msg) = connection.receiver.recv() {
            match msg {
                Message::Request(req) => {
                    if connection.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    self.request(req);
                }
                Message::Notification(n) if n.method == "exit" => return Ok(()),
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
            // a burst of changes becomes one job per document
            if connection.receiver.is_empty() {
                self.flush();
            }
        }
        Ok(())
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// The document's text (or the settings) changed: a new sequence
    /// number, and a job once the queue is empty.
    fn touch(&mut self, uri: &Uri) {
        let seq = self.next_seq();
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.seq = seq;
            lock(&self.shared.latest).insert(uri.clone(), seq);
            if !self.dirty.contains(uri) {
                self.dirty.push(uri.clone());
            }
        }
    }

    fn options_for(&self, uri: &Uri) -> LintOptions {
        self.settings.options_for(file_path(uri).as_deref())
    }

    fn flush(&mut self) {
        for uri in std::mem::take(&mut self.dirty) {
            let Some(doc) = self.docs.get(&uri) else { continue };
            let job = Job {
                path: display_path(&uri),
                seq: doc.seq,
                version: doc.version,
                language_id: doc.language_id.clone(),
                text: Arc::from(doc.text.as_str()),
                options: self.options_for(&uri),
                uri,
            };
            let _ = self.work.send(Work::Lint(Box::new(job)));
        }
    }

    /// The document's current result: the cached one, else checked now.
    fn current(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let doc = self.docs.get(uri)?;
        if let Some(a) = self.shared.cached(uri, doc.seq) {
            return Some(a);
        }
        let a = Arc::new(guarded_analyze(
            uri,
            &display_path(uri),
            &doc.language_id,
            Arc::from(doc.text.as_str()),
            &self.options_for(uri),
        ));
        self.shared.store(uri, doc.seq, a.clone());
        Some(a)
    }

    fn show(&self, typ: MessageType, message: String) {
        notify(&self.sender, "window/showMessage", ShowMessageParams { typ, message });
    }

    fn send_request(&mut self, method: &str, params: impl serde::Serialize) {
        self.requests += 1;
        let id = RequestId::from(format!("dockwise/{}", self.requests));
        let _ = self.sender.send(Request::new(id, method.to_string(), params).into());
    }

    /// Asks the client to tell us when a config file changes.
    fn watch_config_files(&mut self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/.{dockwise,hadolint}.{yaml,yml}".into()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "dockwise-config-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send_request("client/registerCapability", params);
    }

    /// Re-reads the config files; every open document is checked again.
    fn reload_settings(&mut self, recheck: bool) {
        for problem in self.settings.reload() {
            crate::log(&problem);
            self.show(MessageType::WARNING, problem);
        }
        if recheck {
            let uris: Vec<Uri> = self.docs.keys().cloned().collect();
            for uri in &uris {
                self.touch(uri);
            }
            if self.pull && self.refresh {
                self.send_request("workspace/diagnostic/refresh", ());
            }
        }
    }

    fn notification(&mut self, n: Notification) {
        let result = match n.method.as_str() {
            "textDocument/didOpen" => parse::<DidOpenTextDocumentParams>(n.params).map(|p| {
                let d = p.text_document;
                self.docs.insert(
                    d.uri.clone(),
                    Doc {
                        text: d.text,
                        version: d.version,
                        language_id: d.language_id,
                        seq: 0,
                    },
                );
                self.touch(&d.uri);
            }),
            "textDocument/didChange" => parse::<DidChangeTextDocumentParams>(n.params).map(|p| {
                let uri = p.text_document.uri;
                if let Some(doc) = self.docs.get_mut(&uri) {
                    for change in &p.content_changes {
                        apply_change(&mut doc.text, change);
                    }
                    doc.version = p.text_document.version;
                    self.touch(&uri);
                }
            }),
            "textDocument/didSave" => parse::<DidSaveTextDocumentParams>(n.params).map(|p| {
                let uri = p.text_document.uri;
                if is_config_file(&display_path(&uri)) {
                    self.reload_settings(true);
                } else {
                    self.touch(&uri);
                }
            }),
            "textDocument/didClose" => parse::<DidCloseTextDocumentParams>(n.params).map(|p| {
                let uri = p.text_document.uri;
                self.docs.remove(&uri);
                self.dirty.retain(|u| u != &uri);
                self.shared.forget(&uri);
                if !self.pull {
                    publish(&self.sender, uri, None, Vec::new());
                }
            }),
            "workspace/didChangeWatchedFiles" => parse::<DidChangeWatchedFilesParams>(n.params).map(|p| {
                if p.changes.iter().any(|c| is_config_file(&display_path(&c.uri))) {
                    self.reload_settings(true);
                }
            }),
            "workspace/didChangeConfiguration" => parse::<DidChangeConfigurationParams>(n.params).map(|p| {
                if let Some(client) = ClientSettings::find_in(&p.settings) {
                    self.settings.client = client;
                }
                self.reload_settings(true);
            }),
            "workspace/didChangeWorkspaceFolders" => parse::<DidChangeWorkspaceFoldersParams>(n.params).map(|p| {
                let gone: Vec<PathBuf> = p.event.removed.iter().filter_map(|f| file_path(&f.uri)).collect();
                self.settings.folders.retain(|f| !gone.contains(&f.path));
                for f in p.event.added.iter().filter_map(|f| file_path(&f.uri)) {
                    self.settings.folders.push(Folder { path: f, config: None });
                }
                self.reload_settings(true);
            }),
            _ => Ok(()),
        };
        if let Err(e) = result {
            crate::log(&format!("{}: {e}", n.method));
        }
    }

    fn request(&mut self, req: Request) {
        let Request { id, method, params } = req;
        let answer: Result<Option<serde_json::Value>, (ErrorCode, String)> = match method.as_str() {
            "textDocument/codeAction" => parse::<CodeActionParams>(params)
                .map_err(|e| (ErrorCode::InvalidParams, e))
                .map(|p| Some(self.code_actions(&p))),
            "textDocument/hover" => parse::<HoverParams>(params)
                .map_err(|e| (ErrorCode::InvalidParams, e))
                .map(|p| Some(self.hover(&p))),
            "textDocument/diagnostic" => match parse::<DocumentDiagnosticParams>(params) {
                Err(e) => Err((ErrorCode::InvalidParams, e)),
                Ok(p) => Ok(self.pull_diagnostics(p.text_document.uri, id.clone())),
            },
            _ => Err((ErrorCode::MethodNotFound, format!("unknown method {method}"))),
        };
        match answer {
            Ok(Some(v)) => respond(&self.sender, id, v),
            Ok(None) => {} // answered later, by the worker
            Err((code, message)) => {
                let _ = self.sender.send(Response::new_err(id, code as i32, message).into());
            }
        }
    }

    /// A pull request: answered now when the result is current, else by
    /// the worker once it is.
    fn pull_diagnostics(&mut self, uri: Uri, id: RequestId) -> Option<serde_json::Value> {
        let Some(doc) = self.docs.get(&uri) else {
            return serde_json::to_value(full_report(Vec::new())).ok();
        };
        if let Some(a) = self.shared.cached(&uri, doc.seq) {
            return serde_json::to_value(full_report(a.diagnostics.clone())).ok();
        }
        self.flush();
        let _ = self.work.send(Work::Pull(uri, id));
        None
    }

    fn code_actions(&self, p: &CodeActionParams) -> serde_json::Value {
        let uri = &p.text_document.uri;
        let Some(a) = self.current(uri) else {
            return serde_json::Value::Null;
        };
        let only = p.context.only.as_deref();
        let mut actions: Vec<CodeActionOrCommand> = Vec::new();
        if analysis::wanted(only, CodeActionKind::QUICKFIX.as_str()) {
            actions.extend(
                a.quick_fixes(uri, &p.range)
                    .into_iter()
                    .map(CodeActionOrCommand::CodeAction),
            );
        }
        if analysis::wanted(only, FIX_ALL) {
            actions.extend(a.fix_all(uri).map(CodeActionOrCommand::CodeAction));
        }
        serde_json::to_value(actions).unwrap_or(serde_json::Value::Null)
    }

    fn hover(&self, p: &HoverParams) -> serde_json::Value {
        let at = &p.text_document_position_params;
        let Some(a) = self.current(&at.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let pos: Position = at.position;
        let rules = a.rules_at(pos);
        if rules.is_empty() {
            return serde_json::Value::Null;
        }
        let cards: Vec<String> = rules.iter().map(|r| analysis::card_markdown(r)).collect();
        let range = a
            .diagnostics
            .iter()
            .find(|d| analysis::touches(&d.range, &Range::new(pos, pos)))
            .map(|d| d.range);
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: cards.join("\n\n---\n\n"),
            }),
            range,
        };
        serde_json::to_value(hover).unwrap_or(serde_json::Value::Null)
    }
}
