//! `all_true`, `bitmask` and the integer comparisons. `gt` and `ge` are
//! `lt` and `le` with the operands exchanged.

use super::super::FuncTranslator;
use crate::error::Error;
use crate::ir::{Op, SlotType as T};
use wasmparser::Operator as W;

/// Translates `op` if it is one of this family's.
pub(super) fn translate(
    t: &mut FuncTranslator<'_>,
    op: &W<'_>,
    _offset: usize,
) -> Option<Result<(), Error>> {
    use Op as O;
    let (op, swap) = match *op {
        W::I8x16AllTrue => return test(t, O::I8x16AllTrue),
        W::I16x8AllTrue => return test(t, O::I16x8AllTrue),
        W::I32x4AllTrue => return test(t, O::I32x4AllTrue),
        W::I64x2AllTrue => return test(t, O::I64x2AllTrue),
        W::I8x16Bitmask => return test(t, O::I8x16Bitmask),
        W::I16x8Bitmask => return test(t, O::I16x8Bitmask),
        W::I32x4Bitmask => return test(t, O::I32x4Bitmask),
        W::I64x2Bitmask => return test(t, O::I64x2Bitmask),

        W::I8x16Eq => (O::I8x16Eq, false),
        W::I8x16Ne => (O::I8x16Ne, false),
        W::I8x16LtS => (O::I8x16LtS, false),
        W::I8x16LtU => (O::I8x16LtU, false),
        W::I8x16GtS => (O::I8x16LtS, true),
        W::I8x16GtU => (O::I8x16LtU, true),
        W::I8x16LeS => (O::I8x16LeS, false),
        W::I8x16LeU => (O::I8x16LeU, false),
        W::I8x16GeS => (O::I8x16LeS, true),
        W::I8x16GeU => (O::I8x16LeU, true),

        W::I16x8Eq => (O::I16x8Eq, false),
        W::I16x8Ne => (O::I16x8Ne, false),
        W::I16x8LtS => (O::I16x8LtS, false),
        W::I16x8LtU => (O::I16x8LtU, false),
        W::I16x8GtS => (O::I16x8LtS, true),
        W::I16x8GtU => (O::I16x8LtU, true),
        W::I16x8LeS => (O::I16x8LeS, false),
        W::I16x8LeU => (O::I16x8LeU, false),
        W::I16x8GeS => (O::I16x8LeS, true),
        W::I16x8GeU => (O::I16x8LeU, true),

        W::I32x4Eq => (O::I32x4Eq, false),
        W::I32x4Ne => (O::I32x4Ne, false),
        W::I32x4LtS => (O::I32x4LtS, false),
        W::I32x4LtU => (O::I32x4LtU, false),
        W::I32x4GtS => (O::I32x4LtS, true),
        W::I32x4GtU => (O::I32x4LtU, true),
        W::I32x4LeS => (O::I32x4LeS, false),
        W::I32x4LeU => (O::I32x4LeU, false),
        W::I32x4GeS => (O::I32x4LeS, true),
        W::I32x4GeU => (O::I32x4LeU, true),

        W::I64x2Eq => (O::I64x2Eq, false),
        W::I64x2Ne => (O::I64x2Ne, false),
        W::I64x2LtS => (O::I64x2LtS, false),
        W::I64x2GtS => (O::I64x2LtS, true),
        W::I64x2LeS => (O::I64x2LeS, false),
        W::I64x2GeS => (O::I64x2LeS, true),
        _ => return None,
    };
    t.v128_bin(op, swap);
    Some(Ok(()))
}

/// An `i32` computed from the `v128` on top of the stack.
fn test(t: &mut FuncTranslator<'_>, op: Op) -> Option<Result<(), Error>> {
    t.v128_to_scalar(op, T::I32, 0);
    Some(Ok(()))
}
