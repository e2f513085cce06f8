//! GC programs beyond the spec suite (`tests/gc/*.wat`, expected values
//! from wasmtime, see tests/gc/README.md): allocation stress under a 64 MiB
//! heap limit, a large live graph kept intact while garbage is allocated,
//! references the host holds across collections, and a heap limit
//! exhausted by live data.
//!
//! The stress test allocates `WISP_GC_STRESS_GIB` GiB (1 unless set; CI's
//! release stage sets 10, about 18 s there).

use wisp::{
    AnyRef, AnyRefKind, ArrayRef, Engine, ErrorKind, Instance, Module, RootScope, Store, StructRef,
    TrapCode, Val, ValType,
};

/// The heap limit of the stress and live-graph runs.
const LIMIT: usize = 64 << 20;

fn instance(file: &str, limit: usize) -> (Store<()>, Instance) {
    let engine = Engine::default();
    let path = format!("{}/gc/{file}", env!("CARGO_MANIFEST_DIR"));
    let module = Module::from_file(&engine, &path).unwrap();
    let mut store = Store::new(&engine, ());
    store.set_gc_heap_limit(limit);
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    (store, instance)
}

#[test]
fn stress_allocates_gigabytes_within_a_64_mib_heap() {
    let gib: u32 = std::env::var("WISP_GC_STRESS_GIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    // `run(N)` allocates exactly N MiB (tests/gc/README.md).
    let expected = match gib {
        1 => 1_574_736_760_264_628_224_i64,
        10 => -2_670_714_872_881_483_776,
        other => panic!("no expected checksum for {other} GiB (1 or 10)"),
    };
    let (mut store, instance) = instance("stress.wat", LIMIT);
    let run = instance
        .get_typed_func::<i32, i64>(&mut store, "run")
        .unwrap();
    assert_eq!(run.call(&mut store, gib as i32 * 1024).unwrap(), expected);
    let stats = store.gc_heap_stats();
    assert!(stats.capacity <= LIMIT, "{stats:?}");
    // 1 GiB through a heap of at most 64 MiB needs at least 16 collections.
    assert!(stats.collections >= 16 * gib as u64, "{stats:?}");
}

#[test]
fn a_live_graph_survives_collections_of_garbage_around_it() {
    let (mut store, instance) = instance("live_graph.wat", LIMIT);
    let run = instance
        .get_typed_func::<(i32, i32), i64>(&mut store, "run")
        .unwrap();
    // `run` traps itself if the checksum after the churn differs.
    let sum = run.call(&mut store, (200_000, 1000)).unwrap();
    assert_eq!(sum, 1_742_849_909_610_981_859);
    let stats = store.gc_heap_stats();
    assert!(stats.collections > 0, "{stats:?}");
    // The graph itself is about 8 MB; it is still reachable from globals.
    store.gc();
    assert!(
        store.gc_heap_stats().live >= 8_100_008,
        "{:?}",
        store.gc_heap_stats()
    );
    let checksum = instance
        .get_typed_func::<(), i64>(&mut store, "checksum")
        .unwrap();
    assert_eq!(checksum.call(&mut store, ()).unwrap(), sum);
}

/// A module that makes structs, reads them back, and allocates garbage.
const HOLDER: &str = r#"
(module
  (type $pair (struct (field i64) (field (mut anyref))))
  (type $junk (array (mut i64)))
  (func (export "make") (param i64) (result anyref)
    (struct.new $pair (local.get 0) (ref.i31 (i32.const 7))))
  (func (export "first") (param anyref) (result i64)
    (struct.get $pair 0 (ref.cast (ref $pair) (local.get 0))))
  (func (export "churn") (param $n i32)
    (loop $l
      (drop (array.new $junk (i64.const 1) (i32.const 1000)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
"#;

#[test]
fn references_the_host_holds_survive_collections() {
    let engine = Engine::default();
    let module = Module::new(&engine, HOLDER).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let make = instance.get_func(&mut store, "make").unwrap();
    let mut out = [Val::I32(0)];
    make.call(&mut store, &[Val::I64(41)], &mut out).unwrap();
    let held: AnyRef = *out[0].unwrap_anyref().unwrap();
    assert_eq!(held.kind(&store), AnyRefKind::Struct);
    // About 80 MB of garbage: many collections, the held pair among the
    // survivors.
    let churn = instance
        .get_typed_func::<i32, ()>(&mut store, "churn")
        .unwrap();
    churn.call(&mut store, 10_000).unwrap();
    store.gc();
    assert!(store.gc_heap_stats().collections > 1);
    let first = instance.get_func(&mut store, "first").unwrap();
    first
        .call(&mut store, &[Val::AnyRef(Some(held))], &mut out)
        .unwrap();
    assert_eq!(out[0].unwrap_i64(), 41);
    // An i31 made by the host reads back; it is not a struct.
    let small = AnyRef::from_i31(&mut store, 0x7fff_ffff);
    assert_eq!(small.i31_i32(&store), Some(-1));
    let err = first
        .call(&mut store, &[Val::AnyRef(Some(small))], &mut out)
        .unwrap_err();
    assert_eq!(
        err.as_trap().map(|t| t.code()),
        Some(TrapCode::CastFailure),
        "{err}"
    );
}

#[test]
fn exhausting_the_heap_limit_is_a_clean_trap() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
          (type $cell (struct (field i64) (field (ref null $cell))))
          (func (export "grow") (result i32)
            (local $list (ref null $cell)) (local $n i32)
            (loop $l
              (local.set $list (struct.new $cell (i64.const 1) (local.get $list)))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (br $l))
            (local.get $n)))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    store.set_gc_heap_limit(1 << 20);
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let grow = instance
        .get_typed_func::<(), i32>(&mut store, "grow")
        .unwrap();
    let err = grow.call(&mut store, ()).unwrap_err();
    assert_eq!(
        err.as_trap().map(|t| t.code()),
        Some(TrapCode::GcHeapExhausted),
        "{err}"
    );
    assert!(matches!(err.kind(), ErrorKind::Trap(_)), "{err}");
    assert!(err.to_string().contains("GC heap"), "{err}");
    assert!(store.gc_heap_stats().capacity <= 1 << 20);
    // The store stays usable: the list died with the frame.
    store.gc();
    assert_eq!(store.gc_heap_stats().live, 0);
}

#[test]
fn the_host_reads_writes_and_makes_structs_and_arrays() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
          (type $point (struct (field (mut i32)) (field i8) (field (mut anyref))))
          (type $bytes (array (mut i8)))
          (func (export "point") (param (ref $point)) (result i32)
            (i32.add (struct.get $point 0 (local.get 0)) (struct.get_u $point 1 (local.get 0))))
          (func (export "sum") (param (ref $bytes)) (result i32)
            (local $k i32) (local $s i32)
            (block $done (loop $l
              (br_if $done (i32.ge_u (local.get $k) (array.len (local.get 0))))
              (local.set $s (i32.add (local.get $s) (array.get_u $bytes (local.get 0) (local.get $k))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $l)))
            (local.get $s)))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let point = instance.get_func(&mut store, "point").unwrap();
    let sum = instance.get_func(&mut store, "sum").unwrap();
    // The types come from the functions' signatures.
    let heap = |f: &wisp::Func, store: &Store<()>| match f.ty(store).params()[0] {
        ValType::Ref(r) => r.heap,
        other => panic!("{other}"),
    };
    let (point_ty, bytes_ty) = (heap(&point, &store), heap(&sum, &store));

    let seven = AnyRef::from_i31(&mut store, 7);
    let p = StructRef::new(
        &mut store,
        point_ty,
        &[Val::I32(40), Val::I32(0x1ff), Val::AnyRef(Some(seven))],
    )
    .unwrap();
    // The packed field keeps its low 8 bits.
    assert_eq!(p.field(&store, 1).unwrap().unwrap_i32(), 0xff);
    p.set_field(&mut store, 0, Val::I32(2)).unwrap();
    let err = p.set_field(&mut store, 1, Val::I32(1)).unwrap_err();
    assert!(err.to_string().contains("immutable"), "{err}");
    let mut out = [Val::I32(0)];
    point.call(&mut store, &[p.into()], &mut out).unwrap();
    assert_eq!(out[0].unwrap_i32(), 2 + 0xff);
    let inner = *p.field(&store, 2).unwrap().unwrap_anyref().unwrap();
    assert_eq!(inner.i31_u32(&store), Some(7));

    let a = ArrayRef::new_fixed(
        &mut store,
        bytes_ty,
        &[Val::I32(1), Val::I32(2), Val::I32(300)],
    )
    .unwrap();
    assert_eq!(a.len(&store), 3);
    a.set(&mut store, 0, Val::I32(10)).unwrap();
    assert!(a.get(&store, 3).is_err());
    sum.call(&mut store, &[a.into()], &mut out).unwrap();
    assert_eq!(out[0].unwrap_i32(), 10 + 2 + (300 & 0xff));
    let filled = ArrayRef::new(&mut store, bytes_ty, &Val::I32(3), 1000).unwrap();
    sum.call(&mut store, &[filled.into()], &mut out).unwrap();
    assert_eq!(out[0].unwrap_i32(), 3000);
    // A struct where an array is expected is refused before the call.
    assert!(sum.call(&mut store, &[p.into()], &mut out).is_err());
    // The wrong kind of type, and the wrong number of fields.
    assert!(StructRef::new(&mut store, bytes_ty, &[]).is_err());
    assert!(StructRef::new(&mut store, point_ty, &[Val::I32(1)]).is_err());

    // Roots made in a scope are released when it ends.
    store.gc();
    let live = store.gc_heap_stats().live;
    {
        let mut scope = RootScope::new(&mut store);
        for _ in 0..100 {
            ArrayRef::new(&mut scope, bytes_ty, &Val::I32(0), 100).unwrap();
        }
    }
    store.gc();
    assert_eq!(store.gc_heap_stats().live, live);
    // The ones outside a scope are still alive.
    assert_eq!(a.get(&store, 0).unwrap().unwrap_i32(), 10);
    assert_eq!(p.field(&store, 0).unwrap().unwrap_i32(), 2);
}
