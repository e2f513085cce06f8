//! # wisp
//!
//! The wisp WebAssembly runtime for programs with `std`: everything in
//! [`wisp_core`] (re-exported here), plus loading modules from files and
//! WebAssembly text.
#![deny(missing_docs)]
#![deny(unsafe_code)]

pub use wisp_core::*;

/// WASI preview 1 for guests: build a [`wasi::WasiCtx`] with
/// [`wasi::WasiCtxBuilder`], keep it in the store's host state and call
/// [`wasi::add_to_linker`]; capture a guest's output with
/// [`wasi::MemoryOutputPipe`]. (The `wisp-platform` crate's `wasi` module,
/// with its `std` conveniences on.)
pub mod wasi {
    pub use wisp_platform::wasi::*;
}

/// The component model: [`component::Component`], [`component::Linker`]
/// with host functions under WIT interface names, values lifted and lowered
/// by the canonical ABI ([`component::Val`]), resources. (The
/// `wisp-component` crate; feature `component`.)
#[cfg(feature = "component")]
pub mod component {
    pub use wisp_component::*;
}

use std::path::Path;

/// Why a module file could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Io(std::io::Error),
    /// The text format did not parse.
    Text(String),
    /// The module is malformed or invalid.
    Module(Error),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "{e}"),
            LoadError::Text(e) => write!(f, "{e}"),
            LoadError::Module(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Turns `bytes` into a binary module: binary input is returned as is; text
/// (`.wat`) is parsed when the `wat` feature is on.
pub fn wasm_bytes(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, LoadError> {
    if bytes.starts_with(b"\0asm") {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    #[cfg(feature = "wat")]
    {
        wat::parse_bytes(bytes).map_err(|e| LoadError::Text(e.to_string()))
    }
    #[cfg(not(feature = "wat"))]
    {
        Err(LoadError::Text(
            "not a binary module (text support is not built in)".into(),
        ))
    }
}

/// Compiles a module from binary or text bytes.
pub fn module_from_bytes(engine: &Engine, bytes: &[u8]) -> Result<Module, LoadError> {
    let wasm = wasm_bytes(bytes)?;
    Module::new(engine, &wasm).map_err(LoadError::Module)
}

/// Reads and compiles a module file (binary, or text with the `wat` feature).
/// A file that cannot be read is a [`LoadError::Io`] whose message names
/// the path. (`Module::from_file` does the same with [`Error`] as the error.)
pub fn module_from_file(engine: &Engine, path: impl AsRef<Path>) -> Result<Module, LoadError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| {
        LoadError::Io(std::io::Error::new(
            e.kind(),
            format!("cannot read {}: {e}", path.display()),
        ))
    })?;
    module_from_bytes(engine, &bytes)
}

/// The Rust examples of the README and the embedding and WASI guides, run as
/// doctests of this crate (`cargo test -p wisp --doc`) so they cannot go
/// stale.
#[cfg(doctest)]
mod guide_examples {
    #[doc = include_str!("../../README.md")]
    struct Readme;
    #[doc = include_str!("../../docs/embedding.md")]
    struct Embedding;
    #[doc = include_str!("../../docs/wasi.md")]
    struct Wasi;
    #[cfg(feature = "component")]
    #[doc = include_str!("../../docs/components.md")]
    struct Components;
}
