//! Loading modules the way a wasmtime user does, and host errors from the
//! error types such a user has (`anyhow`, `std::io::Error`).

use std::error::Error as _;
use wisp::{Caller, Engine, ErrorKind, Linker, Module, Store, Trap, TrapCode};

const ADD: &str = r#"(module (func (export "add") (param i32 i32) (result i32)
  local.get 0 local.get 1 i32.add))"#;

fn add(module: &Module) -> i32 {
    let engine = module.engine().clone();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, module)
        .unwrap();
    let add = instance
        .get_typed_func::<(i32, i32), i32>(&store, "add")
        .unwrap();
    add.call(&mut store, (2, 3)).unwrap()
}

#[test]
fn module_new_accepts_text_as_str_and_bytes() {
    let engine = Engine::default();
    assert_eq!(add(&Module::new(&engine, ADD).unwrap()), 5);
    assert_eq!(add(&Module::new(&engine, ADD.as_bytes()).unwrap()), 5);
    let e = Module::new(&engine, "(module (func (i32.nonsense)))").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Text(_)), "{e}");
    // A damaged binary is still the decoder's error, on one line.
    let e = Module::new(&engine, b"\0asn\x01\0\0\0").unwrap_err();
    assert!(e.is_compile(), "{e}");
}

#[test]
fn module_from_file_reads_text_and_names_a_missing_path() {
    let dir = std::env::temp_dir().join(format!("wisp-from-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("add.wat");
    std::fs::write(&path, ADD).unwrap();
    let engine = Engine::default();
    assert_eq!(add(&Module::from_file(&engine, &path).unwrap()), 5);

    let missing = dir.join("missing.wasm");
    let e = Module::from_file(&engine, &missing).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io(_)));
    let message = e.to_string();
    assert!(message.contains("missing.wasm"), "{message}");
    assert!(!message.contains('\n'), "{message}");
    let e = wisp::module_from_file(&engine, &missing).unwrap_err();
    assert!(e.to_string().contains("missing.wasm"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `outer` calls the host's `h` with its argument.
const CALLS_HOST: &str = r#"(module
  (import "host" "h" (func $h (param i32) (result i32)))
  (func (export "outer") (param i32) (result i32) local.get 0 call $h))"#;

fn call_with_host<R>(h: impl wisp::IntoFunc<(), (Caller<'static, ()>, i32), R>) -> wisp::Error {
    let engine = Engine::default();
    let module = Module::new(&engine, CALLS_HOST).unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "h", h).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let outer = instance
        .get_typed_func::<i32, i32>(&store, "outer")
        .unwrap();
    outer.call(&mut store, 3).unwrap_err()
}

#[test]
fn host_functions_may_return_anyhow_and_io_errors() {
    let e = call_with_host(|_: Caller<'_, ()>, x: i32| -> anyhow::Result<i32> {
        anyhow::bail!("lookup {x} failed")
    });
    let trap = e.as_trap().unwrap();
    assert_eq!(trap.code(), TrapCode::HostError);
    assert_eq!(trap.message(), "lookup 3 failed");

    let e = call_with_host(|_: Caller<'_, ()>, _: i32| -> std::io::Result<i32> {
        Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "no access",
        ))
    });
    // An anyhow user reaches both the trap and the io error through the chain.
    let e = anyhow::Error::from(e);
    assert!(e.downcast_ref::<wisp::Error>().is_some());
    let trap = e
        .chain()
        .find_map(|c| c.downcast_ref::<Trap>())
        .expect("the trap");
    assert_eq!(trap.message(), "no access");
    let io = trap
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .expect("the io error");
    assert_eq!(io.kind(), std::io::ErrorKind::PermissionDenied);
}
