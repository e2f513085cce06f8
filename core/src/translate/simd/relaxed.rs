//! Relaxed SIMD: six operators with opcodes of their own, and fourteen
//! translated to the deterministic opcodes they equal in wisp's
//! deterministic profile (docs/architecture.md, "Relaxed SIMD").

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
        W::F32x4RelaxedMadd => t.v128_ternary(O::F32x4RelaxedMadd),
        W::F32x4RelaxedNmadd => t.v128_ternary(O::F32x4RelaxedNmadd),
        W::F64x2RelaxedMadd => t.v128_ternary(O::F64x2RelaxedMadd),
        W::F64x2RelaxedNmadd => t.v128_ternary(O::F64x2RelaxedNmadd),
        W::I16x8RelaxedDotI8x16I7x16S => t.v128_bin(O::I16x8RelaxedDotI8x16I7x16S, false),
        W::I32x4RelaxedDotI8x16I7x16AddS => t.v128_ternary(O::I32x4RelaxedDotI8x16I7x16AddS),
        // The operators that equal deterministic ones.
        W::I8x16RelaxedSwizzle => t.v128_bin(O::I8x16Swizzle, false),
        W::I32x4RelaxedTruncF32x4S => t.v128_un(O::I32x4TruncSatF32x4S),
        W::I32x4RelaxedTruncF32x4U => t.v128_un(O::I32x4TruncSatF32x4U),
        W::I32x4RelaxedTruncF64x2SZero => t.v128_un(O::I32x4TruncSatF64x2SZero),
        W::I32x4RelaxedTruncF64x2UZero => t.v128_un(O::I32x4TruncSatF64x2UZero),
        W::I8x16RelaxedLaneselect
        | W::I16x8RelaxedLaneselect
        | W::I32x4RelaxedLaneselect
        | W::I64x2RelaxedLaneselect => t.v128_ternary(O::V128Bitselect),
        W::F32x4RelaxedMin => t.v128_bin(O::F32x4Min, false),
        W::F32x4RelaxedMax => t.v128_bin(O::F32x4Max, false),
        W::F64x2RelaxedMin => t.v128_bin(O::F64x2Min, false),
        W::F64x2RelaxedMax => t.v128_bin(O::F64x2Max, false),
        W::I16x8RelaxedQ15mulrS => t.v128_bin(O::I16x8Q15MulrSatS, false),
        _ => return None,
    }
    Some(Ok(()))
}
