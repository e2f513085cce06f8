//! Reading a module file and compiling it, with the CLI's exit codes.

use crate::fail::{EXIT_INVALID, EXIT_NO_FILE, Failure};
use std::path::Path;
use wisp::{Engine, LoadError, Module};

/// Reads `path` and returns its binary module bytes (text is converted).
pub fn read_wasm(path: &Path) -> Result<Vec<u8>, Failure> {
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::new(
            EXIT_NO_FILE,
            format_args!("{}: cannot read: {e}", path.display()),
        )
    })?;
    match wisp::wasm_bytes(&bytes) {
        Ok(wasm) => Ok(wasm.into_owned()),
        Err(e) => Err(load_failure(path, e)),
    }
}

/// Reads and compiles the module at `path`; returns it with its binary bytes.
pub fn load(engine: &Engine, path: &Path) -> Result<(Module, Vec<u8>), Failure> {
    let wasm = read_wasm(path)?;
    let module =
        Module::new(engine, &wasm).map_err(|e| load_failure(path, LoadError::Module(e)))?;
    Ok((module, wasm))
}

/// The failure for a module that could not be loaded.
pub fn load_failure(path: &Path, e: LoadError) -> Failure {
    let file = path.display();
    match e {
        LoadError::Io(e) => Failure::new(EXIT_NO_FILE, format_args!("{file}: cannot read: {e}")),
        LoadError::Text(e) => {
            Failure::new(EXIT_INVALID, format_args!("{file}: malformed text: {e}"))
        }
        LoadError::Module(e) if e.is_compile() => {
            Failure::new(EXIT_INVALID, format_args!("{file}: {e}"))
        }
        LoadError::Module(e) => Failure::in_file(path, e),
    }
}
