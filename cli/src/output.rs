//! Writing to stdout and stderr without panicking when the reader has gone
//! away (`wisp ... | head`): `println!` would panic on a closed pipe.

use std::io::Write;

/// Writes `text` to stdout, adding a newline if it has none.
pub fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = out.write_all(b"\n");
    }
    let _ = out.flush();
}

/// Writes one line (a note, not an error) to stderr.
pub fn note(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(line.as_bytes());
    let _ = err.write_all(b"\n");
}
