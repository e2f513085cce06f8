//! Lanes and shuffles: splats, lane extraction and replacement (the
//! `f32x4`/`f64x2` forms are the `i32x4`/`i64x2` opcodes with the float
//! type pushed), `i8x16.shuffle` and `i8x16.swizzle`; and the bitwise
//! operators and the shift of the first SIMD opcodes.

use super::super::{FuncTranslator, Operand};
use crate::error::Error;
use crate::ir::{Instr, Op, SlotType as T};
use wasmparser::Operator as W;

/// Translates `op` if it is one of this family's.
pub(super) fn translate(
    t: &mut FuncTranslator<'_>,
    op: &W<'_>,
    _offset: usize,
) -> Option<Result<(), Error>> {
    use Op as O;
    match *op {
        W::V128Not => t.v128_un(O::V128Not),
        W::V128And => t.v128_bin(O::V128And, false),
        W::V128AndNot => t.v128_bin(O::V128AndNot, false),
        W::V128Or => t.v128_bin(O::V128Or, false),
        W::V128Xor => t.v128_bin(O::V128Xor, false),
        W::V128Bitselect => t.v128_ternary(O::V128Bitselect),
        W::V128AnyTrue => t.v128_to_scalar(O::V128AnyTrue, T::I32, 0),
        W::I32x4Shl => t.v128_shift(O::I32x4Shl),
        W::I8x16Shuffle { lanes } => shuffle(t, u128::from_le_bytes(lanes)),
        W::I8x16Swizzle => t.v128_bin(O::I8x16Swizzle, false),
        W::I8x16Splat => splat(t, O::I8x16Splat),
        W::I16x8Splat => splat(t, O::I16x8Splat),
        W::I32x4Splat | W::F32x4Splat => splat(t, O::I32x4Splat),
        W::I64x2Splat | W::F64x2Splat => splat(t, O::I64x2Splat),
        W::I8x16ExtractLaneS { lane } => t.v128_to_scalar(O::I8x16ExtractLaneS, T::I32, lane),
        W::I8x16ExtractLaneU { lane } => t.v128_to_scalar(O::I8x16ExtractLaneU, T::I32, lane),
        W::I16x8ExtractLaneS { lane } => t.v128_to_scalar(O::I16x8ExtractLaneS, T::I32, lane),
        W::I16x8ExtractLaneU { lane } => t.v128_to_scalar(O::I16x8ExtractLaneU, T::I32, lane),
        W::I32x4ExtractLane { lane } => t.v128_to_scalar(O::I32x4ExtractLane, T::I32, lane),
        W::F32x4ExtractLane { lane } => t.v128_to_scalar(O::I32x4ExtractLane, T::F32, lane),
        W::I64x2ExtractLane { lane } => t.v128_to_scalar(O::I64x2ExtractLane, T::I64, lane),
        W::F64x2ExtractLane { lane } => t.v128_to_scalar(O::I64x2ExtractLane, T::F64, lane),
        W::I8x16ReplaceLane { lane } => replace(t, O::I8x16ReplaceLane, lane),
        W::I16x8ReplaceLane { lane } => replace(t, O::I16x8ReplaceLane, lane),
        W::I32x4ReplaceLane { lane } | W::F32x4ReplaceLane { lane } => {
            replace(t, O::I32x4ReplaceLane, lane)
        }
        W::I64x2ReplaceLane { lane } | W::F64x2ReplaceLane { lane } => {
            replace(t, O::I64x2ReplaceLane, lane)
        }
        _ => return None,
    }
    Some(Ok(()))
}

/// A `v128` with every lane the scalar on top of the stack.
fn splat(t: &mut FuncTranslator<'_>, op: Op) {
    let src = t.pop_slot();
    let dst = t.push_v128();
    t.emit_v128(Instr::new(op, dst, src, 0));
}

/// A `v128` with lane `lane` replaced by the scalar on top of the stack.
fn replace(t: &mut FuncTranslator<'_>, op: Op, lane: u8) {
    let scalar = t.pop_slot();
    let src = t.pop_v128();
    let dst = t.push_v128();
    t.emit(Instr::new(op, dst, src, lane as u16));
    t.emit_v128(Instr::new(Op::Data, scalar, 0, 0));
}

/// `i8x16.shuffle` of the two `v128`s on top of the stack, its 16 lane
/// indices (`lanes`, byte `k` the index of lane `k`) the third operand: a
/// pair of constant slots, or when the function's constant slots are used
/// up, a constant operand (written to temporaries).
fn shuffle(t: &mut FuncTranslator<'_>, lanes: u128) {
    t.push(Operand::Const(lanes as u64), T::V128Low);
    t.push(Operand::Const((lanes >> 64) as u64), T::V128High);
    t.v128_ternary(Op::I8x16Shuffle);
}

#[cfg(test)]
mod tests {
    use crate::ir::Op;
    use crate::{Config, Engine, Linker, Module, Store, Strategy};
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// A module whose function `f` uses `consts` distinct constant slots
    /// (`f64.add`s of distinct constants, dropped), then shuffles its two
    /// `v128` parameters, taking lanes from both and repeating one.
    fn shuffle_after_constants(consts: usize) -> String {
        let adds: String = (0..consts)
            .map(|k| format!("(drop (f64.add (local.get 2) (f64.const {k}.5)))"))
            .collect();
        format!(
            r#"(module (func (export "f") (param v128 v128 f64) (result v128)
                 {adds}
                 (i8x16.shuffle 31 0 17 2 19 4 21 6 23 8 25 10 27 12 29 16
                   (local.get 0) (local.get 1))))"#
        )
    }

    /// `f`'s opcodes, its number of constants, and its result for two
    /// vectors of distinct bytes.
    fn run(wat: &str) -> (Vec<Op>, usize, u128) {
        let mut config = Config::new();
        config.strategy(Strategy::Interpreter).wasm_simd(true);
        let engine = Engine::new(&config);
        let module = Module::new(&engine, wat::parse_str(wat).unwrap()).unwrap();
        let def = module
            .info
            .defined_func(module.find_func_index("f").unwrap())
            .unwrap();
        let code = &module.info.code[def];
        let ops = code.code().iter().map(|i| i.op).collect();
        let consts = code.consts.len();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let f = instance
            .get_typed_func::<(u128, u128, f64), u128>(&store, "f")
            .unwrap();
        let x = u128::from_le_bytes(core::array::from_fn(|k| k as u8));
        let y = u128::from_le_bytes(core::array::from_fn(|k| 0xf0 ^ k as u8));
        (ops, consts, f.call(&mut store, (x, y, 1.0)).unwrap())
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "translates functions of a thousand instructions: minutes under Miri"
    )]
    fn shuffle_indices_are_a_constant_pair_or_else_temporaries() {
        let expected = u128::from_le_bytes([
            0xff, 0, 0xf1, 2, 0xf3, 4, 0xf5, 6, 0xf7, 8, 0xf9, 10, 0xfb, 12, 0xfd, 0xf0,
        ]);
        // Constant slots to spare, and the last two: no instruction but the
        // shuffle and its data word.
        for consts in [0, 1022] {
            let (ops, slots, result) = run(&shuffle_after_constants(consts));
            assert_eq!(result, expected, "{consts} constants");
            assert_eq!(slots, consts + 2);
            assert!(
                ops.ends_with(&[Op::I8x16Shuffle, Op::Data, Op::ReturnSpan]),
                "{ops:?}"
            );
            assert!(!ops.contains(&Op::Const64), "{ops:?}");
        }
        // One constant slot left, or none: the indices are written to
        // temporaries first.
        for consts in [1023, 1024] {
            let (ops, slots, result) = run(&shuffle_after_constants(consts));
            assert_eq!(result, expected, "{consts} constants");
            assert_eq!(slots, consts);
            assert!(
                ops.ends_with(&[Op::I8x16Shuffle, Op::Data, Op::ReturnSpan]),
                "{ops:?}"
            );
            assert!(ops[ops.len() - 7..].contains(&Op::Const64));
        }
    }
}
