//! Hostile modules: inputs built to exhaust the engine (deep nesting, huge
//! counts, limits of the validator, recursion through the host, memory
//! growth). Each must end with a clear error or a clean result: never a
//! panic, an abort, a host stack overflow, or unbounded time or memory.
//!
//! Modules are encoded by hand (see [`enc`]) rather than written as text,
//! so that building a million functions takes milliseconds. Every test must
//! stay within a few seconds in a debug build. docs/security.md lists these
//! cases and what each one shows.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;
use wisp::{Caller, Config, Engine, ErrorKind, Linker, Module, Store, Trap, TrapCode};

/// wasmparser's limits (`wasmparser::limits` in 0.263, not public): the
/// largest function body in bytes, locals per function, functions per module.
const MAX_BODY: usize = 7_654_321;
const MAX_LOCALS: u32 = 50_000;
const MAX_FUNCS: u32 = 1_000_000;

/// A tiny binary encoder: just what these tests need.
mod enc {
    /// Unsigned LEB128.
    pub fn uleb(mut v: u64, out: &mut Vec<u8>) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }

    /// A section: id, size, payload.
    pub fn section(id: u8, payload: &[u8], out: &mut Vec<u8>) {
        out.push(id);
        uleb(payload.len() as u64, out);
        out.extend_from_slice(payload);
    }

    /// `(type (func (param params...) (result results...)))` entries.
    pub fn types(sigs: &[(&[u8], &[u8])]) -> Vec<u8> {
        let mut p = Vec::new();
        uleb(sigs.len() as u64, &mut p);
        for (params, results) in sigs {
            p.push(0x60);
            uleb(params.len() as u64, &mut p);
            p.extend_from_slice(params);
            uleb(results.len() as u64, &mut p);
            p.extend_from_slice(results);
        }
        p
    }

    /// A code-section entry: size, then `locals` (runs) and the operators.
    pub fn body(locals: &[(u32, u8)], ops: &[u8]) -> Vec<u8> {
        let mut b = Vec::new();
        uleb(locals.len() as u64, &mut b);
        for &(n, ty) in locals {
            uleb(n as u64, &mut b);
            b.push(ty);
        }
        b.extend_from_slice(ops);
        let mut out = Vec::new();
        uleb(b.len() as u64, &mut out);
        out.extend_from_slice(&b);
        out
    }

    /// A module of functions all of type 0 from `types`, the function with
    /// index `export` exported as `"f"`, and optional memory limits
    /// (`flags`, `min`, `max`).
    pub fn module(types: &[u8], bodies: &[Vec<u8>], export: u32, memory: Option<&[u8]>) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        section(1, types, &mut m);
        let mut funcs = Vec::new();
        uleb(bodies.len() as u64, &mut funcs);
        funcs.resize(funcs.len() + bodies.len(), 0);
        section(3, &funcs, &mut m);
        if let Some(limits) = memory {
            let mut mem = vec![1];
            mem.extend_from_slice(limits);
            section(5, &mem, &mut m);
        }
        let mut exports = vec![1, 1, b'f', 0];
        uleb(export as u64, &mut exports);
        section(7, &exports, &mut m);
        let mut code = Vec::new();
        uleb(bodies.len() as u64, &mut code);
        for b in bodies {
            code.extend_from_slice(b);
        }
        section(10, &code, &mut m);
        m
    }
}

/// How long a translation at hostile sizes may take in a debug build.
const LIMIT: Duration = Duration::from_secs(10);

/// Runs `f` on its own thread and returns its result, failing the test if
/// it takes longer than `limit` (the thread is left running).
fn within<R: Send + 'static>(limit: Duration, f: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not finish within {limit:?}"))
}

const I32: u8 = 0x7f;
const I64: u8 = 0x7e;

/// Compiles with the default engine.
fn compile(wasm: &[u8]) -> Result<(Engine, Module), wisp::Error> {
    let engine = Engine::default();
    let module = Module::new(&engine, wasm)?;
    Ok((engine, module))
}

/// Instantiates `module` without imports and calls its `"f"` as `P -> R`.
fn call<P: wisp::WasmParams, R: wisp::WasmResults>(
    engine: &Engine,
    module: &Module,
    args: P,
) -> Result<R, wisp::Error> {
    let mut store = Store::new(engine, ());
    let instance = Linker::new(engine).instantiate(&mut store, module)?;
    let f = instance.get_typed_func::<P, R>(&store, "f")?;
    f.call(&mut store, args)
}

/// Asserts `r` is a compile error whose message contains `needle`.
fn assert_compile_error<T>(r: Result<T, wisp::Error>, needle: &str) {
    match r {
        Err(e) => {
            assert!(e.is_compile(), "not a compile error: {e}");
            assert!(e.to_string().contains(needle), "unexpected message: {e}");
        }
        Ok(_) => panic!("expected a compile error containing {needle:?}"),
    }
}

/// The IR size of function `"f"` in words, from its dump's header line
/// (`; params .. frame N slots, W words`).
fn ir_words(module: &Module) -> usize {
    let dump = module.dump_ir("f").expect("f is defined");
    let header = dump.lines().nth(1).expect("header line");
    let words = header.rsplit(", ").next().expect("words field");
    words
        .trim_end_matches(" words")
        .parse()
        .unwrap_or_else(|_| panic!("bad header {header:?}"))
}

/// `depth` nested `block (result i32)` around `i32.const 7`.
fn nested_blocks(depth: usize) -> Vec<u8> {
    let mut ops = Vec::with_capacity(depth * 3 + 3);
    for _ in 0..depth {
        ops.extend_from_slice(&[0x02, I32]);
    }
    ops.extend_from_slice(&[0x41, 7]);
    ops.resize(ops.len() + depth + 1, 0x0b);
    ops
}

#[test]
fn hundred_thousand_nested_blocks_run() {
    let body = enc::body(&[], &nested_blocks(100_000));
    let wasm = enc::module(&enc::types(&[(&[], &[I32])]), &[body], 0, None);
    let (engine, module) = compile(&wasm).expect("compiles");
    assert_eq!(call::<(), i32>(&engine, &module, ()).unwrap(), 7);
}

#[test]
fn deepest_nesting_the_body_limit_allows_runs() {
    // Three bytes per level: 2.55 million levels, as deep as the largest
    // body can nest (0.9 s and 460 MB peak in a debug build).
    let depth = (MAX_BODY - 16) / 3;
    let body = enc::body(&[], &nested_blocks(depth));
    let wasm = enc::module(&enc::types(&[(&[], &[I32])]), &[body], 0, None);
    let (engine, module) = compile(&wasm).expect("compiles");
    assert_eq!(call::<(), i32>(&engine, &module, ()).unwrap(), 7);
}

/// `local.set` then `local.get` of the last local, with `locals` i64 locals.
fn last_local_body(locals: u32) -> Vec<u8> {
    let mut ops = vec![0x42, 5, 0x21];
    enc::uleb(locals as u64 - 1, &mut ops);
    ops.push(0x20);
    enc::uleb(locals as u64 - 1, &mut ops);
    ops.push(0x0b);
    enc::body(&[(locals, I64)], &ops)
}

#[test]
fn most_locals_the_validator_allows_run() {
    let wasm = enc::module(
        &enc::types(&[(&[], &[I64])]),
        &[last_local_body(MAX_LOCALS)],
        0,
        None,
    );
    let (engine, module) = compile(&wasm).expect("compiles");
    assert_eq!(call::<(), i64>(&engine, &module, ()).unwrap(), 5);
}

#[test]
fn one_local_too_many_is_refused() {
    let wasm = enc::module(
        &enc::types(&[(&[], &[I64])]),
        &[last_local_body(MAX_LOCALS + 1)],
        0,
        None,
    );
    assert_compile_error(compile(&wasm), "too many locals");
}

#[test]
fn frame_over_65535_slots_is_refused() {
    // 50,000 locals plus an operand stack 16,000 deep: more slots than a
    // 16-bit slot field can name.
    let mut ops = Vec::new();
    for _ in 0..16_000 {
        ops.extend_from_slice(&[0x20, 0]);
    }
    ops.resize(ops.len() + 16_000, 0x1a);
    ops.push(0x0b);
    let body = enc::body(&[(MAX_LOCALS, I32)], &ops);
    let wasm = enc::module(&enc::types(&[(&[], &[])]), &[body], 0, None);
    assert_compile_error(compile(&wasm), "65535 value slots");
}

/// `n` functions of type `() -> i32`, function `k` returning `k`'s low 6 bits.
fn many_functions(n: u32) -> Vec<u8> {
    let bodies: Vec<Vec<u8>> = (0..n)
        .map(|k| enc::body(&[], &[0x41, (k & 0x3f) as u8, 0x0b]))
        .collect();
    enc::module(&enc::types(&[(&[], &[I32])]), &bodies, n - 1, None)
}

#[test]
fn a_million_functions_compile_and_run() {
    let (engine, module) = compile(&many_functions(MAX_FUNCS)).expect("compiles");
    let last = ((MAX_FUNCS - 1) & 0x3f) as i32;
    assert_eq!(call::<(), i32>(&engine, &module, ()).unwrap(), last);
}

#[test]
fn a_million_and_one_functions_are_refused() {
    assert_compile_error(compile(&many_functions(MAX_FUNCS + 1)), "functions");
}

#[test]
fn body_at_the_size_limit_translates_in_proportion() {
    // `local.get 0 local.get 0 i32.add local.set 0`, 7 bytes, repeated
    // to fill the largest body: one IR word each.
    let unit = [0x20, 0, 0x20, 0, 0x6a, 0x21, 0];
    let room = MAX_BODY - 8;
    let mut ops = Vec::with_capacity(room);
    while ops.len() + unit.len() + 3 <= room {
        ops.extend_from_slice(&unit);
    }
    ops.extend_from_slice(&[0x20, 0, 0x0b]);
    let body = enc::body(&[], &ops);
    let wasm = enc::module(&enc::types(&[(&[I32], &[I32])]), &[body], 0, None);
    let (engine, module) = compile(&wasm).expect("compiles");
    let words = ir_words(&module);
    assert!(words <= ops.len(), "{words} words for {} bytes", ops.len());
    // x doubled once per unit: 1 << units wraps to 0.
    assert_eq!(call::<i32, i32>(&engine, &module, 1).unwrap(), 0);
}

#[test]
fn body_over_the_size_limit_is_refused() {
    let mut ops = vec![0x01; MAX_BODY];
    ops.push(0x0b);
    let body = enc::body(&[], &ops);
    let wasm = enc::module(&enc::types(&[(&[], &[])]), &[body], 0, None);
    assert_compile_error(compile(&wasm), "function body size");
}

/// A `br_table` over `targets` entries, all to label 0 but the default
/// (label 1), inside `block block`, selected by the parameter; returns 1
/// from the inner block's end, 2 from the outer's.
fn br_table_module(targets: u32) -> Vec<u8> {
    let mut ops = vec![0x02, 0x40, 0x02, 0x40, 0x20, 0, 0x0e];
    enc::uleb(targets as u64, &mut ops);
    ops.resize(ops.len() + targets as usize, 0);
    ops.extend_from_slice(&[1, 0x0b, 0x41, 1, 0x0f, 0x0b, 0x41, 2, 0x0b]);
    let body = enc::body(&[], &ops);
    enc::module(&enc::types(&[(&[I32], &[I32])]), &[body], 0, None)
}

#[test]
fn br_table_of_a_million_targets_runs() {
    let (engine, module) = compile(&br_table_module(1_000_000)).expect("compiles");
    for (index, expect) in [(0, 1), (999_999, 1), (1_000_000, 2), (i32::MAX, 2)] {
        assert_eq!(call::<i32, i32>(&engine, &module, index).unwrap(), expect);
    }
}

#[test]
fn largest_br_table_the_body_limit_allows_runs() {
    let targets = MAX_BODY as u32 - 32;
    let (engine, module) = compile(&br_table_module(targets)).expect("compiles");
    for (index, expect) in [
        (0, 1),
        (targets as i32 - 1, 1),
        (targets as i32, 2),
        (-1, 2),
    ] {
        assert_eq!(call::<i32, i32>(&engine, &module, index).unwrap(), expect);
    }
}

/// `depth` nested `block (result i32)` and a `br_table` naming each of
/// them (and the innermost as default) with a constant that must be copied
/// to the label's home: one stub per label. Returns 9.
fn br_table_to_labels_module(depth: u32) -> Vec<u8> {
    let mut ops = Vec::new();
    for _ in 0..depth {
        ops.extend_from_slice(&[0x02, I32]);
    }
    ops.extend_from_slice(&[0x41, 9, 0x20, 0, 0x0e]);
    enc::uleb(depth as u64, &mut ops);
    for d in 0..depth {
        enc::uleb(d as u64, &mut ops);
    }
    ops.push(0);
    ops.resize(ops.len() + depth as usize + 1, 0x0b);
    let body = enc::body(&[], &ops);
    enc::module(&enc::types(&[(&[I32], &[I32])]), &[body], 0, None)
}

#[test]
fn br_table_to_twenty_thousand_labels_with_values_runs() {
    let wasm = br_table_to_labels_module(20_000);
    let (engine, module) = within(LIMIT, move || compile(&wasm)).expect("compiles");
    assert_eq!(call::<i32, i32>(&engine, &module, 12_345).unwrap(), 9);
}

#[test]
fn br_table_to_a_million_labels_with_values_translates_quickly() {
    let wasm = br_table_to_labels_module(1_000_000);
    let module = within(LIMIT, move || compile(&wasm).map(|(_, m)| m));
    assert!(module.is_ok());
}

/// `height` values pushed (`local.get 0`), then `blocks` empty blocks, then
/// the values dropped.
fn stack_then_blocks_module(height: usize, blocks: usize) -> Vec<u8> {
    let mut ops = Vec::with_capacity(height * 3 + blocks * 3 + 1);
    for _ in 0..height {
        ops.extend_from_slice(&[0x20, 0]);
    }
    for _ in 0..blocks {
        ops.extend_from_slice(&[0x02, 0x40, 0x0b]);
    }
    ops.resize(ops.len() + height, 0x1a);
    ops.push(0x0b);
    let body = enc::body(&[], &ops);
    enc::module(&enc::types(&[(&[I32], &[])]), &[body], 0, None)
}

#[test]
fn deep_operand_stack_with_blocks_translates() {
    let wasm = stack_then_blocks_module(10_000, 10_000);
    let (engine, module) = within(LIMIT, move || compile(&wasm)).expect("compiles");
    call::<i32, ()>(&engine, &module, 1).unwrap();
}

#[test]
fn deep_operand_stack_with_a_million_blocks_translates_quickly() {
    // The operand stack may exceed 65,535 entries while translating (the
    // frame check comes at the end): one million values, one million blocks.
    let wasm = stack_then_blocks_module(1_000_000, 1_000_000);
    let r = within(LIMIT, move || compile(&wasm).map(|_| ()));
    assert_compile_error(r, "65535 value slots");
}

#[test]
fn branch_copies_are_bounded_by_the_ir_cap() {
    // A block of 1,000 results (the validator's maximum) and `br_if 0`
    // with 1,000 values that are locals, not in their homes: each 4-byte
    // `local.get 0 br_if 0` emits the 1,000 copies, the skip and the jump,
    // about 250 IR words per Wasm byte. A function may translate to at most
    // 8 words per body byte (and 2^24 in all): a few such branches compile,
    // a thousand are refused.
    let module_with = |branches: usize| {
        let results = vec![I32; 1000];
        let types = enc::types(&[(&[I32], &[]), (&[], &results)]);
        let mut ops = vec![0x02, 1];
        for _ in 0..1000 {
            ops.extend_from_slice(&[0x20, 0]);
        }
        for _ in 0..branches {
            ops.extend_from_slice(&[0x20, 0, 0x0d, 0]);
        }
        ops.push(0x0b);
        ops.resize(ops.len() + 1000, 0x1a);
        ops.push(0x0b);
        let body = enc::body(&[], &ops);
        enc::module(&types, &[body], 0, None)
    };
    let branches = 10;
    let (engine, module) = compile(&module_with(branches)).expect("compiles");
    let per_branch = (ir_words(&module) - 1000) as f64 / branches as f64;
    assert!(
        (1000.0..=1003.0).contains(&per_branch),
        "{per_branch} words per br_if"
    );
    call::<i32, ()>(&engine, &module, 0).unwrap();
    let err = compile(&module_with(1000)).map(|_| ()).unwrap_err();
    assert!(
        err.is_compile() && err.to_string().contains("IR words"),
        "{err}"
    );
}

/// `(memory flags min [max])` with a function `"f"` that grows memory 0 by
/// one page until `memory.grow` fails and returns the number of pages it
/// got, or -1 if the final `memory.grow` was not -1.
fn grow_loop_module(limits: &[u8]) -> Vec<u8> {
    let ops = [
        0x02, 0x40, 0x03, 0x40, // block loop
        0x41, 1, 0x40, 0, // memory.grow 1
        0x41, 0x7f, 0x46, 0x0d, 1, // i32.const -1 i32.eq br_if 1
        0x20, 0, 0x41, 1, 0x6a, 0x21, 0, // n += 1
        0x0c, 0, 0x0b, 0x0b, // br 0 end end
        0x20, 0, 0x0b,
    ];
    let body = enc::body(&[(1, I32)], &ops);
    enc::module(&enc::types(&[(&[], &[I32])]), &[body], 0, Some(limits))
}

#[test]
fn memory_grow_loop_stops_at_the_store_limit() {
    let engine = Engine::default();
    let module = Module::new(&engine, grow_loop_module(&[0, 1])).unwrap();
    let mut store = Store::new(&engine, ());
    store.set_memory_limit(Some(16 * 65536));
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let f = instance.get_typed_func::<(), i32>(&store, "f").unwrap();
    assert_eq!(f.call(&mut store, ()).unwrap(), 15);
    // Still usable: the next loop gets nothing more.
    assert_eq!(f.call(&mut store, ()).unwrap(), 0);
}

#[test]
fn memory_grow_loop_stops_at_the_declared_maximum() {
    let (engine, module) = compile(&grow_loop_module(&[1, 0, 40])).unwrap();
    assert_eq!(call::<(), i32>(&engine, &module, ()).unwrap(), 40);
}

#[test]
fn growing_by_the_largest_deltas_returns_minus_one() {
    // 2^32 - 1 pages (and table entries) in one step: refused, nothing
    // allocated, the instance keeps working.
    let engine = Engine::default();
    let module = wisp::module_from_bytes(
        &engine,
        br#"(module (memory 1) (table 1 funcref)
          (func (export "f") (param i32) (result i32 i32 i32)
            (memory.grow (local.get 0))
            (table.grow (ref.null func) (local.get 0))
            (memory.size)))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let f = instance
        .get_typed_func::<i32, (i32, i32, i32)>(&store, "f")
        .unwrap();
    for delta in [-1, i32::MIN, i32::MAX] {
        assert_eq!(
            f.call(&mut store, delta).unwrap(),
            (-1, -1, 1),
            "delta {delta}"
        );
    }
}

#[test]
fn four_gib_minimum_fails_cleanly() {
    // 65,536 pages is the 32-bit maximum: valid, but no store should
    // grant 4 GiB here; the memory limit refuses it.
    let mut limits = vec![0];
    enc::uleb(65_536, &mut limits);
    let wasm = grow_loop_module(&limits);
    let engine = Engine::default();
    let module = Module::new(&engine, &wasm).expect("valid: 65,536 pages is allowed");
    let mut store = Store::new(&engine, ());
    store.set_memory_limit(Some(256 << 20));
    let err = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .expect_err("4 GiB is over the limit");
    assert!(matches!(err.kind(), ErrorKind::Limit(_)), "{err}");
    // One page more than 4 GiB is invalid.
    let mut limits = vec![0];
    enc::uleb(65_537, &mut limits);
    assert_compile_error(compile(&grow_loop_module(&limits)), "memory size");
}

#[test]
fn four_gib_minimum_without_a_limit_is_granted_or_refused() {
    // Without a store limit the global allocator decides: a zeroed 4 GiB
    // allocation is lazily committed on most hosts; a refusal must be an
    // error, never an abort.
    let mut limits = vec![0];
    enc::uleb(65_536, &mut limits);
    let (engine, module) = compile(&grow_loop_module(&limits)).unwrap();
    let mut store = Store::new(&engine, ());
    match Linker::new(&engine).instantiate(&mut store, &module) {
        Ok(instance) => {
            let f = instance.get_typed_func::<(), i32>(&store, "f").unwrap();
            assert_eq!(f.call(&mut store, ()).unwrap(), 0, "no page past 4 GiB");
        }
        Err(e) => assert!(matches!(e.kind(), ErrorKind::Limit(_)), "{e}"),
    }
}

#[test]
fn data_segment_past_the_end_fails_and_the_store_stays_usable() {
    let engine = Engine::default();
    let bad = wisp::module_from_bytes(
        &engine,
        br#"(module (memory 1) (data (i32.const 65535) "ab"))"#,
    )
    .unwrap();
    let good = wisp::module_from_bytes(
        &engine,
        br#"(module (func (export "f") (result i32) i32.const 3))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let linker = Linker::new(&engine);
    let err = linker.instantiate(&mut store, &bad).unwrap_err();
    let trap = err.as_trap().expect("a trap");
    assert_eq!(trap.code(), TrapCode::MemoryOutOfBounds);
    let instance = linker.instantiate(&mut store, &good).unwrap();
    let f = instance.get_typed_func::<(), i32>(&store, "f").unwrap();
    assert_eq!(f.call(&mut store, ()).unwrap(), 3);
}

/// Host → Wasm → host → … : `"down"` calls the host import, which calls
/// `"down"` again, forever.
const REENTER: &str = r#"(module
  (import "host" "reenter" (func $h (param i32) (result i32)))
  (func (export "down") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $h))"#;

/// Calls back into `"down"` from the host.
fn reenter(mut caller: Caller<'_, ()>, n: i32) -> Result<i32, Trap> {
    let down = caller
        .get_export("down")
        .and_then(|e| e.into_func())
        .expect("down is exported");
    let down = down
        .typed::<i32, i32>(&caller)
        .map_err(|e| Trap::host(e.to_string()))?;
    down.call(&mut caller, n).map_err(|e| match e.as_trap() {
        Some(t) => t.clone(),
        None => Trap::host(e.to_string()),
    })
}

#[test]
fn wasm_recursion_ends_in_stack_exhaustion_on_a_small_stack() {
    // Wasm calls do not recurse in Rust: 10,000 frames on a 256 KiB thread.
    let handle = thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(|| {
            let engine = Engine::default();
            let module = wisp::module_from_bytes(
                &engine,
                br#"(module (func $f (export "f") (param i32) (result i32)
                      local.get 0 i32.const 1 i32.add call $f))"#,
            )
            .unwrap();
            let err = call::<i32, i32>(&engine, &module, 0).unwrap_err();
            err.as_trap().map(Trap::code)
        })
        .unwrap();
    assert_eq!(handle.join().unwrap(), Some(TrapCode::StackOverflow));
}

#[test]
fn host_wasm_recursion_ends_in_stack_exhaustion() {
    // Run on a thread with a modest stack, so that a native overflow
    // (rather than wisp's own bound) would show as a crash here.
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(|| {
            let mut config = Config::new();
            config.max_call_depth(10_000);
            let engine = Engine::new(&config);
            let module = wisp::module_from_bytes(&engine, REENTER.as_bytes()).unwrap();
            let mut linker = Linker::new(&engine);
            linker.func_wrap("host", "reenter", reenter).unwrap();
            let mut store = Store::new(&engine, ());
            let instance = linker.instantiate(&mut store, &module).unwrap();
            let down = instance.get_typed_func::<i32, i32>(&store, "down").unwrap();
            let err = down.call(&mut store, 0).unwrap_err();
            err.as_trap().map(Trap::code)
        })
        .unwrap();
    assert_eq!(handle.join().unwrap(), Some(TrapCode::StackOverflow));
}
