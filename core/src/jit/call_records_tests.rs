//! The frame stack kept lazily (`call_records.rs`), on every architecture
//! the JIT compiles for: what reads frames while direct calls are on the
//! native stack — a trap's backtrace, a collection's roots, the call-depth
//! bound — sees exactly what the interpreter shows.

use crate::{Config, Engine, Linker, Module, Store, Strategy, Val};
use alloc::{format, string::String, vec::Vec};

/// A call's results, or its trap (the code's name) with the function
/// indices of its backtrace.
type Outcome = Result<Vec<Val>, (String, Vec<u32>)>;

/// Calls `name` of `text` with `args` under `strategy` (with the call
/// depth bound `max_depth`, the GC heap limited to `gc_limit` bytes if
/// set): the results, or the trap with its backtrace's function indices;
/// and how many collections ran.
fn run(
    text: &str,
    strategy: Strategy,
    max_depth: usize,
    gc_limit: Option<usize>,
    name: &str,
    args: &[Val],
) -> (Outcome, u64) {
    let mut config = Config::new();
    config.strategy(strategy).max_call_depth(max_depth);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    if let Some(bytes) = gc_limit {
        store.set_gc_heap_limit(bytes);
    }
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    if strategy == Strategy::Jit {
        let funcs = &store.inner.vm_funcs;
        assert!(funcs.iter().all(|f| !f.jit.is_null()), "all compiled");
    }
    let func = instance.get_func(&store, name).unwrap();
    let mut results = alloc::vec![Val::I32(0); func.ty(&store).results().len()];
    let outcome = match func.call(&mut store, args, &mut results) {
        Ok(()) => Ok(results),
        Err(e) => {
            let trap = e.as_trap().expect("a trap");
            let frames = trap.backtrace().iter().map(|f| f.func_index).collect();
            Err((format!("{:?}", trap.code()), frames))
        }
    };
    (outcome, store.gc_heap_stats().collections)
}

/// Direct calls (`$a` to `$b`), calls through the thunk (`call_indirect`
/// to `$c`, `call_ref` to `$d`) and a self-recursion, then a trap: the
/// backtrace names every frame, innermost first.
#[test]
fn a_trap_under_direct_calls_has_every_frame() {
    let text = r#"(module
      (type $un (func (param i32) (result i32)))
      (table 1 funcref)
      (elem (i32.const 0) func $c)
      (elem declare func $d)
      (func $a (export "a") (param i32) (result i32)
        (i32.add (i32.const 1) (call $b (local.get 0))))
      (func $b (param i32) (result i32)
        (i32.add (i32.const 1) (call_indirect (type $un) (local.get 0) (i32.const 0))))
      (func $c (param i32) (result i32)
        (i32.add (i32.const 1) (call_ref $un (local.get 0) (ref.func $d))))
      (func $d (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0))
          (then (i32.div_u (i32.const 1) (local.get 0)))
          (else (i32.add (i32.const 1) (call $d (i32.sub (local.get 0) (i32.const 1))))))))"#;
    for depth in [0, 1, 5] {
        let args = [Val::I32(depth)];
        let (jit, _) = run(text, Strategy::Jit, 10_000, None, "a", &args);
        let (interp, _) = run(text, Strategy::Interpreter, 10_000, None, "a", &args);
        assert_eq!(jit, interp, "depth {depth}");
        let (code, frames) = jit.unwrap_err();
        assert!(code.contains("IntegerDivisionByZero"), "{code}");
        let mut expected = alloc::vec![3; depth as usize + 1];
        expected.extend([2, 1, 0]);
        assert_eq!(frames, expected, "depth {depth}");
    }
}

/// Each level of a recursion keeps a struct in a local; the deepest one
/// allocates enough garbage in a small heap for several collections. The
/// callers' structs live only in their frames, which are records on the
/// native stack when the collection starts: it must see them.
#[test]
fn a_collection_under_direct_calls_keeps_the_callers_references() {
    let text = r#"(module
      (type $box (struct (field i32)))
      (type $bytes (array (mut i8)))
      (func $churn (param $n i32)
        (loop $l
          (drop (array.new_default $bytes (i32.const 1000)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
      (func $down (export "down") (param $depth i32) (result i32)
        (local $mine (ref null $box))
        (local.set $mine (struct.new $box (local.get $depth)))
        (if (result i32) (i32.eqz (local.get $depth))
          (then (call $churn (i32.const 2000)) (i32.const 0))
          (else
            (i32.add
              (call $down (i32.sub (local.get $depth) (i32.const 1)))
              (struct.get $box 0 (local.get $mine)))))))"#;
    let args = [Val::I32(50)];
    let limit = Some(256 << 10);
    let (jit, collections) = run(text, Strategy::Jit, 10_000, limit, "down", &args);
    assert_eq!(jit, Ok(alloc::vec![Val::I32(50 * 51 / 2)]));
    assert!(collections >= 2, "{collections} collections");
    let (interp, _) = run(text, Strategy::Interpreter, 10_000, limit, "down", &args);
    assert_eq!(jit, interp);
}

/// The call-depth bound holds where the interpreter puts it: a recursion
/// one call short of it returns, one call more traps, whether the calls
/// are direct (records on the native stack, bounded by the call limit) or
/// through the run loop (a bound deeper than the native budget).
#[test]
fn the_call_depth_bound_is_the_interpreters() {
    let text = r#"(module
      (func $deep (export "deep") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0))
          (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1))))))))"#;
    for max_depth in [10, 300, 5_000] {
        // The bound counts frames below the running one: the entry call
        // and `max_depth` nested calls fit.
        for depth in [max_depth as i32 - 2, max_depth as i32 - 1, max_depth as i32] {
            let args = [Val::I32(depth)];
            let (jit, _) = run(text, Strategy::Jit, max_depth, None, "deep", &args);
            let (interp, _) = run(text, Strategy::Interpreter, max_depth, None, "deep", &args);
            assert_eq!(jit, interp, "depth {depth} of {max_depth}");
        }
        let over = [Val::I32(max_depth as i32 + 1)];
        let (jit, _) = run(text, Strategy::Jit, max_depth, None, "deep", &over);
        let (code, frames) = jit.unwrap_err();
        assert!(code.contains("StackOverflow"), "{code}");
        assert!(
            frames.len() >= max_depth.min(100),
            "{} frames",
            frames.len()
        );
    }
}
