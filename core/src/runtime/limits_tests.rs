//! The resource limiter is asked at every creation and growth of a memory
//! or table, from Wasm and from the host, and its answers hold.

use crate::{
    Engine, Error, ErrorKind, Linker, Memory, MemoryType, Module, ResourceLimiter, Store,
    StoreLimits, StoreLimitsBuilder, TrapCode,
};
use alloc::string::ToString;
use alloc::vec::Vec;

const PAGE: usize = 65536;

/// Memory and table growth, exported.
const GROWS: &str = r#"(module
  (memory (export "memory") 1 10)
  (table 1 funcref)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "grow_table") (param i32) (result i32)
    (table.grow (ref.null func) (local.get 0))))"#;

struct State {
    limits: StoreLimits,
}

fn setup(limits: StoreLimits) -> (Store<State>, crate::Instance) {
    let engine = Engine::default();
    let module = Module::new(&engine, wat::parse_str(GROWS).unwrap()).unwrap();
    let mut store = Store::new(&engine, State { limits });
    store.limiter(|state| &mut state.limits);
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    (store, instance)
}

fn call(
    store: &mut Store<State>,
    instance: crate::Instance,
    name: &str,
    n: i32,
) -> Result<i32, Error> {
    instance
        .get_typed_func::<i32, i32>(&*store, name)?
        .call(store, n)
}

#[test]
fn store_limits_refuse_growth_past_them() {
    let limits = StoreLimitsBuilder::new()
        .memory_size(3 * PAGE)
        .table_elements(4)
        .build();
    let (mut store, instance) = setup(limits);
    assert_eq!(call(&mut store, instance, "grow", 2).unwrap(), 1);
    assert_eq!(call(&mut store, instance, "grow", 1).unwrap(), -1);
    assert_eq!(call(&mut store, instance, "grow_table", 3).unwrap(), 1);
    assert_eq!(call(&mut store, instance, "grow_table", 1).unwrap(), -1);
    // The host's own growth asks too, and fails with an error.
    let memory = instance.get_memory(&store, "memory").unwrap();
    assert!(memory.grow(&mut store, 1).is_err());
    assert_eq!(memory.size(&store), 3);
}

#[test]
fn trap_on_grow_failure_traps_with_the_limits_message() {
    let limits = StoreLimitsBuilder::new()
        .memory_size(2 * PAGE)
        .trap_on_grow_failure(true)
        .build();
    let (mut store, instance) = setup(limits);
    let err = call(&mut store, instance, "grow", 5).unwrap_err();
    let trap = err.as_trap().expect("a trap");
    assert_eq!(trap.code(), TrapCode::HostError);
    assert!(
        trap.message().contains("exceeds the store's limit"),
        "{}",
        trap.message()
    );
    assert_eq!(trap.backtrace()[0].func_name.as_deref(), Some("grow"));
}

#[test]
fn creation_is_asked_and_counts_are_kept() {
    let engine = Engine::default();
    let module = Module::new(&engine, wat::parse_str(GROWS).unwrap()).unwrap();
    // An initial memory larger than the limit: instantiation fails.
    let mut store = Store::new(
        &engine,
        State {
            limits: StoreLimitsBuilder::new().memory_size(PAGE / 2).build(),
        },
    );
    store.limiter(|state| &mut state.limits);
    let e = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Limit(_)), "{e}");
    assert!(e.to_string().contains("resource limiter"), "{e}");
    // One instance allowed: the second instantiation fails.
    let mut store = Store::new(
        &engine,
        State {
            limits: StoreLimitsBuilder::new().instances(1).memories(1).build(),
        },
    );
    store.limiter(|state| &mut state.limits);
    let linker = Linker::new(&engine);
    linker.instantiate(&mut store, &module).unwrap();
    let e = linker.instantiate(&mut store, &module).unwrap_err();
    assert!(e.to_string().contains("limit of instances"), "{e}");
    // And no second memory from the host either.
    assert!(Memory::new(&mut store, MemoryType::new(1, None)).is_err());
}

/// Records every request and refuses tables beyond 2 elements by failing.
#[derive(Default)]
struct Recorder {
    memory: Vec<(usize, usize, Option<usize>)>,
    tables: Vec<(usize, usize, Option<usize>)>,
}

impl ResourceLimiter for Recorder {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        max: Option<usize>,
    ) -> Result<bool, Error> {
        self.memory.push((current, desired, max));
        Ok(true)
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        max: Option<usize>,
    ) -> Result<bool, Error> {
        self.tables.push((current, desired, max));
        if desired > 2 {
            return Err(Error::from(crate::Trap::host("tables stay small here")));
        }
        Ok(true)
    }
}

#[test]
fn a_custom_limiter_sees_current_desired_and_maximum() {
    let engine = Engine::default();
    let module = Module::new(&engine, wat::parse_str(GROWS).unwrap()).unwrap();
    let mut store = Store::new(&engine, Recorder::default());
    store.limiter(|recorder| recorder);
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let grow = instance.get_typed_func::<i32, i32>(&store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 2).unwrap(), 1);
    let grow_table = instance
        .get_typed_func::<i32, i32>(&store, "grow_table")
        .unwrap();
    let err = grow_table.call(&mut store, 5).unwrap_err();
    assert_eq!(err.as_trap().unwrap().message(), "tables stay small here");
    let max = Some(10 * PAGE);
    assert_eq!(store.data().memory, [(0, PAGE, max), (PAGE, 3 * PAGE, max)]);
    assert_eq!(store.data().tables, [(0, 1, None), (1, 6, None)]);
}
