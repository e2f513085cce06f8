//! Splats, lane extraction and replacement; and the bitwise operators and
//! shifts of the first SIMD opcodes.

use super::super::FuncTranslator;
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
        W::I32x4Splat => splat(t, O::I32x4Splat),
        W::F32x4Splat => splat(t, O::I32x4Splat),
        W::I32x4ExtractLane { lane } => t.v128_to_scalar(O::I32x4ExtractLane, T::I32, lane),
        W::F32x4ExtractLane { lane } => t.v128_to_scalar(O::I32x4ExtractLane, T::F32, lane),
        W::I32x4ReplaceLane { lane } | W::F32x4ReplaceLane { lane } => {
            replace(t, O::I32x4ReplaceLane, lane)
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
