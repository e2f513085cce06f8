//! The `differential` target: wisp against wasmi 2.0 on the same module.
//!
//! The module is the input when it is a module without imports that wisp
//! executes, otherwise a wasm-smith module with the proposals wisp executes
//! (NaNs canonicalized). Both engines instantiate it with the same memory
//! limit and call every exported function, in name order, with the same
//! arguments and the same fuel per call. After instantiation and after each
//! call, both sides record the outcome (results, or the trap's kind), every
//! exported global, a hash of every exported memory and every exported
//! table's size; the two records must be equal, NaNs counting as equal to
//! any NaN. Running out of fuel or stack ends the comparison for that
//! module, since the engines count both differently.
//!
//! wasmi is wrong in a few known ways (docs/security.md, "Fuzzing"): a panic
//! in it skips the module, and a divergence is only reported if wasmi
//! repeats its result on a second run and the module is not of the shape of
//! its `select` miscompile.

use crate::{modules, oracle_panics};
use arbitrary::Unstructured;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// Fuel given to each call (and to instantiation) on both sides.
pub const FUEL: u64 = 100_000;

/// A value as both engines report it; references only by nullness.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// An `i32`.
    I32(i32),
    /// An `i64`.
    I64(i64),
    /// An `f32`'s bits.
    F32(u32),
    /// An `f64`'s bits.
    F64(u64),
    /// A reference, null or not.
    Ref { null: bool },
}

impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        match (*self, *other) {
            (Value::I32(a), Value::I32(b)) => a == b,
            (Value::I64(a), Value::I64(b)) => a == b,
            (Value::F32(a), Value::F32(b)) => {
                a == b || (f32::from_bits(a).is_nan() && f32::from_bits(b).is_nan())
            }
            (Value::F64(a), Value::F64(b)) => {
                a == b || (f64::from_bits(a).is_nan() && f64::from_bits(b).is_nan())
            }
            (Value::Ref { null: a }, Value::Ref { null: b }) => a == b,
            _ => false,
        }
    }
}

/// A trap, in the classes both engines distinguish (wasmi reports an index
/// past a table's end in `call_indirect` as a table access out of bounds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrapKind {
    /// `unreachable`.
    Unreachable,
    /// A memory access out of bounds.
    MemoryOutOfBounds,
    /// A table access out of bounds, or `call_indirect` past the table.
    TableOutOfBounds,
    /// `call_indirect` of a null entry.
    IndirectCallToNull,
    /// `call_indirect` with the wrong signature.
    BadSignature,
    /// Division or remainder by zero.
    IntegerDivisionByZero,
    /// Signed division overflow.
    IntegerOverflow,
    /// Float-to-integer truncation of NaN or out of range.
    BadConversionToInteger,
    /// A null reference used.
    NullReference,
}

/// How a step (instantiation or a call) ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// It finished with these results.
    Returned(Vec<Value>),
    /// It trapped.
    Trapped(TrapKind),
    /// Fuel, stack or a resource limit ran out: not comparable.
    Exhausted,
    /// Any other error, with its message.
    Failed(String),
}

/// What one engine saw after one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The export called (empty for instantiation).
    pub name: String,
    /// How it ended.
    pub outcome: Outcome,
    /// Every exported global, by export name.
    pub globals: Vec<(String, Value)>,
    /// Every exported memory: name, length and a hash of its bytes.
    pub memories: Vec<(String, usize, u64)>,
    /// Every exported table: name and size.
    pub tables: Vec<(String, u64)>,
}

impl Step {
    /// A step with an outcome and no state (a failed instantiation, or the
    /// start of a record).
    fn bare(name: &str, outcome: Outcome) -> Self {
        Step {
            name: name.to_string(),
            outcome,
            globals: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
        }
    }
}

/// The parameter and result kinds of an export, engine-neutral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    I32,
    I64,
    F32,
    F64,
    FuncRef,
    ExternRef,
}

/// Arguments for the `call`-th call: drawn from `seed` with the same kinds
/// on both sides, so both engines get the same values.
fn arguments(kinds: &[Kind], seed: &[u8], call: usize) -> Vec<Value> {
    let start = if seed.is_empty() {
        0
    } else {
        (call * 13) % seed.len()
    };
    let mut u = Unstructured::new(&seed[start..]);
    kinds
        .iter()
        .map(|kind| match kind {
            Kind::I32 => Value::I32(u.arbitrary().unwrap_or_default()),
            Kind::I64 => Value::I64(u.arbitrary().unwrap_or_default()),
            Kind::F32 => Value::F32(u.arbitrary().unwrap_or_default()),
            Kind::F64 => Value::F64(u.arbitrary().unwrap_or_default()),
            Kind::FuncRef | Kind::ExternRef => Value::Ref { null: true },
        })
        .collect()
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Runs one input; panics on a divergence.
pub fn run(data: &[u8]) {
    let config = modules::executed_config();
    let Some((bytes, u)) =
        modules::module_from_input(data, &config, modules::executed_smith_config())
    else {
        return;
    };
    if has_imports(&bytes) {
        return;
    }
    let seed = u.take_rest();
    let Some(theirs) = run_wasmi(&bytes, seed) else {
        return; // wasmi panicked, or refused the module.
    };
    let ours = run_wisp(&bytes, seed);
    let ours = match ours {
        Ok(steps) => steps,
        Err(error) if modules::is_implementation_limit(&error) => return,
        Err(error) => panic!("wisp rejected a module wasmi runs: {error}"),
    };
    if let Some(index) = first_difference(&ours, &theirs) {
        if wasmi_is_known_wrong(&bytes, seed, &theirs) {
            return;
        }
        // One record may be shorter: its missing step prints as `None`.
        panic!(
            "divergence at step {index}:\n  wisp:  {:?}\n  wasmi: {:?}",
            ours.get(index),
            theirs.get(index)
        );
    }
}

/// The index of the first step where the records differ, up to the first
/// step either engine could not finish.
pub fn first_difference(ours: &[Step], theirs: &[Step]) -> Option<usize> {
    for (index, (a, b)) in ours.iter().zip(theirs).enumerate() {
        if a.outcome == Outcome::Exhausted || b.outcome == Outcome::Exhausted {
            return None;
        }
        if a != b {
            return Some(index);
        }
    }
    (ours.len() != theirs.len()).then_some(ours.len().min(theirs.len()))
}

/// True if a divergence is one of wasmi's known faults: its results change
/// when the module is run again, or the module has the shape of its
/// `select` miscompile (`select` with `memory.size` or `table.size` among
/// the operands; matched coarsely: both operators in the module).
fn wasmi_is_known_wrong(bytes: &[u8], seed: &[u8], first: &[Step]) -> bool {
    if run_wasmi(bytes, seed).as_deref() != Some(first) {
        return true;
    }
    use wasmparser::Operator as Op;
    modules::has_operator(bytes, |op| {
        matches!(op, Op::Select | Op::TypedSelect { .. })
    }) && modules::has_operator(bytes, |op| {
        matches!(op, Op::MemorySize { .. } | Op::TableSize { .. })
    })
}

/// Exports in name order: both engines visit them, and call the functions,
/// in this order (their own orders differ).
fn sorted<E>(mut exports: Vec<(String, E)>) -> Vec<(String, E)> {
    exports.sort_by(|a, b| a.0.cmp(&b.0));
    exports
}

fn has_imports(bytes: &[u8]) -> bool {
    wasmparser::Parser::new(0)
        .parse_all(bytes)
        .any(|payload| matches!(payload, Ok(wasmparser::Payload::ImportSection(_))))
}

// ---------------------------------------------------------------- wisp

fn wisp_kind(ty: &wisp::ValType) -> Kind {
    match ty {
        wisp::ValType::I32 => Kind::I32,
        wisp::ValType::I64 => Kind::I64,
        wisp::ValType::F32 => Kind::F32,
        wisp::ValType::F64 => Kind::F64,
        wisp::ValType::V128 => unreachable!("SIMD is not enabled"),
        wisp::ValType::Ref(r) if *r == wisp::RefType::EXTERNREF => Kind::ExternRef,
        wisp::ValType::Ref(_) => Kind::FuncRef,
    }
}

fn to_wisp(value: Value, kind: Kind) -> wisp::Val {
    match value {
        Value::I32(v) => wisp::Val::I32(v),
        Value::I64(v) => wisp::Val::I64(v),
        Value::F32(v) => wisp::Val::F32(v),
        Value::F64(v) => wisp::Val::F64(v),
        Value::Ref { .. } if kind == Kind::ExternRef => wisp::Val::ExternRef(None),
        Value::Ref { .. } => wisp::Val::FuncRef(None),
    }
}

fn from_wisp(value: &wisp::Val) -> Value {
    match value {
        wisp::Val::I32(v) => Value::I32(*v),
        wisp::Val::I64(v) => Value::I64(*v),
        wisp::Val::F32(v) => Value::F32(*v),
        wisp::Val::F64(v) => Value::F64(*v),
        wisp::Val::V128(_) => unreachable!("SIMD is not enabled"),
        wisp::Val::FuncRef(f) => Value::Ref { null: f.is_none() },
        wisp::Val::ExternRef(r) => Value::Ref { null: r.is_none() },
        wisp::Val::ExnRef(r) => Value::Ref { null: r.is_none() },
        wisp::Val::AnyRef(r) => Value::Ref { null: r.is_none() },
    }
}

fn wisp_outcome(error: &wisp::Error) -> Outcome {
    use wisp::TrapCode as C;
    let Some(trap) = error.as_trap() else {
        return match error.kind() {
            wisp::ErrorKind::Limit(_) => Outcome::Exhausted,
            _ => Outcome::Failed(error.to_string()),
        };
    };
    Outcome::Trapped(match trap.code() {
        C::Unreachable => TrapKind::Unreachable,
        C::MemoryOutOfBounds => TrapKind::MemoryOutOfBounds,
        C::TableOutOfBounds | C::UndefinedElement => TrapKind::TableOutOfBounds,
        C::IndirectCallToNull => TrapKind::IndirectCallToNull,
        C::BadSignature => TrapKind::BadSignature,
        C::IntegerDivisionByZero => TrapKind::IntegerDivisionByZero,
        C::IntegerOverflow => TrapKind::IntegerOverflow,
        C::BadConversionToInteger => TrapKind::BadConversionToInteger,
        C::NullReference | C::NullFunctionReference => TrapKind::NullReference,
        C::StackOverflow | C::OutOfFuel => return Outcome::Exhausted,
        other => return Outcome::Failed(format!("{other:?}")),
    })
}

fn wisp_state(
    store: &wisp::Store<()>,
    instance: &wisp::Instance,
    name: &str,
    outcome: Outcome,
) -> Step {
    let mut step = Step::bare(name, outcome);
    for (export, item) in sorted(instance.exports(store)) {
        match item {
            wisp::Extern::Global(g) => step.globals.push((export, from_wisp(&g.get(store)))),
            wisp::Extern::Memory(m) => {
                let data = m.data(store);
                step.memories.push((export, data.len(), hash_bytes(data)));
            }
            wisp::Extern::SharedMemory(m) => {
                let mut data = vec![0; m.data_size()];
                m.read(0, &mut data).expect("in bounds");
                step.memories.push((export, data.len(), hash_bytes(&data)));
            }
            wisp::Extern::Table(t) => step.tables.push((export, t.size(store))),
            wisp::Extern::Func(_) | wisp::Extern::Tag(_) => {}
        }
    }
    step
}

/// Runs the module in wisp; `Err` if it does not compile.
pub fn run_wisp(bytes: &[u8], seed: &[u8]) -> Result<Vec<Step>, wisp::Error> {
    let mut config = modules::executed_config();
    config.consume_fuel(true);
    let engine = wisp::Engine::new(&config);
    let module = wisp::Module::new(&engine, bytes)?;
    let mut store = wisp::Store::new(&engine, ());
    store.set_memory_limit(Some(modules::MEMORY_LIMIT_BYTES));
    store.set_fuel(FUEL)?;
    let linker = wisp::Linker::new(&engine);
    let instance = match linker.instantiate(&mut store, &module) {
        Ok(instance) => instance,
        Err(error) => {
            return Ok(vec![Step::bare("", wisp_outcome(&error))]);
        }
    };
    let mut steps = vec![wisp_state(
        &store,
        &instance,
        "",
        Outcome::Returned(Vec::new()),
    )];
    for (call, (name, item)) in sorted(instance.exports(&store)).into_iter().enumerate() {
        let wisp::Extern::Func(func) = item else {
            continue;
        };
        let ty = func.ty(&store);
        let kinds: Vec<Kind> = ty.params().iter().map(wisp_kind).collect();
        let args: Vec<wisp::Val> = arguments(&kinds, seed, call)
            .into_iter()
            .zip(&kinds)
            .map(|(value, kind)| to_wisp(value, *kind))
            .collect();
        let mut results = vec![wisp::Val::I32(0); ty.results().len()];
        store.set_fuel(FUEL)?;
        let outcome = match func.call(&mut store, &args, &mut results) {
            Ok(()) => Outcome::Returned(results.iter().map(from_wisp).collect()),
            Err(error) => wisp_outcome(&error),
        };
        let exhausted = outcome == Outcome::Exhausted;
        steps.push(wisp_state(&store, &instance, &name, outcome));
        if exhausted {
            break;
        }
    }
    Ok(steps)
}

// ---------------------------------------------------------------- wasmi

fn wasmi_kind(ty: &wasmi::ValType) -> Kind {
    match ty {
        wasmi::ValType::I32 => Kind::I32,
        wasmi::ValType::I64 => Kind::I64,
        wasmi::ValType::F32 => Kind::F32,
        wasmi::ValType::F64 => Kind::F64,
        wasmi::ValType::V128 => unreachable!("SIMD is not enabled"),
        wasmi::ValType::FuncRef => Kind::FuncRef,
        wasmi::ValType::ExternRef => Kind::ExternRef,
    }
}

fn to_wasmi(value: Value, kind: Kind) -> wasmi::Val {
    match value {
        Value::I32(v) => wasmi::Val::I32(v),
        Value::I64(v) => wasmi::Val::I64(v),
        Value::F32(v) => wasmi::Val::F32(wasmi::F32::from_bits(v)),
        Value::F64(v) => wasmi::Val::F64(wasmi::F64::from_bits(v)),
        Value::Ref { .. } if kind == Kind::ExternRef => {
            wasmi::Val::ExternRef(wasmi::Nullable::Null)
        }
        Value::Ref { .. } => wasmi::Val::FuncRef(wasmi::Nullable::Null),
    }
}

fn from_wasmi(value: &wasmi::Val) -> Value {
    match value {
        wasmi::Val::I32(v) => Value::I32(*v),
        wasmi::Val::I64(v) => Value::I64(*v),
        wasmi::Val::F32(v) => Value::F32(v.to_bits()),
        wasmi::Val::F64(v) => Value::F64(v.to_bits()),
        wasmi::Val::V128(_) => unreachable!("SIMD is not enabled"),
        wasmi::Val::FuncRef(f) => Value::Ref { null: f.is_null() },
        wasmi::Val::ExternRef(r) => Value::Ref { null: r.is_null() },
    }
}

fn wasmi_outcome(error: &wasmi::Error) -> Outcome {
    use wasmi::TrapCode as C;
    let Some(code) = error.as_trap_code() else {
        return Outcome::Failed(error.to_string());
    };
    Outcome::Trapped(match code {
        C::UnreachableCodeReached => TrapKind::Unreachable,
        C::MemoryOutOfBounds => TrapKind::MemoryOutOfBounds,
        C::TableOutOfBounds => TrapKind::TableOutOfBounds,
        C::IndirectCallToNull => TrapKind::IndirectCallToNull,
        C::BadSignature => TrapKind::BadSignature,
        C::IntegerDivisionByZero => TrapKind::IntegerDivisionByZero,
        C::IntegerOverflow => TrapKind::IntegerOverflow,
        C::BadConversionToInteger => TrapKind::BadConversionToInteger,
        C::StackOverflow | C::OutOfFuel | C::GrowthOperationLimited | C::OutOfSystemMemory => {
            return Outcome::Exhausted;
        }
        #[allow(unreachable_patterns)]
        other => return Outcome::Failed(format!("{other:?}")),
    })
}

struct WasmiState {
    limits: wasmi::StoreLimits,
}

fn wasmi_state(
    store: &wasmi::Store<WasmiState>,
    instance: &wasmi::Instance,
    name: &str,
    outcome: Outcome,
) -> Step {
    let mut step = Step::bare(name, outcome);
    let exports = instance
        .exports(store)
        .map(|export| (export.name().to_string(), export.into_extern()))
        .collect();
    for (export_name, item) in sorted(exports) {
        match item {
            wasmi::Extern::Global(g) => step.globals.push((export_name, from_wasmi(&g.get(store)))),
            wasmi::Extern::Memory(m) => {
                let data = m.data(store);
                step.memories
                    .push((export_name, data.len(), hash_bytes(data)));
            }
            wasmi::Extern::Table(t) => step.tables.push((export_name, t.size(store))),
            wasmi::Extern::Func(_) => {}
        }
    }
    step
}

/// Runs the module in wasmi; `None` if wasmi panics or does not take it.
pub fn run_wasmi(bytes: &[u8], seed: &[u8]) -> Option<Vec<Step>> {
    oracle_panics::catch(|| run_wasmi_inner(bytes, seed)).flatten()
}

fn run_wasmi_inner(bytes: &[u8], seed: &[u8]) -> Option<Vec<Step>> {
    let mut config = wasmi::Config::default();
    // The proposals of `modules::executed_config`, no more.
    config.consume_fuel(true).wasm_extended_const(true);
    config.wasm_tail_call(true);
    config
        .wasm_multi_memory(true)
        .wasm_memory64(true)
        .wasm_wide_arithmetic(true);
    config.wasm_custom_page_sizes(true);
    let engine = wasmi::Engine::new(&config);
    let module = wasmi::Module::new(&engine, bytes).ok()?;
    let limits = wasmi::StoreLimitsBuilder::new()
        .memory_size(modules::MEMORY_LIMIT_BYTES as usize)
        .table_elements(10_000_000)
        .build();
    let mut store = wasmi::Store::new(&engine, WasmiState { limits });
    store.limiter(|state| &mut state.limits);
    store.set_fuel(FUEL).ok()?;
    let linker = wasmi::Linker::new(&engine);
    let instance = match linker.instantiate_and_start(&mut store, &module) {
        Ok(instance) => instance,
        Err(error) => {
            return Some(vec![Step::bare("", wasmi_outcome(&error))]);
        }
    };
    let mut steps = vec![wasmi_state(
        &store,
        &instance,
        "",
        Outcome::Returned(Vec::new()),
    )];
    let exports = instance
        .exports(&store)
        .map(|export| (export.name().to_string(), export.into_extern()))
        .collect();
    for (call, (name, item)) in sorted(exports).into_iter().enumerate() {
        let wasmi::Extern::Func(func) = item else {
            continue;
        };
        let ty = func.ty(&store);
        let kinds: Vec<Kind> = ty.params().iter().map(wasmi_kind).collect();
        let args: Vec<wasmi::Val> = arguments(&kinds, seed, call)
            .into_iter()
            .zip(&kinds)
            .map(|(value, kind)| to_wasmi(value, *kind))
            .collect();
        let mut results = vec![wasmi::Val::I32(0); ty.results().len()];
        store.set_fuel(FUEL).ok()?;
        let outcome = match func.call(&mut store, &args, &mut results) {
            Ok(()) => Outcome::Returned(results.iter().map(from_wasmi).collect()),
            Err(error) => wasmi_outcome(&error),
        };
        let exhausted = outcome == Outcome::Exhausted;
        steps.push(wasmi_state(&store, &instance, &name, outcome));
        if exhausted {
            break;
        }
    }
    Some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str, seed: &[u8]) -> (Vec<Step>, Vec<Step>) {
        let bytes = wat::parse_str(text).unwrap();
        (
            run_wisp(&bytes, seed).unwrap(),
            run_wasmi(&bytes, seed).unwrap(),
        )
    }

    #[test]
    fn engines_agree_on_results_traps_and_state() {
        let (ours, theirs) = both(
            r#"(module
                (memory (export "m") 1)
                (global (export "g") (mut i32) (i32.const 0))
                (table (export "t") 2 funcref)
                (func (export "add") (param i32 i32) (result i32)
                    local.get 0 local.get 1 i32.add)
                (func (export "store") (param i32)
                    i32.const 8 local.get 0 i32.store
                    local.get 0 global.set 0)
                (func (export "div") (param i32) (result i32)
                    i32.const 1 i32.const 0 i32.div_u)
                (func (export "oob") (result i32) i32.const 70000 i32.load)
                (func (export "nan") (result f32) f32.const nan:0x200000))"#,
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
        );
        assert_eq!(ours.len(), 6);
        assert_eq!(
            first_difference(&ours, &theirs),
            None,
            "{ours:?}\n{theirs:?}"
        );
        // Name order: add, div, nan, oob, store.
        assert_eq!(
            ours[2].outcome,
            Outcome::Trapped(TrapKind::IntegerDivisionByZero)
        );
        assert_eq!(
            ours[4].outcome,
            Outcome::Trapped(TrapKind::MemoryOutOfBounds)
        );
    }

    #[test]
    fn a_difference_in_results_memory_or_globals_is_found() {
        let (ours, _) = both(
            r#"(module (memory (export "m") 1)
                (func (export "f") (result i32) i32.const 8 i32.const 1 i32.store i32.const 1))"#,
            &[],
        );
        let (theirs, _) = both(
            r#"(module (memory (export "m") 1)
                (func (export "f") (result i32) i32.const 8 i32.const 2 i32.store i32.const 1))"#,
            &[],
        );
        assert_eq!(first_difference(&ours, &theirs), Some(1));
        let (other_result, _) = both(
            r#"(module (memory (export "m") 1)
                (func (export "f") (result i32) i32.const 8 i32.const 1 i32.store i32.const 2))"#,
            &[],
        );
        assert_eq!(first_difference(&ours, &other_result), Some(1));
    }

    #[test]
    fn nans_are_equal_to_any_nan_and_exhaustion_ends_the_comparison() {
        assert_eq!(Value::F32(0x7fc0_0000), Value::F32(0x7fa0_0001));
        assert_ne!(Value::F32(0x7fc0_0000), Value::F32(0));
        let (ours, theirs) = both(
            r#"(module (func (export "spin") (loop br 0)) (func (export "zz") (result i32) i32.const 1))"#,
            &[],
        );
        assert_eq!(ours[1].outcome, Outcome::Exhausted);
        assert_eq!(theirs[1].outcome, Outcome::Exhausted);
        assert_eq!(ours.len(), 2, "nothing runs after exhaustion");
        assert_eq!(first_difference(&ours, &theirs), None);
    }

    #[test]
    fn generated_modules_agree() {
        // A few hundred deterministic inputs: the target's own loop, without libFuzzer.
        for data in crate::pseudo_random_inputs(0x2545_f491_4f6c_dd1d, 200, 2048) {
            run(&data);
        }
    }
}
