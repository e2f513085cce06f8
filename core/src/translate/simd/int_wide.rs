//! `i32x4` and `i64x2` arithmetic: one opcode per operator, unary, binary
//! or shifted by an `i32` count.

use super::super::FuncTranslator;
use crate::error::Error;
use crate::ir::Op;
use wasmparser::Operator as W;

/// Translates `op` if it is one of this family's.
pub(super) fn translate(
    t: &mut FuncTranslator<'_>,
    op: &W<'_>,
    _offset: usize,
) -> Option<Result<(), Error>> {
    use Op as O;
    match *op {
        W::I32x4Abs => t.v128_un(O::I32x4Abs),
        W::I32x4Neg => t.v128_un(O::I32x4Neg),
        W::I32x4ShrS => t.v128_shift(O::I32x4ShrS),
        W::I32x4ShrU => t.v128_shift(O::I32x4ShrU),
        W::I32x4Add => t.v128_bin(O::I32x4Add, false),
        W::I32x4Sub => t.v128_bin(O::I32x4Sub, false),
        W::I32x4Mul => t.v128_bin(O::I32x4Mul, false),
        W::I32x4MinS => t.v128_bin(O::I32x4MinS, false),
        W::I32x4MinU => t.v128_bin(O::I32x4MinU, false),
        W::I32x4MaxS => t.v128_bin(O::I32x4MaxS, false),
        W::I32x4MaxU => t.v128_bin(O::I32x4MaxU, false),
        W::I32x4DotI16x8S => t.v128_bin(O::I32x4DotI16x8S, false),
        W::I64x2Abs => t.v128_un(O::I64x2Abs),
        W::I64x2Neg => t.v128_un(O::I64x2Neg),
        W::I64x2Shl => t.v128_shift(O::I64x2Shl),
        W::I64x2ShrS => t.v128_shift(O::I64x2ShrS),
        W::I64x2ShrU => t.v128_shift(O::I64x2ShrU),
        W::I64x2Add => t.v128_bin(O::I64x2Add, false),
        W::I64x2Sub => t.v128_bin(O::I64x2Sub, false),
        W::I64x2Mul => t.v128_bin(O::I64x2Mul, false),
        _ => return None,
    }
    Some(Ok(()))
}
