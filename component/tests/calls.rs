//! Components written in WAT, instantiated against host functions and
//! called with values of every kind.

use wisp_component::{Component, Linker, Val};
use wisp_core::{Engine, Store};

fn component(engine: &Engine, wat: &str) -> Component {
    let bytes = wat::parse_str(wat).expect("valid WAT");
    Component::new(engine, &bytes).expect("valid component")
}

const ECHO: &str = r#"
(component
  (import "host" (instance $host
    (export "double" (func (param "x" u32) (result u32)))
    (export "shout" (func (param "s" string) (result string)))
  ))
  (alias export $host "double" (func $double))
  (alias export $host "shout" (func $shout))
  (core module $libc
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $ptr i32)
      (local.set $ptr (i32.and (i32.add (global.get $next) (i32.sub (local.get 2) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get 2))))
      (global.set $next (i32.add (local.get $ptr) (local.get 3)))
      (local.get $ptr))
  )
  (core instance $libc (instantiate $libc))
  (core func $double (canon lower (func $double)))
  (core func $shout (canon lower (func $shout) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core module $m
    (import "libc" "memory" (memory 1))
    (import "host" "double" (func $double (param i32) (result i32)))
    (import "host" "shout" (func $shout (param i32 i32 i32)))
    (func (export "add") (param i32 i32) (result i32)
      (call $double (i32.add (local.get 0) (local.get 1))))
    ;; echo(s) = shout(s): the host's string comes back through a return area
    (func (export "echo") (param i32 i32) (result i32)
      (call $shout (local.get 0) (local.get 1) (i32.const 16))
      (i32.const 16))
  )
  (core instance $m (instantiate $m
    (with "libc" (instance $libc))
    (with "host" (instance (export "double" (func $double)) (export "shout" (func $shout))))
  ))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32)
    (canon lift (core func $m "add")))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $m "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
)
"#;

#[test]
fn exports_call_host_imports_through_the_canonical_abi() {
    let engine = Engine::default();
    let component = component(&engine, ECHO);
    let mut linker = Linker::<()>::new(&engine);
    let mut host = linker.instance("host").unwrap();
    host.func_new("double", |_, params, results| {
        let Val::U32(x) = params[0] else {
            panic!("{params:?}")
        };
        results[0] = Val::U32(x * 2);
        Ok(())
    })
    .unwrap();
    host.func_new("shout", |_, params, results| {
        let Val::String(s) = &params[0] else {
            panic!("{params:?}")
        };
        results[0] = Val::String(s.to_uppercase() + "!");
        Ok(())
    })
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = linker.instantiate(&mut store, &component).unwrap();
    let add = instance.get_func("add").unwrap();
    let mut out = [Val::Bool(false)];
    add.call(&mut store, &[Val::U32(20), Val::U32(1)], &mut out)
        .unwrap();
    assert_eq!(out[0], Val::U32(42));
    let echo = instance.get_func("echo").unwrap();
    echo.call(&mut store, &[Val::String("héllo".into())], &mut out)
        .unwrap();
    assert_eq!(out[0], Val::String("HÉLLO!".into()));
}

#[test]
fn a_missing_import_is_a_link_error() {
    let engine = Engine::default();
    let component = component(&engine, ECHO);
    let linker = Linker::<()>::new(&engine);
    let mut store = Store::new(&engine, ());
    let err = linker.instantiate(&mut store, &component).unwrap_err();
    assert!(err.to_string().contains("`host` is not defined"), "{err}");
}

#[test]
fn typed_calls_and_typed_host_functions() {
    let engine = Engine::default();
    let component = component(&engine, ECHO);
    let mut linker = Linker::<u32>::new(&engine);
    let mut host = linker.instance("host").unwrap();
    host.func_wrap("double", |mut store, (x,): (u32,)| {
        *store.data_mut() += 1;
        Ok((x * 2,))
    })
    .unwrap();
    host.func_wrap("shout", |_, (s,): (String,)| Ok((s.to_uppercase(),)))
        .unwrap();
    let mut store = Store::new(&engine, 0u32);
    let instance = linker.instantiate(&mut store, &component).unwrap();
    let add = instance
        .get_func("add")
        .unwrap()
        .typed::<(u32, u32), (u32,)>()
        .unwrap();
    assert_eq!(add.call(&mut store, (3, 4)).unwrap(), (14,));
    assert_eq!(*store.data(), 1, "the host function saw the store");
    let echo = instance
        .get_func("echo")
        .unwrap()
        .typed::<(&str,), (String,)>()
        .unwrap();
    assert_eq!(echo.call(&mut store, ("abc",)).unwrap().0, "ABC");
    let wrong = instance.get_func("add").unwrap().typed::<(u32,), (u32,)>();
    assert!(wrong.is_err(), "one parameter for two");
    let wrong = instance
        .get_func("echo")
        .unwrap()
        .typed::<(String,), (u32,)>();
    assert!(wrong.is_err(), "a string result as u32");
}

#[test]
fn rust_types_typecheck_as_their_component_types() {
    use std::sync::Arc;
    use wisp_component::{ComponentType, Lift, Lower, ResultType, Type};
    let result = Type::Result(Arc::new(ResultType {
        ok: Some(Type::List(Arc::new(Type::U8))),
        err: Some(Type::String),
    }));
    assert!(<Result<Vec<u8>, String>>::typecheck(&result));
    assert!(!<Result<Vec<u8>, u32>>::typecheck(&result));
    let unit_ok = Type::Result(Arc::new(ResultType {
        ok: None,
        err: Some(Type::String),
    }));
    assert!(<Result<(), String>>::typecheck(&unit_ok));
    assert!(!<Result<u8, String>>::typecheck(&unit_ok));
    let value: Result<(), String> = Err("no".into());
    assert_eq!(<Result<(), String>>::lift(&value.lower()), Some(value));
    let ok: Result<(), String> = Ok(());
    assert_eq!(ok.lower(), Val::Result(Ok(None)));
    assert_eq!(
        <Result<(), String>>::lift(&Val::Result(Ok(None))),
        Some(Ok(()))
    );
    let nested = Some(vec![(1u8, 'x')]);
    assert_eq!(
        <Option<Vec<(u8, char)>>>::lift(&nested.lower()),
        Some(nested)
    );
}

#[test]
fn malformed_components_are_errors_never_panics() {
    let engine = Engine::default();
    // A core module section whose size runs past the end (the parser
    // checks that only when the section ends).
    let past_the_end = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x01, 0x69];
    let err = Component::new(&engine, &past_the_end).unwrap_err();
    assert!(err.to_string().contains("past the end"), "{err}");
    // Every truncation of a valid component (one that ends at a section
    // boundary may be a valid smaller component) and every byte flipped:
    // an error or a component, never a panic.
    let bytes = wat::parse_str(ECHO).unwrap();
    let refused = (0..bytes.len())
        .filter(|&len| Component::new(&engine, &bytes[..len]).is_err())
        .count();
    assert!(
        refused > bytes.len() * 9 / 10,
        "{refused} of {} prefixes refused",
        bytes.len()
    );
    for i in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[i] ^= 0xff;
        let _ = Component::new(&engine, &damaged);
    }
}

#[test]
fn a_top_level_value_type_import_needs_no_definition() {
    let engine = Engine::default();
    let component = component(
        &engine,
        r#"(component
          (type $point (record (field "x" u32) (field "y" u32)))
          (import "point" (type $p (eq $point)))
          (core module $m (func (export "zero") (result i32) (i32.const 0)))
          (core instance $m (instantiate $m))
          (func (export "zero") (result u32) (canon lift (core func $m "zero"))))"#,
    );
    let mut store = Store::new(&engine, ());
    let instance = Linker::<()>::new(&engine)
        .instantiate(&mut store, &component)
        .unwrap();
    let zero = instance
        .get_func("zero")
        .unwrap()
        .typed::<(), (u32,)>()
        .unwrap();
    assert_eq!(zero.call(&mut store, ()).unwrap(), (0,));
}
