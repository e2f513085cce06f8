//! SIMD functions compiled against the interpreter: every operator the
//! translator emits, in functions whose destinations overlap their
//! operands (a local written with an operator of itself, one operand
//! twice, chains of temporaries, constant pairs), on edge lanes (integer
//! minima and maxima, NaNs with payloads, ±0, ±∞, float bounds of the
//! conversions) and random ones; with scalar operands and results in
//! pinned locals; and memory accesses at the edges of two memories, in
//! both trap modes. Each runs for three processors (every feature the
//! host has, SSSE3 without SSE4.1, baseline SSE2), so every alternative
//! sequence of the lowering runs, and each checks that its functions were
//! compiled.

use super::x64::lower::{Cpu, test_cpu};
use crate::{Config, Engine, Linker, Module, Store, Strategy, Val};
use alloc::{format, string::String, vec, vec::Vec};

/// The processors compiled for, by name.
const LEVELS: [(&str, Cpu); 3] = [
    (
        "all",
        Cpu {
            lzcnt: true,
            bmi1: true,
            popcnt: true,
            ssse3: true,
            sse41: true,
        },
    ),
    (
        "ssse3",
        Cpu {
            lzcnt: true,
            bmi1: true,
            popcnt: true,
            ssse3: true,
            sse41: false,
        },
    ),
    (
        "sse2",
        Cpu {
            lzcnt: false,
            bmi1: false,
            popcnt: false,
            ssse3: false,
            sse41: false,
        },
    ),
];

/// Whether an operator compiles on `cpu`: all but those needing a feature
/// it lacks (see `x64/lower/simd.rs`).
fn compiles(op: &str, cpu: Cpu) -> bool {
    let ssse3 = op.contains("swizzle") || op.contains("shuffle");
    let sse41 = ["ceil", "floor", "trunc", "nearest"]
        .iter()
        .any(|r| op.ends_with(r));
    (cpu.ssse3 || !ssse3) && (cpu.sse41 || !sse41)
}

/// The float lane width (in bytes) of `op`'s result if it is float
/// arithmetic whose NaN results Wasm leaves open (which NaN operand, what
/// sign): the interpreter's lane code is compiled by LLVM, which may
/// commute or refold such operations, so only "a quiet NaN" is compared
/// in such lanes. (`min`/`max` pick their NaN explicitly, and are compared
/// bit for bit.)
fn open_nans(op: &str) -> Option<u32> {
    let arithmetic = [
        "add",
        "sub",
        "mul",
        "div",
        "sqrt",
        "relaxed_madd",
        "relaxed_nmadd",
    ];
    let name = op.split('.').nth(1)?;
    if !arithmetic.contains(&name) {
        return None;
    }
    match op.split('.').next()? {
        "f32x4" => Some(4),
        "f64x2" => Some(8),
        _ => None,
    }
}

/// `v` with every NaN lane of `width` bytes made the positive quiet NaN
/// (a quiet lane) or 0x01 bytes (a signalling one, which no arithmetic
/// result may be).
fn quiet_nans(v: u128, width: u32) -> u128 {
    let bits = 8 * width;
    let fraction = if width == 4 { 23 } else { 52 };
    let lane_mask = (1u128 << bits) - 1;
    let exponent = lane_mask >> 1 & !((1u128 << fraction) - 1);
    let quiet = 1u128 << (fraction - 1);
    let mut out = 0;
    for k in 0..128 / bits {
        let lane = v >> (bits * k) & lane_mask;
        let nan = lane & exponent == exponent && lane & !exponent & (lane_mask >> 1) != 0;
        let lane = match nan {
            true if lane & quiet != 0 => exponent | quiet,
            true => lane_mask / 0xff,
            false => lane,
        };
        out |= lane << (bits * k);
    }
    out
}

/// How a call went: its results as bits (NaN lanes made one if
/// `nan_width` says so: [`open_nans`]), or its trap.
fn outcome(result: Result<(), crate::Error>, results: &[Val], nan_width: Option<u32>) -> String {
    match result {
        Ok(()) => {
            let bits: Vec<String> = results
                .iter()
                .map(|v| match *v {
                    Val::I32(x) => format!("{:#x}", x as u32),
                    Val::I64(x) => format!("{:#x}", x as u64),
                    Val::F32(x) => format!("f32:{x:#x}"),
                    Val::F64(x) => format!("f64:{x:#x}"),
                    Val::V128(x) => match nan_width {
                        Some(w) => format!("{:#034x}", quiet_nans(x, w)),
                        None => format!("{x:#034x}"),
                    },
                    ref other => panic!("no bits for {other:?}"),
                })
                .collect();
            bits.join(" ")
        }
        Err(e) => format!("trap: {e}"),
    }
}

/// A configuration for `strategy` with SIMD and relaxed SIMD on.
fn config(strategy: Strategy, signals: bool) -> Config {
    let mut config = Config::new();
    config
        .strategy(strategy)
        .signals_based_traps(signals)
        .wasm_simd(true)
        .wasm_relaxed_simd(true);
    config
}

/// Everything observable after running `calls` in order on a fresh
/// instance of `text` under `strategy` (trapping by signals or not): each call's outcome, then the
/// exported memory `mem`'s hash. Under the JIT, checks that as many
/// functions were compiled as `compiled` says (all, or none).
fn observe(
    text: &str,
    strategy: Strategy,
    signals: bool,
    calls: &[(String, Vec<Val>)],
    compiled: bool,
    nan_width: Option<u32>,
) -> Vec<String> {
    let engine = Engine::new(&config(strategy, signals));
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    if strategy == Strategy::Jit {
        let funcs = store
            .inner
            .vm_funcs
            .iter()
            .filter(|f| !f.compiled.is_null());
        let with_code = funcs.clone().filter(|f| !f.jit.is_null()).count();
        let expected = if compiled { funcs.count() } else { 0 };
        assert_eq!(with_code, expected, "compiled functions of\n{text}");
    }
    let mut seen = Vec::new();
    for (name, args) in calls {
        let func = instance.get_func(&store, name).expect(name);
        let mut results = vec![Val::I32(0); func.ty(&store).results().len()];
        let result = func.call(&mut store, args, &mut results);
        seen.push(format!(
            "{name}{args:x?} -> {}",
            outcome(result, &results, nan_width)
        ));
    }
    if let Some(memory) = instance.get_memory(&store, "mem") {
        let data = memory.data(&store);
        let hash = data.iter().enumerate().fold(0u64, |h, (k, &b)| {
            h.wrapping_mul(31).wrapping_add(b as u64 ^ k as u64)
        });
        seen.push(format!("memory {} bytes, hash {hash:x}", data.len()));
    }
    seen
}

/// Runs `calls` interpreted and compiled for each of [`LEVELS`] (those
/// functions compiled only where `op` compiles), in both trap modes when
/// `both_trap_modes`, and compares everything observed.
fn same(op: &str, text: &str, calls: &[(String, Vec<Val>)], both_trap_modes: bool) {
    let nans = open_nans(op);
    let interpreted = observe(text, Strategy::Interpreter, true, calls, false, nans);
    let modes: &[bool] = if both_trap_modes {
        &[true, false]
    } else {
        &[true]
    };
    for (level, cpu) in LEVELS {
        for &signals in modes {
            let compiled = test_cpu::limit(cpu, || {
                observe(text, Strategy::Jit, signals, calls, compiles(op, cpu), nans)
            });
            for (i, c) in interpreted.iter().zip(&compiled) {
                assert_eq!(i, c, "{op} compiled for {level} (signals {signals})");
            }
            assert_eq!(interpreted.len(), compiled.len());
        }
    }
}

/// A `v128` from lanes of `N` bytes (little-endian).
fn lanes<const N: usize>(values: &[u64]) -> u128 {
    let mut v = 0u128;
    for (k, &x) in values.iter().enumerate() {
        let mask = if N == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * N)) - 1
        };
        v |= ((x & mask) as u128) << (8 * N * k);
    }
    v
}

/// The vectors operands are drawn from: patterns, edge lanes of every
/// shape, and pseudo-random ones.
fn vectors() -> Vec<u128> {
    let f32s = |x: [f32; 4]| lanes::<4>(&x.map(|f| f.to_bits() as u64));
    let f64s = |x: [f64; 2]| lanes::<8>(&x.map(f64::to_bits));
    let mut v = vec![
        0,
        !0,
        u128::from_le_bytes([0x80; 16]),
        u128::from_le_bytes([0x7f; 16]),
        lanes::<1>(&[
            0, 1, !0, 127, 128, 2, !1, 64, 192, 100, 156, 0x55, 0x33, 15, 16, 31,
        ]),
        lanes::<2>(&[0, 1, 0xffff, 0x7fff, 0x8000, 0x00ff, 0xff00, 0x8001]),
        lanes::<2>(&[0x8001, 0x4000, 0xc000, 255, 256, 127, 0xff7f, 0x7ffe]),
        lanes::<4>(&[0, 0xffff_ffff, 0x8000_0000, 0x7fff_ffff]),
        lanes::<4>(&[1, 0x8000_0001, 0xffff, 0x8000]),
        lanes::<4>(&[65535, 65536, 0xffff_0000, 0xffff_0001]),
        lanes::<8>(&[1 << 63, !(1 << 63)]),
        lanes::<8>(&[0xffff_ffff, 0x1_0000_0000]),
        lanes::<8>(&[!0, 1]),
        f32s([
            f32::from_bits(0x7fc0_0000),
            f32::from_bits(0xff81_2345),
            0.0,
            -0.0,
        ]),
        f32s([f32::INFINITY, f32::NEG_INFINITY, 1.5, -2.5]),
        f32s([2147483648.0, 4294967296.0, -2147483648.0, 0.5]),
        f32s([f32::from_bits(0x7fa0_0001), 3.0e9, -1.0, 65536.5]),
        f32s([
            4294967040.0,
            2147483520.0,
            -0.75,
            f32::from_bits(0x0001_16c2),
        ]),
        f64s([f64::from_bits(0x7ff8_0000_0000_1234), -0.0]),
        f64s([f64::INFINITY, -2147483649.0]),
        f64s([4294967295.5, -0.99]),
        f64s([f64::from_bits(0x7ff0_0000_0000_0001), 2147483647.5]),
        f64s([4294967296.0, f64::NEG_INFINITY]),
    ];
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..4 {
        let mut half = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        v.push(half() as u128 | (half() as u128) << 64);
    }
    v
}

/// The operand shapes of the operators.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// `v128 -> v128`.
    Un,
    /// `v128 v128 -> v128`.
    Bin,
    /// `v128 v128 v128 -> v128`.
    Ternary,
    /// `v128 i32 -> v128`.
    Shift,
    /// `v128 -> i32`.
    Test,
    /// A scalar of the type made a `v128`.
    Splat(&'static str),
    /// A lane of the count of lanes as a scalar of the type.
    Extract(u8, &'static str),
    /// A lane of the count of lanes replaced by a scalar of the type.
    Replace(u8, &'static str),
}

use Shape::*;

/// Every operator the translator emits today, with its shape. (`gt` and
/// `ge` are `lt` and `le` with the operands exchanged; the relaxed ones
/// that equal deterministic opcodes are there with them.)
const OPERATORS: &[(&str, Shape)] = &[
    // Bitwise and boolean.
    ("v128.not", Un),
    ("v128.and", Bin),
    ("v128.andnot", Bin),
    ("v128.or", Bin),
    ("v128.xor", Bin),
    ("v128.bitselect", Ternary),
    ("v128.any_true", Test),
    ("i8x16.all_true", Test),
    ("i16x8.all_true", Test),
    ("i32x4.all_true", Test),
    ("i64x2.all_true", Test),
    ("i8x16.bitmask", Test),
    ("i16x8.bitmask", Test),
    ("i32x4.bitmask", Test),
    ("i64x2.bitmask", Test),
    // Integer comparisons.
    ("i8x16.eq", Bin),
    ("i8x16.ne", Bin),
    ("i8x16.lt_s", Bin),
    ("i8x16.lt_u", Bin),
    ("i8x16.gt_s", Bin),
    ("i8x16.gt_u", Bin),
    ("i8x16.le_s", Bin),
    ("i8x16.le_u", Bin),
    ("i8x16.ge_s", Bin),
    ("i8x16.ge_u", Bin),
    ("i16x8.eq", Bin),
    ("i16x8.ne", Bin),
    ("i16x8.lt_s", Bin),
    ("i16x8.lt_u", Bin),
    ("i16x8.gt_s", Bin),
    ("i16x8.gt_u", Bin),
    ("i16x8.le_s", Bin),
    ("i16x8.le_u", Bin),
    ("i16x8.ge_s", Bin),
    ("i16x8.ge_u", Bin),
    ("i32x4.eq", Bin),
    ("i32x4.ne", Bin),
    ("i32x4.lt_s", Bin),
    ("i32x4.lt_u", Bin),
    ("i32x4.gt_s", Bin),
    ("i32x4.gt_u", Bin),
    ("i32x4.le_s", Bin),
    ("i32x4.le_u", Bin),
    ("i32x4.ge_s", Bin),
    ("i32x4.ge_u", Bin),
    ("i64x2.eq", Bin),
    ("i64x2.ne", Bin),
    ("i64x2.lt_s", Bin),
    ("i64x2.gt_s", Bin),
    ("i64x2.le_s", Bin),
    ("i64x2.ge_s", Bin),
    // `i32x4` and `i64x2` arithmetic.
    ("i32x4.abs", Un),
    ("i32x4.neg", Un),
    ("i32x4.shl", Shift),
    ("i32x4.shr_s", Shift),
    ("i32x4.shr_u", Shift),
    ("i32x4.add", Bin),
    ("i32x4.sub", Bin),
    ("i32x4.mul", Bin),
    ("i32x4.min_s", Bin),
    ("i32x4.min_u", Bin),
    ("i32x4.max_s", Bin),
    ("i32x4.max_u", Bin),
    ("i32x4.dot_i16x8_s", Bin),
    ("i64x2.abs", Un),
    ("i64x2.neg", Un),
    ("i64x2.shl", Shift),
    ("i64x2.shr_s", Shift),
    ("i64x2.shr_u", Shift),
    ("i64x2.add", Bin),
    ("i64x2.sub", Bin),
    ("i64x2.mul", Bin),
    // `i8x16` and `i16x8` arithmetic.
    ("i8x16.abs", Un),
    ("i8x16.neg", Un),
    ("i8x16.popcnt", Un),
    ("i8x16.shl", Shift),
    ("i8x16.shr_s", Shift),
    ("i8x16.shr_u", Shift),
    ("i8x16.add", Bin),
    ("i8x16.add_sat_s", Bin),
    ("i8x16.add_sat_u", Bin),
    ("i8x16.sub", Bin),
    ("i8x16.sub_sat_s", Bin),
    ("i8x16.sub_sat_u", Bin),
    ("i8x16.min_s", Bin),
    ("i8x16.min_u", Bin),
    ("i8x16.max_s", Bin),
    ("i8x16.max_u", Bin),
    ("i8x16.avgr_u", Bin),
    ("i16x8.abs", Un),
    ("i16x8.neg", Un),
    ("i16x8.q15mulr_sat_s", Bin),
    ("i16x8.relaxed_q15mulr_s", Bin),
    ("i16x8.shl", Shift),
    ("i16x8.shr_s", Shift),
    ("i16x8.shr_u", Shift),
    ("i16x8.add", Bin),
    ("i16x8.add_sat_s", Bin),
    ("i16x8.add_sat_u", Bin),
    ("i16x8.sub", Bin),
    ("i16x8.sub_sat_s", Bin),
    ("i16x8.sub_sat_u", Bin),
    ("i16x8.mul", Bin),
    ("i16x8.min_s", Bin),
    ("i16x8.min_u", Bin),
    ("i16x8.max_s", Bin),
    ("i16x8.max_u", Bin),
    ("i16x8.avgr_u", Bin),
    // Float comparisons and arithmetic.
    ("f32x4.eq", Bin),
    ("f32x4.ne", Bin),
    ("f32x4.lt", Bin),
    ("f32x4.gt", Bin),
    ("f32x4.le", Bin),
    ("f32x4.ge", Bin),
    ("f64x2.eq", Bin),
    ("f64x2.ne", Bin),
    ("f64x2.lt", Bin),
    ("f64x2.gt", Bin),
    ("f64x2.le", Bin),
    ("f64x2.ge", Bin),
    ("f32x4.ceil", Un),
    ("f32x4.floor", Un),
    ("f32x4.trunc", Un),
    ("f32x4.nearest", Un),
    ("f32x4.abs", Un),
    ("f32x4.neg", Un),
    ("f32x4.sqrt", Un),
    ("f32x4.add", Bin),
    ("f32x4.sub", Bin),
    ("f32x4.mul", Bin),
    ("f32x4.div", Bin),
    ("f32x4.min", Bin),
    ("f32x4.max", Bin),
    ("f32x4.relaxed_min", Bin),
    ("f32x4.relaxed_max", Bin),
    ("f32x4.pmin", Bin),
    ("f32x4.pmax", Bin),
    ("f64x2.ceil", Un),
    ("f64x2.floor", Un),
    ("f64x2.trunc", Un),
    ("f64x2.nearest", Un),
    ("f64x2.abs", Un),
    ("f64x2.neg", Un),
    ("f64x2.sqrt", Un),
    ("f64x2.add", Bin),
    ("f64x2.sub", Bin),
    ("f64x2.mul", Bin),
    ("f64x2.div", Bin),
    ("f64x2.min", Bin),
    ("f64x2.max", Bin),
    ("f64x2.relaxed_min", Bin),
    ("f64x2.relaxed_max", Bin),
    ("f64x2.pmin", Bin),
    ("f64x2.pmax", Bin),
    // Conversions.
    ("i8x16.narrow_i16x8_s", Bin),
    ("i8x16.narrow_i16x8_u", Bin),
    ("i16x8.narrow_i32x4_s", Bin),
    ("i16x8.narrow_i32x4_u", Bin),
    ("i16x8.extend_low_i8x16_s", Un),
    ("i16x8.extend_low_i8x16_u", Un),
    ("i16x8.extend_high_i8x16_s", Un),
    ("i16x8.extend_high_i8x16_u", Un),
    ("i32x4.extend_low_i16x8_s", Un),
    ("i32x4.extend_low_i16x8_u", Un),
    ("i32x4.extend_high_i16x8_s", Un),
    ("i32x4.extend_high_i16x8_u", Un),
    ("i64x2.extend_low_i32x4_s", Un),
    ("i64x2.extend_low_i32x4_u", Un),
    ("i64x2.extend_high_i32x4_s", Un),
    ("i64x2.extend_high_i32x4_u", Un),
    ("i16x8.extmul_low_i8x16_s", Bin),
    ("i16x8.extmul_low_i8x16_u", Bin),
    ("i16x8.extmul_high_i8x16_s", Bin),
    ("i16x8.extmul_high_i8x16_u", Bin),
    ("i32x4.extmul_low_i16x8_s", Bin),
    ("i32x4.extmul_low_i16x8_u", Bin),
    ("i32x4.extmul_high_i16x8_s", Bin),
    ("i32x4.extmul_high_i16x8_u", Bin),
    ("i64x2.extmul_low_i32x4_s", Bin),
    ("i64x2.extmul_low_i32x4_u", Bin),
    ("i64x2.extmul_high_i32x4_s", Bin),
    ("i64x2.extmul_high_i32x4_u", Bin),
    ("i16x8.extadd_pairwise_i8x16_s", Un),
    ("i16x8.extadd_pairwise_i8x16_u", Un),
    ("i32x4.extadd_pairwise_i16x8_s", Un),
    ("i32x4.extadd_pairwise_i16x8_u", Un),
    ("i32x4.trunc_sat_f32x4_s", Un),
    ("i32x4.trunc_sat_f32x4_u", Un),
    ("f32x4.convert_i32x4_s", Un),
    ("f32x4.convert_i32x4_u", Un),
    ("i32x4.trunc_sat_f64x2_s_zero", Un),
    ("i32x4.trunc_sat_f64x2_u_zero", Un),
    ("f64x2.convert_low_i32x4_s", Un),
    ("f64x2.convert_low_i32x4_u", Un),
    ("f32x4.demote_f64x2_zero", Un),
    ("f64x2.promote_low_f32x4", Un),
    ("i32x4.relaxed_trunc_f32x4_s", Un),
    ("i32x4.relaxed_trunc_f32x4_u", Un),
    ("i32x4.relaxed_trunc_f64x2_s_zero", Un),
    ("i32x4.relaxed_trunc_f64x2_u_zero", Un),
    // Lanes.
    ("i8x16.swizzle", Bin),
    ("i8x16.relaxed_swizzle", Bin),
    ("i8x16.splat", Splat("i32")),
    ("i16x8.splat", Splat("i32")),
    ("i32x4.splat", Splat("i32")),
    ("i64x2.splat", Splat("i64")),
    ("f32x4.splat", Splat("f32")),
    ("f64x2.splat", Splat("f64")),
    ("i8x16.extract_lane_s", Extract(16, "i32")),
    ("i8x16.extract_lane_u", Extract(16, "i32")),
    ("i16x8.extract_lane_s", Extract(8, "i32")),
    ("i16x8.extract_lane_u", Extract(8, "i32")),
    ("i32x4.extract_lane", Extract(4, "i32")),
    ("i64x2.extract_lane", Extract(2, "i64")),
    ("f32x4.extract_lane", Extract(4, "f32")),
    ("f64x2.extract_lane", Extract(2, "f64")),
    ("i8x16.replace_lane", Replace(16, "i32")),
    ("i16x8.replace_lane", Replace(8, "i32")),
    ("i32x4.replace_lane", Replace(4, "i32")),
    ("i64x2.replace_lane", Replace(2, "i64")),
    ("f32x4.replace_lane", Replace(4, "f32")),
    ("f64x2.replace_lane", Replace(2, "f64")),
    // Relaxed SIMD with opcodes of their own.
    ("f32x4.relaxed_madd", Ternary),
    ("f32x4.relaxed_nmadd", Ternary),
    ("f64x2.relaxed_madd", Ternary),
    ("f64x2.relaxed_nmadd", Ternary),
    ("i16x8.relaxed_dot_i8x16_i7x16_s", Bin),
    ("i32x4.relaxed_dot_i8x16_i7x16_add_s", Ternary),
    ("i8x16.relaxed_laneselect", Ternary),
    ("i64x2.relaxed_laneselect", Ternary),
];

/// A module applying `op` of `shape` in several ways, and the calls that
/// run each on `values`.
fn module(op: &str, shape: Shape, values: &[u128]) -> (String, Vec<(String, Vec<Val>)>) {
    let v = |k: usize| Val::V128(values[k % values.len()]);
    let n = values.len();
    let mut calls: Vec<(String, Vec<Val>)> = Vec::new();
    let mut call = |name: &str, args: Vec<Val>| calls.push((name.into(), args));
    let konst = "(v128.const i32x4 0x80000000 -1 7 0x7fff8001)";
    let konst2 = "(v128.const i8x16 0 1 -1 127 -128 2 -2 64 -64 100 -100 0x55 0x33 15 16 31)";
    let body = match shape {
        Un => {
            for k in 0..n {
                for f in ["f", "self", "chain"] {
                    call(f, vec![v(k), v(k + 1), v(k + 2)]);
                }
            }
            format!(
                r#"(func (export "f") (param v128 v128 v128) (result v128) ({op} (local.get 0)))
                (func (export "self") (param v128 v128 v128) (result v128)
                  (local.set 0 ({op} (local.get 0))) (local.get 0))
                (func (export "chain") (param v128 v128 v128) (result v128)
                  ({op} ({op} (v128.xor (local.get 1) (local.get 2)))))
                (func (export "const") (result v128) ({op} {konst}))"#
            )
        }
        Bin | Ternary => {
            let third = if matches!(shape, Ternary) {
                " (local.get 2)"
            } else {
                ""
            };
            for j in 0..n {
                for k in 0..n {
                    for f in ["f", "left", "right", "chain"] {
                        call(f, vec![v(j), v(k), v(j + k)]);
                    }
                }
                for f in ["self", "const_left", "const_right"] {
                    call(f, vec![v(j), v(j + 1), v(j + 2)]);
                }
            }
            format!(
                r#"(func (export "f") (param v128 v128 v128) (result v128)
                  ({op} (local.get 0) (local.get 1){third}))
                (func (export "left") (param v128 v128 v128) (result v128)
                  (local.set 0 ({op} (local.get 0) (local.get 1){third})) (local.get 0))
                (func (export "right") (param v128 v128 v128) (result v128)
                  (local.set {last} ({op} (local.get 0) (local.get 1){third})) (local.get {last}))
                (func (export "self") (param v128 v128 v128) (result v128)
                  ({op} (local.get 0) (local.get 0){self_third}))
                (func (export "const_left") (param v128 v128 v128) (result v128)
                  ({op} {konst} (local.get 1){third}))
                (func (export "const_right") (param v128 v128 v128) (result v128)
                  ({op} (local.get 0) {konst2}{third}))
                (func (export "chain") (param v128 v128 v128) (result v128)
                  ({op} ({op} (local.get 0) (local.get 1){third})
                    (v128.xor (local.get 1) (local.get 2)){third}))"#,
                last = if matches!(shape, Ternary) { 2 } else { 1 },
                self_third = if matches!(shape, Ternary) {
                    " (local.get 0)"
                } else {
                    ""
                },
            )
        }
        Shift => {
            let counts = [
                0,
                1,
                7,
                8,
                9,
                15,
                16,
                17,
                31,
                32,
                33,
                63,
                64,
                65,
                -1,
                i32::MIN,
            ];
            for k in 0..n {
                for c in counts {
                    for f in ["f", "left"] {
                        call(f, vec![v(k), Val::I32(c)]);
                    }
                }
                call("const", vec![v(k), Val::I32(0)]);
            }
            format!(
                r#"(func (export "f") (param v128 i32) (result v128) ({op} (local.get 0) (local.get 1)))
                (func (export "left") (param v128 i32) (result v128)
                  (local.set 0 ({op} (local.get 0) (local.get 1))) (local.get 0))
                (func (export "const") (param v128 i32) (result v128)
                  (v128.xor ({op} (local.get 0) (i32.const 3)) ({op} (local.get 0) (i32.const 70))))"#
            )
        }
        Test => {
            for k in 0..n {
                for f in ["f", "chain", "branch"] {
                    call(f, vec![v(k), v(k + 1)]);
                }
            }
            for k in 0..16 {
                // One lane set, or one lane clear, of each width.
                call("f", vec![Val::V128(1 << (8 * k)), Val::V128(0)]);
                call("f", vec![Val::V128(!(0xff << (8 * k))), Val::V128(0)]);
            }
            format!(
                r#"(func (export "f") (param v128 v128) (result i32) ({op} (local.get 0)))
                (func (export "chain") (param v128 v128) (result i32)
                  ({op} (v128.and (local.get 0) (local.get 1))))
                (func (export "branch") (param v128 v128) (result i32)
                  (if (result i32) ({op} (local.get 0)) (then (i32.const 7)) (else (i32.const 9))))"#
            )
        }
        Splat(ty) => {
            for &x in values {
                call("f", vec![scalar(ty, x as u64)]);
                call("f", vec![scalar(ty, (x >> 64) as u64)]);
            }
            call("const", vec![scalar(ty, 0)]);
            format!(
                r#"(func (export "f") (param {ty}) (result v128) ({op} (local.get 0)))
                (func (export "const") (param {ty}) (result v128) ({op} ({ty}.const -7)))"#
            )
        }
        Extract(count, ty) => {
            let mut text = String::new();
            for lane in 0..count {
                text += &format!(
                    r#"(func (export "f{lane}") (param v128) (result {ty}) ({op} {lane} (local.get 0)))"#
                );
                for k in 0..n {
                    call(&format!("f{lane}"), vec![v(k)]);
                }
            }
            text
        }
        Replace(count, ty) => {
            let mut text = String::new();
            for lane in 0..count {
                text += &format!(
                    r#"(func (export "f{lane}") (param v128 {ty}) (result v128)
                      ({op} {lane} (local.get 0) (local.get 1)))
                    (func (export "self{lane}") (param v128 {ty}) (result v128)
                      (local.set 0 ({op} {lane} (local.get 0) (local.get 1))) (local.get 0))"#
                );
                for k in 0..n {
                    let x = scalar(ty, (values[(k + 3) % n] >> 32) as u64);
                    call(&format!("f{lane}"), vec![v(k), x]);
                    call(&format!("self{lane}"), vec![v(k), x]);
                }
            }
            text
        }
    };
    (format!("(module {body})"), calls)
}

/// A scalar argument of type `ty` from `bits`.
fn scalar(ty: &str, bits: u64) -> Val {
    match ty {
        "i32" => Val::I32(bits as i32),
        "i64" => Val::I64(bits as i64),
        "f32" => Val::F32(bits as u32),
        _ => Val::F64(bits),
    }
}

#[test]
fn every_emitted_operator_agrees_with_the_interpreter() {
    let values = vectors();
    for &(op, shape) in OPERATORS {
        let (text, calls) = module(op, shape, &values);
        same(op, &text, &calls, false);
    }
}

/// Scalar operands and results in pinned locals (general and SSE
/// registers) around `v128` locals in a loop: shift counts, splats,
/// extracted and replaced lanes.
#[test]
fn pinned_scalars_meet_v128_locals() {
    let text = r#"(module
      (func (export "loop") (param i32 v128) (result v128)
        (local $i i32) (local $acc v128) (local $f f32) (local $x i32)
        (local.set $f (f32.const 1.5))
        (loop $l
          (local.set $acc (i32x4.add (local.get $acc) (i32x4.shl (local.get 1) (local.get $i))))
          (local.set $x (i32x4.extract_lane 1 (local.get $acc)))
          (local.set $acc (i32x4.replace_lane 2 (local.get $acc) (i32.add (local.get $i) (local.get $x))))
          (local.set $f (f32.add (local.get $f) (f32x4.extract_lane 3 (local.get $acc))))
          (local.set $acc (v128.xor (local.get $acc) (f32x4.splat (local.get $f))))
          (local.set $acc (f32x4.replace_lane 0 (local.get $acc) (local.get $f)))
          (local.set $acc (i64x2.shr_s (local.get $acc) (local.get $x)))
          (local.set $x (i32.add (local.get $x) (v128.any_true (local.get $acc))))
          (local.set $x (i32.add (local.get $x) (i32x4.bitmask (local.get $acc))))
          (local.set $acc (i32x4.sub (local.get $acc) (i32x4.splat (local.get $x))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
        (i32x4.replace_lane 3 (local.get $acc) (i32.add (local.get $x) (i32.reinterpret_f32 (local.get $f))))))"#;
    let mut calls = Vec::new();
    for n in [1, 5, 40] {
        for v in vectors().into_iter().step_by(3) {
            calls.push(("loop".into(), vec![Val::I32(n), Val::V128(v)]));
        }
    }
    same("loop", text, &calls, false);
    // The scalar locals are pinned, the `v128` ones are not.
    let engine = Engine::new(&config(Strategy::Jit, true));
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let def = module
        .info
        .defined_func(module.find_func_index("loop").unwrap())
        .unwrap();
    let func = &module.info.code[def];
    let pinned = super::x64::lower::slots::choose(func);
    // Slots: 0 the count, 1–2 the parameter, 3 $i, 4–5 $acc, 6 $f, 7 $x.
    for slot in [0, 3, 6, 7] {
        assert!(pinned.pin(slot).is_some(), "slot {slot} pinned");
    }
    for slot in [1, 2, 4, 5] {
        assert!(pinned.pin(slot).is_none(), "v128 slot {slot} not pinned");
    }
}

/// Every load and store at the edges of memory 0 and of a second memory
/// (the latter through `memory.select`), with static offsets small and
/// large (folded by `addr_offset`), in both trap modes: the same results,
/// traps and memory contents.
#[test]
fn memory_accesses_agree_in_both_trap_modes() {
    let loads = [
        ("v128.load", ""),
        ("v128.load8x8_s", ""),
        ("v128.load8x8_u", ""),
        ("v128.load16x4_s", ""),
        ("v128.load16x4_u", ""),
        ("v128.load32x2_s", ""),
        ("v128.load32x2_u", ""),
        ("v128.load8_splat", ""),
        ("v128.load16_splat", ""),
        ("v128.load32_splat", ""),
        ("v128.load64_splat", ""),
        ("v128.load32_zero", ""),
        ("v128.load64_zero", ""),
        ("v128.load8_lane", " 15"),
        ("v128.load16_lane", " 3"),
        ("v128.load32_lane", " 2"),
        ("v128.load64_lane", " 1"),
    ];
    let stores = [
        ("v128.store", ""),
        ("v128.store8_lane", " 9"),
        ("v128.store16_lane", " 7"),
        ("v128.store32_lane", " 3"),
        ("v128.store64_lane", " 1"),
    ];
    let mut text = String::from(
        r#"(module
          (memory (export "mem") 1 2)
          (memory $other 1)
          (func (export "grow") (param i32 v128) (result v128)
            (drop (memory.grow (local.get 0)))
            (v128.load (i32.const 65530)))"#,
    );
    let mut names = vec!["grow"];
    for (k, (op, lane)) in loads.iter().enumerate() {
        // A lane load's vector operand: the parameter, or a temporary
        // (the destination then overlaps it by one slot).
        let vector = if lane.is_empty() {
            ""
        } else if k % 2 == 0 {
            " (local.get 1)"
        } else {
            " (v128.xor (local.get 1) (v128.const i64x2 -1 7))"
        };
        text += &format!(
            r#"(func (export "{op}") (param i32 v128) (result v128)
              ({op} offset=3{lane} (local.get 0){vector}))
            (func (export "{op} far") (param i32 v128) (result v128)
              ({op} offset=65540{lane} (local.get 0){vector}))
            (func (export "{op} other") (param i32 v128) (result v128)
              ({op} $other offset=1{lane} (local.get 0){vector}))"#
        );
    }
    for (op, lane) in stores {
        text += &format!(
            r#"(func (export "{op}") (param i32 v128) (result v128)
              ({op} offset=5{lane} (local.get 0) (local.get 1)) (local.get 1))
            (func (export "{op} far") (param i32 v128) (result v128)
              ({op} offset=65537{lane} (local.get 0) (local.get 1)) (local.get 1))
            (func (export "{op} other") (param i32 v128) (result v128)
              ({op} $other{lane} (local.get 0) (local.get 1))
              (v128.load $other (i32.and (local.get 0) (i32.const 0xfff0))))"#
        );
    }
    text += ")";
    for (op, _) in loads.iter().chain(&stores) {
        names.push(op);
    }
    let v = 0x8011_2233_4455_6677_8899_aabb_ccdd_eeffu128;
    let mut calls: Vec<(String, Vec<Val>)> = Vec::new();
    for at in [
        0, 1, 9, 65_516, 65_517, 65_520, 65_525, 65_528, 65_530, 65_531, 65_532, 65_533, 65_535,
        65_536, -1, -16,
    ] {
        for op in &names[1..] {
            for form in ["", " far", " other"] {
                calls.push((format!("{op}{form}"), vec![Val::I32(at), Val::V128(v)]));
            }
        }
    }
    calls.push(("grow".into(), vec![Val::I32(1), Val::V128(0)]));
    for at in [65_536, 131_052, 131_053, 131_056, 131_071] {
        for op in &names[1..] {
            calls.push((String::from(*op), vec![Val::I32(at), Val::V128(!v)]));
        }
    }
    same("memory", &text, &calls, true);
    // With signals, every access of these guarded memories is a trap
    // site: one per function, two in those storing to the other memory
    // (the store, and the load that reads it back).
    #[cfg(unix)]
    {
        let engine = Engine::new(&config(Strategy::Jit, true));
        let module = Module::new(&engine, wat::parse_str(&text).unwrap()).unwrap();
        let mut store = Store::new(&engine, ());
        Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let functions = 1 + 3 * (loads.len() + stores.len());
        assert_eq!(store.inner.jit.trap_sites(), functions + stores.len());
    }
}

/// `i8x16.shuffle` with lane indices of every kind (from one operand, the
/// other, both, repeated), the indices a constant pair or, when the
/// function's constant slots run out, temporaries; and with a destination
/// overlapping an operand.
#[test]
fn shuffles_agree() {
    let patterns = [
        "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
        "16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31",
        "31 0 17 2 19 4 21 6 23 8 25 10 27 12 29 16",
        "15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0",
        "0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23",
        "5 5 5 5 5 5 5 5 20 20 20 20 20 20 20 20",
    ];
    let mut text = String::from("(module\n");
    let mut names = Vec::new();
    for (k, lanes) in patterns.iter().enumerate() {
        text += &format!(
            r#"(func (export "f{k}") (param v128 v128 f64) (result v128)
              (i8x16.shuffle {lanes} (local.get 0) (local.get 1)))
            (func (export "left{k}") (param v128 v128 f64) (result v128)
              (local.set 1 (i8x16.shuffle {lanes} (local.get 1) (local.get 0))) (local.get 1))"#
        );
        names.push(format!("f{k}"));
        names.push(format!("left{k}"));
    }
    // 1,023 constants before the shuffle: its indices go to temporaries.
    let adds: String = (0..1023)
        .map(|k| format!("(drop (f64.add (local.get 2) (f64.const {k}.5)))"))
        .collect();
    text += &format!(
        r#"(func (export "many") (param v128 v128 f64) (result v128)
          {adds}
          (i8x16.shuffle {} (local.get 0) (local.get 1))))"#,
        patterns[2]
    );
    names.push("many".into());
    let values = vectors();
    let mut calls = Vec::new();
    for name in &names {
        for k in 0..values.len() {
            let args = vec![
                Val::V128(values[k]),
                Val::V128(values[(k + 5) % values.len()]),
                Val::F64(0),
            ];
            calls.push((name.clone(), args));
        }
    }
    same("i8x16.shuffle", &text, &calls, false);
}

/// `--dump-jit` of SIMD functions: each IR instruction with its code; and
/// for a processor without what an opcode needs, that opcode named.
#[test]
fn dump_shows_simd_code_or_what_keeps_a_function_interpreted() {
    let text = r#"(module
      (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
      (func (export "ceil") (param v128) (result v128) (f32x4.ceil (local.get 0))))"#;
    let engine = Engine::new(&config(Strategy::Jit, true));
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let func = |name: &str| {
        let def = module
            .info
            .defined_func(module.find_func_index(name).unwrap())
            .unwrap();
        &module.info.code[def]
    };
    let traps = super::lower::Traps::default();
    let dump = |func: &crate::ir::CompiledFunc| {
        let lowered =
            super::native::lower(func, super::native::features(), traps, Default::default());
        super::dump::dump(func, lowered, traps)
    };
    let add = dump(func("add"));
    assert!(add.contains("i32x4.add"), "{add}");
    // movdqu xmm1, [r14 + 16]; paddd xmm0, xmm1
    assert!(add.contains("f3 41 0f 6f 4e 10 66 0f fe c1"), "{add}");
    let (_, sse2) = LEVELS[2];
    let ceil = test_cpu::limit(sse2, || dump(func("ceil")));
    assert!(ceil.contains("does not compile `f32x4.ceil`"), "{ceil}");
}

/// The `bench/simd` programs' SIMD builds compile whole: no function
/// stays interpreted on a processor with SSSE3 and SSE4.1, nor, but for
/// those using `pshufb`-only and rounding operators, on baseline SSE2.
#[test]
fn bench_simd_programs_compile_whole() {
    let programs: [(&str, &[u8]); 6] = [
        (
            "adler_dot",
            include_bytes!("../../../bench/simd/wasm/adler_dot.simd.wasm"),
        ),
        (
            "base64",
            include_bytes!("../../../bench/simd/wasm/base64.simd.wasm"),
        ),
        (
            "blur_u8",
            include_bytes!("../../../bench/simd/wasm/blur_u8.simd.wasm"),
        ),
        (
            "mandel_f32",
            include_bytes!("../../../bench/simd/wasm/mandel_f32.simd.wasm"),
        ),
        (
            "matmul_f32",
            include_bytes!("../../../bench/simd/wasm/matmul_f32.simd.wasm"),
        ),
        (
            "scan_u8",
            include_bytes!("../../../bench/simd/wasm/scan_u8.simd.wasm"),
        ),
    ];
    let engine = Engine::new(&config(Strategy::Jit, true));
    let (_, all) = LEVELS[0];
    // Baseline SSE2 for SIMD, the scalar features as the host has them.
    let sse2 = Cpu {
        ssse3: false,
        sse41: false,
        ..all
    };
    for (name, wasm) in programs {
        let module = Module::new(&engine, wasm).unwrap();
        let mut simd = 0;
        for func in module.info.code.values() {
            let ops = || func.code().iter().map(|i| i.op);
            // The SIMD opcodes follow the scalar ones.
            let uses_simd = ops().any(|op| op as u16 >= crate::ir::Op::V128Load as u16);
            simd += uses_simd as usize;
            let lowered =
                super::x64::lower::lower_with(func, all, Default::default(), Default::default());
            assert!(
                lowered.is_ok(),
                "{name}: `{}` stays interpreted",
                lowered.err().unwrap().name()
            );
            let needs = |op: crate::ir::Op| !compiles(op.name(), sse2);
            if !ops().any(needs) {
                let lowered = super::x64::lower::lower_with(
                    func,
                    sse2,
                    Default::default(),
                    Default::default(),
                );
                assert!(
                    lowered.is_ok(),
                    "{name} on SSE2: `{}`",
                    lowered.err().unwrap().name()
                );
            }
        }
        assert!(simd > 0, "{name} has SIMD functions");
    }
}

/// Tier-up of a SIMD loop: interpreted at first, compiled when hot and
/// continued at its next iteration with its `v128` locals in the frame;
/// the same result as the interpreter alone.
#[test]
fn a_hot_simd_loop_tiers_up_mid_run() {
    let text = r#"(module
      (func (export "sum") (param i32 v128) (result v128) (local $acc v128)
        (loop $l
          (local.set $acc (i32x4.add (i8x16.popcnt (local.get $acc)) (local.get 1)))
          (local.set 1 (i8x16.shuffle 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
            (local.get 1) (local.get $acc)))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (local.get $acc)))"#;
    let run = |strategy| {
        let engine = Engine::new(&config(strategy, true));
        let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let sum = instance
            .get_typed_func::<(i32, u128), u128>(&store, "sum")
            .unwrap();
        let result = sum.call(&mut store, (5000, 0x0102_0304)).unwrap();
        let compiled = store
            .inner
            .vm_funcs
            .iter()
            .filter(|f| !f.jit.is_null())
            .count();
        (result, compiled)
    };
    let (interpreted, _) = run(Strategy::Interpreter);
    let (tiered, compiled) = run(Strategy::Auto);
    assert_eq!(compiled, 1, "the loop got hot and was compiled");
    assert_eq!(interpreted, tiered);
}
