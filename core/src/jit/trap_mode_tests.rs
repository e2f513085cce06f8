//! The two ways compiled code traps ([`Config::signals_based_traps`]):
//! by faulting at trap sites the signal handler knows (guarded memories,
//! `ud2` or `udf`, x86_64's `div` by zero), or by explicit checks. Both must report the same
//! traps as the interpreter, and a store whose memory hooks cannot reserve
//! guard regions must fall back to checks rather than run unguarded.

#![allow(unsafe_code)]

use crate::{
    Config, Engine, Instance, Linker, MemoryHooks, MemoryType, MmapHooks, Module, Refused, Region,
    ResourceKind, Store, Strategy, Val,
};
use alloc::{format, string::String, sync::Arc, vec::Vec};

/// Loads, stores and divisions at and past the edges, `unreachable`, a
/// large static offset, and a second (non-zero) memory.
const PROGRAM: &str = r#"(module
  (memory (export "mem") 1 3)
  (memory $other 1)
  (func (export "load") (param i32) (result i32) (i32.load offset=8 (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store") (param i32) (i64.store offset=3 (local.get 0) (i64.const -1)))
  (func (export "far") (param i32) (result i32) (i32.load offset=0x7fff0000 (local.get 0)))
  (func (export "huge") (param i32) (result i32) (i32.load offset=0xfffffff0 (local.get 0)))
  (func (export "other") (param i32) (result i32) (i32.load $other (local.get 0)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "div_u") (param i32) (result i32) (i32.div_u (i32.const 7) (local.get 0)))
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "unreachable") (unreachable)))"#;

/// Calls covering each export's edges, in order (growth in the middle).
fn calls() -> Vec<(&'static str, Vec<Val>)> {
    let i = Val::I32;
    let mut calls = Vec::new();
    for a in [0, 65524, 65525, 65535, 65536, -1, -9] {
        calls.push(("load", alloc::vec![i(a)]));
        calls.push(("load8", alloc::vec![i(a)]));
        calls.push(("store", alloc::vec![i(a)]));
        calls.push(("far", alloc::vec![i(a)]));
        calls.push(("huge", alloc::vec![i(a)]));
        calls.push(("other", alloc::vec![i(a)]));
    }
    calls.push(("grow", alloc::vec![i(1)]));
    for a in [65535, 65536, 131068, 131069, 131072] {
        calls.push(("load", alloc::vec![i(a)]));
        calls.push(("store", alloc::vec![i(a)]));
    }
    calls.push(("grow", alloc::vec![i(5)]));
    for d in [0, 1, -1, 7] {
        calls.push(("div_u", alloc::vec![i(d)]));
        calls.push(("div_s", alloc::vec![i(i32::MIN), i(d)]));
        calls.push(("rem_s", alloc::vec![Val::I64(i64::MIN), Val::I64(d as i64)]));
    }
    calls.push(("unreachable", alloc::vec![]));
    calls
}

/// Each call's results or trap message, then memory 0's size and a hash.
fn observe(store: &mut Store<()>, instance: &Instance) -> Vec<String> {
    let mut seen = Vec::new();
    for (name, args) in calls() {
        let func = instance.get_func(&*store, name).unwrap();
        let mut results = alloc::vec![Val::I32(0); func.ty(&*store).results().len()];
        match func.call(&mut *store, &args, &mut results) {
            Ok(()) => seen.push(format!("{name}{args:?} = {results:?}")),
            Err(e) => seen.push(format!("{name}{args:?} trap {e}")),
        }
    }
    let data = instance.get_memory(&*store, "mem").unwrap().data(&*store);
    let hash = data
        .iter()
        .fold(0u64, |h, &b| h.wrapping_mul(31) ^ b as u64);
    seen.push(format!("memory {} bytes, hash {hash:x}", data.len()));
    seen
}

/// A store running `PROGRAM` under `strategy`, signals on or off, with
/// `hooks` if given.
fn run(
    strategy: Strategy,
    signals: bool,
    hooks: Option<Arc<dyn MemoryHooks>>,
) -> (Vec<String>, Store<()>) {
    let mut config = Config::new();
    config.strategy(strategy).signals_based_traps(signals);
    run_with(&config, hooks)
}

/// A store running `PROGRAM` under `config`, with `hooks` if given.
fn run_with(config: &Config, hooks: Option<Arc<dyn MemoryHooks>>) -> (Vec<String>, Store<()>) {
    let engine = Engine::new(config);
    let module = Module::new(&engine, wat::parse_str(PROGRAM).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    if let Some(hooks) = hooks {
        store.set_memory_hooks(hooks);
    }
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    (observe(&mut store, &instance), store)
}

/// How many of `PROGRAM`'s divisions are trap sites: x86_64's `div`
/// faults on a zero divisor or an overflowing quotient; aarch64's never
/// does, so it checks them in both modes.
const DIVISION_SITES: usize = if cfg!(target_arch = "x86_64") { 3 } else { 0 };

/// How many trap sites the store's compiled code registered.
fn trap_sites(store: &Store<()>) -> usize {
    store.inner.jit.trap_sites()
}

#[test]
fn both_trap_modes_agree_with_the_interpreter() {
    let (interpreted, _) = run(Strategy::Interpreter, true, None);
    let (signals, store) = run(Strategy::Jit, true, None);
    // Six accesses, the divisions, `unreachable`.
    assert_eq!(
        trap_sites(&store),
        7 + DIVISION_SITES,
        "the code traps by faulting"
    );
    assert_eq!(interpreted, signals);
    let (checks, store) = run(Strategy::Jit, false, None);
    assert_eq!(trap_sites(&store), 0, "signal-free code has no trap sites");
    assert_eq!(interpreted, checks);
}

/// The `mmap` hooks without their guard regions: executable memory, but
/// `reserve_guarded` refused.
struct NoGuards(MmapHooks);

// SAFETY: every method is the `mmap` hooks' own, but for the refused
// guarded reservations.
unsafe impl MemoryHooks for NoGuards {
    fn reserve(
        &self,
        kind: ResourceKind,
        initial: usize,
        maximum: usize,
    ) -> Result<Region, Refused> {
        self.0.reserve(kind, initial, maximum)
    }
    unsafe fn grow(
        &self,
        kind: ResourceKind,
        region: &mut Region,
        new_len: usize,
    ) -> Result<(), Refused> {
        // SAFETY: the caller's contract, passed on.
        unsafe { self.0.grow(kind, region, new_len) }
    }
    unsafe fn release(&self, kind: ResourceKind, region: Region) {
        // SAFETY: the caller's contract, passed on.
        unsafe { self.0.release(kind, region) }
    }
    unsafe fn make_executable(&self, region: &Region) -> Result<(), Refused> {
        // SAFETY: the caller's contract, passed on.
        unsafe { self.0.make_executable(region) }
    }
}

#[test]
fn hooks_without_guards_get_explicit_checks() {
    let (interpreted, _) = run(Strategy::Interpreter, true, None);
    let hooks: Arc<dyn MemoryHooks> = Arc::new(NoGuards(MmapHooks::new()));
    let (compiled, store) = run(Strategy::Jit, true, Some(hooks));
    let wasm_funcs = store
        .inner
        .vm_funcs
        .iter()
        .filter(|f| !f.compiled.is_null());
    assert!(wasm_funcs.clone().count() > 0 && wasm_funcs.clone().all(|f| !f.jit.is_null()));
    // `unreachable` and divisions still fault; memory accesses are checked.
    assert_eq!(trap_sites(&store), 1 + DIVISION_SITES);
    assert_eq!(interpreted, compiled);
}

#[test]
fn a_config_without_guard_regions_gets_explicit_bounds_checks() {
    let (interpreted, _) = run(Strategy::Interpreter, true, None);
    let mut config = Config::new();
    config.strategy(Strategy::Jit).memory_guard_regions(false);
    let (compiled, store) = run_with(&config, None);
    // `unreachable` and divisions still fault; memory accesses are checked.
    assert_eq!(trap_sites(&store), 1 + DIVISION_SITES);
    assert_eq!(interpreted, compiled);
}

#[test]
fn a_guarded_store_refuses_memories_its_hooks_cannot_guard() {
    let mut config = Config::new();
    config.strategy(Strategy::Jit);
    let engine = Engine::new(&config);
    let mut store = Store::new(&engine, ());
    let ty = MemoryType::new(1, None);
    crate::Memory::new(&mut store, ty).unwrap();
    // The store's code relies on guards from now on.
    store.set_memory_hooks(Arc::new(NoGuards(MmapHooks::new())));
    let e = crate::Memory::new(&mut store, ty).unwrap_err();
    assert!(format!("{e}").contains("guard regions"), "{e}");
    // A memory type that is never guarded is fine.
    let ty64 = MemoryType {
        memory64: true,
        ..ty
    };
    crate::Memory::new(&mut store, ty64).unwrap();
}
