//! The interpreter through the public API, on inputs small enough for Miri:
//! `cargo +nightly miri test -p wisp-core interp::tests` runs these under
//! Stacked Borrows (CI does), so every path by which handlers reach the store
//! is checked for aliasing: Wasm calls and returns (within and across
//! instances, past the frame stack's first capacity), host calls both ways,
//! traps, memory and table operations, `data.drop`/`elem.drop`, globals,
//! fuel and interruption, and `v128` values in their two slots.

use crate::{Caller, Config, Engine, Extern, Linker, Module, Store, TrapCode, Val};
use alloc::vec::Vec;

fn module(engine: &Engine, wat: &str) -> Module {
    let wasm = wat::parse_str(wat).expect("test module parses");
    Module::new(engine, &wasm).expect("test module is valid")
}

/// Instantiates `wat` alone in a new store.
fn instance(wat: &str) -> (Store<()>, crate::Instance) {
    let engine = Engine::default();
    let module = module(&engine, wat);
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .expect("instantiates");
    (store, instance)
}

/// The trap code of a failed call.
fn trap_code(e: crate::Error) -> TrapCode {
    e.as_trap().expect("a trap").code()
}

#[test]
fn calls_and_returns_past_the_first_frame_capacity() {
    let (mut store, inst) = instance(
        r#"(module
          (func $fib (export "fib") (param i32) (result i32)
            local.get 0 i32.const 2 i32.lt_u
            if (result i32) local.get 0
            else
              local.get 0 i32.const 1 i32.sub call $fib
              local.get 0 i32.const 2 i32.sub call $fib
              i32.add
            end)
          (func $depth (export "depth") (param i32) (result i32)
            local.get 0 i32.eqz
            if (result i32) i32.const 0
            else local.get 0 i32.const 1 i32.sub call $depth i32.const 1 i32.add end)
          (func (export "pair") (param i64) (result i64 i64)
            local.get 0 local.get 0 i64.const 1 i64.add))"#,
    );
    let fib = inst.get_typed_func::<i32, i32>(&store, "fib").unwrap();
    assert_eq!(fib.call(&mut store, 10).unwrap(), 55);
    // 40 nested frames: the frame stack grows past its first capacity
    // while Wasm runs.
    let depth = inst.get_typed_func::<i32, i32>(&store, "depth").unwrap();
    assert_eq!(depth.call(&mut store, 40).unwrap(), 40);
    let pair = inst.get_func(&store, "pair").unwrap();
    let mut out = [Val::I64(0), Val::I64(0)];
    pair.call(&mut store, &[Val::I64(7)], &mut out).unwrap();
    assert_eq!((out[0].i64(), out[1].i64()), (Some(7), Some(8)));
}

/// Byte offset of the first operator of `wasm` that `is` picks.
fn operator_offset(wasm: &[u8], is: impl Fn(&wasmparser::Operator<'_>) -> bool) -> u32 {
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::CodeSectionEntry(body) = payload.unwrap() {
            let mut ops = body.get_operators_reader().unwrap();
            while !ops.eof() {
                let at = ops.original_position();
                if is(&ops.read().unwrap()) {
                    return at as u32;
                }
            }
        }
    }
    panic!("no such operator")
}

const DIV_WAT: &str = r#"(module
  (func $div (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 call $div)
  (func $down (export "down") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $down))"#;

#[test]
fn traps_unwind_and_the_store_stays_usable() {
    let engine = Engine::new(Config::new().max_call_depth(30));
    let module = module(&engine, DIV_WAT);
    let mut store = Store::new(&engine, ());
    let inst = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let div = inst
        .get_typed_func::<(i32, i32), i32>(&store, "div")
        .unwrap();
    let e = div.call(&mut store, (1, 0)).unwrap_err();
    // Each frame names the Wasm offset of its operator: the division in the
    // innermost frame, the call in its caller.
    let offsets: Vec<Option<u32>> = e
        .as_trap()
        .unwrap()
        .backtrace()
        .iter()
        .map(|f| f.wasm_offset)
        .collect();
    let wasm = wat::parse_str(DIV_WAT).unwrap();
    let expected = [
        operator_offset(&wasm, |op| matches!(op, wasmparser::Operator::I32DivS)),
        operator_offset(&wasm, |op| matches!(op, wasmparser::Operator::Call { .. })),
    ];
    assert_eq!(offsets, expected.map(Some));
    assert_eq!(trap_code(e), TrapCode::IntegerDivisionByZero);
    let down = inst.get_typed_func::<i32, i32>(&store, "down").unwrap();
    let e = down.call(&mut store, 0).unwrap_err();
    assert_eq!(trap_code(e), TrapCode::StackOverflow);
    // After both traps the frame stack is back where it was.
    assert_eq!(div.call(&mut store, (9, 3)).unwrap(), 3);
}

#[test]
fn host_calls_both_ways() {
    let engine = Engine::default();
    let module = module(
        &engine,
        r#"(module
          (import "host" "twice_then_wasm" (func $host (param i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "inc") (param i32) (result i32)
            local.get 0 i32.const 1 i32.add
            i32.const 0 local.get 0 i32.store)
          (func (export "run") (param i32) (result i32)
            local.get 0 call $host i32.const 100 i32.add))"#,
    );
    let mut store = Store::new(&engine, 0u32);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap(
            "host",
            "twice_then_wasm",
            |mut caller: Caller<'_, u32>, x: i32| -> Result<i32, crate::Trap> {
                *caller.data_mut() += 1;
                let Some(Extern::Func(inc)) = caller.get_export("inc") else {
                    return Err(crate::Trap::host("no inc"));
                };
                let mut out = [Val::I32(0)];
                inc.call(&mut caller, &[Val::I32(x * 2)], &mut out)
                    .map_err(|e| crate::Trap::host(alloc::format!("{e}")))?;
                Ok(out[0].i32().unwrap())
            },
        )
        .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let run = inst.get_typed_func::<i32, i32>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, 5).unwrap(), 111);
    assert_eq!(*store.data(), 1);
    let memory = inst.get_memory(&store, "memory").unwrap();
    assert_eq!(memory.data(&store)[..4], 10i32.to_le_bytes());
}

#[test]
fn memory_growth_bulk_operations_and_data_drop() {
    let (mut store, inst) = instance(
        r#"(module
          (memory (export "memory") 1 3)
          (data $d "wisp")
          (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
          (func (export "size") (result i32) memory.size)
          (func (export "poke_last") (result i32)
            memory.size i32.const 65536 i32.mul i32.const 4 i32.sub
            i32.const 0x01020304 i32.store
            memory.size i32.const 65536 i32.mul i32.const 4 i32.sub i32.load)
          (func (export "bulk")
            (memory.init $d (i32.const 16) (i32.const 0) (i32.const 4))
            (memory.copy (i32.const 32) (i32.const 16) (i32.const 4))
            (memory.fill (i32.const 36) (i32.const 0x21) (i32.const 2)))
          (func (export "drop") data.drop $d)
          (func (export "init_again")
            (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))))"#,
    );
    let call = |store: &mut Store<()>, name: &str| -> Result<Vec<Val>, crate::Error> {
        let f = inst.get_func(&*store, name).unwrap();
        let mut out = alloc::vec![Val::I32(0); f.ty(&*store).results().len()];
        f.call(&mut *store, &[], &mut out).map(|()| out)
    };
    let grow = inst.get_typed_func::<i32, i32>(&store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 1).unwrap(), 1);
    assert_eq!(grow.call(&mut store, 5).unwrap(), -1);
    assert_eq!(call(&mut store, "size").unwrap()[0].i32(), Some(2));
    // The store behind the grown memory is reached through the refreshed view.
    assert_eq!(
        call(&mut store, "poke_last").unwrap()[0].i32(),
        Some(0x01020304)
    );
    call(&mut store, "bulk").unwrap();
    let memory = inst.get_memory(&store, "memory").unwrap();
    assert_eq!(&memory.data(&store)[32..38], b"wisp!!");
    call(&mut store, "drop").unwrap();
    let e = call(&mut store, "init_again").unwrap_err();
    assert_eq!(trap_code(e), TrapCode::MemoryOutOfBounds);
}

#[test]
fn tables_indirect_calls_and_elem_drop() {
    let (mut store, inst) = instance(
        r#"(module
          (type $i (func (result i32)))
          (table $t (export "table") 4 8 funcref)
          (elem $e func $one $two)
          (elem declare func $other)
          (elem (table $t) (i32.const 0) func $one)
          (func $one (result i32) i32.const 1)
          (func $two (result i32) i32.const 2)
          (func $other (param i32))
          (func (export "call") (param i32) (result i32)
            local.get 0 call_indirect $t (type $i))
          (func (export "ops") (result i32)
            (table.init $t $e (i32.const 1) (i32.const 0) (i32.const 2))
            (table.copy $t $t (i32.const 3) (i32.const 2) (i32.const 1))
            (drop (table.grow $t (ref.func $other) (i32.const 1)))
            (table.set $t (i32.const 0) (table.get $t (i32.const 2)))
            (table.fill $t (i32.const 4) (ref.null func) (i32.const 0))
            table.size $t)
          (func (export "drop") elem.drop $e)
          (func (export "init_again")
            (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1))))"#,
    );
    let call = inst.get_typed_func::<i32, i32>(&store, "call").unwrap();
    assert_eq!(call.call(&mut store, 0).unwrap(), 1);
    let e = call.call(&mut store, 1).unwrap_err();
    assert_eq!(trap_code(e), TrapCode::IndirectCallToNull);
    let e = call.call(&mut store, 9).unwrap_err();
    assert_eq!(trap_code(e), TrapCode::UndefinedElement);
    let ops = inst.get_typed_func::<(), i32>(&store, "ops").unwrap();
    assert_eq!(ops.call(&mut store, ()).unwrap(), 5);
    // Slot 0 now holds $two, slot 3 $two (copied), slot 4 $other.
    assert_eq!(call.call(&mut store, 0).unwrap(), 2);
    assert_eq!(call.call(&mut store, 3).unwrap(), 2);
    let e = call.call(&mut store, 4).unwrap_err();
    assert_eq!(trap_code(e), TrapCode::BadSignature);
    let drop = inst.get_typed_func::<(), ()>(&store, "drop").unwrap();
    drop.call(&mut store, ()).unwrap();
    let again = inst.get_typed_func::<(), ()>(&store, "init_again").unwrap();
    let e = again.call(&mut store, ()).unwrap_err();
    assert_eq!(trap_code(e), TrapCode::TableOutOfBounds);
}

#[test]
fn globals_and_calls_across_instances() {
    let engine = Engine::default();
    let provider = module(
        &engine,
        r#"(module
          (memory (export "memory") 1)
          (global $g (export "g") (mut i32) (i32.const 5))
          (func (export "bump") (param i32) (result i32)
            global.get $g local.get 0 i32.add global.set $g
            i32.const 8 global.get $g i32.store
            global.get $g))"#,
    );
    let user = module(
        &engine,
        r#"(module
          (import "p" "bump" (func $bump (param i32) (result i32)))
          (import "p" "g" (global $g (mut i32)))
          (memory 1)
          (func (export "run") (result i32)
            i32.const 8 i32.const 77 i32.store
            i32.const 10 call $bump
            global.get $g i32.add
            i32.const 8 i32.load i32.add))"#,
    );
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let p = linker.instantiate(&mut store, &provider).unwrap();
    linker.instance(&store, "p", p).unwrap();
    let u = linker.instantiate(&mut store, &user).unwrap();
    let run = u.get_typed_func::<(), i32>(&store, "run").unwrap();
    // bump returns 15, the global reads 15, and after the return the
    // caller's own memory (77 at 8) is back in view.
    assert_eq!(run.call(&mut store, ()).unwrap(), 15 + 15 + 77);
    let g = p.get_global(&store, "g").unwrap();
    assert_eq!(g.get(&store).i32(), Some(15));
    let memory = p.get_memory(&store, "memory").unwrap();
    assert_eq!(memory.data(&store)[8..12], 15i32.to_le_bytes());
}

#[test]
fn fuel_and_interruption_stop_a_loop() {
    let wat = r#"(module (func (export "spin") (loop br 0)))"#;
    let engine = Engine::new(Config::new().consume_fuel(true));
    let m = module(&engine, wat);
    let mut store = Store::new(&engine, ());
    let inst = Linker::new(&engine).instantiate(&mut store, &m).unwrap();
    store.set_fuel(50).unwrap();
    let spin = inst.get_typed_func::<(), ()>(&store, "spin").unwrap();
    assert_eq!(
        trap_code(spin.call(&mut store, ()).unwrap_err()),
        TrapCode::OutOfFuel
    );
    assert!(store.get_fuel().unwrap() < 50);

    let engine = Engine::new(Config::new().interruptible(true));
    let m = module(&engine, wat);
    let mut store = Store::new(&engine, ());
    let inst = Linker::new(&engine).instantiate(&mut store, &m).unwrap();
    store.interrupt_handle().interrupt();
    let spin = inst.get_typed_func::<(), ()>(&store, "spin").unwrap();
    assert_eq!(
        trap_code(spin.call(&mut store, ()).unwrap_err()),
        TrapCode::Interrupted
    );
}

#[test]
fn v128_values_in_two_slots() {
    let mut config = Config::new();
    config.wasm_simd(true);
    let engine = Engine::new(&config);
    let module = module(
        &engine,
        r#"(module
          (global $g (mut v128) (v128.const i64x2 1 2))
          (func $swap (param v128 i32 v128) (result v128 i32 v128)
            local.get 2 local.get 1 local.get 0)
          (func (export "f") (param v128) (result v128 i32) (local v128)
            (global.set $g (local.get 0))
            (call $swap (global.get $g) (i32.const 7) (v128.const i64x2 3 4))
            local.set 1
            drop
            drop
            (select (result v128) (local.get 1) (v128.const i64x2 5 6) (i32.const 1))
            i32.const 9))"#,
    );
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .expect("instantiates");
    let f = instance
        .get_typed_func::<u128, (u128, i32)>(&store, "f")
        .unwrap();
    let v = 0x1111_2222_3333_4444_5555_6666_7777_8888;
    // The argument went through the global, a call's last result, a local
    // and `select`.
    assert_eq!(f.call(&mut store, v).unwrap(), (v, 9));
}

#[test]
fn wide_arithmetic_carries_and_sign_extends() {
    // Operands from parameters, constants and an earlier result: each is
    // moved to the consecutive temporaries the instruction reads.
    let (mut store, inst) = instance(
        r#"(module
          (func (export "add") (param i64 i64 i64 i64) (result i64 i64)
            (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "sub_one") (param i64 i64) (result i64 i64)
            (i64.sub128 (local.get 0) (local.get 1) (i64.const 1) (i64.const 0)))
          (func (export "mul_s") (param i64 i64) (result i64 i64)
            (i64.mul_wide_s (local.get 0) (local.get 1)))
          (func (export "mul_u") (param i64 i64) (result i64 i64)
            (i64.mul_wide_u (local.get 0) (local.get 1)))
          (func (export "square_high") (param i64) (result i64)
            (i64.mul_wide_u (local.get 0) (local.get 0))
            (return)))"#,
    );
    let mut call = |name: &str, args: &[i64]| -> (i64, i64) {
        let f = inst.get_func(&store, name).unwrap();
        let args: Vec<Val> = args.iter().map(|&a| Val::I64(a)).collect();
        let mut out = [Val::I64(0), Val::I64(0)];
        f.call(&mut store, &args, &mut out).unwrap();
        (out[0].unwrap_i64(), out[1].unwrap_i64())
    };
    // (2^64 - 1) + 1 carries into the high half.
    assert_eq!(call("add", &[-1, 0, 1, 0]), (0, 1));
    assert_eq!(call("add", &[5, 7, 6, -7]), (11, 0));
    // 0 - 1 borrows: all ones.
    assert_eq!(call("sub_one", &[0, 0]), (-1, -1));
    // -2 * 3 = -6 as a signed 128-bit value; unsigned, the high half is 2.
    assert_eq!(call("mul_s", &[-2, 3]), (-6, -1));
    assert_eq!(call("mul_u", &[-2, 3]), (-6, 2));
    assert_eq!(call("mul_s", &[i64::MIN, i64::MIN]), (0, 1 << 62));
    let square_high = inst.get_typed_func::<i64, i64>(&store, "square_high");
    let square_high = square_high.unwrap();
    // (2^32)^2 = 2^64: low 0, high 1; the function returns the top value.
    assert_eq!(square_high.call(&mut store, 1 << 32).unwrap(), 1);
}

#[test]
fn function_references_call_and_branch_on_null() {
    let mut config = Config::new();
    config.wasm_function_references(true);
    let engine = Engine::new(&config);
    let module = module(
        &engine,
        r#"(module
          (type $un (func (param i32) (result i32)))
          (func $inc (type $un) (i32.add (local.get 0) (i32.const 1)))
          (elem declare func $inc)
          (func $pick (param i32) (result (ref null $un))
            (if (result (ref null $un)) (local.get 0)
              (then (ref.func $inc))
              (else (ref.null $un))))
          (func (export "call") (param i32 i32) (result i32)
            (call_ref $un (local.get 1) (call $pick (local.get 0))))
          (func (export "tail") (param i32 i32) (result i32)
            (return_call_ref $un (local.get 1) (call $pick (local.get 0))))
          (func (export "non_null") (param i32) (result i32)
            (drop (ref.as_non_null (call $pick (local.get 0))))
            (i32.const 1))
          (func (export "on_null") (param i32) (result i32)
            (block $null
              (return (call_ref $un (i32.const 10)
                (br_on_null $null (call $pick (local.get 0))))))
            (i32.const -1))
          (func (export "on_non_null") (param i32) (result i32)
            (call_ref $un (i32.const 20)
              (block $found (result (ref $un))
                (br_on_non_null $found (call $pick (local.get 0)))
                (return (i32.const -2))))))"#,
    );
    let mut store = Store::new(&engine, ());
    let inst = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let f = |store: &Store<()>, name: &str| inst.get_func(store, name).unwrap();
    let call = |store: &mut Store<()>, name: &str, args: &[i32]| {
        let args: Vec<Val> = args.iter().map(|&a| Val::I32(a)).collect();
        let mut out = [Val::I32(0)];
        f(store, name)
            .call(store, &args, &mut out)
            .map(|()| out[0].unwrap_i32())
    };
    assert_eq!(call(&mut store, "call", &[1, 41]).unwrap(), 42);
    assert_eq!(call(&mut store, "tail", &[1, 6]).unwrap(), 7);
    assert_eq!(call(&mut store, "non_null", &[1]).unwrap(), 1);
    assert_eq!(call(&mut store, "on_null", &[1]).unwrap(), 11);
    assert_eq!(call(&mut store, "on_null", &[0]).unwrap(), -1);
    assert_eq!(call(&mut store, "on_non_null", &[1]).unwrap(), 21);
    assert_eq!(call(&mut store, "on_non_null", &[0]).unwrap(), -2);
    for name in ["call", "tail"] {
        let e = call(&mut store, name, &[0, 1]).unwrap_err();
        assert_eq!(trap_code(e), TrapCode::NullFunctionReference, "{name}");
    }
    let e = call(&mut store, "non_null", &[0]).unwrap_err();
    assert_eq!(trap_code(e), TrapCode::NullReference);
}

#[test]
fn several_memories_each_with_its_own_bytes_size_and_bounds() {
    let mut config = Config::new();
    config.wasm_multi_memory(true);
    let engine = Engine::new(&config);
    let module = module(
        &engine,
        r#"(module
          (memory $a 1)
          (memory $b 2 3)
          (data (memory $b) (i32.const 8) "wisp")
          (func (export "store_b") (param i32 i32)
            (i32.store $b (local.get 0) (local.get 1)))
          (func (export "load") (param i32) (result i32 i32)
            (i32.load $a (local.get 0)) (i32.load $b (local.get 0)))
          (func (export "sizes") (result i32 i32)
            (memory.size $a) (memory.size $b))
          (func (export "grow_b") (param i32) (result i32)
            (memory.grow $b (local.get 0)))
          (func (export "copy_b_to_a") (param i32 i32 i32)
            (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
          (func (export "fill_b") (param i32 i32 i32)
            (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
          (func (export "load8_b") (param i32) (result i32)
            (i32.load8_u $b (local.get 0))))"#,
    );
    let mut store = Store::new(&engine, ());
    let inst = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let mut call = |name: &str, args: &[i32], results: usize| {
        let f = inst.get_func(&store, name).unwrap();
        let args: Vec<Val> = args.iter().map(|&a| Val::I32(a)).collect();
        let mut out = alloc::vec![Val::I32(0); results];
        f.call(&mut store, &args, &mut out)
            .map(|()| out.iter().map(Val::unwrap_i32).collect::<Vec<i32>>())
    };
    // The data segment went to memory $b only.
    let wisp = i32::from_le_bytes(*b"wisp");
    assert_eq!(call("load", &[8], 2).unwrap(), [0, wisp]);
    call("store_b", &[100, 7], 0).unwrap();
    assert_eq!(call("load", &[100], 2).unwrap(), [0, 7]);
    assert_eq!(call("sizes", &[], 2).unwrap(), [1, 2]);
    // Memory $b grows to its maximum of 3 pages, then refuses.
    assert_eq!(call("grow_b", &[1], 1).unwrap(), [2]);
    assert_eq!(call("grow_b", &[1], 1).unwrap(), [-1]);
    assert_eq!(call("sizes", &[], 2).unwrap(), [1, 3]);
    // An address inside $b's 3 pages is outside $a's 1.
    let far = 2 * 65536;
    call("store_b", &[far, 9], 0).unwrap();
    assert_eq!(call("load8_b", &[far], 1).unwrap(), [9]);
    let e = call("load", &[far], 2).unwrap_err();
    assert_eq!(trap_code(e), TrapCode::MemoryOutOfBounds);
    // Bulk operations name their memories.
    call("fill_b", &[200, 0x11, 4], 0).unwrap();
    call("copy_b_to_a", &[0, 8, 4], 0).unwrap();
    assert_eq!(call("load", &[0], 2).unwrap()[0], wisp);
    call("copy_b_to_a", &[4, 200, 4], 0).unwrap();
    assert_eq!(call("load", &[4], 2).unwrap()[0], 0x1111_1111);
    let e = call("copy_b_to_a", &[65535, 0, 2], 0).unwrap_err();
    assert_eq!(trap_code(e), TrapCode::MemoryOutOfBounds);
}
