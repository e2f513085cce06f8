//! Host functions fail the way Rust code fails: with any error type, with
//! `?` on wisp's own errors, and the error comes back to the embedder
//! through the error chain with the whole Wasm backtrace.

use crate::{Caller, Engine, Error, Extern, Linker, Module, Store, Trap, TrapCode};
use alloc::string::{String, ToString};
use core::error::Error as _;
use core::fmt;

/// An error type of the embedder's own.
#[derive(Debug)]
struct Refused(u32);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "refused request {}", self.0)
    }
}

impl core::error::Error for Refused {}

/// `outer` calls the host's `h`, which may call back into `inner`; `inner`
/// traps on 0.
const MODULE: &str = r#"(module
  (import "host" "h" (func $h (param i32) (result i32)))
  (func $inner (export "inner") (param i32) (result i32)
    local.get 0
    i32.eqz
    if unreachable end
    local.get 0)
  (func $outer (export "outer") (param i32) (result i32)
    local.get 0
    call $h))"#;

/// Instantiates [`MODULE`] with `h` as the host function and calls
/// `outer(arg)`.
fn call_outer<F, R>(h: F, arg: i32) -> Result<i32, Error>
where
    F: crate::IntoFunc<(), (Caller<'static, ()>, i32), R>,
{
    let engine = Engine::default();
    let module = Module::new(&engine, wat::parse_str(MODULE).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "h", h).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let outer = instance
        .get_typed_func::<i32, i32>(&store, "outer")
        .unwrap();
    outer.call(&mut store, arg)
}

#[test]
fn a_host_error_of_any_type_is_the_traps_source() {
    let err = call_outer(
        |_: Caller<'_, ()>, x: i32| -> Result<i32, Refused> { Err(Refused(x as u32)) },
        7,
    )
    .unwrap_err();
    let trap = err.as_trap().expect("a trap");
    assert_eq!(trap.code(), TrapCode::HostError);
    assert_eq!(trap.message(), "refused request 7");
    // The chain: Error -> Trap -> Refused, as an anyhow user walks it.
    let source = err.source().expect("the trap");
    assert!(source.downcast_ref::<Trap>().is_some());
    let host = source.source().expect("the host error");
    assert_eq!(host.downcast_ref::<Refused>().map(|r| r.0), Some(7));
    // The backtrace names the Wasm caller.
    assert_eq!(trap.backtrace().len(), 1);
    assert_eq!(trap.backtrace()[0].func_index, 2);
}

#[test]
fn a_host_error_may_be_a_string() {
    let err = call_outer(
        |_: Caller<'_, ()>, _: i32| -> Result<i32, String> { Err("no such key".to_string()) },
        1,
    )
    .unwrap_err();
    assert_eq!(err.as_trap().unwrap().message(), "no such key");
    assert!(err.to_string().starts_with("trap: no such key"), "{err}");
}

#[test]
fn question_mark_on_a_wisp_error_in_a_host_function() {
    // A closure returning `Result<_, Trap>` uses `?` on `wisp::Error`.
    let err = call_outer(
        |mut caller: Caller<'_, ()>, x: i32| -> Result<i32, Trap> {
            let Some(Extern::Func(inner)) = caller.get_export("inner") else {
                return Err(Trap::host("no inner"));
            };
            let inner = inner.typed::<i32, i32>(&caller)?;
            Ok(inner.call(&mut caller, x - 1)? + 1)
        },
        1,
    )
    .unwrap_err();
    let trap = err.as_trap().unwrap();
    // The trap inside the nested call comes back as itself...
    assert_eq!(trap.code(), TrapCode::Unreachable);
    // ...with the whole Wasm stack: `inner` where it trapped, then `outer`
    // below the host frame.
    let frames: alloc::vec::Vec<_> = trap.backtrace().iter().map(|f| f.func_index).collect();
    assert_eq!(frames, [1, 2]);
    assert_eq!(trap.backtrace()[1].func_name.as_deref(), Some("outer"));

    // And the same closure succeeds when nothing traps.
    let ok = call_outer(
        |mut caller: Caller<'_, ()>, x: i32| -> Result<i32, Error> {
            let Some(Extern::Func(inner)) = caller.get_export("inner") else {
                return Err(Error::from(Trap::host("no inner")));
            };
            Ok(inner.typed::<i32, i32>(&caller)?.call(&mut caller, x)? * 10)
        },
        4,
    );
    assert_eq!(ok.unwrap(), 40);
}

#[test]
fn a_wisp_error_that_is_not_a_trap_becomes_a_host_error() {
    let err = call_outer(
        |caller: Caller<'_, ()>, _: i32| -> Result<i32, Error> {
            let Some(Extern::Func(inner)) = caller.get_export("inner") else {
                return Ok(0);
            };
            // Wrong signature: a type error, not a trap.
            inner.typed::<(i64, i64), i32>(&caller)?;
            Ok(0)
        },
        1,
    )
    .unwrap_err();
    let trap = err.as_trap().unwrap();
    assert_eq!(trap.code(), TrapCode::HostError);
    assert!(
        trap.message().starts_with("type error"),
        "{}",
        trap.message()
    );
    let source = trap.source().expect("the wisp error");
    assert!(source.downcast_ref::<Error>().is_some());
}

#[test]
fn trap_message_without_a_host_message_is_the_codes() {
    assert_eq!(
        Trap::new(TrapCode::IntegerDivisionByZero).message(),
        "integer divide by zero"
    );
    assert_eq!(Trap::host("boom").message(), "boom");
    assert!(Trap::new(TrapCode::Unreachable).source().is_none());
}
