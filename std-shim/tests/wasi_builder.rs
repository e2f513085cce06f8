//! The WASI builder as a wasmtime user writes it: `wisp::wasi`, arguments
//! as `&[&str]`, stdin and stdout in memory, `?` on `Errno`.

use wisp::wasi::{self, Errno, MemoryInputPipe, MemoryOutputPipe, WasiCtx, WasiCtxBuilder};
use wisp::{Engine, Linker, Module, Store};

/// Echoes its stdin to stdout, then writes its argument count as a digit
/// and a newline.
const ECHO: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    ;; iovec at 0: buffer 100, length 64
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 64))
    (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
    ;; write back what was read (its length is at 8)
    (i32.store (i32.const 4) (i32.load (i32.const 8)))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))
    ;; argc as a digit and a newline at 200
    (drop (call $sizes (i32.const 16) (i32.const 20)))
    (i32.store8 (i32.const 200) (i32.add (i32.load (i32.const 16)) (i32.const 48)))
    (i32.store8 (i32.const 201) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 200))
    (i32.store (i32.const 4) (i32.const 2))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))))"#;

fn run(ctx: WasiCtx) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::default();
    let module = Module::new(&engine, ECHO)?;
    let mut store = Store::new(&engine, ctx);
    let mut linker = Linker::new(&engine);
    wasi::add_to_linker(&mut linker, |ctx| ctx)?;
    let instance = linker.instantiate(&mut store, &module)?;
    instance
        .get_typed_func::<(), ()>(&store, "_start")?
        .call(&mut store, ())?;
    Ok(())
}

#[test]
// `&[...]` is what users write (and what did not compile before).
#[allow(clippy::needless_borrows_for_generic_args)]
fn stdin_and_stdout_in_memory_with_str_slice_arguments() -> Result<(), Box<dyn std::error::Error>> {
    let stdout = MemoryOutputPipe::new(4096);
    let ctx = WasiCtxBuilder::new()
        .args(&["prog", "a1", "a2"])
        .envs(&[("KEY", "value")])
        .stdin(MemoryInputPipe::new("hello\n").into())
        .stdout(stdout.clone().into())
        .build();
    run(ctx)?;
    assert_eq!(stdout.contents(), b"hello\n3\n");
    Ok(())
}

#[test]
fn a_full_output_pipe_is_nospc_for_the_guest_not_a_crash() -> Result<(), Box<dyn std::error::Error>>
{
    let stdout = MemoryOutputPipe::new(3);
    let ctx = WasiCtxBuilder::new()
        .stdin(MemoryInputPipe::new("hello\n").into())
        .stdout(stdout.clone().into())
        .build();
    run(ctx)?;
    assert_eq!(stdout.contents(), b"hel");
    Ok(())
}

#[test]
fn errno_is_an_error_with_a_message() {
    fn preopen() -> Result<(), Box<dyn std::error::Error>> {
        WasiCtxBuilder::new().preopened_dir("/no/such/directory/anywhere", ".")?;
        Ok(())
    }
    let e = preopen().unwrap_err();
    assert_eq!(e.downcast_ref::<Errno>(), Some(&Errno::NoEnt));
    assert_eq!(e.to_string(), "No such file or directory (errno NOENT)");
}
