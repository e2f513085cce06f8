//! Compiled code against the interpreter: the same modules and inputs under
//! both strategies must give the same results, traps, memory and globals.
//! Every test also checks that the functions it runs were compiled, so none
//! can pass by being interpreted. The cases aim at what spec scripts rarely
//! reach: operands equal to the destination, shift counts and divisors in
//! the registers the instructions need, the accumulator forms, traps in the
//! middle of a frame, calls across the tiers.

use super::differential::{INT_OPS, binary_ops, pairs, same, variants};
use crate::{Config, Engine, Linker, Module, Store, Strategy, Val};
use alloc::{format, string::String, vec::Vec};

const I32_EDGES: [i32; 9] = [0, 1, -1, 2, 31, 32, 33, i32::MIN, i32::MAX];
const I64_EDGES: [i64; 9] = [0, 1, -1, 2, 63, 64, 65, i64::MIN, i64::MAX];

#[test]
fn i32_operators_agree() {
    let values: Vec<Val> = I32_EDGES.iter().map(|&x| Val::I32(x)).collect();
    same(
        &binary_ops("i32", &INT_OPS),
        &pairs(&variants(&INT_OPS), &values),
    );
}

#[test]
fn i64_operators_agree() {
    let values: Vec<Val> = I64_EDGES.iter().map(|&x| Val::I64(x)).collect();
    same(
        &binary_ops("i64", &INT_OPS),
        &pairs(&variants(&INT_OPS), &values),
    );
}

/// Each relation as a value and as a branch (fused compare-and-branch), of
/// two locals and of a local and each of `IMMEDIATES`.
fn relations(ty: &str) -> (String, Vec<&'static str>) {
    let mut text = String::from("(module\n");
    let mut names = Vec::new();
    for rel in RELATIONS {
        let name = |suffix: &str| -> &'static str {
            alloc::boxed::Box::leak(format!("{rel}{suffix}").into_boxed_str())
        };
        text += &format!(
            "(func (export \"{rel}\") (param {ty} {ty}) (result i32) ({ty}.{rel} (local.get 0) (local.get 1)))
             (func (export \"{rel}_branch\") (param {ty} {ty}) (result i32)
               (if (result i32) ({ty}.{rel} (local.get 0) (local.get 1)) (then (i32.const 7)) (else (i32.const 9))))\n"
        );
        names.extend([name(""), name("_branch")]);
        for (k, imm) in IMMEDIATES.iter().enumerate() {
            text += &format!(
                "(func (export \"{rel}_imm{k}\") (param {ty} {ty}) (result i32) ({ty}.{rel} (local.get 0) ({ty}.const {imm})))
                 (func (export \"{rel}_branch_imm{k}\") (param {ty} {ty}) (result i32)
                   (if (result i32) ({ty}.{rel} (local.get 0) ({ty}.const {imm})) (then (i32.const 7)) (else (i32.const 9))))\n"
            );
            names.extend([name(&format!("_imm{k}")), name(&format!("_branch_imm{k}"))]);
        }
    }
    (text + ")", names)
}

const RELATIONS: [&str; 10] = [
    "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u",
];
const IMMEDIATES: [i32; 6] = [0, 1, -1, -5, 32_767, -32_768];

#[test]
fn i32_relations_agree() {
    let (text, names) = relations("i32");
    let mut values: Vec<Val> = I32_EDGES.iter().map(|&x| Val::I32(x)).collect();
    values.extend(IMMEDIATES.iter().map(|&x| Val::I32(x)));
    same(&text, &pairs(&names, &values));
}

#[test]
fn i64_relations_agree() {
    let (text, names) = relations("i64");
    let mut values: Vec<Val> = I64_EDGES.iter().map(|&x| Val::I64(x)).collect();
    values.extend(IMMEDIATES.iter().map(|&x| Val::I64(x as i64)));
    values.push(Val::I64(0xffff_ffff));
    same(&text, &pairs(&names, &values));
}

#[test]
fn immediates_and_comparisons_agree() {
    let text = r#"(module
      (func (export "imm") (param i32 i64) (result i32)
        (i32.add (i32.mul (local.get 0) (i32.const -7)) (i32.shl (local.get 0) (i32.const 35)))
        (i32.xor (i32.rotl (local.get 0) (i32.const 13)) (i32.sub (i32.const 100) (local.get 0)))
        i32.or
        (i32.wrap_i64 (i64.shr_s (local.get 1) (i64.const 70)))
        i32.add)
      (func (export "cmp") (param i32 i64) (result i32)
        (i32.add (i32.lt_s (local.get 0) (i32.const -5)) (i32.ge_u (local.get 0) (i32.const 9)))
        (i32.add (i64.gt_s (local.get 1) (i64.const 3)) (i64.le_u (local.get 1) (i64.extend_i32_s (local.get 0))))
        i32.add
        (i32.eqz (local.get 0))
        i32.add)
      (func (export "branches") (param i32 i64) (result i32) (local i32)
        (block $out
          (loop $l
            (br_if $out (i32.ge_s (local.get 2) (i32.const 40)))
            (local.set 2 (i32.add (local.get 2) (i32.const 1)))
            (br_if $l (i64.lt_s (local.get 1) (i64.const 0)))
            (br_if $l (i32.gt_u (local.get 0) (local.get 2)))))
        (block $two (block $one (block $zero
          (br_table $zero $one $two (i32.and (local.get 2) (i32.const 3))))
          (return (i32.const 100)))
          (return (i32.const 200)))
        (local.get 2))
      (func (export "select") (param i32 i64) (result i64)
        (select (local.get 1) (i64.const 77) (local.get 0))))"#;
    let mut calls = Vec::new();
    for &x in &[0, 1, -1, 5, 9, 40, -6, i32::MIN, i32::MAX] {
        for &y in &[0i64, 3, 4, -1, i64::MIN, 1 << 40] {
            for f in ["imm", "cmp", "branches", "select"] {
                calls.push((f, alloc::vec![Val::I32(x), Val::I64(y)]));
            }
        }
    }
    same(text, &calls);
}

#[test]
fn unary_and_conversions_agree() {
    let text = r#"(module
      (func (export "bits") (param i32 i64) (result i64)
        (i64.add
          (i64.extend_i32_u (i32.add (i32.clz (local.get 0)) (i32.add (i32.ctz (local.get 0)) (i32.popcnt (local.get 0)))))
          (i64.add (i64.clz (local.get 1)) (i64.add (i64.ctz (local.get 1)) (i64.popcnt (local.get 1))))))
      (func (export "extend") (param i32 i64) (result i64)
        (i64.add (i64.extend_i32_s (i32.extend8_s (local.get 0)))
          (i64.add (i64.extend16_s (local.get 1)) (i64.extend32_s (local.get 1)))))
      (func (export "to_float") (param i32 i64) (result f64)
        (f64.add (f64.convert_i32_u (local.get 0))
          (f64.add (f64.convert_i64_u (local.get 1))
            (f64.promote_f32 (f32.convert_i64_s (local.get 1))))))
      (func (export "wrap") (param i32 i64) (result i32) (i32.wrap_i64 (local.get 1))))"#;
    let mut calls = Vec::new();
    for &x in &I32_EDGES {
        for &y in &I64_EDGES {
            for f in ["bits", "extend", "to_float", "wrap"] {
                calls.push((f, alloc::vec![Val::I32(x), Val::I64(y)]));
            }
        }
    }
    same(text, &calls);
}

const F64_EDGES: [f64; 10] = [
    0.0,
    -0.0,
    1.5,
    -2.5,
    0.5,
    3.0e9,
    -1.0e19,
    f64::INFINITY,
    f64::NAN,
    2.0e-320,
];

#[test]
fn float_operators_agree() {
    let ops = [
        "add", "sub", "mul", "div", "min", "max", "copysign", "eq", "ne", "lt", "gt", "le", "ge",
    ];
    let mut text = String::from("(module\n");
    for ty in ["f32", "f64"] {
        for op in ops {
            let result = if matches!(op, "eq" | "ne" | "lt" | "gt" | "le" | "ge") {
                "i32"
            } else {
                ty
            };
            text += &format!(
                "(func (export \"{ty}.{op}\") (param f64 f64) (result {result})
                   ({ty}.{op} {} {}))\n",
                if ty == "f32" {
                    "(f32.demote_f64 (local.get 0))"
                } else {
                    "(local.get 0)"
                },
                if ty == "f32" {
                    "(f32.demote_f64 (local.get 1))"
                } else {
                    "(local.get 1)"
                },
            );
        }
        for op in ["abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest"] {
            let arg = if ty == "f32" {
                "(f32.demote_f64 (local.get 0))"
            } else {
                "(local.get 0)"
            };
            text += &format!(
                "(func (export \"{ty}.{op}\") (param f64 f64) (result {ty}) ({ty}.{op} {arg}))\n"
            );
        }
        for to in ["i32", "i64"] {
            for sign in ["s", "u"] {
                let arg = if ty == "f32" {
                    "(f32.demote_f64 (local.get 0))"
                } else {
                    "(local.get 0)"
                };
                text += &format!(
                    "(func (export \"{to}.trunc_{ty}_{sign}\") (param f64 f64) (result {to}) ({to}.trunc_{ty}_{sign} {arg}))
                     (func (export \"{to}.trunc_sat_{ty}_{sign}\") (param f64 f64) (result {to}) ({to}.trunc_sat_{ty}_{sign} {arg}))\n"
                );
            }
        }
    }
    // f64 chains: the accumulator forms and fused compare-and-branch.
    text += r#"(func (export "chain") (param f64 f64) (result f64) (local f64)
        (local.set 2 (f64.mul (f64.add (local.get 0) (local.get 1)) (f64.sub (local.get 0) (local.get 1))))
        (if (f64.lt (local.get 2) (local.get 0)) (then (local.set 2 (f64.div (local.get 2) (f64.const 3)))))
        (if (f64.ne (local.get 2) (local.get 2)) (then (local.set 2 (f64.const 7))))
        (local.get 2)))"#;
    let mut names: Vec<String> = Vec::new();
    for ty in ["f32", "f64"] {
        for op in ops
            .iter()
            .chain(&["abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest"])
        {
            names.push(format!("{ty}.{op}"));
        }
        for to in ["i32", "i64"] {
            for sign in ["s", "u"] {
                names.push(format!("{to}.trunc_{ty}_{sign}"));
                names.push(format!("{to}.trunc_sat_{ty}_{sign}"));
            }
        }
    }
    names.push("chain".into());
    let values: Vec<Val> = F64_EDGES.iter().map(|x| Val::F64(x.to_bits())).collect();
    let names: Vec<&'static str> = names
        .into_iter()
        .map(|n| &*alloc::boxed::Box::leak(n.into_boxed_str()))
        .collect();
    same(&text, &pairs(&names, &values));
}

#[test]
fn memory_access_and_growth_agree() {
    let text = r#"(module
      (memory (export "mem") 1 3)
      (func (export "store") (param i32 i64)
        (i64.store offset=3 (local.get 0) (local.get 1))
        (i32.store8 (i32.add (local.get 0) (i32.const 1)) (i32.wrap_i64 (local.get 1)))
        (i32.store16 offset=40 (local.get 0) (i32.wrap_i64 (local.get 1))))
      (func (export "load") (param i32 i64) (result i64)
        (i64.add (i64.load offset=3 (local.get 0))
          (i64.add (i64.load8_s (local.get 0))
            (i64.add (i64.extend_i32_u (i32.load16_u offset=40 (local.get 0)))
              (i64.load32_s offset=1 (local.get 0))))))
      (func (export "grow") (param i32 i64) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (param i32 i64) (result i32) (memory.size))
      (func (export "fill") (param i32 i64)
        (memory.fill (local.get 0) (i32.wrap_i64 (local.get 1)) (i32.const 100))
        (memory.copy (i32.const 7) (local.get 0) (i32.const 50))))"#;
    let mut calls = Vec::new();
    for &at in &[
        0,
        1,
        65_535 - 10,
        65_536 - 11,
        65_536 - 8,
        65_536,
        131_072 - 11,
        -1,
    ] {
        calls.push((
            "store",
            alloc::vec![Val::I32(at), Val::I64(0x1122_3344_5566_7788)],
        ));
        calls.push(("load", alloc::vec![Val::I32(at), Val::I64(0)]));
        calls.push(("fill", alloc::vec![Val::I32(at), Val::I64(0xab)]));
        calls.push(("grow", alloc::vec![Val::I32(1), Val::I64(0)]));
        calls.push(("size", alloc::vec![Val::I32(0), Val::I64(0)]));
    }
    same(text, &calls);
}

#[test]
fn calls_globals_and_tables_agree() {
    let text = r#"(module
      (type $bin (func (param i32 i32) (result i32)))
      (global $g (export "g") (mut i64) (i64.const 5))
      (table 4 funcref)
      (elem (i32.const 0) $add $sub $fib)
      (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
      (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
      (func $fib (param i32) (result i32)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
          (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func (export "indirect") (param i32 i32) (result i32)
        (global.set $g (i64.add (global.get $g) (i64.extend_i32_u (local.get 0))))
        (call_indirect (type $bin) (local.get 1) (i32.const 3) (local.get 0)))
      (func (export "fib") (param i32 i32) (result i32) (call $fib (local.get 0)))
      (func $deep (export "deep") (param i32 i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)) (local.get 1)))))))"#;
    let mut calls = Vec::new();
    for k in 0..6 {
        calls.push(("indirect", alloc::vec![Val::I32(k), Val::I32(10)]));
    }
    calls.push(("fib", alloc::vec![Val::I32(20), Val::I32(0)]));
    calls.push(("deep", alloc::vec![Val::I32(500), Val::I32(0)]));
    calls.push(("deep", alloc::vec![Val::I32(200_000), Val::I32(0)]));
    calls.push(("deep", alloc::vec![Val::I32(3), Val::I32(0)]));
    same(text, &calls);
}

#[test]
fn traps_keep_their_backtraces() {
    let text = r#"(module
      (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
      (func (export "outer") (param i32) (result i32)
        (i32.add (i32.const 1) (call $inner (local.get 0)))))"#;
    let mut config = Config::new();
    config.strategy(Strategy::Jit);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let f = instance
        .get_typed_func::<i32, i32>(&store, "outer")
        .unwrap();
    assert_eq!(f.call(&mut store, 1).unwrap(), 2);
    let trap = f.call(&mut store, 0).unwrap_err();
    let text = format!("{trap}");
    assert!(text.contains("integer divide by zero"), "{text}");
    let frames = trap.as_trap().expect("a trap").backtrace();
    assert_eq!(frames.len(), 2, "{text}");
    assert_eq!(frames[0].func_index, 0);
    assert_eq!(frames[1].func_index, 1);
    assert!(frames.iter().all(|f| f.wasm_offset.is_some()), "{text}");
}

#[test]
fn fuel_runs_out_in_compiled_loops() {
    let text = r#"(module
      (func (export "spin") (param i32) (result i32)
        (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (local.get 0)))"#;
    let mut config = Config::new();
    config.strategy(Strategy::Jit).consume_fuel(true);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    store.set_fuel(10_000).unwrap();
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let f = instance.get_typed_func::<i32, i32>(&store, "spin").unwrap();
    assert_eq!(f.call(&mut store, 100).unwrap(), 0);
    let left = store.get_fuel().unwrap();
    assert!(left < 10_000, "fuel was charged ({left} left)");
    let e = f.call(&mut store, 1_000_000).unwrap_err();
    assert!(format!("{e}").contains("all fuel consumed"), "{e}");
}

#[test]
fn deep_recursion_stays_off_the_native_guard_page() {
    extern crate std;
    // A call depth of a million, in a thread with 512 KiB of native stack:
    // direct calls past the native budget leave for the run loop instead.
    let text = r#"(module
      (func $deep (export "deep") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1))))))))"#;
    let run = move || {
        let mut config = Config::new();
        config
            .strategy(Strategy::Jit)
            .max_call_depth(1_000_000)
            .max_stack_slots(1 << 23);
        let engine = Engine::new(&config);
        let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let f = instance.get_typed_func::<i32, i32>(&store, "deep").unwrap();
        f.call(&mut store, 900_000).unwrap()
    };
    let result = std::thread::Builder::new()
        .stack_size(512 << 10)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(result, 900_000);
}

/// Loops whose locals live in registers, around everything that writes
/// them back and loads them again: direct calls, helpers (float `min`,
/// `memory.grow`, bulk memory), a host function (the run loop resumes the
/// loop through the trampoline), and a trap in the middle.
#[test]
fn pinned_locals_survive_calls_helpers_and_host_calls() {
    let text = r#"(module
      (import "host" "twice" (func $twice (param i64) (result i64)))
      (memory (export "mem") 1 4)
      (func $mix (param i64 i32) (result i64)
        (i64.xor (i64.rotl (local.get 0) (i64.const 7)) (i64.extend_i32_u (local.get 1))))
      (func (export "run") (param i32 i64) (result i64) (local i32 i64 f64 i32)
        (loop $l
          (local.set 3 (call $mix (i64.add (local.get 3) (local.get 1)) (local.get 2)))
          (local.set 4 (f64.min (local.get 4) (f64.convert_i64_s (local.get 3))))
          (if (i32.eq (i32.and (local.get 2) (i32.const 15)) (i32.const 7))
            (then (local.set 3 (call $twice (local.get 3)))))
          (if (i32.eq (local.get 2) (i32.const 20))
            (then (local.set 5 (memory.grow (i32.const 1)))))
          (memory.fill (i32.and (local.get 2) (i32.const 255)) (local.get 2) (i32.const 3))
          (i64.store (i32.shl (i32.and (local.get 2) (i32.const 127)) (i32.const 3)) (local.get 3))
          (local.set 2 (i32.add (local.get 2) (i32.const 1)))
          ;; enough arithmetic on the locals to pin them despite the calls
          (local.set 3 (i64.add (local.get 3) (i64.mul (local.get 1) (i64.extend_i32_u (local.get 2)))))
          (local.set 3 (i64.xor (local.get 3) (i64.shr_u (local.get 3) (i64.const 13))))
          (local.set 3 (i64.add (local.get 3) (i64.shl (local.get 1) (i64.extend_i32_u (i32.and (local.get 2) (i32.const 7))))))
          (local.set 1 (i64.sub (local.get 1) (i64.extend_i32_s (local.get 2))))
          (local.set 1 (i64.rotl (local.get 1) (local.get 3)))
          (local.set 3 (i64.sub (local.get 3) (i64.and (local.get 1) (local.get 3))))
          (local.set 3 (i64.add (local.get 3) (i64.or (local.get 1) (local.get 3))))
          (local.set 1 (i64.xor (local.get 1) (i64.or (local.get 1) (local.get 3))))
          (br_if $l (i32.lt_u (local.get 2) (local.get 0))))
        (i64.add (i64.add (local.get 3) (i64.extend_i32_u (local.get 5)))
          (i64.trunc_sat_f64_s (local.get 4))))
      (func (export "trap_mid_loop") (param i32 i64) (result i64) (local i32)
        (loop $l
          (local.set 1 (i64.add (local.get 1) (i64.const 3)))
          (local.set 2 (i32.add (local.get 2) (i32.const 1)))
          (drop (i32.div_u (i32.const 1) (i32.sub (local.get 0) (local.get 2))))
          (br $l))
        (local.get 1)))"#;
    let outcomes: Vec<_> = [Strategy::Interpreter, Strategy::Jit]
        .into_iter()
        .map(|strategy| {
            let mut config = Config::new();
            config.strategy(strategy);
            let engine = Engine::new(&config);
            let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
            let mut store = Store::new(&engine, ());
            let mut linker = Linker::new(&engine);
            linker
                .func_wrap("host", "twice", |x: i64| x.wrapping_mul(2))
                .unwrap();
            let instance = linker.instantiate(&mut store, &module).unwrap();
            let run = instance
                .get_typed_func::<(i32, i64), i64>(&store, "run")
                .unwrap();
            let results: Vec<_> = [(100, 3i64), (1, -5), (40, 1 << 40)]
                .into_iter()
                .map(|args| run.call(&mut store, args).map_err(|e| format!("{e}")))
                .collect();
            let trap = instance
                .get_typed_func::<(i32, i64), i64>(&store, "trap_mid_loop")
                .unwrap()
                .call(&mut store, (50, 1))
                .map_err(|e| format!("{e}"));
            let memory = instance.get_memory(&store, "mem").unwrap();
            let bytes: u64 = memory.data(&store).iter().map(|&b| b as u64).sum();
            (results, trap, bytes)
        })
        .collect();
    assert!(
        outcomes[0]
            .1
            .as_ref()
            .unwrap_err()
            .contains("integer divide by zero")
    );
    assert_eq!(outcomes[0], outcomes[1]);
    // The loop's locals are pinned (else this tested nothing of pinning).
    let engine = Engine::default();
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let run = module.find_func_index("run").unwrap();
    let def = module.info.defined_func(run).unwrap();
    let pinned = super::x64::lower::slots::choose(&module.info.code[def]);
    assert!(pinned.len() >= 3, "{} locals pinned", pinned.len());
}

/// Float locals pinned in SSE registers, read and written as integers too
/// (reinterpretations need no code: an integer operator reads the float
/// local's slot), with `f32` values keeping their slot's upper half zero.
#[test]
fn pinned_float_locals_agree() {
    let text = r#"(module
      (func (export "floats") (param i32 f64) (result i64) (local f32 f64 i64)
        (local.set 2 (f32.demote_f64 (local.get 1)))
        (loop $l
          (local.set 3 (f64.add (f64.mul (local.get 3) (f64.const 0.5)) (local.get 1)))
          (local.set 2 (f32.sub (f32.mul (local.get 2) (f32.const 1.25)) (f32.demote_f64 (local.get 3))))
          (local.set 4 (i64.add (local.get 4)
            (i64.xor (i64.reinterpret_f64 (local.get 3))
              (i64.extend_i32_u (i32.reinterpret_f32 (local.get 2))))))
          (local.set 2 (f32.reinterpret_i32 (i32.and (i32.reinterpret_f32 (local.get 2)) (i32.const 0x7fffffff))))
          (local.set 3 (f64.copysign (local.get 3) (f64.promote_f32 (local.get 2))))
          (local.set 3 (f64.min (local.get 3) (f64.const 1e300)))
          (local.set 1 (f64.neg (local.get 1)))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (i64.add (local.get 4) (i64.reinterpret_f64 (f64.promote_f32 (local.get 2))))))"#;
    let mut calls = Vec::new();
    // No NaN argument: the loop would combine two NaNs of opposite signs,
    // whose result Wasm leaves open (either operand's, or another
    // arithmetic NaN) and the tiers may pick differently. Infinities still
    // make NaNs, one at a time.
    for &n in &[1, 2, 17, 300] {
        for &x in &[0.0f64, 1.5, -3.25, 1e30, f64::INFINITY] {
            calls.push(("floats", alloc::vec![Val::I32(n), Val::F64(x.to_bits())]));
        }
    }
    same(text, &calls);
    let engine = Engine::default();
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let def = module
        .info
        .defined_func(module.find_func_index("floats").unwrap())
        .unwrap();
    let pinned = super::x64::lower::slots::choose(&module.info.code[def]);
    assert!(pinned.len() >= 3, "{} locals pinned", pinned.len());
}
