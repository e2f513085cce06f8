//! Collections while Wasm runs: references in locals, in temporaries (an
//! allocation's operands, values below a call), in globals and tables and
//! in the frame of a Wasm caller of a host function all survive; packed
//! and `v128` fields keep their values. The heap is kept at its smallest
//! so that a few allocations collect (these tests also run under Miri).
//! Where the JIT is built, every case also runs compiled (GC instructions
//! through its helper) and must give the same results.

use crate::{Config, Engine, Instance, Linker, Module, Store, Strategy, Val};

const GUEST: &str = r#"(module
  (type $pair (struct (field (mut anyref)) (field (mut anyref))))
  (type $bytes (array (mut i8)))
  (type $vec (struct (field v128) (field i16) (field (mut i64))))
  (import "host" "collect" (func $collect))
  (global $g (mut anyref) (ref.null any))
  (table $t 2 anyref)
  (func $junk (param $n i32)
    (loop $l
      (drop (array.new_default $bytes (i32.const 1000)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func $first (param anyref) (result i32)
    (i31.get_u (ref.cast (ref i31)
      (struct.get $pair 0 (ref.cast (ref $pair) (local.get 0))))))
  (func (export "temps") (result i32)
    (struct.new $pair (ref.i31 (i32.const 5)) (ref.null any))
    (call $junk (i32.const 200))
    (call $first))
  (func (export "nested") (result i32)
    (call $first (ref.cast (ref $pair) (struct.get $pair 0
      (struct.new $pair
        (struct.new $pair (ref.i31 (i32.const 6)) (ref.null any))
        (block (result anyref) (call $junk (i32.const 200)) (ref.null any)))))))
  (func (export "roots") (result i32)
    (local $keep anyref)
    (local.set $keep (struct.new $pair (ref.i31 (i32.const 1)) (ref.null any)))
    (global.set $g (struct.new $pair (ref.i31 (i32.const 2)) (ref.null any)))
    (table.set $t (i32.const 1) (struct.new $pair (ref.i31 (i32.const 3)) (ref.null any)))
    (call $junk (i32.const 200))
    (call $collect)
    (call $junk (i32.const 200))
    (i32.add
      (i32.add (call $first (local.get $keep)) (call $first (global.get $g)))
      (call $first (table.get $t (i32.const 1)))))
  (func (export "fields") (result i32)
    (local $v (ref $vec))
    (local.set $v (struct.new $vec (v128.const i32x4 1 2 3 4) (i32.const -1) (i64.const 7)))
    (call $junk (i32.const 200))
    (struct.set $vec 2 (local.get $v) (i64.const 9))
    (i32.add
      (i32.add (i32x4.extract_lane 3 (struct.get $vec 0 (local.get $v)))
        (struct.get_s $vec 1 (local.get $v)))
      (i32.add (struct.get_u $vec 1 (local.get $v))
        (i32.wrap_i64 (struct.get $vec 2 (local.get $v)))))))"#;

/// Calls export `name` under every strategy built: its result and the
/// number of collections, the same under each.
fn run(name: &str) -> (i32, u64) {
    let interpreted = run_with(name, Strategy::Interpreter);
    #[cfg(all(wisp_jit, not(miri)))]
    assert_eq!(
        run_with(name, Strategy::Jit),
        interpreted,
        "{name} compiled"
    );
    interpreted
}

fn run_with(name: &str, strategy: Strategy) -> (i32, u64) {
    let engine = Engine::new(Config::new().strategy(strategy));
    let module = Module::new(&engine, wat::parse_str(GUEST).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    // The smallest heap: 64 KiB, so that 200 arrays of 1 KB collect.
    store.set_gc_heap_limit(64 << 10);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "collect", |mut caller: crate::Caller<'_, ()>| {
            caller.gc()
        })
        .unwrap();
    let instance: Instance = linker.instantiate(&mut store, &module).unwrap();
    #[cfg(wisp_jit)]
    if strategy == Strategy::Jit {
        let interpreted = store.inner.vm_funcs.iter();
        let interpreted = interpreted.filter(|f| !f.compiled.is_null() && f.jit.is_null());
        assert_eq!(interpreted.count(), 0, "every function compiled");
    }
    let f = instance.get_func(&mut store, name).unwrap();
    let mut out = [Val::I32(0)];
    f.call(&mut store, &[], &mut out).unwrap();
    (out[0].unwrap_i32(), store.gc_heap_stats().collections)
}

#[test]
fn an_allocations_operands_and_values_below_a_call_survive() {
    let (value, collections) = run("temps");
    assert_eq!(value, 5);
    assert!(collections >= 2, "{collections} collections");
    assert_eq!(run("nested").0, 6);
}

#[test]
fn locals_globals_tables_and_a_host_callers_frame_are_roots() {
    let (value, collections) = run("roots");
    assert_eq!(value, 1 + 2 + 3);
    assert!(collections >= 3, "{collections} collections");
}

#[test]
fn packed_and_vector_fields_keep_their_values() {
    // 4 (lane 3) + -1 (i16 sign-extended) + 65535 (zero-extended) + 9.
    assert_eq!(run("fields").0, 4 - 1 + 65535 + 9);
}
