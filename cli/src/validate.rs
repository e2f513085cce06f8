//! `wisp validate`: is the module well-formed and valid?

use crate::fail::Failure;
use crate::load::{load_failure, read_wasm};
use crate::output::emit;
use std::path::Path;
use wisp::{Engine, LoadError, Module};

/// Prints `FILE: valid`, or fails with exit status 2 naming the problem.
pub fn validate(file: &Path) -> Result<(), Failure> {
    let wasm = read_wasm(file)?;
    Module::validate(&Engine::default(), &wasm)
        .map_err(|e| load_failure(file, LoadError::Module(e)))?;
    emit(&format!("{}: valid", file.display()));
    Ok(())
}
