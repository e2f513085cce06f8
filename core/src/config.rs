//! Engine configuration: which proposals are enabled and the resource bounds.

use wasmparser::WasmFeatures;

/// Settings shared by every [`Store`](crate::Store) and [`Module`](crate::Module)
/// created from one [`Engine`](crate::Engine).
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) features: WasmFeatures,
    pub(crate) max_call_depth: usize,
    pub(crate) max_stack_slots: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// The default configuration: the Wasm 2.0 proposals (without SIMD, which
    /// the interpreter does not execute yet), a call depth of 10,000 frames and
    /// a value stack of 1 Mi slots (8 MiB, committed only as it is touched).
    pub fn new() -> Self {
        Self {
            features: Self::wasm2_features(),
            max_call_depth: 10_000,
            max_stack_slots: 1 << 20,
        }
    }

    /// The feature set of WebAssembly 2.0 without SIMD: mutable globals,
    /// sign extension, non-trapping float-to-int, multi-value, bulk memory and
    /// reference types (`GC_TYPES` is wasmparser's switch for `externref` and
    /// `funcref` values; it does not enable the GC proposal).
    pub fn wasm2_features() -> WasmFeatures {
        WasmFeatures::MUTABLE_GLOBAL
            | WasmFeatures::SATURATING_FLOAT_TO_INT
            | WasmFeatures::SIGN_EXTENSION
            | WasmFeatures::MULTI_VALUE
            | WasmFeatures::BULK_MEMORY
            | WasmFeatures::REFERENCE_TYPES
            | WasmFeatures::FLOATS
            | WasmFeatures::GC_TYPES
    }

    /// Replaces the set of enabled proposals. Modules using a proposal that is
    /// not enabled are rejected as invalid.
    pub fn wasm_features(&mut self, features: WasmFeatures) -> &mut Self {
        self.features = features;
        self
    }

    /// The enabled proposals.
    pub fn features(&self) -> WasmFeatures {
        self.features
    }

    /// Bounds the number of nested Wasm calls; one more traps with
    /// [`TrapCode::StackOverflow`](crate::TrapCode::StackOverflow).
    pub fn max_call_depth(&mut self, depth: usize) -> &mut Self {
        self.max_call_depth = depth.max(1);
        self
    }

    /// Bounds the value stack, in 64-bit slots, shared by all frames of one
    /// call into Wasm; exhausting it traps with
    /// [`TrapCode::StackOverflow`](crate::TrapCode::StackOverflow).
    pub fn max_stack_slots(&mut self, slots: usize) -> &mut Self {
        self.max_stack_slots = slots.max(1024);
        self
    }
}
