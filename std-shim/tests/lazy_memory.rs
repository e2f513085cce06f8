//! With `std`, linear memories are reserved address space committed as they
//! grow (the `mmap` default hooks): a memory grown one page at a time to
//! 4 GiB copies nothing and costs only the pages the guest touches.

use wisp::{Engine, Linker, Store};

/// Resident set size of this process in bytes (Linux: `/proc/self/status`).
#[cfg(target_os = "linux")]
fn resident_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("procfs");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .expect("VmRSS line");
    let kib: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("VmRSS value");
    kib * 1024
}

#[test]
#[cfg(target_os = "linux")]
fn growing_to_4_gib_a_page_at_a_time_touches_nothing() {
    let engine = Engine::default();
    let module = wisp::module_from_bytes(
        &engine,
        br#"(module
              (memory (export "memory") 0)
              (func (export "grow_all") (result i32) (local $n i32)
                (block $done
                  (loop $l
                    (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))
                    (br $l)))
                local.get $n)
              (func (export "poke") (param i32) (i32.store8 (local.get 0) (i32.const 7))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let grow_all = instance
        .get_typed_func::<(), i32>(&store, "grow_all")
        .unwrap();
    let before = resident_bytes();
    assert_eq!(grow_all.call(&mut store, ()).unwrap(), 65536);
    let memory = instance.get_memory(&store, "memory").unwrap();
    assert_eq!(memory.data(&store).len(), 1 << 32);
    // The last byte is there, zero, and writable from Wasm.
    assert_eq!(memory.data(&store)[(1 << 32) - 1], 0);
    let poke = instance.get_typed_func::<i32, ()>(&store, "poke").unwrap();
    poke.call(&mut store, -1).unwrap();
    assert_eq!(memory.data(&store)[(1 << 32) - 1], 7);
    let grown = resident_bytes().saturating_sub(before);
    assert!(
        grown < 64 << 20,
        "growing to 4 GiB made {grown} bytes resident"
    );
}
