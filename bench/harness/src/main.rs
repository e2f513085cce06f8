//! wisp's own benchmarks, over WebAssembly of our own:
//!
//! - translation: decode + validate + translate a generated module of many
//!   functions (and `../shared/bench/programs/wasm/rhai_script.wasm` when
//!   present), in MB of Wasm per second;
//! - JIT compilation of the same modules (instantiation with
//!   `Strategy::Jit`, which compiles every function, less instantiation
//!   without), in MB of Wasm per second;
//! - instantiation of `examples/memory_bytes.wat` (memory, data segments);
//! - host→Wasm call overhead through `TypedFunc` and `Func::call`, and
//!   Wasm→host call overhead through a `func_wrap` host function;
//! - execution of `examples/fib.wat`.
//!
//! `cargo run --release -p wisp-bench` prints a table; each figure is the best
//! of several rounds, so background noise only ever makes it look slower.
//! Calls and execution run under the default strategy (tiered: the called
//! functions get hot and run compiled); `WISP_BENCH_INTERP=1` measures them
//! in the interpreter alone.

mod generate;
mod measure;

use measure::{Table, best_of};
use std::path::{Path, PathBuf};
use wisp::{Engine, Linker, Module, Store, Val};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: wisp-bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Res<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut config = wisp::Config::new();
    if std::env::var_os("WISP_BENCH_INTERP").is_some() {
        config.strategy(wisp::Strategy::Interpreter);
    }
    let engine = Engine::new(&config);
    let mut table = Table::default();
    translation(&engine, &root, &mut table)?;
    instantiation(&engine, &root, &mut table)?;
    calls(&engine, &mut table)?;
    execution(&engine, &root, &mut table)?;
    // Last: the compiled modules' stores leave the heap larger.
    jit_compilation(&root, &mut table)?;
    print!("{table}");
    Ok(())
}

/// MB/s of Wasm turned into IR (decode, validate, translate).
fn translation(engine: &Engine, root: &Path, table: &mut Table) -> Res<()> {
    for (name, bytes) in inputs(root)? {
        let secs = best_of(5, || Module::new(engine, &bytes).map(drop))?;
        let mbps = bytes.len() as f64 / secs / 1e6;
        table.row(
            format!("translate {name} ({} KiB)", bytes.len() / 1024),
            format!("{mbps:.1} MB/s"),
            format!("{:.2} ms", secs * 1e3),
        );
    }
    Ok(())
}

/// The modules translation and compilation are measured on.
fn inputs(root: &Path) -> Res<Vec<(String, Vec<u8>)>> {
    let generated = wat::parse_str(generate::module(2_000))?;
    let mut inputs = vec![("generated, 2000 functions".to_string(), generated)];
    let rhai: PathBuf = root.join("../shared/bench/programs/wasm/rhai_script.wasm");
    if let Ok(bytes) = std::fs::read(&rhai) {
        inputs.push(("rhai_script.wasm".to_string(), bytes));
    }
    Ok(inputs)
}

/// MB/s of Wasm compiled to machine code: instantiating with
/// `Strategy::Jit` (every function compiled, in a new store each time)
/// less instantiating in the interpreter.
fn jit_compilation(root: &Path, table: &mut Table) -> Res<()> {
    if !cfg!(target_arch = "x86_64") {
        return Ok(());
    }
    let mut jit = wisp::Config::new();
    jit.strategy(wisp::Strategy::Jit);
    let engines = [Engine::default(), Engine::new(&jit)];
    for (name, bytes) in inputs(root)? {
        let mut secs = [0.0; 2];
        for (k, engine) in engines.iter().enumerate() {
            let module = Module::new(engine, &bytes)?;
            let mut linker = Linker::new(engine);
            linker.define_unknown_imports_as_traps(&module)?;
            secs[k] = best_of(5, || -> Res<()> {
                let mut store = Store::new(engine, ());
                linker.instantiate(&mut store, &module).map(drop)?;
                Ok(())
            })?;
        }
        let compile = (secs[1] - secs[0]).max(1e-9);
        table.row(
            format!("JIT-compile {name} ({} KiB)", bytes.len() / 1024),
            format!("{:.1} MB/s", bytes.len() as f64 / compile / 1e6),
            format!("{:.2} ms", compile * 1e3),
        );
    }
    Ok(())
}

/// Time to instantiate a module with a memory and data segments.
fn instantiation(engine: &Engine, root: &Path, table: &mut Table) -> Res<()> {
    let module = wisp::module_from_file(engine, root.join("examples/memory_bytes.wat"))?;
    let linker = Linker::new(engine);
    const N: usize = 2_000;
    let secs = best_of(5, || -> Res<()> {
        for _ in 0..N {
            let mut store = Store::new(engine, ());
            linker.instantiate(&mut store, &module)?;
        }
        Ok(())
    })?;
    table.row(
        "instantiate memory_bytes.wat (new store each)".into(),
        format!("{:.1} µs", secs / N as f64 * 1e6),
        format!("{N} instances"),
    );
    Ok(())
}

/// Host→Wasm call overhead on an identity function.
fn calls(engine: &Engine, table: &mut Table) -> Res<()> {
    let wasm =
        wat::parse_str(r#"(module (func (export "id") (param i32) (result i32) local.get 0))"#)?;
    let module = Module::new(engine, &wasm)?;
    let mut store = Store::new(engine, ());
    let instance = Linker::new(engine).instantiate(&mut store, &module)?;
    let typed = instance.get_typed_func::<i32, i32>(&store, "id")?;
    let func = typed.func();
    const N: usize = 200_000;
    let secs = best_of(5, || -> Res<()> {
        for i in 0..N as i32 {
            std::hint::black_box(typed.call(&mut store, i)?);
        }
        Ok(())
    })?;
    table.row(
        "host→Wasm call, TypedFunc<i32, i32>".into(),
        format!("{:.0} ns", secs / N as f64 * 1e9),
        format!("{N} calls"),
    );
    let secs = best_of(5, || -> Res<()> {
        let mut out = [Val::I32(0)];
        for i in 0..N as i32 {
            func.call(&mut store, &[Val::I32(i)], &mut out)?;
        }
        Ok(())
    })?;
    table.row(
        "host→Wasm call, Func::call with Val".into(),
        format!("{:.0} ns", secs / N as f64 * 1e9),
        format!("{N} calls"),
    );

    // Wasm→host: a loop in Wasm calling an imported host function.
    let wasm = wat::parse_str(
        r#"(module
          (import "host" "inc" (func $inc (param i32) (result i32)))
          (func (export "loop") (param $n i32) (result i32) (local $acc i32)
            (loop $l
              (local.set $acc (call $inc (local.get $acc)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $acc)))"#,
    )?;
    let module = Module::new(engine, &wasm)?;
    let mut store = Store::new(engine, ());
    let mut linker = Linker::new(engine);
    linker.func_wrap("host", "inc", |x: i32| x + 1)?;
    let instance = linker.instantiate(&mut store, &module)?;
    let run = instance.get_typed_func::<i32, i32>(&store, "loop")?;
    let secs = best_of(5, || -> Res<()> {
        let got = run.call(&mut store, N as i32)?;
        if got != N as i32 {
            return Err(format!("host loop returned {got}, expected {N}").into());
        }
        Ok(())
    })?;
    table.row(
        "Wasm→host call, func_wrap(i32) -> i32".into(),
        format!("{:.0} ns", secs / N as f64 * 1e9),
        format!("{N} calls"),
    );
    Ok(())
}

/// Execution: recursive `fib(27)` from `examples/fib.wat`.
fn execution(engine: &Engine, root: &Path, table: &mut Table) -> Res<()> {
    let module = wisp::module_from_file(engine, root.join("examples/fib.wat"))?;
    let mut store = Store::new(engine, ());
    let instance = Linker::new(engine).instantiate(&mut store, &module)?;
    let fib = instance.get_typed_func::<i32, i32>(&store, "fib")?;
    let mut result = 0;
    let secs = best_of(3, || -> Res<()> {
        result = fib.call(&mut store, 27)?;
        Ok(())
    })?;
    if result != 196_418 {
        return Err(format!("fib(27) returned {result}, expected 196418").into());
    }
    table.row(
        "execute fib(27), recursive".into(),
        format!("{:.1} ms", secs * 1e3),
        "630k calls".into(),
    );
    Ok(())
}
