//! The aarch64 lowering against the interpreter (run under qemu-user on
//! other hosts): every module here is compiled whole, so each case checks
//! compiled code. The cases aim at what the spec scripts reach rarely:
//! shift and rotate counts at and past the width, the division traps and
//! the minimum divided by -1, operands equal to the destination, the
//! accumulator forms, immediates at the ends of their range, and locals
//! pinned in registers across loops.

use crate::Val;
use crate::jit::differential::{INT_OPS, binary_ops, pairs, same, variants};
use alloc::vec;
use alloc::vec::Vec;

/// The relations of both widths (an `i32` result).
const RELATIONS: [&str; 10] = [
    "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u",
];

/// Every relation of `ty` as an export `op(a, b)`.
fn relations_module(ty: &str) -> alloc::string::String {
    let mut text = alloc::string::String::from("(module\n");
    for op in RELATIONS {
        text.push_str(&alloc::format!(
            "(func (export \"{op}\") (param {ty} {ty}) (result i32) ({ty}.{op} (local.get 0) (local.get 1)))\n"
        ));
    }
    text.push(')');
    text
}

/// `i32` operands worth trying: zero, ±1, ±7, 2, shift counts at and past
/// the width, the extremes and a large value.
fn i32_values() -> Vec<Val> {
    [
        0,
        1,
        -1,
        2,
        7,
        31,
        32,
        33,
        i32::MIN,
        i32::MAX,
        -7,
        0x1234_5678,
    ]
    .iter()
    .map(|&v| Val::I32(v))
    .collect()
}

/// `i64` operands worth trying, as [`i32_values`] (and the `i32`
/// minimum, sign-extended).
fn i64_values() -> Vec<Val> {
    [
        0,
        1,
        -1,
        2,
        63,
        64,
        65,
        i64::MIN,
        i64::MAX,
        -7,
        0x1234_5678_9abc_def0,
        i32::MIN as i64,
    ]
    .iter()
    .map(|&v| Val::I64(v))
    .collect()
}

/// Each arithmetic operator in the five forms of [`binary_ops`]: into a
/// temporary, into its left operand, into its right one, with one local as
/// both operands and the destination, and in a chain through the
/// accumulator.
#[test]
fn i32_operators_and_their_register_aliasing_match_the_interpreter() {
    let calls = pairs(&variants(&INT_OPS), &i32_values());
    same(&binary_ops("i32", &INT_OPS), &calls);
}

/// As the `i32` test, at 64 bits.
#[test]
fn i64_operators_and_their_register_aliasing_match_the_interpreter() {
    let calls = pairs(&variants(&INT_OPS), &i64_values());
    same(&binary_ops("i64", &INT_OPS), &calls);
}

#[test]
fn i32_relations_match_the_interpreter() {
    same(&relations_module("i32"), &pairs(&RELATIONS, &i32_values()));
}

#[test]
fn i64_relations_match_the_interpreter() {
    same(&relations_module("i64"), &pairs(&RELATIONS, &i64_values()));
}

#[test]
fn immediates_unary_operators_and_conversions_match_the_interpreter() {
    let text = r#"(module
      (func (export "imm") (param i32 i64) (result i32 i32 i32 i32 i32 i64 i64 i64 i64)
        (i32.add (local.get 0) (i32.const -32768))
        (i32.sub (i32.const 32767) (local.get 0))
        (i32.shl (local.get 0) (i32.const 35))
        (i32.rotl (local.get 0) (i32.const 7))
        (i32.lt_s (local.get 0) (i32.const -5))
        (i64.mul (local.get 1) (i64.const -3))
        (i64.shr_u (local.get 1) (i64.const 67))
        (i64.and (local.get 1) (i64.const 0x7fff))
        (i64.xor (local.get 1) (i64.const -1)))
      (func (export "unary") (param i32 i64) (result i32 i32 i32 i32 i64 i64 i64 i32)
        (i32.eqz (local.get 0))
        (i32.clz (local.get 0))
        (i32.ctz (local.get 0))
        (i32.popcnt (local.get 0))
        (i64.clz (local.get 1))
        (i64.ctz (local.get 1))
        (i64.popcnt (local.get 1))
        (i64.eqz (local.get 1)))
      (func (export "convert") (param i32 i64) (result i64 i32 i32 i32 i64 i64 i64 i64)
        (i64.extend_i32_s (local.get 0))
        (i32.wrap_i64 (local.get 1))
        (i32.extend8_s (local.get 0))
        (i32.extend16_s (local.get 0))
        (i64.extend8_s (local.get 1))
        (i64.extend16_s (local.get 1))
        (i64.extend32_s (local.get 1))
        (i64.const 0x123456789abcdef0))
      (func (export "select") (param i32 i64 i64) (result i64)
        (select (local.get 1) (local.get 2) (local.get 0))))"#;
    let mut calls = vec![];
    for (a, b) in [
        (0, 0),
        (1, 1),
        (-1, -1),
        (0x80, 0x8000),
        (i32::MIN, i64::MIN),
        (i32::MAX, i64::MAX),
        (0x1234_5678, 0x1234_5678_9abc_def0),
    ] {
        calls.push(("imm", vec![Val::I32(a), Val::I64(b)]));
        calls.push(("unary", vec![Val::I32(a), Val::I64(b)]));
        calls.push(("convert", vec![Val::I32(a), Val::I64(b)]));
        calls.push(("select", vec![Val::I32(a), Val::I64(b), Val::I64(!b)]));
    }
    same(text, &calls);
}

#[test]
fn loops_with_pinned_locals_branches_and_globals_match_the_interpreter() {
    let text = r#"(module
      (global $g (export "g") (mut i64) (i64.const 5))
      (func (export "collatz") (param i32) (result i32)
        (local $steps i32)
        (block $done
          (loop $next
            (br_if $done (i32.le_u (local.get 0) (i32.const 1)))
            (if (i32.and (local.get 0) (i32.const 1))
              (then (local.set 0 (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 1))))
              (else (local.set 0 (i32.shr_u (local.get 0) (i32.const 1)))))
            (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
            (br $next)))
        (local.get $steps))
      (func (export "sum") (param i64) (result i64)
        (local $total i64)
        (loop $more
          (global.set $g (i64.add (global.get $g) (local.get 0)))
          (local.set $total (i64.add (local.get $total) (i64.mul (local.get 0) (local.get 0))))
          (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
          (br_if $more (i64.gt_s (local.get 0) (i64.const 0))))
        (local.get $total))
      (func (export "trap") (param i32) (result i32)
        (if (i32.eqz (local.get 0)) (then unreachable))
        (i32.div_s (i32.const 100) (local.get 0))))"#;
    let mut calls = vec![];
    for n in [1, 2, 3, 7, 27, 97, 871] {
        calls.push(("collatz", vec![Val::I32(n)]));
    }
    for n in [0i64, 1, 10, 1000] {
        calls.push(("sum", vec![Val::I64(n)]));
    }
    for n in [0, 1, -1, 7] {
        calls.push(("trap", vec![Val::I32(n)]));
    }
    same(text, &calls);
}

#[test]
fn loads_stores_bounds_and_growth_match_the_interpreter() {
    let text = r#"(module
      (memory (export "mem") 1 3)
      (func (export "store") (param i32 i64)
        (i64.store (local.get 0) (local.get 1))
        (i32.store offset=8 (local.get 0) (i32.wrap_i64 (local.get 1)))
        (i64.store16 offset=4099 (local.get 0) (local.get 1))
        (i32.store8 offset=65535 (local.get 0) (i32.const -1)))
      (func (export "load") (param i32) (result i64 i64 i32 i32 i32 i32 i64 i64 i64 i64)
        (i64.load (local.get 0))
        (i64.load32_s offset=1 (local.get 0))
        (i32.load8_s offset=2 (local.get 0))
        (i32.load8_u offset=3 (local.get 0))
        (i32.load16_s offset=4101 (local.get 0))
        (i32.load16_u offset=5 (local.get 0))
        (i64.load8_s (local.get 0))
        (i64.load16_u offset=7 (local.get 0))
        (i64.load32_u offset=9 (local.get 0))
        (i64.load16_s offset=65534 (local.get 0)))
      (func (export "grow") (param i32) (result i32 i32)
        (memory.grow (local.get 0))
        (memory.size)))"#;
    let mut calls = vec![];
    for (at, value) in [
        (0, 0x8182_8384_8586_8788u64 as i64),
        (13, -2),
        (1000, 0x7fff_8000_1234_5678),
        (65536 - 8, 1),
        (65536 - 7, 1),
        (-1, 5),
    ] {
        calls.push(("store", vec![Val::I32(at), Val::I64(value)]));
        calls.push(("load", vec![Val::I32(at)]));
    }
    for pages in [0, 1, 5, 1] {
        calls.push(("grow", vec![Val::I32(pages)]));
        calls.push(("load", vec![Val::I32(65536 + 100)]));
    }
    same(text, &calls);
}

#[test]
fn other_memories_and_64_bit_addresses_match_the_interpreter() {
    let text = r#"(module
      (memory $a 1)
      (memory $b (export "mem") 2)
      (memory $w i64 1)
      (func (export "copy") (param i32 i32)
        (i32.store $b (local.get 1) (i32.add (i32.load $a (local.get 0)) (i32.const 7))))
      (func (export "wide") (param i64 i64) (result i64)
        (i64.store $w offset=0x10000 (local.get 0) (local.get 1))
        (i64.load $w offset=0x10000 (local.get 0))))"#;
    let mut calls = vec![];
    for (from, to) in [
        (0, 0),
        (100, 70000),
        (65532, 131068),
        (65533, 0),
        (0, 131069),
    ] {
        calls.push(("copy", vec![Val::I32(from), Val::I32(to)]));
    }
    for at in [0, -0x10000, 8, 0x7fff_ffff_ffff_fff0, -1] {
        calls.push(("wide", vec![Val::I64(at), Val::I64(at ^ 0x5555)]));
    }
    same(text, &calls);
}

/// Floats worth trying: zeros of both signs, NaNs (quiet, signalling,
/// negative, with payloads), infinities, extremes and ordinary values.
const F64S: [f64; 10] = [
    0.0,
    -0.0,
    1.5,
    -2.75,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MAX,
    f64::MIN_POSITIVE,
    4_294_967_296.5,
    -9.3e18,
];

fn nans64() -> [u64; 3] {
    [
        0x7ff8_0000_0000_0000,
        0xfff4_0000_0000_0001,
        0x7ff0_0000_dead_beef,
    ]
}

#[test]
fn float_arithmetic_comparisons_and_conversions_match_the_interpreter() {
    let mut text = alloc::string::String::from("(module\n");
    for ty in ["f32", "f64"] {
        for op in ["add", "sub", "mul", "div", "min", "max", "copysign"] {
            text.push_str(&alloc::format!(
                "(func (export \"{ty}.{op}\") (param {ty} {ty}) (result {ty}) ({ty}.{op} (local.get 0) (local.get 1)))\n"
            ));
        }
        for op in ["eq", "ne", "lt", "gt", "le", "ge"] {
            text.push_str(&alloc::format!(
                "(func (export \"{ty}.{op}\") (param {ty} {ty}) (result i32) ({ty}.{op} (local.get 0) (local.get 1)))\n
                 (func (export \"br.{ty}.{op}\") (param {ty} {ty}) (result i32)
                   (block (br_if 0 ({ty}.{op} (local.get 0) (local.get 1))) (return (i32.const 0)))
                   (i32.const 1))\n
                 (func (export \"if.{ty}.{op}\") (param {ty} {ty}) (result i32)
                   (if (result i32) ({ty}.{op} (local.get 0) (local.get 1))
                     (then (i32.const 1)) (else (i32.const 0))))\n"
            ));
        }
        for op in ["sqrt", "abs", "neg", "floor", "ceil", "trunc", "nearest"] {
            text.push_str(&alloc::format!(
                "(func (export \"{ty}.{op}\") (param {ty}) (result {ty}) ({ty}.{op} (local.get 0)))\n"
            ));
        }
    }
    text.push_str(
        r#"
      (func (export "convert") (param i32 i64) (result f32 f32 f32 f32 f64 f64 f64 f64)
        (f32.convert_i32_s (local.get 0)) (f32.convert_i32_u (local.get 0))
        (f32.convert_i64_s (local.get 1)) (f32.convert_i64_u (local.get 1))
        (f64.convert_i32_s (local.get 0)) (f64.convert_i32_u (local.get 0))
        (f64.convert_i64_s (local.get 1)) (f64.convert_i64_u (local.get 1)))
      (func (export "width") (param f64) (result f32 f64)
        (f32.demote_f64 (local.get 0)) (f64.promote_f32 (f32.demote_f64 (local.get 0))))
      (func (export "trunc") (param f64) (result i32 i32 i64 i64 i32 i64)
        (i32.trunc_sat_f64_s (local.get 0)) (i32.trunc_sat_f64_u (local.get 0))
        (i64.trunc_sat_f64_s (local.get 0)) (i64.trunc_sat_f64_u (local.get 0))
        (i32.trunc_f64_s (local.get 0)) (i64.trunc_f64_u (local.get 0)))
      (func (export "poly") (param f64 i32) (result f64)
        (local $sum f64) (local $x f64)
        (local.set $x (local.get 0))
        (loop $more
          (local.set $sum (f64.add (f64.mul (local.get $sum) (local.get $x)) (f64.const 0.5)))
          (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
          (br_if $more (i32.gt_s (local.get 1) (i32.const 0))))
        (local.get $sum)))"#,
    );
    let mut values: Vec<u64> = F64S.iter().map(|v| v.to_bits()).collect();
    values.extend(nans64());
    let mut calls = vec![];
    for ty in ["f32", "f64"] {
        let val = |bits: u64| {
            if ty == "f32" {
                Val::F32((f64::from_bits(bits) as f32).to_bits())
            } else {
                Val::F64(bits)
            }
        };
        for op in [
            "add", "sub", "mul", "div", "min", "max", "copysign", "eq", "ne", "lt", "gt", "le",
            "ge",
        ] {
            for &a in &values {
                for &b in &values {
                    calls.push((alloc::format!("{ty}.{op}"), vec![val(a), val(b)]));
                    if !["add", "sub", "mul", "div", "min", "max", "copysign"].contains(&op) {
                        calls.push((alloc::format!("br.{ty}.{op}"), vec![val(a), val(b)]));
                        calls.push((alloc::format!("if.{ty}.{op}"), vec![val(a), val(b)]));
                    }
                }
            }
        }
        for op in ["sqrt", "abs", "neg", "floor", "ceil", "trunc", "nearest"] {
            for &a in &values {
                calls.push((alloc::format!("{ty}.{op}"), vec![val(a)]));
            }
        }
    }
    for (a, b) in [
        (0, 0),
        (-1, -1),
        (i32::MIN, i64::MIN),
        (i32::MAX, i64::MAX),
        (7, 1 << 53 | 1),
    ] {
        calls.push(("convert".into(), vec![Val::I32(a), Val::I64(b)]));
    }
    for &v in &values {
        calls.push(("width".into(), vec![Val::F64(v)]));
        calls.push(("trunc".into(), vec![Val::F64(v)]));
    }
    for n in [1, 2, 10] {
        calls.push((
            "poly".into(),
            vec![Val::F64(1.25f64.to_bits()), Val::I32(n)],
        ));
    }
    let calls: Vec<(&str, Vec<Val>)> = calls.iter().map(|(n, a)| (n.as_str(), a.clone())).collect();
    same(&text, &calls);
}

#[test]
fn calls_tables_throws_and_bulk_memory_match_the_interpreter() {
    let text = r#"(module
      (type $bin (func (param i64 i64) (result i64)))
      (type $un (func (param i32) (result i32)))
      (tag $oops (param i32))
      (memory (export "mem") 1)
      (table $t 4 funcref)
      (elem (table $t) (i32.const 0) func $add $sub $fib)
      (func $add (type $bin) (i64.add (local.get 0) (local.get 1)))
      (func $sub (type $bin) (i64.sub (local.get 0) (local.get 1)))
      (func $fib (export "fib") (type $un)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
          (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func (export "indirect") (param i32 i64 i64) (result i64)
        (call_indirect $t (type $bin) (local.get 1) (local.get 2) (local.get 0)))
      (func $count (param i32 i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0))
          (then (local.get 1))
          (else (return_call $count (i32.sub (local.get 0) (i32.const 1))
                                    (i32.add (local.get 1) (i32.const 2))))))
      (func (export "count") (param i32) (result i32) (call $count (local.get 0) (i32.const 0)))
      (func (export "switch") (param i32) (result i32)
        (block $c (block $b (block $a
          (br_table $a $b $c $a (local.get 0)))
          (return (i32.const 10)))
          (return (i32.const 20)))
        (i32.const 30))
      (func $raise (param i32) (if (i32.gt_s (local.get 0) (i32.const 5)) (then (throw $oops (local.get 0)))))
      (func (export "catch") (param i32) (result i32)
        (block $caught (result i32)
          (try_table (catch $oops $caught)
            (call $raise (local.get 0)))
          (i32.const -1)))
      (func (export "bulk") (param i32 i32 i32) (result i32)
        (memory.fill (local.get 0) (i32.const 0xab) (local.get 2))
        (memory.copy (local.get 1) (local.get 0) (local.get 2))
        (i32.load (local.get 1)))
      (func (export "ref") (param i32) (result i32)
        (call_ref $un (local.get 0) (ref.func $fib)))
      (global $g (export "g") (mut i32) (i32.const 0))
      (func $deep (export "deep") (param i32) (result i32)
        ;; Counts its calls: a call made twice would show.
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (if (result i32) (i32.eqz (local.get 0))
          (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
      (func $deep_trap (export "deep_trap") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0))
          (then (i32.div_u (i32.const 1) (local.get 0)))
          (else (i32.add (i32.const 1) (call $deep_trap (i32.sub (local.get 0) (i32.const 1))))))))"#;
    let mut calls = vec![];
    for n in [0, 1, 2, 10, 15] {
        calls.push(("fib", vec![Val::I32(n)]));
        calls.push(("ref", vec![Val::I32(n)]));
    }
    for k in [0, 1, 2, 3, 4, -1] {
        calls.push(("indirect", vec![Val::I32(k), Val::I64(40), Val::I64(2)]));
    }
    for n in [0, 1, 1000, 100_000] {
        calls.push(("count", vec![Val::I32(n)]));
    }
    for k in [0, 1, 2, 3, 4, -1, 1000] {
        calls.push(("switch", vec![Val::I32(k)]));
    }
    for n in [0, 5, 6, 100] {
        calls.push(("catch", vec![Val::I32(n)]));
    }
    for (a, b, n) in [
        (0, 100, 8),
        (10, 20, 4),
        (65530, 0, 6),
        (65531, 0, 6),
        (0, 65533, 4),
    ] {
        calls.push(("bulk", vec![Val::I32(a), Val::I32(b), Val::I32(n)]));
    }
    // Deep enough for the native stack and the frame stack to run out:
    // the thunk's checks leave for the run loop, which goes on.
    for n in [10, 1000, 30_000, 1_000_000] {
        calls.push(("deep", vec![Val::I32(n)]));
        calls.push(("deep_trap", vec![Val::I32(n)]));
    }
    same(text, &calls);
}

/// Wide arithmetic: 128-bit sums and differences (carries and borrows
/// across the halves, wrapping at 2^128) and full 64×64 products, signed
/// and unsigned, of operand pairs from [`i64_values`]; the results read
/// back from a loop's pinned locals too.
#[test]
fn wide_arithmetic_matches_the_interpreter() {
    let text = r#"(module
      (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
        (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
      (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64)
        (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
      (func (export "mul_s") (param i64 i64) (result i64 i64)
        (i64.mul_wide_s (local.get 0) (local.get 1)))
      (func (export "mul_u") (param i64 i64) (result i64 i64)
        (i64.mul_wide_u (local.get 0) (local.get 1)))
      (func (export "square_sum") (param $x i64) (param $n i32) (result i64 i64)
        (local $low i64) (local $high i64)
        (loop $l
          (i64.mul_wide_u (local.get $x) (local.get $x))
          (local.get $low) (local.get $high)
          (i64.add128)
          (local.set $high) (local.set $low)
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $low) (local.get $high)))"#;
    let values = i64_values();
    let mut calls = pairs(&["mul_s", "mul_u"], &values);
    for &a in &values {
        for &b in &values {
            // The second pair is the first swapped: carries and borrows
            // out of either half, both ways.
            for f in ["add128", "sub128"] {
                calls.push((f, vec![a, b, b, a]));
                calls.push((f, vec![a, b, a, b]));
            }
        }
        calls.push(("square_sum", vec![a, Val::I32(5)]));
    }
    same(text, &calls);
}
