//! `f32x4` and `f64x2` arithmetic and comparisons: one opcode per operator,
//! except `gt` and `ge`, which are `lt` and `le` with the operands
//! exchanged (exact for NaN too: `a > b` is `b < a`).

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
        W::F32x4Eq => t.v128_bin(O::F32x4Eq, false),
        W::F32x4Ne => t.v128_bin(O::F32x4Ne, false),
        W::F32x4Lt => t.v128_bin(O::F32x4Lt, false),
        W::F32x4Gt => t.v128_bin(O::F32x4Lt, true),
        W::F32x4Le => t.v128_bin(O::F32x4Le, false),
        W::F32x4Ge => t.v128_bin(O::F32x4Le, true),
        W::F64x2Eq => t.v128_bin(O::F64x2Eq, false),
        W::F64x2Ne => t.v128_bin(O::F64x2Ne, false),
        W::F64x2Lt => t.v128_bin(O::F64x2Lt, false),
        W::F64x2Gt => t.v128_bin(O::F64x2Lt, true),
        W::F64x2Le => t.v128_bin(O::F64x2Le, false),
        W::F64x2Ge => t.v128_bin(O::F64x2Le, true),
        W::F32x4Ceil => t.v128_un(O::F32x4Ceil),
        W::F32x4Floor => t.v128_un(O::F32x4Floor),
        W::F32x4Trunc => t.v128_un(O::F32x4Trunc),
        W::F32x4Nearest => t.v128_un(O::F32x4Nearest),
        W::F32x4Abs => t.v128_un(O::F32x4Abs),
        W::F32x4Neg => t.v128_un(O::F32x4Neg),
        W::F32x4Sqrt => t.v128_un(O::F32x4Sqrt),
        W::F32x4Add => t.v128_bin(O::F32x4Add, false),
        W::F32x4Sub => t.v128_bin(O::F32x4Sub, false),
        W::F32x4Mul => t.v128_bin(O::F32x4Mul, false),
        W::F32x4Div => t.v128_bin(O::F32x4Div, false),
        W::F32x4Min => t.v128_bin(O::F32x4Min, false),
        W::F32x4Max => t.v128_bin(O::F32x4Max, false),
        W::F32x4PMin => t.v128_bin(O::F32x4PMin, false),
        W::F32x4PMax => t.v128_bin(O::F32x4PMax, false),
        W::F64x2Ceil => t.v128_un(O::F64x2Ceil),
        W::F64x2Floor => t.v128_un(O::F64x2Floor),
        W::F64x2Trunc => t.v128_un(O::F64x2Trunc),
        W::F64x2Nearest => t.v128_un(O::F64x2Nearest),
        W::F64x2Abs => t.v128_un(O::F64x2Abs),
        W::F64x2Neg => t.v128_un(O::F64x2Neg),
        W::F64x2Sqrt => t.v128_un(O::F64x2Sqrt),
        W::F64x2Add => t.v128_bin(O::F64x2Add, false),
        W::F64x2Sub => t.v128_bin(O::F64x2Sub, false),
        W::F64x2Mul => t.v128_bin(O::F64x2Mul, false),
        W::F64x2Div => t.v128_bin(O::F64x2Div, false),
        W::F64x2Min => t.v128_bin(O::F64x2Min, false),
        W::F64x2Max => t.v128_bin(O::F64x2Max, false),
        W::F64x2PMin => t.v128_bin(O::F64x2PMin, false),
        W::F64x2PMax => t.v128_bin(O::F64x2PMax, false),
        _ => return None,
    }
    Some(Ok(()))
}
