//! Which WebAssembly proposals a script is run with.

use std::path::{Component, Path};
use wisp::wasmparser::WasmFeatures;

/// The name of the file, at the testsuite root, that lists the scripts of the
/// Wasm 2.0 scope (one path relative to the root per line, `#` comments).
const SCOPE_FILE: &str = "SCOPE-2.0.txt";

/// The proposals to enable for the script at `path`.
///
/// Scripts listed in the testsuite's `SCOPE-2.0.txt` (found in the nearest
/// ancestor directory of `path` that has one) run with the proposals of
/// [`wisp::Config::new`] (Wasm 2.0, and the Wasm 3.0 proposals wisp runs). Every other script runs with
/// the Wasm 3.0 feature set (`WasmFeatures::default()`, which includes threads
/// and wide arithmetic), plus custom page sizes under a `custom-page-sizes`
/// folder and the legacy exception instructions under a `legacy` folder.
/// Scripts under a `threads` folder run with Wasm 2.0 plus threads, less
/// reference types and multi-memory: the proposal's repository forked
/// before those, and its scripts expect a second table or memory to be
/// rejected. The
/// runner sets these raw bits with `Config::wasm_features` (hidden from the
/// docs) because the `wasm_*` switches do not cover `LEGACY_EXCEPTIONS` or the
/// rest of wasmparser's default set.
pub fn features_for(path: &Path) -> WasmFeatures {
    if in_wasm2_scope(path) {
        return wisp::Config::new().features();
    }
    let folders: Vec<String> = path
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if folders.iter().any(|f| f == "threads") {
        return WasmFeatures::WASM2.difference(WasmFeatures::REFERENCE_TYPES)
            | WasmFeatures::THREADS;
    }
    let mut features = WasmFeatures::default();
    if folders.iter().any(|f| f == "custom-page-sizes") {
        features |= WasmFeatures::CUSTOM_PAGE_SIZES;
    }
    if folders.iter().any(|f| f == "legacy") {
        features |= WasmFeatures::LEGACY_EXCEPTIONS;
    }
    features
}

/// Whether `path` is listed in the `SCOPE-2.0.txt` of its testsuite.
fn in_wasm2_scope(path: &Path) -> bool {
    let Ok(abs) = std::path::absolute(path) else {
        return false;
    };
    for root in abs.ancestors().skip(1) {
        let Ok(list) = std::fs::read_to_string(root.join(SCOPE_FILE)) else {
            continue;
        };
        let Ok(rel) = abs.strip_prefix(root) else {
            return false;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        return list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .any(|l| l == rel);
    }
    false
}
