//! A component using WASI 0.2 through the library: the context owned by
//! the host state (`p2::add_to_linker`) or shared
//! (`p2::add_to_linker_shared`), the same arguments either way.
#![cfg(feature = "component")]

use wisp::component::{Component, Linker};
use wisp::wasi::{SharedWasiCtx, WasiCtx, p2};
use wisp::{Engine, Store};

/// Returns how many arguments `wasi:cli/environment`'s `get-arguments`
/// gives (the list is lowered into the component's memory).
const COUNT_ARGS: &str = r#"(component
  (import "wasi:cli/environment@0.2.3" (instance $env
    (export "get-arguments" (func (result (list string))))))
  (alias export $env "get-arguments" (func $get-arguments))
  (core module $libc
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $ptr i32)
      (local.set $ptr (i32.and (i32.add (global.get $next) (i32.sub (local.get 2) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get 2))))
      (global.set $next (i32.add (local.get $ptr) (local.get 3)))
      (local.get $ptr)))
  (core instance $libc (instantiate $libc))
  (core func $get-arguments (canon lower (func $get-arguments)
    (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core module $m
    (import "libc" "memory" (memory 1))
    (import "env" "get-arguments" (func $get-arguments (param i32)))
    (func (export "count") (result i32)
      (call $get-arguments (i32.const 16))
      (i32.load (i32.const 20))))
  (core instance $m (instantiate $m
    (with "libc" (instance $libc))
    (with "env" (instance (export "get-arguments" (func $get-arguments))))))
  (func (export "count") (result u32) (canon lift (core func $m "count"))))"#;

fn ctx() -> WasiCtx {
    WasiCtx::builder().args(["prog", "a", "b"]).build()
}

#[test]
fn a_component_sees_the_arguments_of_an_owned_or_shared_context() {
    let engine = Engine::default();
    let component = Component::new(&engine, &wat::parse_str(COUNT_ARGS).unwrap()).unwrap();

    struct Host {
        wasi: WasiCtx,
    }
    let mut linker = Linker::<Host>::new(&engine);
    p2::add_to_linker(&mut linker, |h| &mut h.wasi).unwrap();
    let mut store = Store::new(&engine, Host { wasi: ctx() });
    let instance = linker.instantiate(&mut store, &component).unwrap();
    let count = instance
        .get_func("count")
        .unwrap()
        .typed::<(), (u32,)>()
        .unwrap();
    assert_eq!(count.call(&mut store, ()).unwrap(), (3,));

    let mut linker = Linker::<SharedWasiCtx>::new(&engine);
    p2::add_to_linker_shared(&mut linker, |h| h).unwrap();
    let mut store = Store::new(&engine, SharedWasiCtx::new(ctx()));
    let instance = linker.instantiate(&mut store, &component).unwrap();
    let count = instance
        .get_func("count")
        .unwrap()
        .typed::<(), (u32,)>()
        .unwrap();
    assert_eq!(count.call(&mut store, ()).unwrap(), (3,));
}
