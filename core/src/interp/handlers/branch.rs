//! Fused compare-and-branch instructions.

// `!(x < y)` is deliberate: unlike `x >= y` it is true when either is NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use super::prelude::*;

br_cmp! {
    BrI32Eq: rd => |x, y| x as u32 == y as u32;
    BrI32Ne: rd => |x, y| x as u32 != y as u32;
    BrI32LtS: rd => |x, y| (x as i32) < y as i32;
    BrI32LtU: rd => |x, y| (x as u32) < y as u32;
    BrI32GtS: rd => |x, y| x as i32 > y as i32;
    BrI32GtU: rd => |x, y| x as u32 > y as u32;
    BrI32LeS: rd => |x, y| x as i32 <= y as i32;
    BrI32LeU: rd => |x, y| x as u32 <= y as u32;
    BrI32GeS: rd => |x, y| x as i32 >= y as i32;
    BrI32GeU: rd => |x, y| x as u32 >= y as u32;
    BrI64Eq: rd => |x, y| x == y;
    BrI64Ne: rd => |x, y| x != y;
    BrI64LtS: rd => |x, y| (x as i64) < y as i64;
    BrI64LtU: rd => |x, y| x < y;
    BrI64GtS: rd => |x, y| x as i64 > y as i64;
    BrI64GtU: rd => |x, y| x > y;
    BrI64LeS: rd => |x, y| x as i64 <= y as i64;
    BrI64LeU: rd => |x, y| x <= y;
    BrI64GeS: rd => |x, y| x as i64 >= y as i64;
    BrI64GeU: rd => |x, y| x >= y;
}

br_cmp_imm! {
    BrI32EqImm => |x, y| x as u32 == y as u32;
    BrI32NeImm => |x, y| x as u32 != y as u32;
    BrI32LtSImm => |x, y| (x as i32) < y as i32;
    BrI32LtUImm => |x, y| (x as u32) < y as u32;
    BrI32GtSImm => |x, y| x as i32 > y as i32;
    BrI32GtUImm => |x, y| x as u32 > y as u32;
    BrI32LeSImm => |x, y| x as i32 <= y as i32;
    BrI32LeUImm => |x, y| x as u32 <= y as u32;
    BrI32GeSImm => |x, y| x as i32 >= y as i32;
    BrI32GeUImm => |x, y| x as u32 >= y as u32;
    BrI64EqImm => |x, y| x == y;
    BrI64NeImm => |x, y| x != y;
    BrI64LtSImm => |x, y| (x as i64) < y as i64;
    BrI64LtUImm => |x, y| x < y;
    BrI64GtSImm => |x, y| x as i64 > y as i64;
    BrI64GtUImm => |x, y| x > y;
    BrI64LeSImm => |x, y| x as i64 <= y as i64;
    BrI64LeUImm => |x, y| x <= y;
    BrI64GeSImm => |x, y| x as i64 >= y as i64;
    BrI64GeUImm => |x, y| x >= y;
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
    BrF64Eq: rdf64 => |x, y| x == y;
    BrF64Ne: rdf64 => |x, y| x != y;
    BrF64Lt: rdf64 => |x, y| x < y;
    BrF64Gt: rdf64 => |x, y| x > y;
    BrF64Le: rdf64 => |x, y| x <= y;
    BrF64Ge: rdf64 => |x, y| x >= y;
    BrF64NotLt: rdf64 => |x, y| !(x < y);
    BrF64NotGt: rdf64 => |x, y| !(x > y);
    BrF64NotLe: rdf64 => |x, y| !(x <= y);
    BrF64NotGe: rdf64 => |x, y| !(x >= y);
}

br_cmp_acc! {
    BrF64EqA => |x, y| x == y;
    BrF64NeA => |x, y| x != y;
    BrF64LtA => |x, y| x < y;
    BrF64GtA => |x, y| x > y;
    BrF64LeA => |x, y| x <= y;
    BrF64GeA => |x, y| x >= y;
    BrF64NotLtA => |x, y| !(x < y);
    BrF64NotGtA => |x, y| !(x > y);
    BrF64NotLeA => |x, y| !(x <= y);
    BrF64NotGeA => |x, y| !(x >= y);
}
