//! Where the targets' modules come from, and which proposals each side
//! accepts.

use arbitrary::Unstructured;

/// The proposals the targets compare: wisp's default less SIMD —
/// WebAssembly 2.0 without SIMD, tail calls, multi-memory, memory64, wide
/// arithmetic, custom page sizes and extended constant expressions. SIMD
/// is left out because the differential oracle (wasmi 2.0 without its
/// `simd` feature) does not run it.
pub fn executed_config() -> wisp::Config {
    let mut config = wisp::Config::new();
    config.wasm_simd(false);
    config
}

/// Every proposal wisp knows switched on. wisp executes them all today; a
/// proposal it only validates would make translation refuse its modules
/// with an "unsupported operator" error, which [`is_unsupported`] allows.
pub fn validating_config() -> wisp::Config {
    let mut config = wisp::Config::new();
    config
        .wasm_simd(true)
        .wasm_relaxed_simd(true)
        .wasm_tail_call(true)
        .wasm_function_references(true)
        .wasm_gc(true)
        .wasm_exceptions(true)
        .wasm_multi_memory(true)
        .wasm_memory64(true)
        .wasm_threads(true)
        .wasm_wide_arithmetic(true)
        .wasm_custom_page_sizes(true)
        .wasm_extended_const(true);
    config
}

/// Memories a generated module may declare, and the store limit both
/// engines of the differential target enforce at run time.
pub const MEMORY_LIMIT_BYTES: u64 = 16 << 20;

/// A wasm-smith configuration producing modules with exactly the proposals
/// of [`executed_config`], no imports, and every item exported. NaNs are
/// canonicalized after every float operation, so results, globals and
/// memories can be compared bit for bit (the payload of a NaN an operation
/// produces is not deterministic in the specification).
pub fn executed_smith_config() -> wasm_smith::Config {
    wasm_smith::Config {
        simd_enabled: false,
        relaxed_simd_enabled: false,
        threads_enabled: false,
        tail_call_enabled: true,
        exceptions_enabled: false,
        gc_enabled: false,
        memory64_enabled: true,
        wide_arithmetic_enabled: true,
        custom_page_sizes_enabled: true,
        extended_const_enabled: true,
        max_memories: 3,
        max_tables: 4,
        max_imports: 0,
        max_memory32_bytes: MEMORY_LIMIT_BYTES,
        max_memory64_bytes: MEMORY_LIMIT_BYTES as u128,
        max_table_elements: 10_000,
        export_everything: true,
        canonicalize_nans: true,
        // The compact import encoding belongs to a proposal wisp's engine
        // does not enable (wasm-smith turns it on by default): such modules
        // would be refused, and the targets that import (`instantiate`)
        // would lose most of their inputs.
        compact_imports_enabled: false,
        ..wasm_smith::Config::default()
    }
}

/// A wasm-smith configuration with every proposal wisp validates (see
/// [`validating_config`]).
pub fn validating_smith_config() -> wasm_smith::Config {
    wasm_smith::Config {
        max_memory32_bytes: MEMORY_LIMIT_BYTES,
        max_memory64_bytes: MEMORY_LIMIT_BYTES as u128,
        max_table_elements: 10_000,
        ..wasm_smith::Config::default()
    }
}

/// Builds a module from `u` with `config`; `None` if the input cannot.
pub fn smith(config: wasm_smith::Config, u: &mut Unstructured<'_>) -> Option<Vec<u8>> {
    wasm_smith::Module::new(config, u)
        .ok()
        .map(|module| module.to_bytes())
}

/// True if `bytes` is a module that validates under `config`'s proposals.
pub fn validates(config: &wisp::Config, bytes: &[u8]) -> bool {
    wasmparser::Validator::new_with_features(config.features())
        .validate_all(bytes)
        .is_ok()
}

/// True for the errors wisp gives a module wasmparser validates (and wasmi
/// runs) that it will not take: its documented implementation limits
/// (docs/security.md), and a `metadata.code.branch_hint` section that
/// breaks the branch-hinting rules, which wisp checks and wasmparser and
/// wasmi ignore, like any custom section.
pub fn is_implementation_limit(error: &wisp::Error) -> bool {
    let text = error.to_string();
    text.contains("65535 value slots")
        || text.contains("IR words")
        || text.contains("branch offset overflow")
        || text.contains("metadata.code.branch_hint section")
        || matches!(error.kind(), wisp::ErrorKind::Limit(_))
}

/// True for the error of a valid module using a proposal wisp validates but
/// does not execute yet.
pub fn is_unsupported(error: &wisp::Error) -> bool {
    error.to_string().contains("unsupported")
}

/// The module a target runs: the input itself when it is a module valid
/// under `config` (so the spec suite's modules seed the corpus), otherwise
/// one wasm-smith builds from it. The rest of `u` is left for the target.
pub fn module_from_input<'a>(
    data: &'a [u8],
    config: &wisp::Config,
    smith_config: wasm_smith::Config,
) -> Option<(Vec<u8>, Unstructured<'a>)> {
    if data.starts_with(b"\0asm") && validates(config, data) {
        return Some((data.to_vec(), Unstructured::new(&[])));
    }
    let mut u = Unstructured::new(data);
    let bytes = smith(smith_config, &mut u)?;
    Some((bytes, u))
}

/// True if the module contains an operator for which `pick` is true.
pub fn has_operator(bytes: &[u8], pick: impl Fn(&wasmparser::Operator<'_>) -> bool) -> bool {
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        let Ok(wasmparser::Payload::CodeSectionEntry(body)) = payload else {
            continue;
        };
        let Ok(mut reader) = body.get_operators_reader() else {
            continue;
        };
        while !reader.eof() {
            match reader.read() {
                Ok(op) if pick(&op) => return true,
                Ok(_) => {}
                Err(_) => break,
            }
        }
    }
    false
}
