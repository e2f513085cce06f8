//! Calls allocate nothing once the store is warm: host→Wasm through
//! `TypedFunc::call` and `Func::call`, and Wasm→host through a host function
//! defined with `Linker::func_wrap`. A counting global allocator (this test
//! binary's own) counts the allocations each call makes on this thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use wisp_core::{Engine, Linker, Module, Store, Val};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; the counter is a
// const-initialized thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's contract, forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's contract, forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn warm_calls_allocate_nothing() {
    let engine = Engine::default();
    let wasm = wat::parse_str(
        r#"(module
          (import "host" "add" (func $add (param i32 i64) (result i64)))
          (func (export "id") (param i32) (result i32) local.get 0)
          (func (export "pair") (param i64 f64) (result f64 i64) local.get 1 local.get 0)
          (func (export "via_host") (param i32) (result i64)
            local.get 0 i64.const 40 call $add))"#,
    )
    .unwrap();
    let module = Module::new(&engine, &wasm).unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "add", |a: i32, b: i64| b + a as i64)
        .unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let id = instance.get_typed_func::<i32, i32>(&store, "id").unwrap();
    let pair = instance
        .get_typed_func::<(i64, f64), (f64, i64)>(&store, "pair")
        .unwrap();
    let via_host = instance
        .get_typed_func::<i32, i64>(&store, "via_host")
        .unwrap();
    let untyped = instance.get_func(&store, "via_host").unwrap();
    // The first call allocates the store's value stack.
    assert_eq!(id.call(&mut store, 1).unwrap(), 1);

    let n = allocations(|| {
        for i in 0..100 {
            assert_eq!(id.call(&mut store, i).unwrap(), i);
            assert_eq!(
                pair.call(&mut store, (i as i64, 0.5)).unwrap(),
                (0.5, i as i64)
            );
            assert_eq!(via_host.call(&mut store, i).unwrap(), 40 + i as i64);
            let mut out = [Val::I64(0)];
            untyped.call(&mut store, &[Val::I32(i)], &mut out).unwrap();
            assert_eq!(out[0].i64(), Some(40 + i as i64));
        }
    });
    assert_eq!(n, 0, "allocations in 400 warm calls");
}
