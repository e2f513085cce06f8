//! Engine configuration: which proposals are enabled and the resource bounds.
//!
//! Proposals are switched on and off with one method per proposal, named as in
//! wasmtime's `Config` ([`Config::wasm_simd`], [`Config::wasm_gc`], …). All of
//! them are described by one table, [`PROPOSALS`], which maps each proposal's
//! name to its setter and to the `wasmparser` feature bits it stands for; the
//! setters are generated from that table, and [`Config::enabled_proposals`]
//! lists it.
//!
//! Two wasmparser bits are not proposals and stay set in every configuration
//! built with the switches: `FLOATS` (floating-point types and instructions)
//! and `GC_TYPES` (wasmparser's gate for every reference type but `funcref`
//! and `exnref` — `externref` needs it as well as `reference-types`, and
//! `struct`/`array`/`anyref`/… need it as well as `gc`; it does not enable the
//! GC proposal by itself).

use wasmparser::WasmFeatures;

/// Settings shared by every [`Store`](crate::Store) and [`Module`](crate::Module)
/// created from one [`Engine`](crate::Engine).
///
/// # Proposals
///
/// [`Config::new`] enables what wisp executes in full: WebAssembly 2.0
/// (mutable globals, sign extension, saturating float-to-int, multi-value,
/// bulk memory, reference types, fixed-width SIMD) and the Wasm 3.0
/// proposals done so far (relaxed SIMD, tail calls, typed function
/// references, exceptions, multi-memory, memory64, wide arithmetic, custom
/// page sizes, extended constant expressions). Every other proposal is off
/// and can be switched on with its `wasm_*` method; a module using a proposal
/// that is off is rejected as invalid by [`Module::new`](crate::Module::new).
///
/// Switching on a proposal wisp does not execute yet enables it for
/// *validation only*: modules using it validate, but
/// [`Module::new`](crate::Module::new) — which translates every function body
/// — fails with an [`ErrorKind::Compile`](crate::ErrorKind::Compile) error such
/// as `unsupported operator: V128Load` (or `unsupported constant expression
/// operator …` for a global initializer) at the first instruction the
/// interpreter lacks. [`Module::validate`](crate::Module::validate) translates
/// too, so it reports the same error.
///
/// Some proposals build on others. Switching one on also switches on the ones
/// it requires, and switching one off also switches off the ones that require
/// it (wasmtime reports such combinations as errors instead):
///
/// | proposal | requires |
/// |---|---|
/// | `reference-types` | `bulk-memory` |
/// | `function-references` | `reference-types` |
/// | `gc` | `function-references` |
/// | `relaxed-simd` | `simd` |
/// | `threads` | `bulk-memory` |
///
/// [`Config::enabled_proposals`] lists every proposal with its state.
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) features: WasmFeatures,
    pub(crate) max_call_depth: usize,
    pub(crate) max_stack_slots: usize,
    pub(crate) max_native_stack: usize,
    pub(crate) consume_fuel: bool,
    pub(crate) interruptible: bool,
    pub(crate) epoch_interruption: bool,
    pub(crate) strategy: Strategy,
    pub(crate) signals_based_traps: bool,
    pub(crate) memory_guard_regions: bool,
    pub(crate) futex: Option<&'static dyn crate::Futex>,
}

/// How a store runs Wasm functions ([`Config::strategy`]).
///
/// In a build without the JIT (the `jit` feature, x86_64 only), or where
/// the memory hooks refuse executable memory, every strategy interprets.
/// Functions using instructions the compiler does not cover yet stay
/// interpreted under [`Jit`](Strategy::Jit) and [`Auto`](Strategy::Auto).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// Every function in the interpreter.
    Interpreter,
    /// Each module compiled to machine code when its first instance enters
    /// a store.
    Jit,
    /// Tiered (the default): functions start in the interpreter, which
    /// counts each function's calls and loop iterations; a function that
    /// gets hot is compiled, and continues in compiled code at once — a
    /// running loop included, at its next iteration (on-stack
    /// replacement: both tiers use the same frame).
    #[default]
    Auto,
}

/// One row of the proposal table.
struct Proposal {
    /// The proposal's name, kebab-case as in the WebAssembly proposals list.
    name: &'static str,
    /// The wasmparser feature bits the proposal stands for.
    bits: WasmFeatures,
    /// The bits of the proposals it builds on (see [`Config::set_proposal`]).
    requires: WasmFeatures,
    /// Whether [`Config::new`] enables it.
    default: bool,
}

/// Generates [`PROPOSALS`] and one setter per switchable proposal.
///
/// `always` rows are the Wasm 1.0-era proposals that every engine executes;
/// they are on in [`Config::new`] and have no switch. Each `switches` row is
/// `doc; fn setter: "name" = BITS (requires OTHER | …)?, default on|off;`.
macro_rules! proposals {
    (
        always { $($fixed_name:literal = $fixed_bits:ident;)* }
        switches { $(
            $(#[doc = $doc:literal])*
            fn $setter:ident: $name:literal = $bits:ident
                $(requires $($req:ident)|+)?,
                default $default:ident;
        )* }
    ) => {
        /// Every proposal wisp knows: name, wasmparser bits, requirements and
        /// default. The single source of truth for the `wasm_*` setters,
        /// [`Config::new`] and [`Config::enabled_proposals`].
        const PROPOSALS: &[Proposal] = &[
            $(Proposal {
                name: $fixed_name,
                bits: WasmFeatures::$fixed_bits,
                requires: WasmFeatures::empty(),
                default: true,
            },)*
            $(Proposal {
                name: $name,
                bits: WasmFeatures::$bits,
                requires: WasmFeatures::empty()$($(.union(WasmFeatures::$req))+)?,
                default: proposals!(@default $default),
            },)*
        ];

        impl Config {
            $(
                $(#[doc = $doc])*
                pub fn $setter(&mut self, enable: bool) -> &mut Self {
                    self.set_proposal(WasmFeatures::$bits, enable)
                }
            )*
        }
    };
    (@default on) => { true };
    (@default off) => { false };
}

proposals! {
    always {
        "mutable-global" = MUTABLE_GLOBAL;
        "saturating-float-to-int" = SATURATING_FLOAT_TO_INT;
        "sign-extension" = SIGN_EXTENSION;
    }
    switches {
        /// The [multi-value] proposal: functions and blocks with several
        /// results, and blocks with parameters.
        ///
        /// On by default; wisp executes it.
        ///
        /// [multi-value]: https://github.com/WebAssembly/multi-value
        fn wasm_multi_value: "multi-value" = MULTI_VALUE, default on;

        /// The [bulk memory operations][bulk-memory] proposal: `memory.copy`,
        /// `memory.fill`, `memory.init`, `data.drop`, `table.copy`,
        /// `table.init`, `elem.drop` and passive segments.
        ///
        /// On by default; wisp executes it. Switching it off also switches off
        /// `reference-types`, `function-references`, `gc` and `threads`, which
        /// build on it.
        ///
        /// [bulk-memory]: https://github.com/WebAssembly/bulk-memory-operations
        fn wasm_bulk_memory: "bulk-memory" = BULK_MEMORY, default on;

        /// The [reference types][reference-types] proposal: `funcref` and
        /// `externref` values, several tables, `table.get`/`set`/`grow`/
        /// `size`/`fill`, `ref.null`, `ref.is_null`, `ref.func` and typed
        /// `select`.
        ///
        /// On by default; wisp executes it. Switching it on also switches on
        /// `bulk-memory`; switching it off also switches off
        /// `function-references` and `gc`. `externref` additionally needs
        /// wasmparser's `GC_TYPES` bit, which wisp keeps set.
        ///
        /// [reference-types]: https://github.com/WebAssembly/reference-types
        fn wasm_reference_types: "reference-types" = REFERENCE_TYPES
            requires BULK_MEMORY, default on;

        /// The fixed-width [SIMD] proposal: the `v128` type and its
        /// instructions.
        ///
        /// On by default; wisp executes it (the interpreter and the x86_64
        /// JIT). It needs wisp-core's `simd` cargo feature (a default one):
        /// without it, modules using `v128` fail validation with "SIMD
        /// support is not enabled" whatever this says. Switching it off also
        /// switches off `relaxed-simd`.
        ///
        /// [SIMD]: https://github.com/WebAssembly/simd
        fn wasm_simd: "simd" = SIMD, default on;

        /// The [relaxed SIMD][relaxed-simd] proposal: SIMD instructions whose
        /// results may depend on the host (`f32x4.relaxed_madd`, …).
        ///
        /// On by default; wisp executes it with the same results on every
        /// host: the Wasm 3.0 deterministic profile (unfused `madd`,
        /// saturating dot products; docs/architecture.md, "Relaxed SIMD").
        /// Switching it on also switches on `simd`.
        ///
        /// [relaxed-simd]: https://github.com/WebAssembly/relaxed-simd
        fn wasm_relaxed_simd: "relaxed-simd" = RELAXED_SIMD
            requires SIMD, default on;

        /// The [tail call][tail-call] proposal: `return_call`,
        /// `return_call_indirect` (and `return_call_ref` with
        /// `function-references`).
        ///
        /// On by default; wisp executes it. A tail call to a Wasm function
        /// reuses the caller's frame, so mutual recursion through tail calls
        /// runs in constant stack; a tail call to a host function calls it
        /// and returns its results.
        ///
        /// [tail-call]: https://github.com/WebAssembly/tail-call
        fn wasm_tail_call: "tail-call" = TAIL_CALL, default on;

        /// The [typed function references][function-references] proposal:
        /// reference types indexed by a function type, non-nullable
        /// references, `call_ref`, `ref.as_non_null`, `br_on_null` and
        /// `br_on_non_null`.
        ///
        /// On by default; wisp executes it. Function types are compared as
        /// the specification's recursion groups say, across modules
        /// (`call_indirect`, import matching), and imports match by
        /// subtyping (`(ref $t)` satisfies an immutable `(ref null func)`
        /// global import). Switching it on also switches on
        /// `reference-types` (and so `bulk-memory`); switching it off also
        /// switches off `gc`.
        ///
        /// [function-references]: https://github.com/WebAssembly/function-references
        fn wasm_function_references: "function-references" = FUNCTION_REFERENCES
            requires REFERENCE_TYPES, default on;

        /// The [garbage collection][gc] proposal: `struct` and `array` types,
        /// `i31ref`, `anyref`, `eqref` and the other GC heap types, subtyping
        /// and casts.
        ///
        /// On by default; wisp executes it: objects live in the store's GC
        /// heap, which a precise collector keeps within
        /// [`Store::set_gc_heap_limit`](crate::Store::set_gc_heap_limit)
        /// (docs/architecture.md, "GC"); the JIT compiles GC instructions as
        /// calls of the interpreter's operations. Switching it on also
        /// switches on `function-references` (and so `reference-types` and
        /// `bulk-memory`). GC types additionally need wasmparser's
        /// `GC_TYPES` bit, which wisp keeps set.
        ///
        /// [gc]: https://github.com/WebAssembly/gc
        fn wasm_gc: "gc" = GC requires FUNCTION_REFERENCES, default on;

        /// The [exception handling][exceptions] proposal: tags, `throw`,
        /// `throw_ref`, `try_table` and the `exnref` type (which also needs
        /// `reference-types`).
        ///
        /// On by default; wisp executes it. An exception no handler catches
        /// reaches the embedder as [`ErrorKind::Exception`](crate::ErrorKind::Exception);
        /// a host function throws one by returning an
        /// [`Exception`](crate::Exception) as its error. Switching it off
        /// also switches off `legacy-exceptions`.
        ///
        /// [exceptions]: https://github.com/WebAssembly/exception-handling
        fn wasm_exceptions: "exceptions" = EXCEPTIONS requires REFERENCE_TYPES, default on;

        /// The legacy encoding of exception handling that older toolchains
        /// still emit: `try`, `catch`, `catch_all`, `delegate` and
        /// `rethrow`.
        ///
        /// On by default; wisp executes it, through the same handler tables
        /// as `try_table`. Switching it on also switches on `exceptions`.
        fn wasm_legacy_exceptions: "legacy-exceptions" = LEGACY_EXCEPTIONS
            requires EXCEPTIONS, default on;

        /// The [multi-memory] proposal: more than one linear memory per
        /// module.
        ///
        /// On by default; wisp executes it. Memory 0 stays as fast as in a
        /// single-memory module; an access to another memory is bracketed by
        /// two cheap instructions that hand it that memory.
        ///
        /// [multi-memory]: https://github.com/WebAssembly/multi-memory
        fn wasm_multi_memory: "multi-memory" = MULTI_MEMORY, default on;

        /// The [memory64] proposal: memories and tables indexed by `i64`.
        ///
        /// On by default; wisp executes it: 64-bit addresses and static
        /// offsets, `memory.grow`/`memory.size` at 64 bits, 64-bit tables,
        /// and memories past 4 GiB where the memory hooks can reserve them.
        ///
        /// [memory64]: https://github.com/WebAssembly/memory64
        fn wasm_memory64: "memory64" = MEMORY64, default on;

        /// The [threads] proposal: shared memories, atomic memory accesses,
        /// `memory.atomic.wait`/`notify` and `atomic.fence`.
        ///
        /// On by default; wisp executes it: a shared memory
        /// ([`SharedMemory`](crate::SharedMemory)) is used by several
        /// threads at once, each running its own instance in its own store;
        /// atomic accesses are sequentially consistent, and
        /// `memory.atomic.wait` blocks the thread (through
        /// [`Config::futex`]) until notified or timed out
        /// (docs/architecture.md, "Threads"). Switching it on also switches
        /// on `bulk-memory`.
        ///
        /// [threads]: https://github.com/WebAssembly/threads
        fn wasm_threads: "threads" = THREADS requires BULK_MEMORY, default on;

        /// The [wide arithmetic][wide-arithmetic] proposal: `i64.add128`,
        /// `i64.sub128`, `i64.mul_wide_s` and `i64.mul_wide_u`.
        ///
        /// On by default; wisp executes it.
        ///
        /// [wide-arithmetic]: https://github.com/WebAssembly/wide-arithmetic
        fn wasm_wide_arithmetic: "wide-arithmetic" = WIDE_ARITHMETIC, default on;

        /// The [custom page sizes][custom-page-sizes] proposal: memories
        /// whose page size is 1 byte instead of 64 KiB.
        ///
        /// On by default; wisp executes it (memory types carry the page size).
        ///
        /// [custom-page-sizes]: https://github.com/WebAssembly/custom-page-sizes
        fn wasm_custom_page_sizes: "custom-page-sizes" = CUSTOM_PAGE_SIZES, default on;

        /// The [extended constant expressions][extended-const] proposal:
        /// `i32`/`i64` `add`, `sub` and `mul` in constant expressions (global
        /// initializers and segment offsets).
        ///
        /// On by default (it is part of Wasm 3.0); wisp executes it: constant
        /// expressions are evaluated at instantiation with these operators.
        ///
        /// [extended-const]: https://github.com/WebAssembly/extended-const
        fn wasm_extended_const: "extended-const" = EXTENDED_CONST, default on;
    }
}

/// The wasmparser bits that are not proposals, set in every configuration
/// built with the switches (see the module documentation).
const BASE_FEATURES: WasmFeatures = WasmFeatures::FLOATS.union(WasmFeatures::GC_TYPES);

/// The features of [`Config::new`]: [`BASE_FEATURES`] and every proposal of
/// [`PROPOSALS`] that is on by default.
const fn default_features() -> WasmFeatures {
    let mut features = BASE_FEATURES;
    let mut i = 0;
    while i < PROPOSALS.len() {
        if PROPOSALS[i].default {
            features = features.union(PROPOSALS[i].bits);
        }
        i += 1;
    }
    features
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// The default configuration: the Wasm 2.0 proposals and the Wasm 3.0
    /// proposals wisp executes in full (see the type's documentation), a call depth of 10,000 frames and
    /// a value stack of 1 Mi slots (8 MiB, committed only as it is touched).
    pub fn new() -> Self {
        Self {
            features: default_features(),
            max_call_depth: 10_000,
            max_stack_slots: 1 << 20,
            max_native_stack: 512 << 10,
            consume_fuel: false,
            interruptible: false,
            epoch_interruption: false,
            strategy: Strategy::Auto,
            signals_based_traps: true,
            memory_guard_regions: true,
            futex: None,
        }
    }

    /// Every proposal wisp knows, by name, with whether it is enabled, in a
    /// fixed order: first the Wasm 1.0-era ones that are always on
    /// (`mutable-global`, `saturating-float-to-int`, `sign-extension`), then
    /// `multi-value`, `bulk-memory`, `reference-types`, `simd`,
    /// `relaxed-simd`, `tail-call`, `function-references`, `gc`,
    /// `exceptions`, `legacy-exceptions`, `multi-memory`, `memory64`, `threads`,
    /// `wide-arithmetic`, `custom-page-sizes` and `extended-const`, each
    /// switched by the `wasm_*` method of the same name.
    ///
    /// ```
    /// # use wisp_core::Config;
    /// let mut config = Config::new();
    /// config.wasm_simd(false);
    /// let on: Vec<&str> = config
    ///     .enabled_proposals()
    ///     .filter(|&(_, on)| on)
    ///     .map(|(name, _)| name)
    ///     .collect();
    /// assert!(!on.contains(&"simd") && on.contains(&"bulk-memory"));
    /// ```
    pub fn enabled_proposals(&self) -> impl Iterator<Item = (&'static str, bool)> + use<> {
        let features = self.features;
        PROPOSALS
            .iter()
            .map(move |p| (p.name, features.contains(p.bits)))
    }

    /// Sets `bits` (one proposal's) on or off together with the proposals it
    /// depends on: enabling also enables every proposal it requires,
    /// transitively; disabling also disables every proposal that requires
    /// it, transitively.
    fn set_proposal(&mut self, bits: WasmFeatures, enable: bool) -> &mut Self {
        let mut change = bits;
        loop {
            let before = change;
            for p in PROPOSALS {
                if enable && change.contains(p.bits) {
                    change |= p.requires;
                } else if !enable && p.requires.intersects(change) {
                    change |= p.bits;
                }
            }
            if change == before {
                break;
            }
        }
        self.features.set(change, enable);
        self
    }

    /// Replaces the raw wasmparser feature set, bypassing the proposal
    /// switches and their dependencies. An escape hatch for the spec-test
    /// runner (which needs bits such as `LEGACY_EXCEPTIONS` that have no
    /// switch); use the `wasm_*` methods instead.
    #[doc(hidden)]
    pub fn wasm_features(&mut self, features: WasmFeatures) -> &mut Self {
        self.features = features;
        self
    }

    /// The raw wasmparser feature set. Use [`Config::enabled_proposals`]
    /// instead.
    #[doc(hidden)]
    pub fn features(&self) -> WasmFeatures {
        self.features
    }

    /// The feature set modules are validated against: the enabled proposals
    /// less those this build cannot run (SIMD without the `simd` feature,
    /// exceptions without `exceptions`, whose modules then fail with "SIMD
    /// support is not enabled" or "exceptions support is not enabled").
    pub(crate) fn validated_features(&self) -> WasmFeatures {
        let mut left_out = WasmFeatures::empty();
        if !cfg!(feature = "simd") {
            left_out |= WasmFeatures::SIMD | WasmFeatures::RELAXED_SIMD;
        }
        if !cfg!(feature = "exceptions") {
            left_out |= WasmFeatures::EXCEPTIONS | WasmFeatures::LEGACY_EXCEPTIONS;
        }
        self.features.difference(left_out)
    }

    /// Bounds the number of nested Wasm calls; one more traps with
    /// [`TrapCode::StackOverflow`](crate::TrapCode::StackOverflow).
    pub fn max_call_depth(&mut self, depth: usize) -> &mut Self {
        self.max_call_depth = depth.max(1);
        self
    }

    /// Whether translated code counts calls and loop iterations for
    /// tier-up: [`Strategy::Auto`] in a build with the JIT.
    pub(crate) fn tiers_up(&self) -> bool {
        cfg!(wisp_jit) && self.strategy == Strategy::Auto
    }

    /// Chooses how Wasm functions run (see [`Strategy`]).
    pub fn strategy(&mut self, strategy: Strategy) -> &mut Self {
        self.strategy = strategy;
        self
    }

    /// Whether compiled code may trap by faulting (on by default), as in
    /// wasmtime: 32-bit memories are reserved with guard regions (4 GiB
    /// for their addresses and 2 GiB past them) so loads and stores need
    /// no bounds check (unless [`memory_guard_regions`](Self::memory_guard_regions)
    /// is off), `unreachable` executes `ud2` (x86_64) or `udf` (aarch64),
    /// and an x86_64 division by zero faults; a signal handler (installed
    /// once per process, chaining to any handler installed before it) turns
    /// each such fault in compiled code into its trap. Off, every trap is an
    /// explicit check. It takes effect only where the JIT runs (x86_64 and
    /// aarch64, Linux and macOS); guard regions only where the store's
    /// memory hooks can reserve them
    /// ([`MemoryHooks::reserve_guarded`](crate::MemoryHooks::reserve_guarded)).
    pub fn signals_based_traps(&mut self, enable: bool) -> &mut Self {
        self.signals_based_traps = enable;
        self
    }

    /// Whether memories are reserved with guard regions when compiled code
    /// traps by faulting (on by default; like wasmtime's
    /// `memory_guard_size(0)` when off): each 32-bit memory then takes over
    /// 6 GiB of address space, so its accesses need no bounds check. Off,
    /// memories reserve only their maximum and compiled code checks every
    /// access, while other traps still fault. For processes short of
    /// address space (a small `RLIMIT_AS`, or an emulator such as
    /// qemu-user, which keeps bookkeeping for every page reserved).
    pub fn memory_guard_regions(&mut self, enable: bool) -> &mut Self {
        self.memory_guard_regions = enable;
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

    /// Epoch-based interruption, as in wasmtime: compiled code compares the
    /// engine's epoch ([`Engine::increment_epoch`](crate::Engine::increment_epoch),
    /// typically from a timer thread) with the store's deadline
    /// ([`Store::set_epoch_deadline`](crate::Store::set_epoch_deadline)) at
    /// every function entry and loop iteration, and traps with
    /// [`TrapCode::Interrupted`](crate::TrapCode::Interrupted) once it is
    /// reached. One engine-wide tick serves every store; each store has its
    /// own deadline, 0 (already reached) until set. Off by default.
    pub fn epoch_interruption(&mut self, enable: bool) -> &mut Self {
        self.epoch_interruption = enable;
        self
    }

    /// Bounds the native stack that calls into Wasm nested inside host
    /// functions may use, in bytes, measured from the outermost call into
    /// Wasm (512 KiB by default). Wasm-to-Wasm calls use no native stack, but
    /// each host function that calls back into Wasm does (a few KiB per
    /// level); a call that would pass the bound traps with
    /// [`TrapCode::StackOverflow`](crate::TrapCode::StackOverflow) instead of
    /// overflowing the thread's stack. Keep it below the stack of the threads
    /// that run Wasm.
    pub fn max_native_stack(&mut self, bytes: usize) -> &mut Self {
        self.max_native_stack = bytes;
        self
    }

    /// The blocking primitive `memory.atomic.wait` sleeps on and
    /// `memory.atomic.notify` wakes with, for the shared memories of this
    /// engine's stores. By default the kernel's ([`OsFutex`](crate::OsFutex)
    /// on Linux and macOS; elsewhere [`SpinFutex`](crate::SpinFutex), which
    /// spins): a kernel or an exotic platform supplies its own.
    pub fn futex(&mut self, futex: &'static dyn crate::Futex) -> &mut Self {
        self.futex = Some(futex);
        self
    }

    /// The futex of [`futex`](Self::futex), or the default.
    pub(crate) fn futex_or_default(&self) -> &'static dyn crate::Futex {
        self.futex.unwrap_or_else(crate::wait::default_futex)
    }

    /// Bounds the value stack, in 64-bit slots, shared by all frames of one
    /// call into Wasm; exhausting it traps with
    /// [`TrapCode::StackOverflow`](crate::TrapCode::StackOverflow).
    pub fn max_stack_slots(&mut self, slots: usize) -> &mut Self {
        // Frames record their slot offset in 32 bits.
        self.max_stack_slots = slots.clamp(1024, u32::MAX as usize);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, Module};
    use alloc::string::ToString;
    use alloc::vec::Vec;

    /// A `wasm_*` setter.
    type Switch = fn(&mut Config, bool) -> &mut Config;

    /// Every switch, with its proposal's name.
    const SWITCHES: &[(&str, Switch)] = &[
        ("multi-value", Config::wasm_multi_value),
        ("bulk-memory", Config::wasm_bulk_memory),
        ("reference-types", Config::wasm_reference_types),
        ("simd", Config::wasm_simd),
        ("relaxed-simd", Config::wasm_relaxed_simd),
        ("tail-call", Config::wasm_tail_call),
        ("function-references", Config::wasm_function_references),
        ("gc", Config::wasm_gc),
        ("exceptions", Config::wasm_exceptions),
        ("legacy-exceptions", Config::wasm_legacy_exceptions),
        ("multi-memory", Config::wasm_multi_memory),
        ("memory64", Config::wasm_memory64),
        ("threads", Config::wasm_threads),
        ("wide-arithmetic", Config::wasm_wide_arithmetic),
        ("custom-page-sizes", Config::wasm_custom_page_sizes),
        ("extended-const", Config::wasm_extended_const),
    ];

    /// A module importing `m.f` in the compact-imports encoding (a proposal
    /// wisp does not enable): found by the `parse` fuzz target, which saw
    /// wisp accept it while wasmparser's validator rejected it.
    const COMPACT_IMPORT: &[u8] = &[
        0, b'a', b's', b'm', 1, 0, 0, 0, // header
        1, 4, 1, 0x60, 0, 0, // type 0: [] -> []
        2, 10, 1, 1, b'm', 0, 0x7f, 1, 1, b'f', 0, 0, // import m { f: func 0 }
    ];

    #[test]
    fn encodings_of_disabled_proposals_are_malformed() {
        let engine = Engine::new(&Config::new());
        let error = Module::new(&engine, COMPACT_IMPORT).unwrap_err();
        assert!(error.to_string().contains("compact imports"), "{error}");
    }

    fn bits_of(name: &str) -> WasmFeatures {
        PROPOSALS.iter().find(|p| p.name == name).unwrap().bits
    }

    fn enabled(config: &Config) -> Vec<&'static str> {
        config
            .enabled_proposals()
            .filter(|&(_, on)| on)
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn defaults_are_what_wisp_executes() {
        let expected = WasmFeatures::MUTABLE_GLOBAL
            | WasmFeatures::SATURATING_FLOAT_TO_INT
            | WasmFeatures::SIGN_EXTENSION
            | WasmFeatures::MULTI_VALUE
            | WasmFeatures::BULK_MEMORY
            | WasmFeatures::REFERENCE_TYPES
            | WasmFeatures::TAIL_CALL
            | WasmFeatures::FUNCTION_REFERENCES
            | WasmFeatures::EXCEPTIONS
            | WasmFeatures::LEGACY_EXCEPTIONS
            | WasmFeatures::MULTI_MEMORY
            | WasmFeatures::MEMORY64
            | WasmFeatures::THREADS
            | WasmFeatures::WIDE_ARITHMETIC
            | WasmFeatures::CUSTOM_PAGE_SIZES
            | WasmFeatures::EXTENDED_CONST
            | WasmFeatures::FLOATS
            | WasmFeatures::GC
            | WasmFeatures::GC_TYPES;
        // SIMD is on, but left out of what a build without the `simd`
        // feature validates.
        let simd = WasmFeatures::SIMD | WasmFeatures::RELAXED_SIMD;
        let expected = if cfg!(feature = "simd") {
            expected | simd
        } else {
            expected
        };
        assert_eq!(Config::new().features(), expected);
        assert_eq!(Config::default().features(), expected);
        assert_eq!(
            enabled(&Config::new()),
            [
                "mutable-global",
                "saturating-float-to-int",
                "sign-extension",
                "multi-value",
                "bulk-memory",
                "reference-types",
                "simd",
                "relaxed-simd",
                "tail-call",
                "function-references",
                "gc",
                "exceptions",
                "legacy-exceptions",
                "multi-memory",
                "memory64",
                "threads",
                "wide-arithmetic",
                "custom-page-sizes",
                "extended-const",
            ]
        );
    }

    #[test]
    fn table_lists_every_switch_once() {
        let names: Vec<_> = Config::new().enabled_proposals().map(|(n, _)| n).collect();
        assert_eq!(names.len(), PROPOSALS.len());
        assert_eq!(names.len(), 3 + SWITCHES.len());
        for (name, _) in SWITCHES {
            assert_eq!(names.iter().filter(|n| *n == name).count(), 1, "{name}");
        }
        // No two proposals share a bit.
        for (i, a) in PROPOSALS.iter().enumerate() {
            for b in &PROPOSALS[i + 1..] {
                assert!(!a.bits.intersects(b.bits), "{} / {}", a.name, b.name);
            }
        }
    }

    #[test]
    fn each_switch_toggles_its_bits() {
        for &(name, set) in SWITCHES {
            let bits = bits_of(name);
            let mut config = Config::new();
            set(&mut config, true);
            assert!(config.features().contains(bits), "{name} on");
            assert!(config.enabled_proposals().any(|p| p == (name, true)));
            set(&mut config, false);
            assert!(!config.features().intersects(bits), "{name} off");
            assert!(config.enabled_proposals().any(|p| p == (name, false)));
            // The non-proposal bits never move.
            assert!(config.features().contains(BASE_FEATURES), "{name}");
        }
    }

    #[test]
    fn independent_switches_touch_only_their_bits() {
        for &(name, set) in SWITCHES {
            let p = PROPOSALS.iter().find(|p| p.name == name).unwrap();
            let depended_on = PROPOSALS.iter().any(|q| q.requires.intersects(p.bits));
            if !p.requires.is_empty() || depended_on {
                continue;
            }
            let mut config = Config::new();
            let before = config.features();
            set(&mut config, !p.default);
            assert_eq!(config.features() ^ before, p.bits, "{name}");
        }
    }

    #[test]
    fn dependencies_follow_the_switches() {
        let mut config = Config::new();
        config.wasm_bulk_memory(false).wasm_gc(true);
        assert!(config.features().contains(
            WasmFeatures::GC
                | WasmFeatures::FUNCTION_REFERENCES
                | WasmFeatures::REFERENCE_TYPES
                | WasmFeatures::BULK_MEMORY
        ));
        config.wasm_reference_types(false);
        assert!(
            !config
                .features()
                .intersects(WasmFeatures::GC | WasmFeatures::FUNCTION_REFERENCES)
        );
        assert!(config.features().contains(WasmFeatures::BULK_MEMORY));

        let mut config = Config::new();
        config.wasm_relaxed_simd(true);
        assert!(config.features().contains(WasmFeatures::SIMD));
        config.wasm_simd(false);
        assert!(!config.features().intersects(WasmFeatures::RELAXED_SIMD));

        let mut config = Config::new();
        config.wasm_threads(true).wasm_bulk_memory(false);
        assert!(!config.features().intersects(WasmFeatures::THREADS));
    }

    #[test]
    fn simd_runs_by_default_and_off_rejects_v128() {
        let wasm = wat::parse_str(
            r#"(module (global v128 (v128.const i64x2 0 0))
                 (func (export "f") (result i32)
                   (i8x16.extract_lane_u 3 (i8x16.splat (i32.const 7)))))"#,
        )
        .unwrap();
        let engine = Engine::new(&Config::new());
        let module = Module::new(&engine, &wasm).unwrap();
        let mut store = crate::Store::new(&engine, ());
        let instance = crate::Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let f = instance.get_typed_func::<(), i32>(&store, "f").unwrap();
        assert_eq!(f.call(&mut store, ()).unwrap(), 7);

        let mut off = Config::new();
        off.wasm_simd(false);
        let err = Module::new(&Engine::new(&off), &wasm).unwrap_err();
        assert!(err.is_compile(), "{err}");
        assert!(
            err.to_string().contains("SIMD support is not enabled"),
            "{err}"
        );
    }

    #[test]
    fn extended_const_runs_by_default_and_can_be_switched_off() {
        let wasm = wat::parse_str(
            "(module (global (export \"g\") i32 (i32.add (i32.const 40) (i32.mul (i32.const 1) (i32.const 2)))))",
        )
        .unwrap();
        let mut off = Config::new();
        off.wasm_extended_const(false);
        assert!(Module::new(&Engine::new(&off), &wasm).is_err());
        let engine = Engine::new(&Config::new());
        let module = Module::new(&engine, &wasm).unwrap();
        let mut store = crate::Store::new(&engine, ());
        let instance = crate::Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let g = instance.get_global(&store, "g").unwrap();
        assert_eq!(g.get(&store).i32(), Some(42));
    }
}
