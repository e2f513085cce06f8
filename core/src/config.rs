//! Engine configuration: which proposals are enabled and the resource bounds.

use wasmparser::WasmFeatures;

/// Settings shared by every [`Store`](crate::Store) and [`Module`](crate::Module)
/// created from one [`Engine`](crate::Engine).
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) features: WasmFeatures,
    pub(crate) max_call_depth: usize,
    pub(crate) max_stack_slots: usize,
    pub(crate) consume_fuel: bool,
    pub(crate) interruptible: bool,
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
            consume_fuel: false,
            interruptible: false,
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

    /// Meters execution with fuel: every function entry and loop iteration
    /// charges the instructions of the block it starts, and running out traps
    /// with [`TrapCode::OutOfFuel`](crate::TrapCode::OutOfFuel). Set the
    /// amount with [`Store::set_fuel`](crate::Store::set_fuel). Off by default
    /// (metering costs a check per loop iteration and call).
    pub fn consume_fuel(&mut self, enable: bool) -> &mut Self {
        self.consume_fuel = enable;
        self
    }

    /// Lets another thread stop running Wasm through an
    /// [`InterruptHandle`](crate::InterruptHandle): compiled code checks a flag
    /// at every function entry and loop iteration and traps with
    /// [`TrapCode::Interrupted`](crate::TrapCode::Interrupted). Off by default.
    pub fn interruptible(&mut self, enable: bool) -> &mut Self {
        self.interruptible = enable;
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
