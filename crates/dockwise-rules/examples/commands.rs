//! Prints the shell commands Dockwise sees in each RUN of a Dockerfile
//! (debugging aid for the shell model).
//! Usage: cargo run --example commands -- FILE
// Test, benchmark and example code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let src = std::fs::read_to_string(&path).expect("utf-8 file");
    let df = dockwise_syntax::dockerfile::parse(&src);
    let model = dockwise_syntax::dockerfile::Model::new(&src, &df);
    for (i, cmd) in model.commands(true) {
        let line = model.line(cmd.span.start);
        println!(
            "instr {i} line {line} depth {} {:?}: {}",
            cmd.depth,
            cmd.sep,
            cmd.command_line()
        );
    }
}
