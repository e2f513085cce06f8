//! Tail calls (`return_call`, `return_call_indirect`) reuse the caller's
//! frame: mutual recursion runs in constant stack, directly, through a
//! table, and across instances; a tail call to a host function calls it and
//! returns its results.

use crate::{Config, Engine, Linker, Module, Store, Trap, TrapCode};
use alloc::string::ToString;

/// Tail calls made by each recursion test: ten million natively, fewer
/// under Miri, which interprets every one of them.
const CALLS: i64 = if cfg!(miri) { 2_000 } else { 10_000_000 };

/// An engine whose value stack (16 Ki slots, 128 KiB) and call depth (100)
/// are far too small for `CALLS` nested calls.
fn small_engine() -> Engine {
    let mut config = Config::new();
    config.max_stack_slots(16 * 1024).max_call_depth(100);
    Engine::new(&config)
}

/// `text` compiled under `engine`.
fn module(engine: &Engine, text: &str) -> Module {
    Module::new(engine, wat::parse_str(text).unwrap()).unwrap()
}

/// `even`/`odd` by mutual tail recursion, directly and through a table.
const EVEN_ODD: &str = r#"(module
  (type $pred (func (param i64) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $even_indirect $odd_indirect)
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
  (func $even_indirect (export "even_indirect") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call_indirect (type $pred)
        (i64.sub (local.get 0) (i64.const 1)) (i32.const 1)))))
  (func $odd_indirect (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call_indirect (type $pred)
        (i64.sub (local.get 0) (i64.const 1)) (i32.const 0))))))"#;

#[test]
fn mutual_tail_recursion_runs_in_constant_stack() {
    let engine = small_engine();
    let module = module(&engine, EVEN_ODD);
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    for name in ["even", "even_indirect"] {
        let f = instance.get_typed_func::<i64, i32>(&store, name).unwrap();
        assert_eq!(f.call(&mut store, CALLS).unwrap(), 1, "{name}({CALLS})");
        assert_eq!(
            f.call(&mut store, CALLS + 1).unwrap(),
            0,
            "{name}({CALLS} + 1)"
        );
    }
}

#[test]
fn ordinary_calls_of_the_same_depth_overflow() {
    // The same recursion with `call`: the small stack is what stops it.
    let engine = small_engine();
    let source = EVEN_ODD.replace("return_call", "call");
    let module = module(&engine, &source);
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let even = instance.get_typed_func::<i64, i32>(&store, "even").unwrap();
    let trap = even.call(&mut store, 1_000).unwrap_err();
    let code = trap.as_trap().map(Trap::code);
    assert_eq!(code, Some(TrapCode::StackOverflow), "{trap}");
}

#[test]
fn a_tail_call_of_the_host_returns_its_results_or_its_trap() {
    let engine = Engine::default();
    let module = module(
        &engine,
        r#"(module
          (import "host" "triple" (func $triple (param i32) (result i32)))
          (import "host" "fail" (func $fail (param i32) (result i32)))
          (type $un (func (param i32) (result i32)))
          (table funcref (elem $triple))
          (func (export "direct") (param i32) (result i32)
            (return_call $triple (i32.add (local.get 0) (i32.const 1))))
          (func (export "indirect") (param i32) (result i32)
            (return_call_indirect (type $un) (local.get 0) (i32.const 0)))
          (func (export "fails") (param i32) (result i32)
            (return_call $fail (local.get 0))))"#,
    );
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "triple", |x: i32| x * 3)
        .unwrap()
        .func_wrap("host", "fail", |x: i32| -> Result<i32, Trap> {
            Err(Trap::host(alloc::format!("refused {x}")))
        })
        .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let direct = instance
        .get_typed_func::<i32, i32>(&store, "direct")
        .unwrap();
    assert_eq!(direct.call(&mut store, 4).unwrap(), 15);
    let indirect = instance
        .get_typed_func::<i32, i32>(&store, "indirect")
        .unwrap();
    assert_eq!(indirect.call(&mut store, 7).unwrap(), 21);
    let fails = instance
        .get_typed_func::<i32, i32>(&store, "fails")
        .unwrap();
    let error = fails.call(&mut store, 9).unwrap_err();
    assert!(error.to_string().contains("refused 9"), "{error}");
}

#[test]
fn tail_calls_across_instances_run_in_constant_stack() {
    // `ping` (instance A) and `pong` (instance B) count down by tail calls
    // to each other: `ping` through the table A exports, in which B puts
    // `pong`; `pong` directly, through its import of `ping`.
    let engine = small_engine();
    let a = module(
        &engine,
        r#"(module
          (type $count (func (param i64) (result i64)))
          (table (export "table") 1 funcref)
          (func (export "ping") (param i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0))
              (then (i64.const 7))
              (else (return_call_indirect (type $count)
                (i64.sub (local.get 0) (i64.const 1)) (i32.const 0))))))"#,
    );
    let b = module(
        &engine,
        r#"(module
          (import "a" "table" (table 1 funcref))
          (import "a" "ping" (func $ping (param i64) (result i64)))
          (elem (i32.const 0) $pong)
          (func $pong (export "pong") (param i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0))
              (then (i64.const 8))
              (else (return_call $ping (i64.sub (local.get 0) (i64.const 1)))))))"#,
    );
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let a = linker.instantiate(&mut store, &a).unwrap();
    linker.instance(&mut store, "a", a).unwrap();
    let b = linker.instantiate(&mut store, &b).unwrap();
    let ping = a.get_typed_func::<i64, i64>(&store, "ping").unwrap();
    let pong = b.get_typed_func::<i64, i64>(&store, "pong").unwrap();
    let calls = CALLS / 10;
    // An even count ends where it started.
    assert_eq!(ping.call(&mut store, calls).unwrap(), 7);
    assert_eq!(ping.call(&mut store, calls + 1).unwrap(), 8);
    assert_eq!(pong.call(&mut store, calls).unwrap(), 8);
}
