//! The `jit` target: wisp's JIT (x86_64 or aarch64, as the host is)
//! against wisp's own interpreter.
//!
//! The module is the input when it is a module wisp executes, otherwise a
//! wasm-smith module built as for the `differential` target, except that
//! NaNs are left as the operations make them: the two tiers share their
//! float helpers, so even NaN payloads must agree. Each tier gets its own
//! engine and store (fuel on, the same memory limit), instantiates the
//! module and calls every exported function, in the module's export order,
//! with the same arguments and the same fuel per call.
//!
//! After instantiation and after every call, everything observable must be
//! identical: results bit for bit, the error (a trap's code, message and
//! backtrace), the fuel left (both tiers charge a block's instructions on
//! entering it, so running out happens at the same point), every exported
//! global, the contents of every exported memory and the elements of every
//! exported table. Running out of fuel or stack does not end the
//! comparison: the next call starts with fresh fuel in both tiers.
//!
//! With the environment variable `WISP_GUARD_REGIONS=0`, both tiers'
//! stores get [`SmallReservations`]: [`wisp::MmapHooks`] without guard
//! regions (memory hooks that cannot reserve them), so compiled code
//! checks every memory access's bounds even when the input chooses traps by
//! signals (`unreachable` and the other traps still fault), and reserving
//! for a linear memory no more than the store's memory limit rather than
//! the memory's maximum. This is for running under qemu-user, which keeps
//! bookkeeping for every page a process reserves and never frees it: the
//! thousands of memories of a fuzzing run, each reserving 4 GiB or more
//! (16 GiB for a 64-bit memory without a maximum), would exhaust the
//! host's memory. `fuzz/qemu.sh` sets it (and gives qemu a fixed guest
//! address space, in which freed addresses are reused).

use crate::{differential, modules};
use arbitrary::Unstructured;
use std::collections::HashMap;
use std::fmt;
use wisp::{Engine, Extern, Func, Instance, Linker, Module, Store, Strategy, Val, ValType};

/// Fuel for instantiation and for each call, in both tiers (the
/// `differential` target's).
pub const FUEL: u64 = differential::FUEL;

/// The wasm-smith configuration: the `differential` target's, with SIMD
/// and relaxed SIMD (no oracle but wisp's own interpreter is needed), and
/// NaNs left uncanonicalized so that their payloads are compared too.
pub fn smith_config() -> wasm_smith::Config {
    wasm_smith::Config {
        canonicalize_nans: false,
        simd_enabled: true,
        relaxed_simd_enabled: true,
        ..modules::executed_smith_config()
    }
}

/// The proposals both tiers run: the other targets' and SIMD.
pub fn config() -> wisp::Config {
    let mut config = modules::executed_config();
    config.wasm_simd(true).wasm_relaxed_simd(true);
    config
}

/// Whether the tiers keep the default memory hooks (guard regions for the
/// JIT's memories): yes unless `WISP_GUARD_REGIONS=0` (read once per
/// process), which gives both [`SmallReservations`].
fn guard_regions() -> bool {
    static GUARD_REGIONS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *GUARD_REGIONS.get_or_init(|| std::env::var("WISP_GUARD_REGIONS").as_deref() != Ok("0"))
}

/// Runs one input through both tiers; `Err` describes the first divergence.
pub fn run(data: &[u8]) -> Result<(), String> {
    let config = config();
    let Some((bytes, u)) = modules::module_from_input(data, &config, smith_config()) else {
        return Ok(());
    };
    compare(&bytes, u.take_rest())
}

/// Runs the module `bytes` in the interpreter and in the JIT, with the
/// calls' arguments drawn from `seed`, whose first byte also chooses how
/// compiled code traps (by signals and guard regions, or by explicit
/// checks); `Err` describes the first divergence.
pub fn compare(bytes: &[u8], seed: &[u8]) -> Result<(), String> {
    let signals = seed.first().is_none_or(|b| b & 1 == 0);
    let mut interpreted = Tier::new(bytes, Strategy::Interpreter);
    let mut compiled = Tier::with_traps(bytes, Strategy::Jit, signals, guard_regions());
    compare_tiers(&mut interpreted, &mut compiled, seed)
}

// ---------------------------------------------------------------- values

/// A value as the tiers are compared on it: numbers by their bits, a
/// function reference by the export naming its function, other references
/// by nullness.
#[derive(Clone, PartialEq, Eq)]
enum Seen {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    V128(u128),
    /// `None` for null; else an export of the function, or its type if it
    /// has none.
    FuncRef(Option<String>),
    ExternRef {
        null: bool,
    },
    ExnRef {
        null: bool,
    },
    AnyRef {
        null: bool,
    },
}

impl fmt::Debug for Seen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Seen::I32(v) => write!(f, "i32 {v}"),
            Seen::I64(v) => write!(f, "i64 {v}"),
            Seen::F32(bits) => write!(f, "f32 {:?} ({bits:#010x})", f32::from_bits(*bits)),
            Seen::F64(bits) => write!(f, "f64 {:?} ({bits:#018x})", f64::from_bits(*bits)),
            Seen::V128(bits) => write!(f, "v128 {bits:#034x}"),
            Seen::FuncRef(None) => write!(f, "null funcref"),
            Seen::FuncRef(Some(func)) => write!(f, "funcref {func}"),
            Seen::ExternRef { null } => write!(f, "externref (null: {null})"),
            Seen::ExnRef { null } => write!(f, "exnref (null: {null})"),
            Seen::AnyRef { null } => write!(f, "anyref (null: {null})"),
        }
    }
}

// ---------------------------------------------------------------- arguments

/// Integer bit patterns worth trying more often than chance would: zero,
/// one, all ones, the signed extremes.
const INT_EDGES: [u64; 6] = [0, 1, u64::MAX, 1 << 63, (1 << 63) - 1, 1 << 31];

/// `f32` bit patterns worth trying: signed zeros and infinities, NaNs
/// (quiet and signalling, both signs), one, the smallest subnormal and the
/// bounds of truncation to `i32`.
const F32_EDGES: [u32; 12] = [
    0x0000_0000,
    0x8000_0000,
    0x7f80_0000,
    0xff80_0000,
    0x7fc0_0000,
    0xffc0_0000,
    0x7fa0_0001,
    0xffff_ffff,
    0x3f80_0000,
    0x0000_0001,
    0x4f00_0000,
    0xcf00_0000,
];

/// `f64` bit patterns worth trying (as [`F32_EDGES`], the truncation bounds
/// those of `i64`).
const F64_EDGES: [u64; 12] = [
    0x0000_0000_0000_0000,
    0x8000_0000_0000_0000,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x7ff8_0000_0000_0000,
    0xfff8_0000_0000_0000,
    0x7ff4_0000_0000_0001,
    0xffff_ffff_ffff_ffff,
    0x3ff0_0000_0000_0000,
    0x0000_0000_0000_0001,
    0x43e0_0000_0000_0000,
    0xc3e0_0000_0000_0000,
];

/// An integer of `bits` bits: an edge, or arbitrary. Zero once `u` is
/// exhausted.
fn draw_int(u: &mut Unstructured<'_>, bits: u32) -> u64 {
    let mask = u64::MAX >> (64 - bits);
    let value = if u.ratio(1, 4).unwrap_or(false) {
        *u.choose(&INT_EDGES).unwrap_or(&0)
    } else {
        u.arbitrary().unwrap_or_default()
    };
    value & mask
}

/// A float's bits (`exponent` the mask of its exponent field): an edge, a
/// NaN with an arbitrary sign and payload, or arbitrary bits.
fn draw_float(u: &mut Unstructured<'_>, edges: &[u64], exponent: u64, bits: u32) -> u64 {
    let mask = u64::MAX >> (64 - bits);
    let raw = u.arbitrary::<u64>().unwrap_or_default() & mask;
    match u.int_in_range(0..=3u8).unwrap_or(3) {
        0 => *u.choose(edges).unwrap_or(&0),
        // A payload of zero would make an infinity.
        1 => raw | exponent | 1,
        _ => raw,
    }
}

/// An argument of type `ty`: a number drawn from `u`, or a null reference.
fn argument(ty: &ValType, u: &mut Unstructured<'_>) -> Val {
    let f32_edges = F32_EDGES.map(u64::from);
    match ty {
        ValType::I32 => Val::I32(draw_int(u, 32) as u32 as i32),
        ValType::I64 => Val::I64(draw_int(u, 64) as i64),
        ValType::F32 => Val::F32(draw_float(u, &f32_edges, 0x7f80_0000, 32) as u32),
        ValType::F64 => Val::F64(draw_float(u, &F64_EDGES, 0x7ff0_0000_0000_0000, 64)),
        other => Val::default_for(*other),
    }
}

/// Arguments for a function taking `params`.
fn arguments(params: &[ValType], u: &mut Unstructured<'_>) -> Vec<Val> {
    params.iter().map(|ty| argument(ty, u)).collect()
}

// ---------------------------------------------------------------- one tier

/// How instantiation or a call ended: the results, or the error.
type Outcome = Result<Vec<Seen>, Failure>;

/// How a step failed, as the tiers are compared on it: an uncaught
/// exception by its payload (its tag is a handle of its own store, never
/// equal to the other tier's), anything else as the error itself (a trap
/// with its code, message and backtrace).
#[derive(Debug, PartialEq)]
enum Failure {
    Exception(Vec<Seen>),
    Error(wisp::Error),
}

/// One tier: its store and the module's instance in it, or the error that
/// kept the module from being compiled or instantiated.
struct Tier {
    store: Store<()>,
    instance: Result<Instance, wisp::Error>,
    /// An export name of each exported function, to name references to it.
    func_names: HashMap<Func, String>,
}

impl Tier {
    /// Compiles and instantiates `bytes` in a fresh engine and store running
    /// Wasm with `strategy`, under fuel and the targets' memory limit.
    fn new(bytes: &[u8], strategy: Strategy) -> Self {
        Self::with_traps(bytes, strategy, true, guard_regions())
    }

    /// As [`Tier::new`], trapping by signals in compiled code or not
    /// ([`wisp::Config::signals_based_traps`]), with the default memory
    /// hooks (guard regions for the JIT's memories) or, without `guards`,
    /// [`SmallReservations`].
    fn with_traps(bytes: &[u8], strategy: Strategy, signals: bool, guards: bool) -> Self {
        let mut config = config();
        config
            .strategy(strategy)
            .consume_fuel(true)
            .signals_based_traps(signals);
        let engine = Engine::new(&config);
        let mut store = Store::new(&engine, ());
        if !guards {
            store.set_memory_hooks(std::sync::Arc::new(SmallReservations::new()));
        }
        store.set_memory_limit(Some(modules::MEMORY_LIMIT_BYTES));
        store.set_fuel(FUEL).expect("fuel is on");
        let instance = Module::new(&engine, bytes)
            .and_then(|module| Linker::new(&engine).instantiate(&mut store, &module));
        let mut tier = Tier {
            store,
            instance,
            func_names: HashMap::new(),
        };
        tier.func_names = tier.functions().into_iter().map(|(n, f)| (f, n)).collect();
        tier
    }

    /// Every export, in the module's order (none without an instance).
    fn exports(&self) -> Vec<(String, Extern)> {
        match &self.instance {
            Ok(instance) => instance.exports(&self.store),
            Err(_) => Vec::new(),
        }
    }

    /// The export `name`.
    fn export(&self, name: &str) -> Option<Extern> {
        self.instance.as_ref().ok()?.get_export(&self.store, name)
    }

    /// The exported functions, in the module's order.
    fn functions(&self) -> Vec<(String, Func)> {
        self.exports()
            .into_iter()
            .filter_map(|(name, item)| Some((name, item.into_func()?)))
            .collect()
    }

    /// How instantiation ended.
    fn instantiation(&self) -> Outcome {
        match &self.instance {
            Ok(_) => Ok(Vec::new()),
            Err(error) => Err(self.failure(error)),
        }
    }

    /// `error` as the tiers are compared on it.
    fn failure(&self, error: &wisp::Error) -> Failure {
        match error.as_exception() {
            Some(exception) => {
                Failure::Exception(exception.payload().iter().map(|v| self.seen(v)).collect())
            }
            None => Failure::Error(error.clone()),
        }
    }

    /// Calls the exported function `name` with `args` and fresh fuel.
    fn call(&mut self, name: &str, args: &[Val]) -> Outcome {
        let func = self.export(name).and_then(Extern::into_func);
        let func = func.unwrap_or_else(|| panic!("both tiers export function `{name}`"));
        let mut results = vec![Val::I32(0); func.ty(&self.store).results().len()];
        self.store.set_fuel(FUEL).expect("fuel is on");
        match func.call(&mut self.store, args, &mut results) {
            Ok(()) => Ok(results.iter().map(|v| self.seen(v)).collect()),
            Err(error) => Err(self.failure(&error)),
        }
    }

    fn fuel_left(&self) -> u64 {
        self.store.get_fuel().expect("fuel is on")
    }

    /// `value` as the tiers are compared on it.
    fn seen(&self, value: &Val) -> Seen {
        match value {
            Val::I32(v) => Seen::I32(*v),
            Val::I64(v) => Seen::I64(*v),
            Val::F32(bits) => Seen::F32(*bits),
            Val::F64(bits) => Seen::F64(*bits),
            Val::V128(bits) => Seen::V128(*bits),
            Val::FuncRef(func) => Seen::FuncRef(func.map(|f| self.func_name(f))),
            Val::ExternRef(r) => Seen::ExternRef { null: r.is_none() },
            Val::ExnRef(r) => Seen::ExnRef { null: r.is_none() },
            Val::AnyRef(r) => Seen::AnyRef { null: r.is_none() },
        }
    }

    fn func_name(&self, func: Func) -> String {
        match self.func_names.get(&func) {
            Some(name) => format!("`{name}`"),
            None => format!("(not exported) of type {:?}", func.ty(&self.store)),
        }
    }
}

// ---------------------------------------------------------------- memory hooks

/// [`wisp::MmapHooks`] without guard regions (the trait's default
/// `reserve_guarded` refuses them) that reserve for a linear memory at most [`modules::MEMORY_LIMIT_BYTES`] (the store limit of both
/// tiers, which no memory can outgrow, so the smaller reservation is never
/// seen) instead of its maximum; other regions as the inner hooks reserve
/// them.
#[derive(Debug)]
struct SmallReservations(wisp::MmapHooks);

impl SmallReservations {
    fn new() -> Self {
        Self(wisp::MmapHooks::new())
    }
}

// SAFETY: every call goes to the inner hooks, which keep the trait's
// promises for whatever maximum a region is reserved with: only that
// maximum is made smaller (never below `initial`), and the inner hooks
// refuse to grow a region past it.
unsafe impl wisp::MemoryHooks for SmallReservations {
    fn reserve(
        &self,
        kind: wisp::ResourceKind,
        initial: usize,
        maximum: usize,
    ) -> Result<wisp::Region, wisp::Refused> {
        let maximum = match kind {
            wisp::ResourceKind::LinearMemory => maximum
                .min(modules::MEMORY_LIMIT_BYTES as usize)
                .max(initial),
            _ => maximum,
        };
        self.0.reserve(kind, initial, maximum)
    }

    unsafe fn grow(
        &self,
        kind: wisp::ResourceKind,
        region: &mut wisp::Region,
        new_len: usize,
    ) -> Result<(), wisp::Refused> {
        // SAFETY: the caller's promise, passed on: `region` is a live
        // region of the inner hooks.
        unsafe { self.0.grow(kind, region, new_len) }
    }

    unsafe fn release(&self, kind: wisp::ResourceKind, region: wisp::Region) {
        // SAFETY: as for `grow`.
        unsafe { self.0.release(kind, region) }
    }

    unsafe fn make_executable(&self, region: &wisp::Region) -> Result<(), wisp::Refused> {
        // SAFETY: as for `grow`.
        unsafe { self.0.make_executable(region) }
    }
}

// ---------------------------------------------------------------- comparison

/// Instantiation and every call in both tiers, each followed by a
/// comparison of the state.
fn compare_tiers(interpreted: &mut Tier, compiled: &mut Tier, seed: &[u8]) -> Result<(), String> {
    let step = "instantiation";
    agree(
        step,
        &interpreted.instantiation(),
        &compiled.instantiation(),
    )?;
    agree_on_state(step, interpreted, compiled)?;
    let mut u = Unstructured::new(seed);
    for (number, (name, func)) in interpreted.functions().into_iter().enumerate() {
        let args = arguments(func.ty(&interpreted.store).params(), &mut u);
        let step = format!(
            "call {number}, `{name}` with {:?}",
            args.iter().map(|v| interpreted.seen(v)).collect::<Vec<_>>()
        );
        let by_interpreter = interpreted.call(&name, &args);
        let by_jit = compiled.call(&name, &args);
        agree(&step, &by_interpreter, &by_jit)?;
        agree_on_state(&step, interpreted, compiled)?;
    }
    Ok(())
}

/// The divergence report: what differs after which step, and each tier's
/// side.
fn divergence(
    step: &str,
    what: &str,
    interpreted: impl fmt::Display,
    compiled: impl fmt::Display,
) -> String {
    format!("{what} differs after {step}:\n  interpreter: {interpreted}\n  jit:         {compiled}")
}

/// The outcomes of one step must be equal: results bit for bit, errors
/// with the same trap code, message and backtrace.
fn agree(step: &str, interpreted: &Outcome, compiled: &Outcome) -> Result<(), String> {
    if interpreted == compiled {
        return Ok(());
    }
    Err(divergence(
        step,
        "the outcome",
        OutcomeReport(interpreted),
        OutcomeReport(compiled),
    ))
}

/// How many of a trap's frames, innermost first, a report shows.
const REPORTED_FRAMES: usize = 8;

/// An outcome for the report: a trap with the innermost frames of its
/// backtrace, offsets included.
struct OutcomeReport<'a>(&'a Outcome);

impl fmt::Display for OutcomeReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Ok(results) => write!(f, "returned {results:?}"),
            Err(Failure::Exception(payload)) => {
                write!(f, "uncaught exception with payload {payload:?}")
            }
            Err(Failure::Error(error)) => match error.as_trap() {
                Some(trap) => {
                    let backtrace = trap.backtrace();
                    let frames: Vec<String> = backtrace
                        .iter()
                        .take(REPORTED_FRAMES)
                        .map(frame_place)
                        .collect();
                    let (code, message) = (trap.code(), trap.message());
                    write!(f, "trap {code:?} \"{message}\" in {}", frames.join(", "))?;
                    if backtrace.len() > REPORTED_FRAMES {
                        write!(f, " and {} outer frames", backtrace.len() - REPORTED_FRAMES)?;
                    }
                    Ok(())
                }
                None => write!(f, "error {error}"),
            },
        }
    }
}

/// A frame of a backtrace as `func[index]@offset`.
fn frame_place(frame: &wisp::FrameInfo) -> String {
    match frame.wasm_offset {
        Some(offset) => format!("func[{}]@{offset}", frame.func_index),
        None => format!("func[{}]", frame.func_index),
    }
}

/// The state after a step must be equal: fuel left, and every exported
/// global, memory and table.
fn agree_on_state(step: &str, interpreted: &Tier, compiled: &Tier) -> Result<(), String> {
    let (by_interpreter, by_jit) = (interpreted.fuel_left(), compiled.fuel_left());
    if by_interpreter != by_jit {
        return Err(divergence(step, "the fuel left", by_interpreter, by_jit));
    }
    for (name, item) in interpreted.exports() {
        let other = compiled.export(&name);
        let what = format!("export `{name}`");
        let difference = match (item, other) {
            (Extern::Global(a), Some(Extern::Global(b))) => {
                global_difference(&what, (interpreted, &a), (compiled, &b))
            }
            (Extern::Memory(a), Some(Extern::Memory(b))) => {
                memory_difference(&what, a.data(&interpreted.store), b.data(&compiled.store))
            }
            (Extern::SharedMemory(a), Some(Extern::SharedMemory(b))) => {
                memory_difference(&what, &shared_bytes(&a), &shared_bytes(&b))
            }
            (Extern::Table(a), Some(Extern::Table(b))) => {
                table_difference(&what, (interpreted, &a), (compiled, &b))
            }
            (Extern::Func(_) | Extern::Tag(_), Some(_)) => None,
            (item, other) => Some((what, format!("{item:?}"), format!("{other:?}"))),
        };
        if let Some((what, by_interpreter, by_jit)) = difference {
            return Err(divergence(step, &what, by_interpreter, by_jit));
        }
    }
    Ok(())
}

/// How an export differs, if it does: what differs (the export, perhaps
/// with a place in it) and each tier's side, as reported.
type Difference = Option<(String, String, String)>;

/// The values of two globals, if they differ.
fn global_difference(
    what: &str,
    (interpreted, a): (&Tier, &wisp::Global),
    (compiled, b): (&Tier, &wisp::Global),
) -> Difference {
    let by_interpreter = interpreted.seen(&a.get(&interpreted.store));
    let by_jit = compiled.seen(&b.get(&compiled.store));
    (by_interpreter != by_jit).then(|| {
        let show = |v: Seen| format!("{v:?}");
        (what.to_string(), show(by_interpreter), show(by_jit))
    })
}

/// A shared memory's bytes, copied.
fn shared_bytes(memory: &wisp::SharedMemory) -> Vec<u8> {
    let mut bytes = vec![0; memory.data_size()];
    memory
        .read(0, &mut bytes)
        .expect("the whole memory is in bounds");
    bytes
}

/// The first byte where two memories' bytes differ, with up to 16 bytes of
/// each from there (a memory shorter than the other differs at its end).
fn memory_difference(what: &str, by_interpreter: &[u8], by_jit: &[u8]) -> Difference {
    if by_interpreter == by_jit {
        return None;
    }
    let at = first_difference(by_interpreter, by_jit);
    let window = |bytes: &[u8]| format!("{:?}", &bytes[at..bytes.len().min(at + 16)]);
    Some((
        format!("{what} at byte {at}"),
        window(by_interpreter),
        window(by_jit),
    ))
}

/// The first element where two tables differ (`None` past a table's end).
fn table_difference(
    what: &str,
    (interpreted, a): (&Tier, &wisp::Table),
    (compiled, b): (&Tier, &wisp::Table),
) -> Difference {
    let by_interpreter = table_elements(interpreted, a);
    let by_jit = table_elements(compiled, b);
    if by_interpreter == by_jit {
        return None;
    }
    let at = first_difference(&by_interpreter, &by_jit);
    let element = |elements: &[Seen]| format!("{:?}", elements.get(at));
    Some((
        format!("{what} at element {at}"),
        element(&by_interpreter),
        element(&by_jit),
    ))
}

/// The index of the first position where `a` and `b` differ, given that
/// they do (the shorter one's length if one is a prefix of the other).
fn first_difference<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Every element of `table`, in order.
fn table_elements(tier: &Tier, table: &wisp::Table) -> Vec<Seen> {
    (0..table.size(&tier.store))
        .map(|index| {
            let element = table.get(&tier.store, index).expect("index below the size");
            tier.seen(&element)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module exercising direct, indirect and recursive calls, memory
    /// stores, loads and growth, division traps, float operations that make
    /// NaNs from NaN operands with payloads, and a loop that runs out of fuel.
    const MIXED: &str = r#"(module
        (type $binary (func (param i32 i32) (result i32)))
        (memory (export "mem") 1 4)
        (global $g (export "g") (mut i64) (i64.const 0))
        (table (export "t") 2 funcref)
        (elem (i32.const 0) $div $rem)
        (func $div (type $binary) (i32.div_s (local.get 0) (local.get 1)))
        (func $rem (type $binary) (i32.rem_u (local.get 0) (local.get 1)))
        (func $fib (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
                (then (local.get 0))
                (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                               (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
        (func (export "a_fib") (param i32) (result i32)
            (call $fib (i32.and (local.get 0) (i32.const 15))))
        (func (export "b_indirect") (param i32 i32 i32) (result i32)
            (call_indirect (type $binary) (local.get 1) (local.get 2) (local.get 0)))
        (func (export "c_div_by_zero") (param i32) (result i32)
            (call $div (local.get 0) (i32.const 0)))
        (func (export "d_div_overflow") (result i32)
            (call $div (i32.const 0x80000000) (i32.const -1)))
        (func (export "e_store") (param i32 i64)
            (i64.store offset=8 (i32.and (local.get 0) (i32.const 0xfff0)) (local.get 1))
            (global.set $g (i64.add (global.get $g) (local.get 1))))
        (func (export "f_grow") (result i32) (memory.grow (i32.const 1)))
        (func (export "g_out_of_bounds") (result i64) (i64.load (i32.const 0x7fff_fff0)))
        (func (export "h_nan_payloads") (result f32 f64 f32 f64)
            (f32.add (f32.const nan:0x200001) (f32.const -nan:0x000002))
            (f64.mul (f64.const -nan:0x4000000000001) (f64.const 1))
            (f32.div (f32.const 0) (f32.const 0))
            (f64.sqrt (f64.const -1)))
        (func (export "i_floats") (param f32 f64) (result f32 f64 f32 i64)
            (f32.min (local.get 0) (f32.const -0))
            (f64.copysign (f64.const 1.5) (local.get 1))
            (f32.nearest (local.get 0))
            (i64.trunc_f64_s (local.get 1)))
        (func (export "j_spin") (loop $l (br $l)))
        (func (export "k_after_spin") (result i64) (global.get $g)))"#;

    fn mixed_tiers() -> (Tier, Tier) {
        let bytes = wat::parse_str(MIXED).unwrap();
        (
            Tier::new(&bytes, Strategy::Interpreter),
            Tier::new(&bytes, Strategy::Jit),
        )
    }

    fn trap_code(outcome: &Outcome) -> Option<wisp::TrapCode> {
        match outcome.as_ref().err()? {
            Failure::Error(error) => Some(error.as_trap()?.code()),
            Failure::Exception(_) => None,
        }
    }

    #[test]
    fn tiers_agree_on_calls_memory_division_traps_and_floats() {
        let (mut interpreted, mut compiled) = mixed_tiers();
        let calls: &[(&str, Vec<Val>)] = &[
            ("a_fib", vec![Val::I32(12)]),
            ("b_indirect", vec![Val::I32(0), Val::I32(-7), Val::I32(2)]),
            ("b_indirect", vec![Val::I32(1), Val::I32(-7), Val::I32(0)]),
            ("b_indirect", vec![Val::I32(5), Val::I32(1), Val::I32(1)]),
            ("c_div_by_zero", vec![Val::I32(3)]),
            ("d_div_overflow", vec![]),
            ("e_store", vec![Val::I32(0x1234), Val::I64(-2)]),
            ("f_grow", vec![]),
            ("g_out_of_bounds", vec![]),
            ("h_nan_payloads", vec![]),
            (
                "i_floats",
                vec![Val::F32(0x7fa0_0001), Val::F64(0x7ff4_0000_0000_0001)],
            ),
            (
                "i_floats",
                vec![Val::F32(0xff80_0000), Val::F64(0x43e0_0000_0000_0000)],
            ),
            (
                "i_floats",
                vec![Val::F32(0x8000_0000), Val::F64(0x4000_0000_0000_0000)],
            ),
            ("j_spin", vec![]),
            ("k_after_spin", vec![]),
        ];
        let mut codes = Vec::new();
        for (name, args) in calls {
            let ours = interpreted.call(name, args);
            let theirs = compiled.call(name, args);
            assert_eq!(agree(name, &ours, &theirs), Ok(()));
            assert_eq!(agree_on_state(name, &interpreted, &compiled), Ok(()));
            codes.push(trap_code(&ours));
        }
        use wisp::TrapCode as C;
        let expected = [
            None,
            None,
            Some(C::IntegerDivisionByZero),
            Some(C::UndefinedElement),
            Some(C::IntegerDivisionByZero),
            Some(C::IntegerOverflow),
            None,
            None,
            Some(C::MemoryOutOfBounds),
            None,
            Some(C::BadConversionToInteger),
            Some(C::IntegerOverflow),
            None,
            Some(C::OutOfFuel),
            None,
        ];
        assert_eq!(codes, expected);
        assert_eq!(
            interpreted.call("a_fib", &[Val::I32(12)]),
            Ok(vec![Seen::I32(144)])
        );
        assert_eq!(
            interpreted.call("k_after_spin", &[]),
            Ok(vec![Seen::I64(-2)])
        );
        let memory = interpreted.export("mem").unwrap().into_memory().unwrap();
        assert_eq!(memory.data(&interpreted.store).len(), 2 << 16, "grown once");
    }

    #[test]
    fn with_small_reservations_the_tiers_agree_in_both_trap_modes() {
        let mixed = wat::parse_str(MIXED).unwrap();
        // A memory without a maximum grows to the store limit, not past it.
        let unbounded = wat::parse_str(
            r#"(module (memory (export "m") 1)
                (func (export "a") (result i32) (memory.grow (i32.const 255)))
                (func (export "b") (result i32) (memory.grow (i32.const 1)))
                (func (export "c") (i32.store (i32.const 0xfffffc) (i32.const -1))))"#,
        )
        .unwrap();
        for signals in [true, false] {
            for seed in crate::pseudo_random_inputs(13, 5, 256) {
                for bytes in [&mixed, &unbounded] {
                    let mut interpreted =
                        Tier::with_traps(bytes, Strategy::Interpreter, true, false);
                    let mut compiled = Tier::with_traps(bytes, Strategy::Jit, signals, false);
                    assert_eq!(
                        compare_tiers(&mut interpreted, &mut compiled, &seed),
                        Ok(())
                    );
                }
            }
            let mut compiled = Tier::with_traps(&unbounded, Strategy::Jit, signals, false);
            assert_eq!(compiled.call("a", &[]), Ok(vec![Seen::I32(1)]));
            assert_eq!(compiled.call("b", &[]), Ok(vec![Seen::I32(-1)]));
            assert_eq!(compiled.call("c", &[]), Ok(vec![]));
            // The access past the end is caught by an explicit check.
            let mut compiled = Tier::with_traps(&mixed, Strategy::Jit, signals, false);
            assert_eq!(
                trap_code(&compiled.call("g_out_of_bounds", &[])),
                Some(wisp::TrapCode::MemoryOutOfBounds)
            );
        }
    }

    #[test]
    fn tiers_agree_on_the_whole_run_with_drawn_arguments() {
        let bytes = wat::parse_str(MIXED).unwrap();
        for seed in crate::pseudo_random_inputs(7, 20, 256) {
            assert_eq!(compare(&bytes, &seed), Ok(()));
        }
    }

    #[test]
    fn simd_modules_are_compared_and_their_lanes_count() {
        let text = r#"(module
            (func (export "f") (param v128 v128) (result v128)
              (f32x4.add (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31
                (local.get 0) (local.get 1)) (local.get 1))))"#;
        let bytes = wat::parse_str(text).unwrap();
        assert!(modules::validates(&config(), &bytes));
        for seed in crate::pseudo_random_inputs(11, 20, 256) {
            assert_eq!(compare(&bytes, &seed), Ok(()));
        }
        let result = |lane: &str| {
            format!(r#"(module (func (export "f") (result v128) v128.const i32x4 0 0 0 {lane}))"#)
        };
        reported(
            &result("1"),
            &result("2"),
            "the outcome differs after call 0",
        );
    }

    #[test]
    fn nan_payloads_count() {
        assert_ne!(Seen::F32(0x7fc0_0000), Seen::F32(0x7fc0_0001));
        assert_ne!(
            Seen::F64(0x7ff8_0000_0000_0000),
            Seen::F64(0xfff8_0000_0000_0000)
        );
    }

    /// Runs `a` in the interpreter and `b` in the JIT: a stand-in for a tier
    /// that goes wrong.
    fn compare_modules(a: &str, b: &str) -> Result<(), String> {
        let mut interpreted = Tier::new(&wat::parse_str(a).unwrap(), Strategy::Interpreter);
        let mut compiled = Tier::new(&wat::parse_str(b).unwrap(), Strategy::Jit);
        compare_tiers(&mut interpreted, &mut compiled, &[])
    }

    fn reported(a: &str, b: &str, what: &str) {
        let report = compare_modules(a, b).expect_err("a divergence");
        assert!(report.starts_with(what), "{report}");
    }

    #[test]
    fn every_observable_difference_is_reported() {
        let result =
            |v: &str| format!(r#"(module (func (export "f") (result f32) f32.const {v}))"#);
        reported(
            &result("nan:0x1"),
            &result("nan:0x2"),
            "the outcome differs after call 0",
        );
        let trap = |op: &str| {
            format!(r#"(module (func (export "f") (result i32) i32.const 1 i32.const 0 {op}))"#)
        };
        reported(&trap("i32.div_u"), &trap("i32.add"), "the outcome");
        // The same trap at another offset: the backtraces differ.
        reported(&trap("i32.div_u"), &trap("nop i32.div_u"), "the outcome");
        reported(
            &trap("i32.div_u"),
            &trap("drop drop unreachable"),
            "the outcome",
        );
        let memory = |v: u8| {
            format!(
                r#"(module (memory (export "m") 1) (func (export "f") i32.const 70 i32.const {v} i32.store8))"#
            )
        };
        reported(&memory(1), &memory(2), "export `m` at byte 70 differs");
        let global = |v: &str| {
            format!(
                r#"(module (global (export "g") (mut f64) (f64.const 0)) (func (export "f") f64.const {v} global.set 0))"#
            )
        };
        reported(&global("-0"), &global("0"), "export `g` differs");
        let table = |grow: u32| {
            format!(
                r#"(module (table (export "t") 1 funcref) (func (export "f") ref.null func i32.const {grow} table.grow drop))"#
            )
        };
        reported(&table(1), &table(2), "export `t` at element 2 differs");
        let count_down = |extra: &str| {
            format!(
                r#"(module (global (mut i32) (i32.const 0))
                    (func (export "f") (local i32) (local.set 0 (i32.const 3))
                        (loop $l {extra} (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))"#
            )
        };
        reported(
            &count_down(""),
            &count_down("(global.set 0 (global.get 0))"),
            "the fuel left differs",
        );
    }

    #[test]
    fn fuel_and_stack_exhaustion_are_compared_and_the_run_goes_on() {
        let text = r#"(module
            (global (export "g") (mut i32) (i32.const 0))
            (func $deep (export "a_deep") (call $deep))
            (func (export "b_spin") (loop $l (br $l)))
            (func (export "c_set") (global.set 0 (i32.const 9))))"#;
        let bytes = wat::parse_str(text).unwrap();
        assert_eq!(compare(&bytes, &[]), Ok(()));
        let mut tier = Tier::new(&bytes, Strategy::Jit);
        assert_eq!(
            trap_code(&tier.call("a_deep", &[])),
            Some(wisp::TrapCode::StackOverflow)
        );
        assert_eq!(
            trap_code(&tier.call("b_spin", &[])),
            Some(wisp::TrapCode::OutOfFuel)
        );
        assert_eq!(tier.call("c_set", &[]), Ok(vec![]));
        let other = r#"(module
            (global (export "g") (mut i32) (i32.const 0))
            (func $deep (export "a_deep") (call $deep))
            (func (export "b_spin") (loop $l (br $l)))
            (func (export "c_set") (global.set 0 (i32.const 8))))"#;
        reported(text, other, "export `g` differs after call 2");
    }

    #[test]
    fn arguments_reach_the_edges() {
        let seed = crate::pseudo_random_inputs(11, 1, 4096).remove(0);
        let mut u = Unstructured::new(&seed);
        let drawn: Vec<Val> = (0..400).map(|_| argument(&ValType::F32, &mut u)).collect();
        let nan = |v: &Val| matches!(v, Val::F32(bits) if f32::from_bits(*bits).is_nan());
        assert!(drawn.iter().filter(|v| nan(v)).count() > 50);
        assert!(drawn.contains(&Val::F32(0x8000_0000)));
        assert_eq!(
            argument(&ValType::I64, &mut Unstructured::new(&[])),
            Val::I64(0)
        );
    }

    #[test]
    fn generated_modules_agree() {
        // The target's own loop over deterministic inputs, without libFuzzer.
        for data in crate::pseudo_random_inputs(0x9e37_79b9_7f4a_7c15, 200, 2048) {
            if let Err(divergence) = run(&data) {
                panic!("{divergence}");
            }
        }
    }
}
