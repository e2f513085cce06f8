//! memory64: a 64-bit memory larger than 4 GiB, reached with a static
//! offset above 4 GiB, and its bounds.

use crate::{Engine, Module, Store};

fn module(engine: &Engine, wat: &str) -> Module {
    Module::new(engine, wat::parse_str(wat).unwrap()).unwrap()
}

#[test]
#[cfg(target_pointer_width = "64")]
#[cfg_attr(miri, ignore = "allocates a 5 GiB memory")]
fn a_64_bit_memory_reaches_past_4_gib() {
    // 5 GiB, of which the run touches a few pages: the default memory
    // hooks (and the global allocator without `mmap`) leave the rest
    // unbacked.
    let engine = Engine::default();
    let module = module(
        &engine,
        r#"(module
          (memory (export "memory") i64 81920)
          (func (export "store_far") (param i32)
            (i32.store offset=4831838208 (i64.const 0) (local.get 0)))
          (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
          (func (export "size") (result i64) (memory.size)))"#,
    );
    let mut store = Store::new(&engine, ());
    let instance = crate::Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let store_far = instance
        .get_typed_func::<i32, ()>(&store, "store_far")
        .unwrap();
    let load = instance.get_typed_func::<i64, i32>(&store, "load").unwrap();
    let size = instance.get_typed_func::<(), i64>(&store, "size").unwrap();
    assert_eq!(size.call(&mut store, ()).unwrap(), 81920);
    store_far.call(&mut store, 77).unwrap();
    assert_eq!(load.call(&mut store, 4_831_838_208).unwrap(), 77);
    let end = 5i64 << 30;
    assert_eq!(load.call(&mut store, end - 4).unwrap(), 0);
    let e = load.call(&mut store, end - 3).unwrap_err();
    assert_eq!(
        e.as_trap().map(crate::Trap::code),
        Some(crate::TrapCode::MemoryOutOfBounds)
    );
    let memory = instance.get_memory(&store, "memory").unwrap();
    assert_eq!(memory.data_size(&store), 5 << 30);
}
