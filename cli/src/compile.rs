//! `wisp compile`: translate a module once and write the artifact that
//! `wisp run --allow-precompiled` loads without decoding, validating and
//! translating it again.

use crate::args::RunArgs;
use crate::fail::{EXIT_ERROR, Failure};
use crate::load::load;
use std::io::Write;
use std::path::Path;

/// Compiles `file` with the engine `wisp run` uses by default and writes
/// the artifact to `output`.
pub fn compile(file: &Path, output: &Path) -> Result<(), Failure> {
    let engine = crate::limits::engine(&RunArgs::default());
    let (module, _) = load(&engine, file)?;
    let bytes = module
        .serialize()
        .map_err(|e| Failure::in_file(file, format_args!("cannot serialize: {e}")))?;
    // `File` rather than `fs::write`: the binary has its code already.
    let written = std::fs::File::create(output).and_then(|mut f| f.write_all(&bytes));
    written.map_err(|e| {
        Failure::new(
            EXIT_ERROR,
            format_args!("{}: cannot write: {e}", output.display()),
        )
    })
}
