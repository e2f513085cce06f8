//! Fused compare-and-branch instructions.

// `!(x < y)` is deliberate: unlike `x >= y` it is true when either is NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use super::prelude::*;

br_cmp! {
    BrI32Eq => |x, y| x as u32 == y as u32;
    BrI32Ne => |x, y| x as u32 != y as u32;
    BrI32LtS => |x, y| (x as i32) < y as i32;
    BrI32LtU => |x, y| (x as u32) < y as u32;
    BrI32GtS => |x, y| x as i32 > y as i32;
    BrI32GtU => |x, y| x as u32 > y as u32;
    BrI32LeS => |x, y| x as i32 <= y as i32;
    BrI32LeU => |x, y| x as u32 <= y as u32;
    BrI32GeS => |x, y| x as i32 >= y as i32;
    BrI32GeU => |x, y| x as u32 >= y as u32;
    BrI64Eq => |x, y| x == y;
    BrI64Ne => |x, y| x != y;
    BrI64LtS => |x, y| (x as i64) < y as i64;
    BrI64LtU => |x, y| x < y;
    BrI64GtS => |x, y| x as i64 > y as i64;
    BrI64GtU => |x, y| x > y;
    BrI64LeS => |x, y| x as i64 <= y as i64;
    BrI64LeU => |x, y| x <= y;
    BrI64GeS => |x, y| x as i64 >= y as i64;
    BrI64GeU => |x, y| x >= y;
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

/// Fused float compare-and-branch: `a`, `b` are slots, `c` the offset.
macro_rules! br_cmp_float {
    ($($name:ident: $rd:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len| {
            let $x = $rd(fp, i.a);
            let $y = $rd(fp, i.b);
            let off = if $e { i.c_i16() as isize } else { 1 };
            next!(ip.offset(off), fp, cx, mem, len)
        });
    )*};
}

br_cmp_float! {
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
