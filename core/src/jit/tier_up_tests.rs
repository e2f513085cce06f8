//! Tier-up ([`Strategy::Auto`]): functions start interpreted, get compiled
//! when hot, and continue in compiled code — a running loop at its next
//! iteration, a recursion at the next call or return. Each test checks
//! that compilation happened, and that everything observable matches the
//! interpreter alone.

use crate::{Config, Engine, Instance, Linker, Module, Store, Strategy};
use alloc::vec::Vec;

/// A store and instance of `text` under `strategy`, fuel metered if
/// `fuel` is set.
fn instantiate(text: &str, strategy: Strategy, fuel: bool) -> (Store<()>, Instance) {
    let mut config = Config::new();
    config.strategy(strategy).consume_fuel(fuel);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    if fuel {
        store.set_fuel(u64::MAX / 2).unwrap();
    }
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    (store, instance)
}

/// How many of the store's Wasm functions run compiled code.
fn compiled(store: &Store<()>) -> usize {
    let funcs = &store.inner.vm_funcs;
    funcs.iter().filter(|f| !f.jit.is_null()).count()
}

/// A loop that stores a running hash into memory and returns it, and a
/// recursive Fibonacci.
const PROGRAM: &str = r#"(module
  (memory (export "mem") 1)
  (func (export "hash") (param $n i32) (result i32)
    (local $h i32) (local $k i32)
    (loop $l
      (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $k)))
      (i32.store (i32.and (i32.shl (local.get $k) (i32.const 2)) (i32.const 0xfffc))
                 (local.get $h))
      (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1)))
                          (local.get $n))))
    (local.get $h))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2))))))))"#;

/// Calls `name(arg)` and reads the fuel left and the memory's first bytes.
fn run(store: &mut Store<()>, instance: &Instance, name: &str, arg: i32) -> (i32, u64, Vec<u8>) {
    let f = instance.get_typed_func::<i32, i32>(&*store, name).unwrap();
    let result = f.call(&mut *store, arg).unwrap();
    let memory = instance.get_memory(&*store, "mem").unwrap();
    let bytes = memory.data(&*store)[..1024].to_vec();
    (result, store.get_fuel().unwrap(), bytes)
}

#[test]
fn a_running_loop_continues_in_compiled_code() {
    let (mut interp, i) = instantiate(PROGRAM, Strategy::Interpreter, true);
    let (mut auto, a) = instantiate(PROGRAM, Strategy::Auto, true);
    assert_eq!(compiled(&auto), 0, "nothing compiled before it runs");
    // One call: the loop gets hot in its first call and finishes compiled.
    let expected = run(&mut interp, &i, "hash", 200_000);
    assert_eq!(run(&mut auto, &a, "hash", 200_000), expected);
    assert_eq!(compiled(&auto), 1);
    assert_eq!(auto.inner.jit.hot_count(), 1);
}

#[test]
fn a_recursion_continues_in_compiled_code() {
    let (mut interp, i) = instantiate(PROGRAM, Strategy::Interpreter, true);
    let (mut auto, a) = instantiate(PROGRAM, Strategy::Auto, true);
    // Interpreted frames of `fib` are on the frame stack when it gets
    // hot; each resumes compiled when its callee returns.
    let expected = run(&mut interp, &i, "fib", 22);
    assert_eq!(expected.0, 17_711);
    assert_eq!(run(&mut auto, &a, "fib", 22), expected);
    assert_eq!(compiled(&auto), 1);
    // Fuel is charged alike under every strategy.
    assert_eq!(
        run(&mut auto, &a, "fib", 10),
        run(&mut interp, &i, "fib", 10)
    );
}

#[test]
fn cold_functions_stay_interpreted() {
    let (mut auto, a) = instantiate(PROGRAM, Strategy::Auto, false);
    let f = a.get_typed_func::<i32, i32>(&auto, "hash").unwrap();
    assert_eq!(
        f.call(&mut auto, 10).unwrap(),
        f.call(&mut auto, 10).unwrap()
    );
    assert_eq!(compiled(&auto), 0);
}

#[test]
fn another_instance_finds_the_function_compiled() {
    let mut config = Config::new();
    config.strategy(Strategy::Auto);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, wat::parse_str(PROGRAM).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    let linker = Linker::new(&engine);
    let first = linker.instantiate(&mut store, &module).unwrap();
    let hash = first.get_typed_func::<i32, i32>(&store, "hash").unwrap();
    let expected = hash.call(&mut store, 50_000).unwrap();
    assert_eq!(compiled(&store), 1);
    let second = linker.instantiate(&mut store, &module).unwrap();
    assert_eq!(
        compiled(&store),
        2,
        "the second instance's hash is compiled"
    );
    let hash = second.get_typed_func::<i32, i32>(&store, "hash").unwrap();
    assert_eq!(hash.call(&mut store, 50_000).unwrap(), expected);
    assert_eq!(store.inner.jit.hot_count(), 1, "compiled once");
}

#[test]
fn a_trap_in_tiered_code_keeps_its_backtrace() {
    let text = r#"(module
      (memory 1)
      (func $inner (param i32) (result i32)
        (local $k i32)
        (loop $l
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1)))
                              (local.get 0))))
        (i32.load (i32.mul (local.get 0) (i32.const 4096))))
      (func (export "outer") (param i32) (result i32)
        (call $inner (local.get 0))))"#;
    let (mut interp, i) = instantiate(text, Strategy::Interpreter, false);
    let (mut auto, a) = instantiate(text, Strategy::Auto, false);
    let message = |store: &mut Store<()>, instance: &Instance| {
        let f = instance
            .get_typed_func::<i32, i32>(&*store, "outer")
            .unwrap();
        alloc::format!("{:?}", f.call(&mut *store, 100_000).unwrap_err())
    };
    let expected = message(&mut interp, &i);
    assert!(expected.contains("out of bounds"), "{expected}");
    assert_eq!(message(&mut auto, &a), expected);
    assert_eq!(compiled(&auto), 1);
}
