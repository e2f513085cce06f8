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
    if Engine::default().detect_precompiled(&bytes).is_some() {
        return Err(Failure::new(
            EXIT_INVALID,
            format_args!(
                "{}: a precompiled module (from `wisp compile`): only `wisp run --allow-precompiled` loads it",
                path.display()
            ),
        ));
    }
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

/// Loads the module `wisp run` runs: like [`load`], or, with
/// `allow_precompiled`, a precompiled module from `wisp compile`.
#[cfg_attr(not(feature = "compile"), allow(unused_variables))]
pub fn load_for_run(
    engine: &Engine,
    path: &Path,
    allow_precompiled: bool,
) -> Result<Module, Failure> {
    #[cfg(feature = "compile")]
    if allow_precompiled {
        let bytes = std::fs::read(path).map_err(|e| {
            Failure::new(
                EXIT_NO_FILE,
                format_args!("{}: cannot read: {e}", path.display()),
            )
        })?;
        if engine.detect_precompiled(&bytes).is_some() {
            return load_precompiled(engine, path, &bytes);
        }
    }
    load(engine, path).map(|(module, _)| module)
}

/// Loads a precompiled module.
#[cfg(feature = "compile")]
#[allow(unsafe_code)]
fn load_precompiled(engine: &Engine, path: &Path, bytes: &[u8]) -> Result<Module, Failure> {
    // SAFETY: the user vouched for the file with `--allow-precompiled`;
    // `deserialize` still checks the wisp version, the engine settings and
    // the checksum, and verifies every function's IR.
    let module = unsafe { Module::deserialize(engine, bytes) };
    module.map_err(|e| {
        let hint = if e.to_string().contains("engine settings") {
            " (a precompiled module runs without --fuel and --timeout)"
        } else {
            ""
        };
        Failure::new(EXIT_INVALID, format_args!("{}: {e}{hint}", path.display()))
    })
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
