//! `i8x16` and `i16x8` arithmetic: one opcode per operator, unary, binary
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
        W::I8x16Abs => t.v128_un(O::I8x16Abs),
        W::I8x16Neg => t.v128_un(O::I8x16Neg),
        W::I8x16Popcnt => t.v128_un(O::I8x16Popcnt),
        W::I8x16Shl => t.v128_shift(O::I8x16Shl),
        W::I8x16ShrS => t.v128_shift(O::I8x16ShrS),
        W::I8x16ShrU => t.v128_shift(O::I8x16ShrU),
        W::I8x16Add => t.v128_bin(O::I8x16Add, false),
        W::I8x16AddSatS => t.v128_bin(O::I8x16AddSatS, false),
        W::I8x16AddSatU => t.v128_bin(O::I8x16AddSatU, false),
        W::I8x16Sub => t.v128_bin(O::I8x16Sub, false),
        W::I8x16SubSatS => t.v128_bin(O::I8x16SubSatS, false),
        W::I8x16SubSatU => t.v128_bin(O::I8x16SubSatU, false),
        W::I8x16MinS => t.v128_bin(O::I8x16MinS, false),
        W::I8x16MinU => t.v128_bin(O::I8x16MinU, false),
        W::I8x16MaxS => t.v128_bin(O::I8x16MaxS, false),
        W::I8x16MaxU => t.v128_bin(O::I8x16MaxU, false),
        W::I8x16AvgrU => t.v128_bin(O::I8x16AvgrU, false),
        W::I16x8Abs => t.v128_un(O::I16x8Abs),
        W::I16x8Neg => t.v128_un(O::I16x8Neg),
        W::I16x8Q15MulrSatS => t.v128_bin(O::I16x8Q15MulrSatS, false),
        W::I16x8Shl => t.v128_shift(O::I16x8Shl),
        W::I16x8ShrS => t.v128_shift(O::I16x8ShrS),
        W::I16x8ShrU => t.v128_shift(O::I16x8ShrU),
        W::I16x8Add => t.v128_bin(O::I16x8Add, false),
        W::I16x8AddSatS => t.v128_bin(O::I16x8AddSatS, false),
        W::I16x8AddSatU => t.v128_bin(O::I16x8AddSatU, false),
        W::I16x8Sub => t.v128_bin(O::I16x8Sub, false),
        W::I16x8SubSatS => t.v128_bin(O::I16x8SubSatS, false),
        W::I16x8SubSatU => t.v128_bin(O::I16x8SubSatU, false),
        W::I16x8Mul => t.v128_bin(O::I16x8Mul, false),
        W::I16x8MinS => t.v128_bin(O::I16x8MinS, false),
        W::I16x8MinU => t.v128_bin(O::I16x8MinU, false),
        W::I16x8MaxS => t.v128_bin(O::I16x8MaxS, false),
        W::I16x8MaxU => t.v128_bin(O::I16x8MaxU, false),
        W::I16x8AvgrU => t.v128_bin(O::I16x8AvgrU, false),
        _ => return None,
    }
    Some(Ok(()))
}
