//! didChange -> publishDiagnostics on a 1,000-line Dockerfile: the time from
//! an incremental edit sent by the client to the diagnostics of that
//! version arriving, through the whole server (the message loop, the
//! worker, the core's lint and the conversion to LSP).
// Benchmark code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, Criterion};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use std::time::Duration;

#[path = "../../dockwise-rules/benches/thousand.rs"]
mod thousand;

const URI: &str = "file:///bench/Dockerfile";

fn wait_for(conn: &Connection, version: i64) -> Value {
    loop {
        match conn.receiver.recv_timeout(Duration::from_secs(60)).unwrap() {
            Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics" && n.params["version"].as_i64() == Some(version) =>
            {
                return n.params;
            }
            _ => {}
        }
    }
}

fn bench(c: &mut Criterion) {
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || dockwise_lsp::run(server));
    let send = |m: Message| client.sender.send(m).unwrap();
    send(Request::new(RequestId::from(1), "initialize".into(), json!({"capabilities": {}})).into());
    loop {
        if let Message::Response(_) = client.receiver.recv().unwrap() {
            break;
        }
    }
    send(Notification::new("initialized".into(), json!({})).into());
    let text = thousand::thousand_lines();
    assert_eq!(text.lines().count(), 1000);
    send(
        Notification::new(
            "textDocument/didOpen".into(),
            json!({"textDocument": {"uri": URI, "languageId": "dockerfile", "version": 1, "text": text}}),
        )
        .into(),
    );
    wait_for(&client, 1);
    let mut version = 1i64;
    c.bench_function("didChange -> publishDiagnostics, 1000-line Dockerfile", |b| {
        b.iter(|| {
            version += 1;
            // toggle one character on line 500: an edit in the middle of the file
            let edit = if version % 2 == 0 { "#" } else { "" };
            let end = if version % 2 == 0 { 0 } else { 1 };
            send(
                Notification::new(
                    "textDocument/didChange".into(),
                    json!({"textDocument": {"uri": URI, "version": version},
                       "contentChanges": [{"range": {"start": {"line": 500, "character": 0},
                                                      "end": {"line": 500, "character": end}},
                                           "text": edit}]}),
                )
                .into(),
            );
            wait_for(&client, version)
        })
    });
    // about 1 MB: the 1,000-line file 35 times over, as another document
    let huge = text.repeat(35);
    let big = "file:///bench/big.Dockerfile";
    send(
        Notification::new(
            "textDocument/didOpen".into(),
            json!({"textDocument": {"uri": big, "languageId": "dockerfile", "version": 1, "text": huge}}),
        )
        .into(),
    );
    wait_for(&client, 1);
    let mut group = c.benchmark_group("huge");
    group.sample_size(10);
    group.bench_function(
        format!("didChange -> publishDiagnostics, {} KB Dockerfile", huge.len() / 1024),
        |b| {
            b.iter(|| {
                version += 1;
                let edit = if version % 2 == 0 { "#" } else { "" };
                let end = if version % 2 == 0 { 0 } else { 1 };
                send(
                    Notification::new(
                        "textDocument/didChange".into(),
                        json!({"textDocument": {"uri": big, "version": version},
                       "contentChanges": [{"range": {"start": {"line": 8000, "character": 0},
                                                      "end": {"line": 8000, "character": end}},
                                           "text": edit}]}),
                    )
                    .into(),
                );
                wait_for(&client, version)
            })
        },
    );
    group.finish();
    send(Request::new(RequestId::from(2), "shutdown".into(), Value::Null).into());
    send(Notification::new("exit".into(), Value::Null).into());
    thread.join().unwrap().unwrap();
}

criterion_group!(benches, bench);
criterion_main!(benches);
