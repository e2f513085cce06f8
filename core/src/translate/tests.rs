//! The translator's folding, checked on the IR it produces.

use crate::ir::Op;
use crate::{Config, Engine, Module, Strategy};
use alloc::vec::Vec;

/// The opcodes of function `name` in the module `wat`, translated for the
/// interpreter alone (without tier-up counts).
fn ops(wat: &str, name: &str) -> Vec<Op> {
    let wasm = wat::parse_str(wat).expect("test module parses");
    let mut config = Config::new();
    config.strategy(Strategy::Interpreter);
    let module = Module::new(&Engine::new(&config), &wasm).expect("test module is valid");
    let func = module.find_func_index(name).expect("function exists");
    let def = module.info.defined_func(func).expect("a defined function");
    module.info.code[def].code().iter().map(|i| i.op).collect()
}

#[test]
fn locals_are_registers_and_set_is_folded() {
    let ops = ops(
        r#"(module (func (export "f") (param i32 i32) (result i32) (local i32)
             local.get 0 local.get 1 i32.add local.set 2 local.get 2))"#,
        "f",
    );
    assert_eq!(ops, [Op::I32Add, Op::Return1]);
}

#[test]
fn small_constants_become_immediates() {
    let ops = ops(
        r#"(module (func (export "f") (param i64) (result i64)
             local.get 0 i64.const 7 i64.sub))"#,
        "f",
    );
    assert_eq!(ops, [Op::I64AddImm, Op::Return1]);
}

#[test]
fn compare_and_branch_fuse() {
    let ops = ops(
        r#"(module (func (export "f") (param i32) (result i32) (local i32)
             (loop $l
               local.get 1 i32.const 1 i32.add local.set 1
               local.get 1 local.get 0 i32.lt_s br_if $l)
             local.get 1))"#,
        "f",
    );
    // The counter goes to its slot and the integer accumulator, which the
    // fused branch reads.
    assert_eq!(ops, [Op::I32AddImmBs, Op::BrI32LtSA, Op::Return1]);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "translates and runs 40,000 operators: minutes under Miri, and it checks translation, not memory"
)]
fn a_fused_branch_out_of_reach_translates_the_body_again_without_fusion() {
    // A loop whose body is longer than a fused branch's 16-bit offset
    // reaches: the back edge `br_if` on `i32.lt_s` cannot fuse, so the body
    // is translated a second time (already validated) with plain branches.
    let mut body = alloc::string::String::new();
    for _ in 0..40_000 {
        body.push_str("local.get 1 local.get 0 i32.xor local.set 2\n");
    }
    let wat = alloc::format!(
        r#"(module (func (export "f") (param i32) (result i32) (local i32 i32)
             (loop $l
               {body}
               local.get 1 i32.const 1 i32.add local.set 1
               local.get 1 local.get 0 i32.lt_s br_if $l)
             local.get 1 local.get 2 i32.add))"#
    );
    let code = ops(&wat, "f");
    assert!(code.len() > 40_000);
    assert!(!code.contains(&Op::BrI32LtSA) && !code.contains(&Op::BrI32LtS));
    // It still computes the right thing: the loop runs 3 times, the last
    // xor is 2 ^ 3.
    let (mut store, inst) = instance(&crate::Config::new(), &wat);
    let f = inst.get_typed_func::<i32, i32>(&store, "f").unwrap();
    assert_eq!(f.call(&mut store, 3).unwrap(), 3 + (2 ^ 3));
}

#[test]
fn values_pushed_before_a_write_keep_their_old_value() {
    // `local.get 0` is pushed, then local 0 is overwritten before the add.
    let (mut store, inst) = instance(
        &crate::Config::new(),
        r#"(module (func (export "f") (param i32) (result i32)
             local.get 0
             i32.const 5 local.set 0
             local.get 0 i32.add))"#,
    );
    let f = inst.get_typed_func::<i32, i32>(&store, "f").unwrap();
    assert_eq!(f.call(&mut store, 10).unwrap(), 15);
}

#[test]
fn block_results_and_br_table_copies() {
    let (mut store, inst) = instance(
        &crate::Config::new(),
        r#"(module (func (export "f") (param i32) (result i32)
             (block $b2 (result i32)
               (block $b1 (result i32)
                 (block $b0 (result i32)
                   i32.const 100
                   local.get 0
                   br_table $b0 $b1 $b2)
                 i32.const 1 i32.add)
               i32.const 10 i32.add)))"#,
    );
    let f = inst.get_typed_func::<i32, i32>(&store, "f").unwrap();
    assert_eq!(f.call(&mut store, 0).unwrap(), 111);
    assert_eq!(f.call(&mut store, 1).unwrap(), 110);
    assert_eq!(f.call(&mut store, 2).unwrap(), 100);
    assert_eq!(f.call(&mut store, 99).unwrap(), 100);
}

/// Instantiates `wat` under `config` and returns the store and instance.
fn instance(config: &crate::Config, wat: &str) -> (crate::Store<()>, crate::Instance) {
    let engine = Engine::new(config);
    let module = Module::new(&engine, wat::parse_str(wat).unwrap()).unwrap();
    let mut store = crate::Store::new(&engine, ());
    let inst = crate::Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    (store, inst)
}

const SPIN: &str = r#"(module (func (export "spin") (param i32) (result i32)
    (loop $l (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
             (br_if $l (local.get 0)))
    (local.get 0)))"#;

#[test]
fn fuel_runs_out_in_loops() {
    let mut config = crate::Config::new();
    config.consume_fuel(true);
    let (mut store, inst) = instance(&config, SPIN);
    let f = inst.get_typed_func::<i32, i32>(&store, "spin").unwrap();
    store.set_fuel(1_000).unwrap();
    assert_eq!(f.call(&mut store, 10).unwrap(), 0);
    let left = store.get_fuel().unwrap();
    assert!(left < 1_000 && left > 900, "fuel left {left}");
    let err = f.call(&mut store, 1_000_000).unwrap_err();
    assert_eq!(err.as_trap().unwrap().code(), crate::TrapCode::OutOfFuel);
}

#[test]
fn fuel_needs_the_config_switch() {
    let (mut store, _) = instance(&crate::Config::new(), SPIN);
    assert!(store.set_fuel(5).is_err());
}

#[test]
fn interrupt_stops_a_loop() {
    let mut config = crate::Config::new();
    config.interruptible(true);
    let (mut store, inst) = instance(&config, SPIN);
    let f = inst.get_typed_func::<i32, i32>(&store, "spin").unwrap();
    store.interrupt_handle().interrupt();
    let err = f.call(&mut store, -1).unwrap_err();
    assert_eq!(err.as_trap().unwrap().code(), crate::TrapCode::Interrupted);
    // The trap answered the request: the next call runs without a reset.
    assert_eq!(f.call(&mut store, 5).unwrap(), 0);
    // A request withdrawn before it fires stops nothing.
    store.interrupt_handle().interrupt();
    store.interrupt_handle().reset();
    assert_eq!(f.call(&mut store, 5).unwrap(), 0);
}

#[test]
fn the_epoch_deadline_stops_a_loop() {
    let mut config = crate::Config::new();
    config.epoch_interruption(true);
    let (mut store, inst) = instance(&config, SPIN);
    let engine = store.engine().clone();
    let f = inst.get_typed_func::<i32, i32>(&store, "spin").unwrap();
    // The deadline starts at 0, which the epoch has reached: the first
    // check traps (as in wasmtime).
    let err = f.call(&mut store, 5).unwrap_err();
    assert_eq!(err.as_trap().unwrap().code(), crate::TrapCode::Interrupted);
    store.set_epoch_deadline(1);
    assert_eq!(f.call(&mut store, 5).unwrap(), 0);
    engine.increment_epoch();
    assert_eq!(engine.current_epoch(), 1);
    // An endless loop (-1 counts down for 2^32 iterations) stops at the
    // next check.
    let err = f.call(&mut store, -1).unwrap_err();
    assert_eq!(err.as_trap().unwrap().code(), crate::TrapCode::Interrupted);
    store.set_epoch_deadline(1);
    assert_eq!(f.call(&mut store, 5).unwrap(), 0);
    // Without the config switch no check is compiled in.
    let (mut plain, inst) = instance(&crate::Config::new(), SPIN);
    let f = inst.get_typed_func::<i32, i32>(&plain, "spin").unwrap();
    assert_eq!(f.call(&mut plain, 5).unwrap(), 0);
}

#[test]
fn memory_limit_refuses_growth() {
    let (mut store, inst) = instance(
        &crate::Config::new(),
        r#"(module (memory (export "m") 1)
             (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#,
    );
    store.set_memory_limit(Some(3 * 65536));
    let grow = inst.get_typed_func::<i32, i32>(&store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 2).unwrap(), 1);
    assert_eq!(grow.call(&mut store, 1).unwrap(), -1);
    assert_eq!(inst.get_memory(&store, "m").unwrap().size(&store), 3);
}

#[test]
fn float_compare_and_branch_fuse_and_respect_nan() {
    let wat = r#"(module (func (export "f") (param f64 f64) (result i32)
             (if (result i32) (f64.lt (local.get 0) (local.get 1))
               (then (i32.const 1)) (else (i32.const 0)))))"#;
    let code = ops(wat, "f");
    assert!(code.contains(&Op::BrF64NotLt), "{code:?}");
    let (mut store, inst) = instance(&crate::Config::new(), wat);
    let f = inst.get_typed_func::<(f64, f64), i32>(&store, "f").unwrap();
    assert_eq!(f.call(&mut store, (1.0, 2.0)).unwrap(), 1);
    assert_eq!(f.call(&mut store, (2.0, 1.0)).unwrap(), 0);
    assert_eq!(f.call(&mut store, (f64::NAN, 1.0)).unwrap(), 0);
    assert_eq!(f.call(&mut store, (1.0, f64::NAN)).unwrap(), 0);
}

#[test]
fn f64_chains_use_the_accumulator() {
    let chain = ops(
        r#"(module (func (export "f") (param f64 f64 f64) (result f64)
             (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2))))"#,
        "f",
    );
    assert_eq!(chain, [Op::F64MulAss, Op::F64AddSas, Op::Return1]);
    // A local written and read at once: its slot and the accumulator.
    let local = ops(
        r#"(module (func (export "f") (param f64 f64) (result f64) (local f64)
             (local.set 2 (f64.add (local.get 0) (local.get 1)))
             (f64.add (f64.mul (local.get 2) (local.get 2)) (local.get 2))))"#,
        "f",
    );
    assert_eq!(
        local,
        [Op::F64AddBss, Op::F64MulAaa, Op::F64AddSas, Op::Return1]
    );
    // Two temporaries: only the one computed last can be in the accumulator.
    let two = ops(
        r#"(module (func (export "f") (param f64 f64 f64 f64) (result f64)
             (f64.sub (f64.mul (local.get 0) (local.get 1))
                      (f64.mul (local.get 2) (local.get 3)))))"#,
        "f",
    );
    assert_eq!(two, [Op::F64Mul, Op::F64MulAss, Op::F64SubSsa, Op::Return1]);
}

/// A `v128` local takes two slots, typed as halves, and a call records the
/// operand stack beneath its arguments.
#[test]
fn v128_takes_two_slots_and_calls_record_the_stack() {
    use crate::ir::SlotType as T;
    let mut config = crate::Config::new();
    config.wasm_simd(true);
    let engine = Engine::new(&config);
    let wasm = wat::parse_str(
        r#"(module
             (func $id (param v128) (result v128) local.get 0)
             (func (export "f") (param i32 v128) (result v128) (local externref f64)
               (call $id (local.get 1))
               (i32.add (local.get 0) (i32.const 1))
               (call $id (local.get 1))
               drop drop))"#,
    )
    .unwrap();
    let module = Module::new(&engine, &wasm).unwrap();
    let func = module.find_func_index("f").unwrap();
    let code = &module.info.code[module.info.defined_func(func).unwrap()];
    assert_eq!(
        &*code.slot_types,
        [T::I32, T::V128Low, T::V128High, T::ExternRef, T::F64]
    );
    assert_eq!((code.num_params, code.num_results), (3, 2));
    let calls: Vec<_> = code.stack_maps.iter().map(|m| m.pc).collect();
    assert_eq!(calls.len(), 2);
    assert_eq!(code.stack_map(calls[0]), Some(&[][..]));
    // Beneath the second call: the first call's v128 result and the i32 sum.
    assert_eq!(
        code.stack_map(calls[1]),
        Some(&[Some(T::V128Low), Some(T::V128High), Some(T::I32)][..])
    );
}

/// Every block-opening operator counts in unreachable code, also those of
/// proposals the interpreter does not execute yet (found by the `parse` fuzz
/// target: a `try_table` after `br` closed a live block at its `end`).
#[test]
fn blocks_of_every_kind_nest_in_unreachable_code() {
    let mut config = crate::Config::new();
    config.wasm_exceptions(true);
    let engine = Engine::new(&config);
    for text in [
        "(module (func br 0 try_table end))",
        "(module (func (block br 0 try_table block end end) nop))",
        "(module (func unreachable (try_table (result i32) i32.const 1) drop))",
    ] {
        let wasm = wat::parse_str(text).unwrap();
        let result = Module::new(&engine, &wasm);
        assert!(result.is_ok(), "{text}: {:?}", result.err());
    }
}
