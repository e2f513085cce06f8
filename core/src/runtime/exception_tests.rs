//! Exception handling through the embedding API: an uncaught exception
//! reaches the host as an error with its tag and payload, a host function
//! throws into Wasm, exceptions cross host frames in both directions, traps
//! are not caught, and caught exceptions do not pile up in the store.

use crate::{
    Caller, Config, Engine, ErrorKind, Exception, Func, FuncType, Linker, Module, Store, Tag, Trap,
    TrapCode, Val, ValType,
};
use alloc::{string::ToString, vec};

fn module(engine: &Engine, text: &str) -> Module {
    Module::new(engine, wat::parse_str(text).unwrap()).unwrap()
}

/// Throws `$e` (an `i32` and an `f64`) unless the argument is zero; catches
/// exceptions of the imported tag `host.e` (an `i64`) thrown by the imported
/// host function, returning the payload plus one.
const GUEST: &str = r#"(module
  (import "host" "e" (tag $host_e (param i64)))
  (import "host" "throw" (func $host_throw (param i64)))
  (import "host" "reenter" (func $reenter (param i32)))
  (tag $e (export "e") (param i32 f64))
  (func $throw (export "throw") (param i32)
    (if (local.get 0) (then (throw $e (local.get 0) (f64.const 2.5)))))
  (func (export "catch_host") (param i64) (result i64)
    (block $h (result i64)
      (try_table (catch $host_e $h) (call $host_throw (local.get 0)))
      (i64.const -1)
      (return))
    (i64.add (i64.const 1)))
  (func (export "through_host") (param i32) (result i32)
    (block $h (result i32 f64)
      (try_table (catch $e $h) (call $reenter (local.get 0)))
      (return (i32.const -1)))
    (drop))
  (func (export "trap_not_caught") (result i32)
    (block $h (try_table (catch_all $h) (unreachable)))
    (i32.const 7))
  (func (export "loop") (param i32) (result i32)
    (local $caught i32)
    (loop $again
      (block $h
        (try_table (catch_all $h) (call $throw (i32.const 1))))
      (local.set $caught (i32.add (local.get $caught) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $caught) (local.get 0))))
    (local.get $caught))
  (func (export "tail_host")
    (block $h (try_table (catch_all $h) (return_call $host_throw (i64.const 1)))))
  (func (export "catch_ref") (result exnref)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $throw (i32.const 3)))
      (ref.null exn))))"#;

struct Setup {
    store: Store<()>,
    instance: crate::Instance,
    host_tag: Tag,
}

fn setup() -> Setup {
    let engine = Engine::new(&Config::new());
    let mut store = Store::new(&engine, ());
    let host_tag = Tag::new(&mut store, &FuncType::new([ValType::I64], [])).unwrap();
    let mut linker = Linker::new(&engine);
    linker.define("host", "e", host_tag).unwrap();
    linker
        .func_wrap("host", "throw", move |x: i64| -> Result<(), Exception> {
            Err(Exception::new(host_tag, vec![Val::I64(x * 10)]))
        })
        .unwrap();
    linker
        .func_wrap(
            "host",
            "reenter",
            |mut caller: Caller<'_, ()>, x: i32| -> Result<(), Trap> {
                // A nested call whose exception comes back through this frame.
                let throw = caller.get_export("throw").unwrap().into_func().unwrap();
                throw.call(&mut caller, &[Val::I32(x)], &mut [])?;
                Ok(())
            },
        )
        .unwrap();
    let module = module(&engine, GUEST);
    let instance = linker.instantiate(&mut store, &module).unwrap();
    Setup {
        store,
        instance,
        host_tag,
    }
}

#[test]
fn an_uncaught_exception_reaches_the_host_with_tag_and_payload() {
    let Setup {
        mut store,
        instance,
        ..
    } = setup();
    let throw = instance.get_func(&store, "throw").unwrap();
    let error = throw.call(&mut store, &[Val::I32(4)], &mut []).unwrap_err();
    let ErrorKind::Exception(exception) = error.kind() else {
        panic!("{error}");
    };
    assert_eq!(exception.tag(), instance.get_tag(&store, "e").unwrap());
    assert_eq!(
        exception.payload(),
        [Val::I32(4), Val::F64(2.5f64.to_bits())]
    );
    assert!(error.to_string().contains("uncaught exception"), "{error}");
    // No exception, no error.
    throw.call(&mut store, &[Val::I32(0)], &mut []).unwrap();
}

#[test]
fn a_host_function_throws_into_wasm() {
    let Setup {
        mut store,
        instance,
        ..
    } = setup();
    let catch = instance
        .get_typed_func::<i64, i64>(&store, "catch_host")
        .unwrap();
    assert_eq!(catch.call(&mut store, 4).unwrap(), 41);
}

#[test]
fn an_exception_crosses_host_frames_into_an_outer_handler() {
    let Setup {
        mut store,
        instance,
        ..
    } = setup();
    let through = instance
        .get_typed_func::<i32, i32>(&store, "through_host")
        .unwrap();
    assert_eq!(through.call(&mut store, 9).unwrap(), 9);
    assert_eq!(through.call(&mut store, 0).unwrap(), -1);
}

#[test]
fn a_tail_called_host_function_throws_past_the_callers_handlers() {
    let Setup {
        mut store,
        instance,
        host_tag,
    } = setup();
    let f = instance.get_func(&store, "tail_host").unwrap();
    let error = f.call(&mut store, &[], &mut []).unwrap_err();
    let exception = error.as_exception().expect("uncaught");
    assert_eq!(exception.tag(), host_tag);
    assert_eq!(exception.payload(), [Val::I64(10)]);
}

#[test]
fn traps_are_not_caught() {
    let Setup {
        mut store,
        instance,
        ..
    } = setup();
    let f = instance
        .get_typed_func::<(), i32>(&store, "trap_not_caught")
        .unwrap();
    let error = f.call(&mut store, ()).unwrap_err();
    assert_eq!(
        error.as_trap().map(Trap::code),
        Some(TrapCode::Unreachable),
        "{error}"
    );
}

#[test]
fn caught_exceptions_do_not_pile_up() {
    let Setup {
        mut store,
        instance,
        ..
    } = setup();
    let f = instance.get_typed_func::<i32, i32>(&store, "loop").unwrap();
    let n = if cfg!(miri) { 20 } else { 100_000 };
    assert_eq!(f.call(&mut store, n).unwrap(), n);
    assert!(
        store.inner.exceptions.len() <= 1,
        "{}",
        store.inner.exceptions.len()
    );
}

#[test]
fn an_exception_reference_shows_its_exception_to_the_host() {
    let Setup {
        mut store,
        instance,
        host_tag,
    } = setup();
    let f = instance.get_func(&store, "catch_ref").unwrap();
    let mut out = [Val::I32(0)];
    f.call(&mut store, &[], &mut out).unwrap();
    let exception = out[0].exnref().unwrap().unwrap().exception(&store);
    assert_eq!(exception.payload()[0], Val::I32(3));
    assert_ne!(exception.tag(), host_tag);
    // A tag's type has no results.
    let bad = Tag::new(&mut store, &FuncType::new([], [ValType::I32]));
    assert!(bad.is_err());
    let _ = Func::wrap(&mut store, || {});
}
