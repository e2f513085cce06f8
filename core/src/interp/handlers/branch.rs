//! Integer comparisons (as values and fused into branches) and the float
//! fused compare-and-branch instructions.

// `!(x < y)` is deliberate: unlike `x >= y` it is true when either is NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use super::prelude::*;

int_comparisons! {
    I32Eq I32EqImm BrI32Eq BrI32EqA BrI32EqImm BrI32EqImmA => |x, y| x as u32 == y as u32;
    I32Ne I32NeImm BrI32Ne BrI32NeA BrI32NeImm BrI32NeImmA => |x, y| x as u32 != y as u32;
    I32LtS I32LtSImm BrI32LtS BrI32LtSA BrI32LtSImm BrI32LtSImmA => |x, y| (x as i32) < y as i32;
    I32LtU I32LtUImm BrI32LtU BrI32LtUA BrI32LtUImm BrI32LtUImmA => |x, y| (x as u32) < y as u32;
    I32GtS I32GtSImm BrI32GtS BrI32GtSA BrI32GtSImm BrI32GtSImmA => |x, y| x as i32 > y as i32;
    I32GtU I32GtUImm BrI32GtU BrI32GtUA BrI32GtUImm BrI32GtUImmA => |x, y| x as u32 > y as u32;
    I32LeS I32LeSImm BrI32LeS BrI32LeSA BrI32LeSImm BrI32LeSImmA => |x, y| x as i32 <= y as i32;
    I32LeU I32LeUImm BrI32LeU BrI32LeUA BrI32LeUImm BrI32LeUImmA => |x, y| x as u32 <= y as u32;
    I32GeS I32GeSImm BrI32GeS BrI32GeSA BrI32GeSImm BrI32GeSImmA => |x, y| x as i32 >= y as i32;
    I32GeU I32GeUImm BrI32GeU BrI32GeUA BrI32GeUImm BrI32GeUImmA => |x, y| x as u32 >= y as u32;
    I64Eq I64EqImm BrI64Eq BrI64EqA BrI64EqImm BrI64EqImmA => |x, y| x == y;
    I64Ne I64NeImm BrI64Ne BrI64NeA BrI64NeImm BrI64NeImmA => |x, y| x != y;
    I64LtS I64LtSImm BrI64LtS BrI64LtSA BrI64LtSImm BrI64LtSImmA => |x, y| (x as i64) < y as i64;
    I64LtU I64LtUImm BrI64LtU BrI64LtUA BrI64LtUImm BrI64LtUImmA => |x, y| x < y;
    I64GtS I64GtSImm BrI64GtS BrI64GtSA BrI64GtSImm BrI64GtSImmA => |x, y| x as i64 > y as i64;
    I64GtU I64GtUImm BrI64GtU BrI64GtUA BrI64GtUImm BrI64GtUImmA => |x, y| x > y;
    I64LeS I64LeSImm BrI64LeS BrI64LeSA BrI64LeSImm BrI64LeSImmA => |x, y| x as i64 <= y as i64;
    I64LeU I64LeUImm BrI64LeU BrI64LeUA BrI64LeUImm BrI64LeUImmA => |x, y| x <= y;
    I64GeS I64GeSImm BrI64GeS BrI64GeSA BrI64GeSImm BrI64GeSImmA => |x, y| x as i64 >= y as i64;
    I64GeU I64GeUImm BrI64GeU BrI64GeUA BrI64GeUImm BrI64GeUImmA => |x, y| x >= y;
}

br_cmp! {
    BrF32Eq: rdf32 => |x, y| x == y;
    BrF32Ne: rdf32 => |x, y| x != y;
    BrF32Lt: rdf32 => |x, y| x < y;
    BrF32Gt: rdf32 => |x, y| x > y;
    BrF32Le: rdf32 => |x, y| x <= y;
    BrF32Ge: rdf32 => |x, y| x >= y;
    BrF32NotLt: rdf32 => |x, y| !(x < y);
    BrF32NotGt: rdf32 => |x, y| !(x > y);
    BrF32NotLe: rdf32 => |x, y| !(x <= y);
    BrF32NotGe: rdf32 => |x, y| !(x >= y);
}

f64_branches! {
    BrF64Eq BrF64EqA => |x, y| x == y;
    BrF64Ne BrF64NeA => |x, y| x != y;
    BrF64Lt BrF64LtA => |x, y| x < y;
    BrF64Gt BrF64GtA => |x, y| x > y;
    BrF64Le BrF64LeA => |x, y| x <= y;
    BrF64Ge BrF64GeA => |x, y| x >= y;
    BrF64NotLt BrF64NotLtA => |x, y| !(x < y);
    BrF64NotGt BrF64NotGtA => |x, y| !(x > y);
    BrF64NotLe BrF64NotLeA => |x, y| !(x <= y);
    BrF64NotGe BrF64NotGeA => |x, y| !(x >= y);
}
