//! `dockwise-lsp`: Dockwise's language server over stdio (what `dockwise
//! lsp` runs).

use std::process::ExitCode;

fn main() -> ExitCode {
    match dockwise_lsp::run_stdio() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dockwise-lsp: {e}");
            ExitCode::FAILURE
        }
    }
}
