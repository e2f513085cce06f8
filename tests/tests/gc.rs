//! GC programs beyond the spec suite (`tests/gc/*.wat`, expected values
//! from wasmtime, see tests/gc/README.md): allocation stress under a 64 MiB
//! heap limit, a large live graph kept intact while garbage is allocated,
//! references the host holds across collections, and a heap limit
//! exhausted by live data.
//!
//! The stress test allocates `WISP_GC_STRESS_GIB` GiB (1 unless set; CI's
//! release stage sets 10, about 18 s there).

use wisp::{AnyRef, AnyRefKind, Engine, ErrorKind, Instance, Module, Store, TrapCode, Val};

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
