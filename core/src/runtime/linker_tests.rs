//! The linker's wasmtime-shaped conveniences: shadowing, unknown imports as
//! traps, named modules, pre-resolved instantiation; and memory with host
//! state at once.

use crate::{Caller, Engine, ErrorKind, Extern, Linker, Module, Store, TrapCode};
use alloc::string::ToString;
use alloc::vec::Vec;

fn module(engine: &Engine, wat: &str) -> Module {
    Module::new(engine, wat::parse_str(wat).unwrap()).unwrap()
}

/// Calls the module's `host.f` through its export `run`.
const CALLS_F: &str = r#"(module
  (import "host" "f" (func $f (result i32)))
  (func (export "run") (result i32) call $f))"#;

fn run(linker: &Linker<()>, engine: &Engine, wat: &str) -> Result<i32, crate::Error> {
    let mut store = Store::new(engine, ());
    let instance = linker.instantiate(&mut store, &module(engine, wat))?;
    instance
        .get_typed_func::<(), i32>(&store, "run")?
        .call(&mut store, ())
}

#[test]
fn shadowing_is_an_error_unless_allowed() {
    let engine = Engine::default();
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "f", || 1).unwrap();
    let e = linker.func_wrap("host", "f", || 2).err().unwrap();
    assert!(e.to_string().contains("already defined"), "{e}");
    assert_eq!(run(&linker, &engine, CALLS_F).unwrap(), 1);
    linker.allow_shadowing(true);
    linker.func_wrap("host", "f", || 2).unwrap();
    assert_eq!(run(&linker, &engine, CALLS_F).unwrap(), 2);
}

#[test]
fn unknown_imports_become_traps_when_called() {
    let engine = Engine::default();
    let m = module(&engine, CALLS_F);
    let mut linker = Linker::<()>::new(&engine);
    let e = run(&linker, &engine, CALLS_F).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Link(_)), "{e}");
    linker.define_unknown_imports_as_traps(&m).unwrap();
    // Instantiation now succeeds; the call traps and names the import.
    let e = run(&linker, &engine, CALLS_F).unwrap_err();
    let trap = e.as_trap().expect("a trap");
    assert_eq!(trap.code(), TrapCode::HostError);
    assert!(trap.message().contains("`host::f`"), "{}", trap.message());
}

#[test]
fn a_named_module_provides_imports_and_is_initialized() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let provider = module(
        &engine,
        r#"(module
          (global $g (mut i32) (i32.const 0))
          (func (export "_initialize") (global.set $g (i32.const 41)))
          (func (export "f") (result i32) (i32.add (global.get $g) (i32.const 1))))"#,
    );
    linker.module(&mut store, "host", &provider).unwrap();
    let instance = linker
        .instantiate(&mut store, &module(&engine, CALLS_F))
        .unwrap();
    let run = instance.get_typed_func::<(), i32>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, ()).unwrap(), 42);
}

#[test]
fn instance_pre_resolves_once_and_instantiates_in_many_stores() {
    let engine = Engine::default();
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "f", |caller: Caller<'_, u32>| *caller.data() as i32)
        .unwrap();
    let pre = linker.instantiate_pre(&module(&engine, CALLS_F)).unwrap();
    let results: Vec<i32> = [7u32, 8]
        .into_iter()
        .map(|data| {
            let mut store = Store::new(&engine, data);
            let instance = pre.clone().instantiate(&mut store).unwrap();
            let run = instance.get_typed_func::<(), i32>(&store, "run").unwrap();
            run.call(&mut store, ()).unwrap()
        })
        .collect();
    assert_eq!(results, [7, 8]);

    // A missing import and a host function of the wrong type are found
    // before any store exists.
    let empty = Linker::<u32>::new(&engine);
    assert!(empty.instantiate_pre(&module(&engine, CALLS_F)).is_err());
    let mut wrong = Linker::<u32>::new(&engine);
    wrong.func_wrap("host", "f", || 1i64).unwrap();
    let e = wrong
        .instantiate_pre(&module(&engine, CALLS_F))
        .err()
        .unwrap();
    assert!(e.to_string().contains("incompatible import type"), "{e}");
}

#[test]
fn memory_and_host_state_mutably_at_once() {
    let engine = Engine::default();
    let m = module(
        &engine,
        r#"(module
          (import "host" "take" (func $take (param i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello")
          (func (export "run") (call $take (i32.const 16) (i32.const 5))))"#,
    );
    let mut store = Store::new(&engine, Vec::<u8>::new());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap(
            "host",
            "take",
            |mut caller: Caller<'_, Vec<u8>>, at: i32, len: i32| {
                let Some(Extern::Memory(memory)) = caller.get_export("memory") else {
                    return;
                };
                let (bytes, taken) = memory.data_and_store_mut(&mut caller);
                let (at, len) = (at as usize, len as usize);
                taken.extend_from_slice(&bytes[at..at + len]);
                bytes[at] = b'J';
            },
        )
        .unwrap();
    let instance = linker.instantiate(&mut store, &m).unwrap();
    let run = instance.get_typed_func::<(), ()>(&store, "run").unwrap();
    run.call(&mut store, ()).unwrap();
    assert_eq!(store.data().as_slice(), b"hello");
    let memory = instance.get_memory(&store, "memory").unwrap();
    assert_eq!(&memory.data(&store)[16..21], b"Jello");
}
