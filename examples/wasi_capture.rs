//! WASI with the guest's output captured in memory: what a test harness or
//! a service running untrusted programs does.
//!
//! Run: cargo run -p wisp --example wasi_capture
//! Expect: the guest's stdout ("seen: 3 arguments") and its exit status 7.

use wisp::wasi::{self, Capabilities, MemoryInputPipe, MemoryOutputPipe, WasiCtx, WasiCtxBuilder};
use wisp::{Engine, Linker, Module, Store};

/// Prints "seen: N arguments\n" (N < 10) and exits with status 7.
const GUEST: &str = r#"(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "seen: ? arguments\0a")
  (func (export "_start")
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (i32.store8 (i32.const 106) (i32.add (i32.load (i32.const 0)) (i32.const 48)))
    (i32.store (i32.const 8) (i32.const 100))
    (i32.store (i32.const 12) (i32.const 18))
    (drop (call $write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 16)))
    (call $exit (i32.const 7))))"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::default();
    let module = Module::new(&engine, GUEST)?;
    let mut linker = Linker::<WasiCtx>::new(&engine);
    wasi::add_to_linker(&mut linker, |ctx| ctx)?;

    let stdout = MemoryOutputPipe::new(1 << 20); // keep a clone to read it afterwards
    let ctx = WasiCtxBuilder::new()
        .args(["guest.wasm", "--fast", "input.txt"])
        .stdin(MemoryInputPipe::new("").into())
        .stdout(stdout.clone().into())
        .capabilities(Capabilities::CLOCK | Capabilities::RANDOM) // no files, no network
        .build();
    let mut store = Store::new(&engine, ctx);
    let instance = linker.instantiate(&mut store, &module)?;
    let start = instance.get_typed_func::<(), ()>(&store, "_start")?;
    let status = match start.call(&mut store, ()) {
        Ok(()) => 0,
        Err(e) => match e.as_trap().and_then(|t| t.exit_status()) {
            Some(status) => status, // the guest called proc_exit
            None => return Err(e.into()),
        },
    };
    let output = String::from_utf8(stdout.contents())?;
    print!("guest stdout: {output}");
    println!("exit status: {status}");

    assert_eq!(output, "seen: 3 arguments\n");
    assert_eq!(status, 7);
    Ok(())
}

#[test]
fn runs() {
    main().unwrap();
}
