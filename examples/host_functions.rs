//! Host functions: a Wasm module calls into Rust, which keeps state, reads
//! the guest's memory and fails with its own error type.
//!
//! Run: cargo run -p wisp --example host_functions
//! Expect: the guest logs "hello" and "world", sums 1..=10 through the host,
//!         and the last call fails with the host's error.

use std::fmt;
use wisp::{Caller, Engine, Extern, Linker, Module, Store};

/// The host's state, reachable from every host function through `Caller`.
#[derive(Default)]
struct Host {
    lines: Vec<String>,
}

/// An error of the host's own; host functions may return any error type.
#[derive(Debug)]
struct Refused(i32);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the host refuses {}", self.0)
    }
}

impl std::error::Error for Refused {}

const GUEST: &str = r#"(module
  (import "host" "log" (func $log (param i32 i32)))
  (import "host" "add" (func $add (param i32 i32) (result i32)))
  (import "host" "check" (func $check (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello")
  (data (i32.const 8) "world")
  (func (export "greet")
    (call $log (i32.const 0) (i32.const 5))
    (call $log (i32.const 8) (i32.const 5)))
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func (export "checked") (param i32) (result i32) (call $check (local.get 0))))"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::default();
    let module = Module::new(&engine, GUEST)?;
    let mut store = Store::new(&engine, Host::default());
    let mut linker = Linker::new(&engine);

    // Reads a string out of the guest's memory into the host's state.
    linker.func_wrap(
        "host",
        "log",
        |mut caller: Caller<'_, Host>, at: i32, len: i32| {
            let Some(Extern::Memory(memory)) = caller.get_export("memory") else {
                return Err(wisp::Trap::host("the guest exports no memory"));
            };
            let (bytes, host) = memory.data_and_store_mut(&mut caller);
            let text = bytes
                .get(at as usize..(at as usize).saturating_add(len as usize))
                .ok_or_else(|| wisp::Trap::host("string out of bounds"))?;
            host.lines.push(String::from_utf8_lossy(text).into_owned());
            Ok(())
        },
    )?;
    // A plain closure: Wasm types in, Wasm types out.
    linker.func_wrap("host", "add", |a: i32, b: i32| a + b)?;
    // A fallible one with the host's own error type.
    linker.func_wrap("host", "check", |x: i32| -> Result<i32, Refused> {
        if x < 0 { Err(Refused(x)) } else { Ok(x * 2) }
    })?;

    let instance = linker.instantiate(&mut store, &module)?;
    instance
        .get_typed_func::<(), ()>(&store, "greet")?
        .call(&mut store, ())?;
    println!("logged: {:?}", store.data().lines);
    let sum = instance
        .get_typed_func::<i32, i32>(&store, "sum")?
        .call(&mut store, 10)?;
    println!("sum(10) = {sum}");

    let checked = instance.get_typed_func::<i32, i32>(&store, "checked")?;
    println!("checked(21) = {}", checked.call(&mut store, 21)?);
    let err = checked.call(&mut store, -1).unwrap_err();
    let trap = err.as_trap().expect("a trap");
    // The host's error is the trap's source, as an anyhow user would find it.
    let refused = std::error::Error::source(trap).and_then(|e| e.downcast_ref::<Refused>());
    println!(
        "checked(-1) failed: {} (source: {refused:?})",
        trap.message()
    );

    assert_eq!(store.data().lines, ["hello", "world"]);
    assert_eq!(sum, 55);
    assert_eq!(refused.map(|r| r.0), Some(-1));
    Ok(())
}

#[test]
fn runs() {
    main().unwrap();
}
