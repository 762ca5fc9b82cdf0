//! Dockwise's language server: the core's findings, fixes and rule cards in
//! any editor that speaks the Language Server Protocol, over stdio.
//!
//! - diagnostics for Dockerfiles, Compose files and Kubernetes manifests
//!   (the kind from the language id, then the file name, then the content),
//!   pushed (`textDocument/publishDiagnostics`) or pulled
//!   (`textDocument/diagnostic`) when the client supports it; each carries
//!   the rule id as its code and a link to the page its advice rests on;
//! - a quick fix per finding with a fix, and `source.fixAll.dockwise`
//!   (every safe fix, in the core's rounds);
//! - hover on a finding: the rule's card as Markdown;
//! - settings from each workspace folder's `.dockwise.yaml` /
//!   `.hadolint.yaml` (reloaded when it changes) and the client's
//!   `initializationOptions` / `workspace/didChangeConfiguration`;
//! - incremental text sync in UTF-16; checks run on a worker thread on the
//!   latest text only (queued changes are coalesced, stale results dropped).

mod analysis;
mod document;
mod server;
mod settings;

pub use analysis::{card_markdown, kind_of, FIX_ALL};
pub use server::run;

use lsp_server::Connection;

/// What the server returns when it stops abnormally.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Runs the server over standard input and output until the client says
/// `exit` (or closes the connection).
pub fn run_stdio() -> Result<(), Error> {
    let (connection, io_threads) = Connection::stdio();
    run(connection)?;
    io_threads.join()?;
    Ok(())
}

/// A line for the client's log: standard error (standard output is the
/// protocol's).
pub(crate) fn log(message: &str) {
    eprintln!("dockwise-lsp: {message}");
}
