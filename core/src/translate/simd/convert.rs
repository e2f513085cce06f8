//! Conversions between shapes: narrowing, extending, extending multiplies
//! and pairwise adds, float/integer conversions. Each operator is its own
//! opcode; all are unary or binary over `v128`s.

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
        W::I8x16NarrowI16x8S => t.v128_bin(O::I8x16NarrowI16x8S, false),
        W::I8x16NarrowI16x8U => t.v128_bin(O::I8x16NarrowI16x8U, false),
        W::I16x8NarrowI32x4S => t.v128_bin(O::I16x8NarrowI32x4S, false),
        W::I16x8NarrowI32x4U => t.v128_bin(O::I16x8NarrowI32x4U, false),
        W::I16x8ExtMulLowI8x16S => t.v128_bin(O::I16x8ExtMulLowI8x16S, false),
        W::I16x8ExtMulLowI8x16U => t.v128_bin(O::I16x8ExtMulLowI8x16U, false),
        W::I16x8ExtMulHighI8x16S => t.v128_bin(O::I16x8ExtMulHighI8x16S, false),
        W::I16x8ExtMulHighI8x16U => t.v128_bin(O::I16x8ExtMulHighI8x16U, false),
        W::I32x4ExtMulLowI16x8S => t.v128_bin(O::I32x4ExtMulLowI16x8S, false),
        W::I32x4ExtMulLowI16x8U => t.v128_bin(O::I32x4ExtMulLowI16x8U, false),
        W::I32x4ExtMulHighI16x8S => t.v128_bin(O::I32x4ExtMulHighI16x8S, false),
        W::I32x4ExtMulHighI16x8U => t.v128_bin(O::I32x4ExtMulHighI16x8U, false),
        W::I64x2ExtMulLowI32x4S => t.v128_bin(O::I64x2ExtMulLowI32x4S, false),
        W::I64x2ExtMulLowI32x4U => t.v128_bin(O::I64x2ExtMulLowI32x4U, false),
        W::I64x2ExtMulHighI32x4S => t.v128_bin(O::I64x2ExtMulHighI32x4S, false),
        W::I64x2ExtMulHighI32x4U => t.v128_bin(O::I64x2ExtMulHighI32x4U, false),
        W::I16x8ExtendLowI8x16S => t.v128_un(O::I16x8ExtendLowI8x16S),
        W::I16x8ExtendLowI8x16U => t.v128_un(O::I16x8ExtendLowI8x16U),
        W::I16x8ExtendHighI8x16S => t.v128_un(O::I16x8ExtendHighI8x16S),
        W::I16x8ExtendHighI8x16U => t.v128_un(O::I16x8ExtendHighI8x16U),
        W::I32x4ExtendLowI16x8S => t.v128_un(O::I32x4ExtendLowI16x8S),
        W::I32x4ExtendLowI16x8U => t.v128_un(O::I32x4ExtendLowI16x8U),
        W::I32x4ExtendHighI16x8S => t.v128_un(O::I32x4ExtendHighI16x8S),
        W::I32x4ExtendHighI16x8U => t.v128_un(O::I32x4ExtendHighI16x8U),
        W::I64x2ExtendLowI32x4S => t.v128_un(O::I64x2ExtendLowI32x4S),
        W::I64x2ExtendLowI32x4U => t.v128_un(O::I64x2ExtendLowI32x4U),
        W::I64x2ExtendHighI32x4S => t.v128_un(O::I64x2ExtendHighI32x4S),
        W::I64x2ExtendHighI32x4U => t.v128_un(O::I64x2ExtendHighI32x4U),
        W::I16x8ExtAddPairwiseI8x16S => t.v128_un(O::I16x8ExtAddPairwiseI8x16S),
        W::I16x8ExtAddPairwiseI8x16U => t.v128_un(O::I16x8ExtAddPairwiseI8x16U),
        W::I32x4ExtAddPairwiseI16x8S => t.v128_un(O::I32x4ExtAddPairwiseI16x8S),
        W::I32x4ExtAddPairwiseI16x8U => t.v128_un(O::I32x4ExtAddPairwiseI16x8U),
        W::I32x4TruncSatF32x4S => t.v128_un(O::I32x4TruncSatF32x4S),
        W::I32x4TruncSatF32x4U => t.v128_un(O::I32x4TruncSatF32x4U),
        W::F32x4ConvertI32x4S => t.v128_un(O::F32x4ConvertI32x4S),
        W::F32x4ConvertI32x4U => t.v128_un(O::F32x4ConvertI32x4U),
        W::I32x4TruncSatF64x2SZero => t.v128_un(O::I32x4TruncSatF64x2SZero),
        W::I32x4TruncSatF64x2UZero => t.v128_un(O::I32x4TruncSatF64x2UZero),
        W::F64x2ConvertLowI32x4S => t.v128_un(O::F64x2ConvertLowI32x4S),
        W::F64x2ConvertLowI32x4U => t.v128_un(O::F64x2ConvertLowI32x4U),
        W::F32x4DemoteF64x2Zero => t.v128_un(O::F32x4DemoteF64x2Zero),
        W::F64x2PromoteLowF32x4 => t.v128_un(O::F64x2PromoteLowF32x4),
        _ => return None,
    }
    Some(Ok(()))
}
