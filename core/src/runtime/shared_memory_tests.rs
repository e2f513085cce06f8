//! Shared memories: the host API, several stores on several threads using
//! one memory at once, growth one thread makes and another sees, and
//! `memory.atomic.wait`/`notify` between threads, in both tiers.

extern crate std;

use crate::{
    Config, Engine, ErrorKind, Extern, Instance, Linker, Memory, MemoryType, Module, SharedMemory,
    Store, Strategy, TrapCode, WaitResult,
};
use alloc::vec::Vec;
use core::time::Duration;
use std::thread;

/// `min..max` pages, shared.
fn shared(min: u32, max: u32) -> MemoryType {
    MemoryType {
        shared: true,
        ..MemoryType::new(min, Some(max))
    }
}

/// The engines the tests run under: the interpreter, and every function
/// compiled (the interpreter again in a build without the JIT).
fn engines() -> [Engine; 2] {
    [Strategy::Interpreter, Strategy::Jit].map(|s| {
        let mut config = Config::new();
        config.strategy(s).interruptible(true);
        Engine::new(&config)
    })
}

/// A module importing `env.memory` (shared, 1..4 pages) with the given
/// functions.
fn importer(engine: &Engine, funcs: &str) -> Module {
    let text = alloc::format!(r#"(module (memory (import "env" "memory") 1 4 shared) {funcs})"#);
    Module::new(engine, wat::parse_str(&text).unwrap()).unwrap()
}

/// `module` instantiated in a new store with `memory` as `env.memory`.
fn instantiate(module: &Module, memory: &SharedMemory) -> (Store<()>, Instance) {
    let mut store = Store::new(module.engine(), ());
    let mut linker = Linker::new(module.engine());
    linker.define("env", "memory", memory.clone()).unwrap();
    let instance = linker.instantiate(&mut store, module).unwrap();
    (store, instance)
}

const COUNTER: &str = r#"
  (func (export "add") (param $n i32)
    (loop $l
      (drop (i32.atomic.rmw.add (i32.const 64) (i32.const 1)))
      (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l)))
  (func (export "get") (result i32) (i32.atomic.load (i32.const 64)))"#;

#[test]
fn engine_module_and_shared_memory_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Engine>();
    send_sync::<Module>();
    send_sync::<SharedMemory>();
    send_sync::<Linker<()>>();
    fn send<T: Send>() {}
    send::<Store<()>>();
}

#[test]
fn a_shared_type_with_a_maximum_is_required() {
    let engine = Engine::default();
    let unshared = SharedMemory::new(&engine, MemoryType::new(1, Some(2)));
    assert!(unshared.is_err());
    let unbounded = SharedMemory::new(
        &engine,
        MemoryType {
            shared: true,
            ..MemoryType::new(1, None)
        },
    );
    assert!(unbounded.is_err());
    let mut store = Store::new(&engine, ());
    let e = Memory::new(&mut store, shared(1, 2)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Link(_)), "{e}");
}

#[test]
fn the_host_reads_writes_and_grows_it() {
    let engine = Engine::default();
    let memory = SharedMemory::new(&engine, shared(1, 2)).unwrap();
    let other = memory.clone();
    assert_eq!((memory.size(), memory.data_size()), (1, 65536));
    memory.write(65532, &[1, 2, 3, 4]).unwrap();
    let mut buf = [0; 4];
    other.read(65532, &mut buf).unwrap();
    assert_eq!(buf, [1, 2, 3, 4]);
    assert!(memory.write(65534, &[0; 4]).is_err());
    assert!(memory.read(usize::MAX, &mut buf).is_err());
    assert_eq!(other.grow(1).unwrap(), 1);
    assert_eq!((memory.size(), memory.ty().min), (2, 2));
    memory.write(65536 + 8, &[9]).unwrap();
    assert!(memory.grow(1).is_err(), "past the maximum");
    assert_eq!(memory.data().len(), 2 * 65536);
    assert!(memory == other);
}

#[test]
fn stores_on_threads_add_to_one_counter() {
    let per_thread = if cfg!(miri) { 20 } else { 20_000 };
    for engine in engines() {
        let memory = SharedMemory::new(&engine, shared(1, 4)).unwrap();
        let module = importer(&engine, COUNTER);
        thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| {
                    let (mut store, instance) = instantiate(&module, &memory);
                    let add = instance.get_typed_func::<i32, ()>(&store, "add").unwrap();
                    add.call(&mut store, per_thread).unwrap();
                });
            }
        });
        let (mut store, instance) = instantiate(&module, &memory);
        let get = instance.get_typed_func::<(), i32>(&store, "get").unwrap();
        assert_eq!(get.call(&mut store, ()).unwrap(), 3 * per_thread);
    }
}

/// Growth by one thread, seen by an instance that started before it: its
/// plain and atomic accesses past the old end, and `memory.size`.
#[test]
fn growth_on_one_thread_is_seen_on_another() {
    const FUNCS: &str = r#"
      (func (export "size") (result i32) (memory.size))
      (func (export "grow") (result i32) (memory.grow (i32.const 1)))
      (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "atomic_load") (param i32) (result i32) (i32.atomic.load (local.get 0)))"#;
    for engine in engines() {
        let memory = SharedMemory::new(&engine, shared(1, 4)).unwrap();
        let module = importer(&engine, FUNCS);
        let (mut store, instance) = instantiate(&module, &memory);
        let load = instance.get_typed_func::<i32, i32>(&store, "load").unwrap();
        let atomic_load = instance
            .get_typed_func::<i32, i32>(&store, "atomic_load")
            .unwrap();
        let size = instance.get_typed_func::<(), i32>(&store, "size").unwrap();
        let e = load.call(&mut store, 65536).unwrap_err();
        assert_eq!(
            e.as_trap().map(|t| t.code()),
            Some(TrapCode::MemoryOutOfBounds)
        );
        thread::scope(|scope| {
            scope.spawn(|| {
                let (mut store, instance) = instantiate(&module, &memory);
                let grow = instance.get_typed_func::<(), i32>(&store, "grow").unwrap();
                let put = instance
                    .get_typed_func::<(i32, i32), ()>(&store, "store")
                    .unwrap();
                assert_eq!(grow.call(&mut store, ()).unwrap(), 1);
                put.call(&mut store, (65536 + 16, 77)).unwrap();
            });
        });
        assert_eq!(size.call(&mut store, ()).unwrap(), 2);
        assert_eq!(load.call(&mut store, 65536 + 16).unwrap(), 77);
        assert_eq!(atomic_load.call(&mut store, 65536 + 16).unwrap(), 77);
        memory.grow(1).unwrap();
        assert_eq!(atomic_load.call(&mut store, 2 * 65536).unwrap(), 0);
        let e = load.call(&mut store, 3 * 65536).unwrap_err();
        assert_eq!(
            e.as_trap().map(|t| t.code()),
            Some(TrapCode::MemoryOutOfBounds)
        );
    }
}

const WAITS: &str = r#"
  (func (export "wait") (param i64) (result i32)
    (memory.atomic.wait32 (i32.const 0) (i32.const 0) (local.get 0)))
  (func (export "wake") (result i32)
    (memory.atomic.notify (i32.const 0) (i32.const 1)))"#;

#[test]
fn a_notify_wakes_a_thread_waiting_in_wasm() {
    for engine in engines() {
        let memory = SharedMemory::new(&engine, shared(1, 4)).unwrap();
        let module = importer(&engine, WAITS);
        thread::scope(|scope| {
            let waiter = scope.spawn(|| {
                let (mut store, instance) = instantiate(&module, &memory);
                let wait = instance.get_typed_func::<i64, i32>(&store, "wait").unwrap();
                wait.call(&mut store, -1).unwrap()
            });
            let (mut store, instance) = instantiate(&module, &memory);
            let wake = instance.get_typed_func::<(), i32>(&store, "wake").unwrap();
            // Notifies until one wakes the waiter (before it is queued,
            // a notify wakes nobody).
            let mut woken = 0;
            while woken == 0 {
                assert!(!waiter.is_finished(), "the wait ended unwoken");
                woken = wake.call(&mut store, ()).unwrap();
                thread::yield_now();
            }
            assert_eq!(woken, 1);
            let result = waiter.join().unwrap();
            assert_eq!(result, 0, "woken");
        });
    }
}

#[test]
fn waits_time_out_and_see_differing_values() {
    let timeout_ns = if cfg!(miri) { 2_000 } else { 5_000_000 };
    for engine in engines() {
        let memory = SharedMemory::new(&engine, shared(1, 4)).unwrap();
        let module = importer(&engine, WAITS);
        let (mut store, instance) = instantiate(&module, &memory);
        let wait = instance.get_typed_func::<i64, i32>(&store, "wait").unwrap();
        assert_eq!(wait.call(&mut store, timeout_ns).unwrap(), 2);
        assert_eq!(
            memory.atomic_wait32(0, 0, Some(Duration::ZERO)).unwrap(),
            WaitResult::TimedOut
        );
        memory.write(0, &[5, 0, 0, 0]).unwrap();
        assert_eq!(wait.call(&mut store, -1).unwrap(), 1);
        assert_eq!(
            memory.atomic_wait32(0, 0, None).unwrap(),
            WaitResult::Mismatch
        );
        assert_eq!(
            memory.atomic_wait64(0, 5, Some(Duration::ZERO)).unwrap(),
            WaitResult::TimedOut
        );
        assert_eq!(memory.atomic_notify(0, 10).unwrap(), 0);
        assert!(memory.atomic_wait32(3, 0, None).is_err(), "unaligned");
        assert!(memory.atomic_notify(65536, 1).is_err(), "out of bounds");
        assert!(
            memory.atomic_notify(u64::MAX - 1, 1).is_err(),
            "wraps past the end"
        );
    }
}

#[test]
fn an_interrupt_ends_a_wait() {
    for engine in engines() {
        let memory = SharedMemory::new(&engine, shared(1, 4)).unwrap();
        let module = importer(&engine, WAITS);
        let (mut store, instance) = instantiate(&module, &memory);
        let wait = instance.get_typed_func::<i64, i32>(&store, "wait").unwrap();
        let handle = store.interrupt_handle();
        thread::scope(|scope| {
            scope.spawn(move || {
                thread::sleep(Duration::from_millis(if cfg!(miri) { 1 } else { 20 }));
                handle.interrupt();
            });
            let e = wait.call(&mut store, -1).unwrap_err();
            assert_eq!(e.as_trap().map(|t| t.code()), Some(TrapCode::Interrupted));
        });
    }
}

#[test]
fn atomics_trap_where_the_proposal_says() {
    const UNSHARED: &str = r#"(module (memory 1 1)
      (func (export "wait") (result i32)
        (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
      (func (export "notify") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 1)))
      (func (export "unaligned") (result i32) (i32.atomic.rmw.add (i32.const 2) (i32.const 1)))
      (func (export "past_end") (result i64) (i64.atomic.load (i32.const 65532))))"#;
    for engine in engines() {
        let module = Module::new(&engine, wat::parse_str(UNSHARED).unwrap()).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let code = |store: &mut Store<()>, name: &str| {
            let f = instance.get_func(&*store, name).unwrap();
            let mut out = [crate::Val::I32(0)];
            let mut out64 = [crate::Val::I64(0)];
            let out: &mut [crate::Val] = if name == "past_end" {
                &mut out64
            } else {
                &mut out
            };
            f.call(&mut *store, &[], out)
                .map_err(|e| e.as_trap().map(|t| t.code()))
        };
        assert_eq!(
            code(&mut store, "wait"),
            Err(Some(TrapCode::ExpectedSharedMemory))
        );
        assert_eq!(code(&mut store, "notify"), Ok(()));
        assert_eq!(
            code(&mut store, "unaligned"),
            Err(Some(TrapCode::UnalignedAtomic))
        );
        assert_eq!(
            code(&mut store, "past_end"),
            Err(Some(TrapCode::MemoryOutOfBounds))
        );
    }
}

#[test]
fn a_defined_shared_memory_is_exported_as_one() {
    let engine = Engine::default();
    let text = r#"(module (memory (export "m") 1 2 shared)
      (func (export "put") (i32.atomic.store (i32.const 4) (i32.const 9))))"#;
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    assert!(instance.get_memory(&store, "m").is_none());
    let memory = instance.get_shared_memory(&store, "m").unwrap();
    assert!(matches!(
        instance.get_export(&store, "m"),
        Some(Extern::SharedMemory(_))
    ));
    let put = instance.get_typed_func::<(), ()>(&store, "put").unwrap();
    put.call(&mut store, ()).unwrap();
    // Another thread's store imports it and sees the value.
    let seen = thread::scope(|scope| {
        scope
            .spawn(|| {
                let module = importer(
                    &engine,
                    r#"(func (export "get") (result i32) (i32.atomic.load (i32.const 4)))"#,
                );
                let (mut store, instance) = instantiate(&module, &memory);
                let get = instance.get_typed_func::<(), i32>(&store, "get").unwrap();
                get.call(&mut store, ()).unwrap()
            })
            .join()
            .unwrap()
    });
    assert_eq!(seen, 9);
    let ty = Extern::SharedMemory(memory).ty(&store);
    assert!(matches!(ty, crate::ExternType::Memory(m) if m.shared && m.max == Some(2)));
}

/// A shared memory without guard regions cannot go where compiled code
/// relies on them.
#[cfg(all(wisp_jit, unix))]
#[test]
fn an_unguarded_memory_is_refused_by_a_guarded_store() {
    let mut config = Config::new();
    config.strategy(Strategy::Jit).signals_based_traps(false);
    let unguarded = SharedMemory::new(&Engine::new(&config), shared(1, 4)).unwrap();
    config.signals_based_traps(true);
    let engine = Engine::new(&config);
    let module = importer(&engine, "");
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.define("env", "memory", unguarded).unwrap();
    let e = linker.instantiate(&mut store, &module).unwrap_err();
    assert!(alloc::format!("{e}").contains("guard regions"), "{e}");
}

#[test]
fn two_imports_of_one_memory_in_one_store_alias() {
    let engine = Engine::default();
    let memory = SharedMemory::new(&engine, shared(1, 4)).unwrap();
    let module = importer(&engine, COUNTER);
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.define("env", "memory", memory.clone()).unwrap();
    let instances: Vec<Instance> = (0..2)
        .map(|_| linker.instantiate(&mut store, &module).unwrap())
        .collect();
    for instance in &instances {
        let add = instance.get_typed_func::<i32, ()>(&store, "add").unwrap();
        add.call(&mut store, 5).unwrap();
    }
    let get = instances[0]
        .get_typed_func::<(), i32>(&store, "get")
        .unwrap();
    assert_eq!(get.call(&mut store, ()).unwrap(), 10);
}
