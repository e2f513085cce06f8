//! Memory hooks seen from Wasm: counting, refusing and moving hooks.

use super::{GlobalAllocHooks, MemoryHooks, Refused, Region, ResourceKind};
use crate::{Engine, Instance, Linker, Module, RefType, Store, Table, TableType, Val};
use alloc::string::ToString;
use alloc::sync::Arc;
use core::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Delegates to the global allocator, counts the bytes committed and released
/// per kind, and refuses to hold more than `limit` bytes at once.
#[derive(Default)]
struct Counting {
    limit: usize,
    memory: AtomicUsize,
    table: AtomicUsize,
    released: AtomicUsize,
    refusals: AtomicUsize,
}

impl Counting {
    fn new(limit: usize) -> Arc<Self> {
        Arc::new(Self {
            limit,
            ..Self::default()
        })
    }

    fn counter(&self, kind: ResourceKind) -> &AtomicUsize {
        match kind {
            ResourceKind::Table => &self.table,
            _ => &self.memory,
        }
    }

    fn live(&self) -> usize {
        self.memory.load(Relaxed) + self.table.load(Relaxed) - self.released.load(Relaxed)
    }

    fn admit(&self, extra: usize) -> Result<(), Refused> {
        if self.live() + extra > self.limit {
            self.refusals.fetch_add(1, Relaxed);
            return Err(Refused);
        }
        Ok(())
    }
}

// SAFETY: every region comes from `GlobalAllocHooks`, which upholds the
// contract; this wrapper only counts and refuses.
unsafe impl MemoryHooks for Counting {
    fn reserve(
        &self,
        kind: ResourceKind,
        initial: usize,
        maximum: usize,
    ) -> Result<Region, Refused> {
        self.admit(initial)?;
        let region = GlobalAllocHooks.reserve(kind, initial, maximum)?;
        self.counter(kind).fetch_add(initial, Relaxed);
        Ok(region)
    }

    unsafe fn grow(
        &self,
        kind: ResourceKind,
        region: &mut Region,
        new_len: usize,
    ) -> Result<(), Refused> {
        let extra = new_len - region.len;
        self.admit(extra)?;
        // SAFETY: the region is live and came from `GlobalAllocHooks`.
        unsafe { GlobalAllocHooks.grow(kind, region, new_len)? };
        self.counter(kind).fetch_add(extra, Relaxed);
        Ok(())
    }

    unsafe fn release(&self, kind: ResourceKind, region: Region) {
        self.released.fetch_add(region.len, Relaxed);
        // SAFETY: as for `grow`.
        unsafe { GlobalAllocHooks.release(kind, region) };
    }
}

/// Moves the region to a fresh allocation on every growth, as an arena
/// allocator that cannot grow in place would.
struct Moving;

// SAFETY: delegates to `GlobalAllocHooks`; `grow` copies the old bytes into a
// new zeroed region before releasing the old one.
unsafe impl MemoryHooks for Moving {
    fn reserve(
        &self,
        kind: ResourceKind,
        initial: usize,
        maximum: usize,
    ) -> Result<Region, Refused> {
        GlobalAllocHooks.reserve(kind, initial, maximum)
    }

    unsafe fn grow(
        &self,
        kind: ResourceKind,
        region: &mut Region,
        new_len: usize,
    ) -> Result<(), Refused> {
        let new = GlobalAllocHooks.reserve(kind, new_len, new_len)?;
        // SAFETY: both regions are live, distinct, and at least `region.len`
        // bytes long.
        unsafe {
            core::ptr::copy_nonoverlapping(region.ptr.as_ptr(), new.ptr.as_ptr(), region.len)
        };
        let old = core::mem::replace(region, new);
        // SAFETY: `old` is live and no longer referenced.
        unsafe { GlobalAllocHooks.release(kind, old) };
        Ok(())
    }

    unsafe fn release(&self, kind: ResourceKind, region: Region) {
        // SAFETY: as for `grow`.
        unsafe { GlobalAllocHooks.release(kind, region) };
    }
}

const PAGE: usize = 65536;

const MODULE: &str = r#"(module
  (memory (export "m") 1 4)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))"#;

fn instantiate(
    hooks: Option<Arc<dyn MemoryHooks>>,
    wat: &str,
) -> Result<(Store<()>, Instance), crate::Error> {
    let engine = Engine::default();
    let module = Module::new(&engine, wat::parse_str(wat).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    if let Some(hooks) = hooks {
        store.set_memory_hooks(hooks);
    }
    let instance = Linker::new(&engine).instantiate(&mut store, &module)?;
    Ok((store, instance))
}

fn call(store: &mut Store<()>, inst: &Instance, name: &str, arg: i32) -> i32 {
    let f = inst.get_typed_func::<i32, i32>(&*store, name).unwrap();
    f.call(store, arg).unwrap()
}

fn poke(store: &mut Store<()>, inst: &Instance, addr: i32, value: i32) {
    let f = inst
        .get_typed_func::<(i32, i32), ()>(&*store, "store")
        .unwrap();
    f.call(store, (addr, value)).unwrap();
}

#[test]
fn counting_hooks_see_every_byte_of_guest_memory() {
    let hooks = Counting::new(usize::MAX);
    let (mut store, inst) = instantiate(Some(hooks.clone()), MODULE).unwrap();
    let memory = inst.get_memory(&store, "m").unwrap();
    assert_eq!(hooks.memory.load(Relaxed), PAGE);
    assert_eq!(memory.data_size(&store), PAGE);

    assert_eq!(call(&mut store, &inst, "grow", 2), 1);
    assert_eq!(hooks.memory.load(Relaxed), 3 * PAGE);
    assert_eq!(call(&mut store, &inst, "grow", 0), 3);
    assert_eq!(
        call(&mut store, &inst, "grow", 2),
        -1,
        "past the type's maximum"
    );
    assert_eq!(memory.grow(&mut store, 1).unwrap(), 3);
    assert_eq!(hooks.memory.load(Relaxed), 4 * PAGE);
    assert_eq!(memory.data_size(&store), 4 * PAGE);
    assert_eq!(hooks.refusals.load(Relaxed), 0);

    let ty = TableType {
        element: RefType::FUNCREF,
        table64: false,
        min: 3,
        max: Some(10),
    };
    let table = Table::new(&mut store, ty, Val::FuncRef(None)).unwrap();
    assert_eq!(hooks.table.load(Relaxed), 3 * 8);
    assert_eq!(table.grow(&mut store, 2, Val::FuncRef(None)).unwrap(), 3);
    assert_eq!(hooks.table.load(Relaxed), 5 * 8);
    assert_eq!(table.size(&store), 5);
    assert!(matches!(table.get(&store, 4), Some(Val::FuncRef(None))));

    drop(store);
    assert_eq!(hooks.live(), 0, "everything committed was released");
    assert_eq!(hooks.released.load(Relaxed), 4 * PAGE + 5 * 8);
}

#[test]
fn refused_growth_is_memory_grow_minus_one() {
    let hooks = Counting::new(2 * PAGE);
    let (mut store, inst) = instantiate(Some(hooks.clone()), MODULE).unwrap();
    poke(&mut store, &inst, 8, 0x1234_5678);
    assert_eq!(call(&mut store, &inst, "grow", 1), 1);
    assert_eq!(call(&mut store, &inst, "grow", 1), -1);
    assert_eq!(hooks.refusals.load(Relaxed), 1);
    let memory = inst.get_memory(&store, "m").unwrap();
    assert_eq!(memory.size(&store), 2);
    assert_eq!(call(&mut store, &inst, "load", 8), 0x1234_5678);
    // The guest still runs and uses its memory after the refusal.
    poke(&mut store, &inst, 2 * PAGE as i32 - 4, 7);
    assert_eq!(call(&mut store, &inst, "load", 2 * PAGE as i32 - 4), 7);
    assert!(memory.grow(&mut store, 1).is_err());
}

#[test]
fn refused_reservation_fails_instantiation() {
    let hooks = Counting::new(PAGE - 1);
    let err = instantiate(Some(hooks), MODULE).map(|_| ()).unwrap_err();
    assert!(err.to_string().contains("memory"), "{err}");
}

#[test]
fn refused_table_growth() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    store.set_memory_hooks(Counting::new(4 * 8));
    let ty = TableType {
        element: RefType::FUNCREF,
        table64: false,
        min: 4,
        max: None,
    };
    let table = Table::new(&mut store, ty, Val::FuncRef(None)).unwrap();
    assert!(table.grow(&mut store, 1, Val::FuncRef(None)).is_err());
    assert_eq!(table.size(&store), 4);
}

#[test]
fn moving_hooks_keep_the_bytes_and_the_interpreter_follows() {
    let (mut store, inst) = instantiate(Some(Arc::new(Moving)), MODULE).unwrap();
    poke(&mut store, &inst, 100, 12345);
    let before = inst.get_memory(&store, "m").unwrap().data(&store).as_ptr();
    assert_eq!(call(&mut store, &inst, "grow", 1), 1);
    let after = inst.get_memory(&store, "m").unwrap().data(&store).as_ptr();
    assert_ne!(before, after, "the hooks moved the memory");
    assert_eq!(call(&mut store, &inst, "load", 100), 12345);
    poke(&mut store, &inst, PAGE as i32 + 8, 99);
    assert_eq!(call(&mut store, &inst, "load", PAGE as i32 + 8), 99);
    assert_eq!(
        call(&mut store, &inst, "load", PAGE as i32 + 12),
        0,
        "new bytes are zero"
    );
}

#[test]
fn store_memory_limit_applies_with_and_without_hooks() {
    for hooks in [None, Some(Counting::new(usize::MAX))] {
        let (mut store, inst) =
            instantiate(hooks.clone().map(|h| h as Arc<dyn MemoryHooks>), MODULE).unwrap();
        store.set_memory_limit(Some(2 * PAGE as u64));
        assert_eq!(call(&mut store, &inst, "grow", 1), 1);
        assert_eq!(call(&mut store, &inst, "grow", 1), -1);
        if let Some(h) = hooks {
            assert_eq!(
                h.memory.load(Relaxed),
                2 * PAGE,
                "the limit is checked first"
            );
            assert_eq!(h.refusals.load(Relaxed), 0);
        }
    }
}

#[test]
fn default_hooks_grow_from_zero_and_zero_new_bytes() {
    let (mut store, inst) = instantiate(
        None,
        r#"(module (memory (export "m") 0)
             (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
             (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
             (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))"#,
    )
    .unwrap();
    assert_eq!(inst.get_memory(&store, "m").unwrap().data_size(&store), 0);
    assert_eq!(call(&mut store, &inst, "grow", 1), 0);
    poke(&mut store, &inst, 0, -1);
    assert_eq!(call(&mut store, &inst, "grow", 1), 1);
    assert_eq!(call(&mut store, &inst, "load", 0), -1);
    assert_eq!(call(&mut store, &inst, "load", PAGE as i32), 0);
}

#[test]
fn stores_stay_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Store<()>>();
    send_sync::<super::GuestBuffer<u8>>();
}
