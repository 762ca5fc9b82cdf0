//! Standard output and standard error.
//!
//! Standard output is buffered and written as the report is produced. When
//! the reader goes away (`dockwise rules | head -1`), the rest of the output
//! is dropped and the command ends as it would have: no panic, no message.
//! Any other write error (a full disk) is an error message and exit 2.
//! Messages on standard error are best effort: a failure to write one is
//! not reported anywhere.

use dockwise_rules::report::terminal;
use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;

/// A line on standard error, built like `format!`. Text from the input or
/// the command line must be escaped with [`esc`] first.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub(crate) use note;

/// Text from the input or the command line, safe for a terminal.
pub fn esc(s: &str) -> Cow<'_, str> {
    terminal::escape(s)
}

/// Buffered standard output that ignores a closed pipe.
pub struct Stdout {
    inner: BufWriter<StdoutLock<'static>>,
    closed: bool,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout {
            inner: BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            closed: false,
        }
    }

    fn closed<T>(&mut self, r: io::Result<T>, or: T) -> io::Result<T> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(or)
            }
            r => r,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let r = self.inner.write(buf);
        self.closed(r, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.flush();
        self.closed(r, ())
    }
}

/// The report's file (`--output FILE`), buffered. Its write errors carry a
/// [`ReportFileError`], so [`write_failed`] names the file.
pub struct ReportFile {
    path: String,
    inner: BufWriter<File>,
}

/// A write error on the report's file.
#[derive(Debug)]
pub struct ReportFileError {
    path: String,
    source: io::Error,
}

impl std::fmt::Display for ReportFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}: {}", esc(&self.path), esc(&self.source.to_string()))
    }
}

impl std::error::Error for ReportFileError {}

impl ReportFile {
    /// Creates (or empties) the file.
    pub fn create(path: &str) -> io::Result<ReportFile> {
        Ok(ReportFile {
            path: path.to_string(),
            inner: BufWriter::with_capacity(64 * 1024, File::create(path)?),
        })
    }

    fn wrap(&self, e: io::Error) -> io::Error {
        io::Error::new(
            e.kind(),
            ReportFileError {
                path: self.path.clone(),
                source: e,
            },
        )
    }
}

impl Write for ReportFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.wrap(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.wrap(e))
    }
}

/// The exit status of a write error on standard output or on the report's
/// file, after saying so.
pub fn write_failed(e: &io::Error) -> ExitCode {
    match e.get_ref().and_then(|x| x.downcast_ref::<ReportFileError>()) {
        Some(r) => note!("dockwise: {r}"),
        None => note!("dockwise: cannot write to standard output: {}", esc(&e.to_string())),
    }
    ExitCode::from(2)
}

/// Runs `f` on standard output and flushes it: success, or exit 2 on a
/// write error (a closed pipe is not one).
pub fn emit(f: impl FnOnce(&mut Stdout) -> io::Result<()>) -> ExitCode {
    let mut out = Stdout::new();
    match f(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => write_failed(&e),
    }
}
