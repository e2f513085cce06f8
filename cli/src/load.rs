//! Reading a module file and compiling it, with the CLI's exit codes.

use crate::args::RunArgs;
use crate::fail::{EXIT_INVALID, EXIT_NO_FILE, Failure};
use std::path::Path;
use wisp::{Engine, LoadError, Module};

/// The bytes of the file at `path`.
pub fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        Failure::new(
            EXIT_NO_FILE,
            format_args!("{}: cannot read: {e}", path.display()),
        )
    })
}

/// The binary module in `bytes`, read from `path` (text is converted); a
/// precompiled module is refused.
fn binary(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, Failure> {
    if Module::is_precompiled(bytes) {
        return Err(Failure::new(
            EXIT_INVALID,
            format_args!(
                "{}: a precompiled module (from `wisp compile`): only `wisp run --allow-precompiled` loads it",
                path.display()
            ),
        ));
    }
    match wisp::wasm_bytes(bytes) {
        Ok(wasm) => Ok(wasm.into_owned()),
        Err(e) => Err(load_failure(path, e)),
    }
}

/// Reads `path` and returns its binary module bytes (text is converted).
pub fn read_wasm(path: &Path) -> Result<Vec<u8>, Failure> {
    binary(path, &read(path)?)
}

/// Compiles `wasm`, read from `path`.
fn compile(engine: &Engine, path: &Path, wasm: &[u8]) -> Result<Module, Failure> {
    Module::new(engine, wasm).map_err(|e| load_failure(path, LoadError::Module(e)))
}

/// Reads and compiles the module at `path`; returns it with its binary bytes.
pub fn load(engine: &Engine, path: &Path) -> Result<(Module, Vec<u8>), Failure> {
    let wasm = read_wasm(path)?;
    Ok((compile(engine, path, &wasm)?, wasm))
}

/// Loads the module `wisp run` runs from the file's `bytes`: like
/// [`load`], or, with `--allow-precompiled`, a precompiled module from
/// `wisp compile`.
#[cfg_attr(not(feature = "compile"), allow(unused_variables))]
pub fn load_bytes_for_run(
    engine: &Engine,
    path: &Path,
    bytes: &[u8],
    args: &RunArgs,
) -> Result<Module, Failure> {
    #[cfg(feature = "compile")]
    if args.allow_precompiled && Module::is_precompiled(bytes) {
        return load_precompiled(engine, path, bytes, args);
    }
    compile(engine, path, &binary(path, bytes)?)
}

/// Loads a precompiled module. It was compiled for `wisp run`'s default
/// settings, so `--fuel`, `--sandbox` and `--timeout` (whose checks are
/// compiled into the IR) cannot apply to it.
#[cfg(feature = "compile")]
#[allow(unsafe_code)]
fn load_precompiled(
    engine: &Engine,
    path: &Path,
    bytes: &[u8],
    args: &RunArgs,
) -> Result<Module, Failure> {
    if crate::limits::fuel(args).is_some() || args.timeout.is_some() {
        return Err(Failure::new(
            EXIT_INVALID,
            format_args!(
                "{}: a precompiled module runs without --fuel, --sandbox and --timeout (run the .wasm for them)",
                path.display()
            ),
        ));
    }
    // SAFETY: the user vouched for the file with `--allow-precompiled`;
    // `deserialize` still checks the wisp version, the engine settings and
    // the checksum, and verifies every function's IR.
    let module = unsafe { Module::deserialize(engine, bytes) };
    module.map_err(|e| Failure::new(EXIT_INVALID, format_args!("{}: {e}", path.display())))
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
